import FieldVisitCore
import Foundation

/// The review queue: the records waiting for a manager (``ReviewStatus``), kept by the
/// storage as change sets arrive, in the same transaction as the records themselves,
/// so that reading a page costs what the page and its filters cost, not the number of
/// records stored.
public protocol ReviewQueueStorage: Sendable {
    /// The page of waiting records `query` asks for, oldest first: by the record's date
    /// (records without one, companies, first), then by the sequence number at which
    /// the record first arrived. Only records of `query.scope`'s branches, whatever
    /// else is asked; offset and limit are clamped to ``ReviewQueueQuery/maxOffset`` and ``ReviewQueueQuery/maxLimit``.
    func reviewQueue(_ query: ReviewQueueQuery) async throws -> ReviewQueuePage
    /// The registers of those of `keys` the server holds, for showing a page (its
    /// companies' names). Throws ``StorageError/invalid(_:)`` for more than
    /// ``ReviewQueueQuery/maxKeys`` keys.
    func records(_ keys: [EntityKey]) async throws -> [EntityKey: EntityState]
}

/// What a reader asks of the review queue: every filter narrows it.
public struct ReviewQueueQuery: Sendable, Hashable {
    /// The reader's branches: nothing outside them is ever returned or counted.
    public var scope: BranchScope
    /// Only records of this branch (nothing when it is outside `scope`).
    public var branch: String?
    /// Only records this staff member took (the record's `staff` set).
    public var staff: String?
    /// Only records of this type.
    public var type: RecordType?
    /// Only records dated on or after this day.
    public var from: CalendarDate?
    /// Only records dated on or before this day.
    public var to: CalendarDate?
    /// Only records waiting for this reason (among others).
    public var reason: ReviewReason?
    /// How many matching records to skip, clamped to `0...maxOffset`.
    public var offset: Int
    /// How many records a page holds at most, clamped to `1...maxLimit`.
    public var limit: Int

    /// The largest page a storage answers, whatever it is asked.
    public static let maxLimit = 200
    /// The largest offset a storage answers, whatever it is asked.
    public static let maxOffset = 1_000_000

    /// The most keys ``ReviewQueueStorage/records(_:)`` reads at once.
    public static let maxKeys = 200

    /// A query of `scope`, narrowed by whatever else is given.
    public init(scope: BranchScope, branch: String? = nil, staff: String? = nil, type: RecordType? = nil,
                from: CalendarDate? = nil, to: CalendarDate? = nil, reason: ReviewReason? = nil, offset: Int = 0, limit: Int = 50) {
        self.scope = scope
        self.branch = branch
        self.staff = staff
        self.type = type
        self.from = from
        self.to = to
        self.reason = reason
        self.offset = offset
        self.limit = limit
    }

    /// `offset` within its bounds.
    public var clampedOffset: Int { min(max(offset, 0), Self.maxOffset) }
    /// `limit` within its bounds.
    public var clampedLimit: Int { min(max(limit, 1), Self.maxLimit) }

    /// The branches the query may read: `nil` for every branch, empty when it can match
    /// nothing (no branch in scope, or a `branch` filter outside it).
    public var branches: Set<String>? {
        switch (scope, branch) {
        case (.all, nil): nil
        case (.all, let branch?): [branch]
        case (.branches(let codes), nil): codes
        case (.branches(let codes), let branch?): codes.contains(branch) ? [branch] : []
        }
    }
}

/// One record waiting for a manager, as the queue keeps it.
public struct ReviewQueueEntry: Sendable, Hashable {
    /// The record.
    public var key: EntityKey
    /// Its branch.
    public var branch: String
    /// The company it is about: itself for a company.
    public var companyID: RecordID?
    /// Its date (`YYYY-MM-DD`); `nil` for a type without one.
    public var date: String?
    /// The staff who took it.
    public var staff: [String]
    /// Its review state (`draft` when it has none).
    public var reviewState: String
    /// The content fields changed since its approval (empty when none).
    public var changedSinceApproval: [String]
    /// The fields holding concurrent values.
    public var conflicts: [String]
    /// Whether it was edited while deleted, or deleted and restored at once.
    public var deletionConflict: Bool
    /// Why it waits, in ``ReviewReason`` order; never empty.
    public var reasons: [ReviewReason]
    /// The sequence number at which the record first arrived.
    public var createdSeq: Int64
    /// The sequence number of the last change set that changed it.
    public var updatedSeq: Int64

    /// An entry of the queue.
    public init(key: EntityKey, branch: String, companyID: RecordID?, date: String?, staff: [String], reviewState: String,
                changedSinceApproval: [String], conflicts: [String], deletionConflict: Bool, reasons: [ReviewReason],
                createdSeq: Int64, updatedSeq: Int64) {
        self.key = key
        self.branch = branch
        self.companyID = companyID
        self.date = date
        self.staff = staff
        self.reviewState = reviewState
        self.changedSinceApproval = changedSinceApproval
        self.conflicts = conflicts
        self.deletionConflict = deletionConflict
        self.reasons = reasons
        self.createdSeq = createdSeq
        self.updatedSeq = updatedSeq
    }
}

/// A page of the review queue, with what the console's filters show.
public struct ReviewQueuePage: Sendable, Hashable {
    /// The page's records, oldest first.
    public var entries: [ReviewQueueEntry]
    /// How many records match every filter of the query.
    public var total: Int
    /// How many records wait for each reason, matching every filter but `reason`
    /// (a record waiting for two reasons counts under both); every reason is present.
    public var counts: [ReviewReason: Int]

    /// A page of the queue.
    public init(entries: [ReviewQueueEntry], total: Int, counts: [ReviewReason: Int]) {
        self.entries = entries
        self.total = total
        self.counts = counts
    }
}

/// A row of the queue table as a push or a migration writes it: what the backends
/// keep of a waiting record, from its ``ReviewStatus``.
struct ReviewQueueRow {
    var key: EntityKey
    var branch: String
    var status: ReviewStatus
    var createdSeq: Int64
    var updatedSeq: Int64

    /// The column of `review_item` flagging `reason`, on every backend.
    static func column(of reason: ReviewReason) -> String {
        switch reason {
        case .submitted: "submitted"
        case .changed: "changed"
        case .conflict: "conflict"
        case .deleted: "deletion_conflict"
        }
    }

    /// The staff as the JSON array SQLite keeps.
    var staffJSON: String { Self.json(status.staff) }
    /// The fields changed since approval as a JSON array.
    var changedJSON: String { Self.json(status.isChangedSinceApproval ? status.changedSinceApproval ?? [] : []) }
    /// The fields in conflict as a JSON array.
    var conflictsJSON: String { Self.json(status.conflicts) }

    static func json(_ strings: [String]) -> String {
        // Encoding names cannot fail; an empty list would only hide a name, never add one.
        String(decoding: (try? CanonicalJSON.encode(strings)) ?? Data("[]".utf8), as: UTF8.self)
    }

    /// Reads a JSON array of strings kept by ``json(_:)``.
    static func strings(_ json: String, column: String) throws -> [String] {
        do {
            return try CanonicalJSON.decode([String].self, from: Data(json.utf8))
        } catch {
            throw StorageError.damaged(path: "review_item", detail: "its \(column) is not a JSON list of names")
        }
    }
}
