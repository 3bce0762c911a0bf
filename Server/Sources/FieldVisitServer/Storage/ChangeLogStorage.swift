import FieldVisitCore
import FieldVisitProtocol
import Foundation

/// The change-set log, numbered by a sequence that only grows, and the register state
/// of every record it has built.
///
/// A push is one transaction: each accepted change set is stored whole with the
/// records it changes, nothing of a refused one, and nothing at all when the push is
/// refused whole. Sequence numbers become visible in order: a pull never sees a number
/// while a lower one may still appear (ARCHITECTURE.md, "Ordering of a shared log").
public protocol ChangeLogStorage: Sendable {
    /// Stores change sets whose content ``ChangeAdmission/checkContent(_:)`` accepted:
    /// duplicates, missing dependencies and branches are judged here, one result each,
    /// in order. Throws ``StorageError/pushForbidden(reason:)``, with nothing stored,
    /// when a change set writes outside the caller's branches or role.
    ///
    /// - Parameter canonicalBodies: empty, or one entry per change set: its canonical
    ///   JSON as received (`nil` when it came in another form), stored as it is instead
    ///   of being encoded again.
    func push(_ changes: [ChangeSet], canonicalBodies: [Data?], admission: ChangeAdmission, now: Date) async throws -> PushOutcome
    /// The change sets after `cursor` that `scope` may see, at most `limit` and at most
    /// ``SyncLimits/maxPageBytes`` of them, as stored.
    func pull(after cursor: Int64, limit: Int, scope: BranchScope) async throws -> LogPage
    /// The registers of every record `scope` may see, as one consistent view read page
    /// by page, so that no snapshot sits in memory whole however many records it holds.
    func openSnapshot(scope: BranchScope) async throws -> any SnapshotReading
    /// A record's registers.
    func state(of key: EntityKey) async throws -> EntityState?
    /// The branch a record belongs to (its company's), or `nil` for a record not held.
    func branch(of key: EntityKey) async throws -> String?
    /// Every record holding a conflict.
    func conflicts() async throws -> [Conflict]
    /// The number of change sets in the log.
    func logCount() async throws -> Int
    /// The counter of `replica`'s last change set in the log, 0 when it has none.
    func lastCounter(of replica: ReplicaID) async throws -> UInt64
    /// Where the change sets of `dots` came from (the device and when it arrived), for
    /// those in the log; at most ``ChangeOrigin/maxLookup`` dots are looked up.
    func origins(of dots: [Dot]) async throws -> [Dot: ChangeOrigin]
}

/// Where a change set came from: shown beside a competing value.
public struct ChangeOrigin: Sendable, Hashable {
    /// The name of the device that pushed it (or its id, when the device is gone).
    public var device: String
    /// When the server received it.
    public var receivedAt: Date

    /// The most dots one lookup reads.
    public static let maxLookup = 200
}

/// A snapshot being read: one consistent view of the records, whatever is pushed
/// meanwhile, handed out a page at a time.
public protocol SnapshotReading: Sendable {
    /// The sequence number the records are current at: pull after it to continue.
    var cursor: Int64 { get }
    /// The number of records in all.
    var count: Int { get }
    /// The next records in key order, at most `limit`; `nil` after the last.
    func nextPage(limit: Int) async throws -> [Snapshot.Record]?
}

extension ChangeLogStorage {
    /// The whole snapshot at once, for what needs every record in memory anyway.
    public func snapshot(scope: BranchScope) async throws -> Snapshot {
        let reader = try await openSnapshot(scope: scope)
        var records: [Snapshot.Record] = []
        records.reserveCapacity(reader.count)
        while let page = try await reader.nextPage(limit: 1_000) { records += page }
        return Snapshot(records: records, cursor: reader.cursor)
    }

    /// Stores change sets, encoding each one: ``push(_:canonicalBodies:admission:now:)``
    /// without bodies received.
    public func push(_ changes: [ChangeSet], admission: ChangeAdmission, now: Date) async throws -> PushOutcome {
        try await push(changes, canonicalBodies: [], admission: admission, now: now)
    }
}

/// The results of a push, with what the metrics count.
public struct PushOutcome: Sendable {
    /// One per change set, in order.
    public var results: [PushResult]
    /// Records that gained a conflict.
    public var newConflicts: Int
}

/// A page of the log as stored: what a pull page is written from (``PullPage``).
public struct LogPage: Sendable {
    /// The change sets' canonical JSON, in sequence order.
    public var bodies: [Data]
    /// Where the next pull continues.
    public var cursor: Int64
    /// Whether more change sets wait after this page.
    public var more: Bool

    /// The pull page's JSON: the stored bytes, as they are.
    public var json: Data { PullPage.encoded(canonicalBodies: bodies, cursor: cursor, more: more) }
}
