import FieldVisitCore
import FieldVisitProtocol
import FieldVisitSQLite
import Foundation
import GRDB

/// The audit trail in SQLite.
extension SQLiteStorage: AuditStorage {
    public func audit(_ event: AuditEvent) async throws {
        try await pool.write { db in try Self.insert(event, in: db) }
    }

    static func insert(_ event: AuditEvent, in db: Database) throws {
        var chain = try AuditHead(db)
        try chain.append(event)
    }

    /// The last entry of the audit trail, which the next one is chained to; appending
    /// moves it on, so a push appending many entries reads it once.
    struct AuditHead {
        var sequence: Int64
        var hash: Data
        private let insert: Statement

        init(_ db: Database) throws {
            let last = try Row.fetchOne(db.cachedStatement(sql: "SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1"))
            sequence = last?[0] ?? 0
            hash = last?[1] ?? AuditChain.genesis
            insert = try db.cachedStatement(sql: "INSERT INTO audit (seq, at, event, account, device, address, detail, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
        }

        mutating func append(_ event: AuditEvent) throws {
            // As recorded: text that reads back whole, or the chain would break on it.
            var event = event.storable
            event.sequence = sequence + 1
            let hash = AuditChain.hash(event, previous: hash)
            try insert.execute(binding: .integer(event.sequence), .integer(StoredTime.millis(event.time)), .text(event.kind.rawValue), .text(event.user),
                         .text(event.device), .text(event.address), .text(event.detail), .blob(hash))
            sequence = event.sequence
            self.hash = hash
        }
    }

    /// An audit entry from a row of `seq, at, event, account, device, address, detail`.
    static func auditEvent(_ row: Row) throws(StorageError) -> AuditEvent {
        let kind: String = row[2]
        guard let known = AuditEvent.Kind(rawValue: kind) else { throw StorageError.unknownAuditEvent(sequence: row[0], kind: kind) }
        return AuditEvent(sequence: row[0], time: StoredTime.date(row[1]), kind: known, user: row[3], device: row[4], address: row[5], detail: row[6])
    }

    public func verifyAudit(upTo last: Int64) async throws -> AuditChain.Verdict {
        try await pool.read { db in
            let rows = try Row.fetchCursor(db, sql: "SELECT seq, at, event, account, device, address, detail, hash FROM audit WHERE seq <= ? ORDER BY seq",
                                           arguments: [last])
            var entries: [(event: AuditEvent, hash: Data?)] = []
            while let row = try rows.next() { entries.append((try Self.auditEvent(row), row[7])) }
            return AuditChain.verify(entries)
        }
    }

    public func auditTrail(since: Date, user: String?) async throws -> [AuditEvent] {
        try await pool.read { db in
            var sql = "SELECT seq, at, event, account, device, address, detail FROM audit WHERE at >= ?"
            var arguments: StatementArguments = [StoredTime.millis(since)]
            if let user {
                sql += " AND account = ?"
                arguments += [StoredText.replacingNUL(user)]
            }
            return try Row.fetchAll(db, sql: sql + " ORDER BY seq", arguments: arguments).map { try Self.auditEvent($0) }
        }
    }
}
