import FieldVisitCore
import FieldVisitProtocol
import Foundation
import GRDB

/// Narrows the review queue.
public struct ReviewFilter: Sendable, Hashable {
    /// Only records of companies of this branch.
    public var branch: String?
    /// Only records this staff member took (the `staff` set).
    public var staff: String?
    /// Only this record type.
    public var type: RecordType?
    /// Only records dated on or after this day.
    public var from: CalendarDate?
    /// Only records dated on or before this day.
    public var to: CalendarDate?

    public init(branch: String? = nil, staff: String? = nil, type: RecordType? = nil, from: CalendarDate? = nil, to: CalendarDate? = nil) {
        self.branch = branch
        self.staff = staff
        self.type = type
        self.from = from
        self.to = to
    }
}

/// One record waiting for a manager, with why it waits.
public struct ReviewItem: Sendable, Hashable, Codable {
    public var type: RecordType
    public var id: RecordID
    public var companyID: RecordID?
    public var companyName: String?
    public var branch: String?
    public var date: String?
    public var staff: [String]
    public var reviewState: String
    /// Handed in and waiting for approval or return.
    public var submitted: Bool
    /// Content fields changed after the approval (empty when none).
    public var changedSinceApproval: [String]
    /// Fields in conflict (concurrent values, or edited while deleted).
    public var conflicts: [String]
    /// Whether the record has a conflict that names no field (deleted and restored at once).
    public var deletionConflict: Bool

    public var key: EntityKey { EntityKey(type, id) }

    /// The reasons in Japanese, with field labels: 提出済み / 承認後に変更: … / 競合: ….
    public func reasons(schema: Schema) -> [String] {
        let record = schema.records[type]
        let labels = { (fields: [String]) in fields.map { record?.spec(for: $0)?.label ?? $0 }.joined(separator: "、") }
        var reasons: [String] = []
        if submitted { reasons.append(ReviewState.submitted.japaneseLabel) }
        if !changedSinceApproval.isEmpty { reasons.append("承認後に変更: " + labels(changedSinceApproval)) }
        if !conflicts.isEmpty { reasons.append("競合: " + labels(conflicts)) }
        if deletionConflict { reasons.append("競合: 削除と復元") }
        return reasons
    }
}

extension LocalStore {
    /// The branches whose records this laptop's reviewer sees: the logged-in user's
    /// branches, or `nil` (every record) when not logged in or logged in as an
    /// administrator.
    public func reviewScope() throws -> [String]? {
        guard let login = try loginSettings(), login.role != .admin else { return nil }
        return login.branches
    }

    /// Refuses when the logged-in user is field staff. A laptop not logged in (an
    /// office laptop on its own) may review; the server enforces roles on sync anyway.
    public func requireReviewer() throws {
        if let login = try loginSettings(), login.role == .field { throw ReviewError.notAReviewer(user: login.user) }
    }

    /// The records waiting for a manager, oldest first (by record date, then creation):
    /// submitted ones, approved ones changed since, and any with conflicts (companies
    /// included). Only records of `scope`'s branches, when given.
    public func reviewQueue(_ filter: ReviewFilter = ReviewFilter(), scope: [String]?) throws -> [ReviewItem] {
        var clause = """
            (v.type IN (SELECT value FROM json_each(?)) AND v.deleted = 0
                AND (v.review_state = 'submitted' OR (v.changed_since_approval IS NOT NULL AND v.changed_since_approval <> '[]')))
            OR v.conflicts > 0
            """
        clause = "(\(clause))"
        var arguments: StatementArguments = [try RecordRegisters.json(schema.reviewedTypes.map(\.rawValue))]
        if let type = filter.type { clause += " AND v.type = ?"; arguments += [type.rawValue] }
        if let from = filter.from { clause += " AND v.date >= ?"; arguments += [from.description] }
        if let to = filter.to { clause += " AND v.date <= ?"; arguments += [to.description] }
        if let staff = filter.staff {
            clause += " AND EXISTS (SELECT 1 FROM json_each(v.set_values, '$.staff') WHERE value = ?)"
            arguments += [staff]
        }
        if let branch = filter.branch { clause += " AND json_extract(c.field_values, '$.branch') = ?"; arguments += [branch] }
        if let scope {
            clause += " AND json_extract(c.field_values, '$.branch') IN (SELECT value FROM json_each(?))"
            arguments += [try RecordRegisters.json(scope)]
        }
        let sql = """
            SELECT v.type, v.id, v.company_id, c.name, json_extract(c.field_values, '$.branch'), v.date,
                   json_extract(v.set_values, '$.staff'), coalesce(v.review_state, 'draft'), v.changed_since_approval, v.conflicts
            FROM record_view v LEFT JOIN record_view c ON c.type = 'company' AND c.id = v.company_id
            WHERE \(clause) ORDER BY v.date, v.created_seq
            """
        let queryArguments = arguments
        let rows: [(item: ReviewItem, conflicts: Int)] = try read { db in
            try Row.fetchAll(db, sql: sql, arguments: queryArguments).map { row in
                let changed: String? = row[8]
                let staff: String? = row[6]
                let item = ReviewItem(
                    type: RecordType(rawValue: row[0]), id: RecordID(rawValue: row[1]),
                    companyID: (row[2] as String?).map(RecordID.init(rawValue:)), companyName: row[3], branch: row[4],
                    date: row[5], staff: try staff.map { try CanonicalJSON.decode([String].self, from: Data($0.utf8)) } ?? [],
                    reviewState: row[7], submitted: (row[7] as String) == ReviewState.submitted.rawValue,
                    changedSinceApproval: try changed.map { try CanonicalJSON.decode([String].self, from: Data($0.utf8)) } ?? [],
                    conflicts: [], deletionConflict: false
                )
                return (item, row[9] as Int)
            }
        }
        return try rows.map { row in
            var item = row.item
            let key = item.key
            if row.conflicts > 0, let state = try state(of: key) {
                let review = try ReviewStatus(key, state: state, schema: schema)
                item.conflicts = review.conflicts + review.fieldsEditedWhileDeleted.filter { !review.conflicts.contains($0) }
                item.deletionConflict = review.deletedAndRestored
            }
            return item
        }
    }

    /// The record of one of `types` whose id is `prefix` or starts with it.
    public func resolveRecord(_ prefix: String, among types: [RecordType]) throws -> EntityKey {
        var found: [EntityKey] = []
        for type in types {
            do {
                found.append(EntityKey(type, try resolve(prefix, type: type)))
            } catch StoreError.recordNotFound {
                continue
            } catch StoreError.ambiguousPrefix(_, _, let candidates) {
                found += candidates.map { EntityKey(type, RecordID(rawValue: $0)) }
            }
        }
        switch found.count {
        case 0: throw StoreError.recordNotFound(type: types.count == 1 ? types[0].rawValue : "record", id: prefix)
        case 1: return found[0]
        default: throw StoreError.ambiguousPrefix(type: "record", prefix: prefix, candidates: found.map(\.description))
        }
    }
}

extension LocalStore {
    /// Records returned for correction that concern this laptop's user (they attended,
    /// or wrote any of it), oldest first.
    public func returnedToUser() throws -> [EntityKey] {
        try read { db in
            var rows = recordRegisters(db)
            return try Row.fetchAll(db, sql: "SELECT type, id FROM record_view WHERE deleted = 0 AND review_state = 'returned' ORDER BY date, created_seq")
                .map { EntityKey(RecordType(rawValue: $0[0]), RecordID(rawValue: $0[1])) }
                .filter { key in try rows.load(key).map { try concernsUser($0, in: db) } ?? false }
        }
    }
}
