import FieldVisitCore
import FieldVisitSQLite
import Foundation
import GRDB

/// The review queue in SQLite: the `review_item` table, a row per waiting record,
/// written by pushes (``SQLiteLogTransaction``) and read here.
extension SQLiteStorage: ReviewQueueStorage {
    public func reviewQueue(_ query: ReviewQueueQuery) async throws -> ReviewQueuePage {
        let empty = ReviewQueuePage(entries: [], total: 0, counts: Dictionary(uniqueKeysWithValues: ReviewReason.allCases.map { ($0, 0) }))
        let branches = query.branches
        if branches?.isEmpty == true { return empty }
        // Every filter but the reason: what the counts read.
        var clauses: [String] = []
        var arguments: StatementArguments = []
        if let branches {
            clauses.append("branch IN (SELECT value FROM json_each(?))")
            arguments += [ReviewQueueRow.json(branches.sorted())]
        }
        if let type = query.type { clauses.append("type = ?"); arguments += [type.rawValue] }
        if let from = query.from { clauses.append("date >= ?"); arguments += [from.description] }
        if let to = query.to { clauses.append("date <= ?"); arguments += [to.description] }
        if let staff = query.staff { clauses.append("EXISTS (SELECT 1 FROM json_each(staff) WHERE value = ?)"); arguments += [staff] }
        let filter = clauses.isEmpty ? "1" : clauses.joined(separator: " AND ")
        let reasonFilter = query.reason.map { " AND \(ReviewQueueRow.column(of: $0)) = 1" } ?? ""
        let (limit, offset) = (query.clampedLimit, query.clampedOffset)
        let filterArguments = arguments
        return try await pool.read { db in
            guard let row = try Row.fetchOne(db, sql: """
                SELECT count(*), total(submitted), total(changed), total(conflict), total(deletion_conflict) FROM review_item WHERE \(filter)
                """, arguments: filterArguments) else { return empty }
            var counts: [ReviewReason: Int] = [:]
            for (index, reason) in ReviewReason.allCases.enumerated() { counts[reason] = Int(row[index + 1] as Double) }
            let total = query.reason.map { counts[$0] ?? 0 } ?? (row[0] as Int)
            let entries = try Row.fetchAll(db, sql: """
                SELECT type, id, branch, company_id, date, staff, review_state, submitted, changed, conflict, deletion_conflict,
                       changed_fields, conflict_fields, created_seq, updated_seq
                FROM review_item WHERE \(filter)\(reasonFilter) ORDER BY date, created_seq, type, id LIMIT ? OFFSET ?
                """, arguments: filterArguments + [limit, offset]).map(Self.reviewQueueEntry)
            return ReviewQueuePage(entries: entries, total: total, counts: counts)
        }
    }

    public func records(_ keys: [EntityKey]) async throws -> [EntityKey: EntityState] {
        guard keys.count <= ReviewQueueQuery.maxKeys else {
            throw StorageError.invalid(StorageMessage.tooManyKeys.localized(["max": "\(ReviewQueueQuery.maxKeys)", "count": "\(keys.count)"]))
        }
        return try await pool.read { db in
            let numbers = try ReplicaNumbers(readingAll: db)
            let select = try db.cachedStatement(sql: "SELECT state FROM record WHERE type = ? AND id = ?")
            var found: [EntityKey: EntityState] = [:]
            for key in Set(keys) {
                if let state = try select.firstRow(binding: .text(key.type.rawValue), .text(key.id.rawValue), read: { $0.blob(0) }) {
                    found[key] = try numbers.unpack(state)
                }
            }
            return found
        }
    }

    /// An entry from a row of `review_item`, its columns in the order `reviewQueue` selects them.
    private static func reviewQueueEntry(_ row: Row) throws -> ReviewQueueEntry {
        var reasons: [ReviewReason] = []
        for (index, reason) in ReviewReason.allCases.enumerated() where row[7 + index] as Bool { reasons.append(reason) }
        return ReviewQueueEntry(
            key: EntityKey(RecordType(rawValue: row[0]), RecordID(rawValue: row[1])), branch: row[2],
            companyID: (row[3] as String?).map(RecordID.init(rawValue:)), date: row[4],
            staff: try ReviewQueueRow.strings(row[5], column: "staff"), reviewState: row[6],
            changedSinceApproval: try ReviewQueueRow.strings(row[11], column: "changed_fields"),
            conflicts: try ReviewQueueRow.strings(row[12], column: "conflict_fields"),
            deletionConflict: row[10], reasons: reasons, createdSeq: row[13], updatedSeq: row[14]
        )
    }
}

/// Writes and removes rows of `review_item` in a transaction: a push's, or the
/// migration's that fills the table from the records stored before it.
struct SQLiteReviewQueueWriter {
    private let upsert: Statement
    private let delete: Statement

    init(_ db: Database) throws {
        upsert = try db.cachedStatement(sql: """
            INSERT INTO review_item (type, id, branch, company_id, date, staff, review_state, submitted, changed, conflict, deletion_conflict,
                                     changed_fields, conflict_fields, created_seq, updated_seq)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (type, id) DO UPDATE SET branch = excluded.branch, company_id = excluded.company_id, date = excluded.date,
                staff = excluded.staff, review_state = excluded.review_state, submitted = excluded.submitted, changed = excluded.changed,
                conflict = excluded.conflict, deletion_conflict = excluded.deletion_conflict, changed_fields = excluded.changed_fields,
                conflict_fields = excluded.conflict_fields, updated_seq = excluded.updated_seq
            """)
        delete = try db.cachedStatement(sql: "DELETE FROM review_item WHERE type = ? AND id = ?")
    }

    /// Writes `row` for `key`, or removes the key's row when it is `nil` (the record
    /// does not wait).
    func write(_ key: EntityKey, row: ReviewQueueRow?) throws {
        guard let row else {
            try delete.execute(binding: .text(key.type.rawValue), .text(key.id.rawValue))
            return
        }
        let status = row.status
        try upsert.execute(binding: [
            .text(key.type.rawValue), .text(key.id.rawValue), .text(row.branch), .text(status.companyID?.rawValue), .text(status.date),
            .text(row.staffJSON), .text(status.shownReviewState), .bool(status.isSubmitted), .bool(status.isChangedSinceApproval),
            .bool(!status.conflicts.isEmpty), .bool(status.deletionConflict), .text(row.changedJSON), .text(row.conflictsJSON),
            .integer(row.createdSeq), .integer(row.updatedSeq),
        ])
    }

    /// Fills the queue from every record stored: the migration that adds the table.
    static func fill(_ db: Database, schema: Schema) throws {
        let numbers = try ReplicaNumbers(readingAll: db)
        let writer = try SQLiteReviewQueueWriter(db)
        let rows = try Row.fetchCursor(db, sql: "SELECT type, id, branch, state, created_seq, updated_seq FROM record")
        while let row = try rows.next() {
            let key = EntityKey(RecordType(rawValue: row[0]), RecordID(rawValue: row[1]))
            // A type this server does not know cannot be reviewed here.
            guard let record = schema.records[key.type] else { continue }
            let status = ReviewStatus(key, state: try numbers.unpack(row[3]), record: record)
            guard status.isWaiting else { continue }
            try writer.write(key, row: ReviewQueueRow(key: key, branch: row[2], status: status, createdSeq: row[4], updatedSeq: row[5]))
        }
    }
}
