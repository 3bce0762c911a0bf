import Foundation
import Logging
import PostgresNIO

/// The audit trail in PostgreSQL: the same hash chain as SQLite's, appended by
/// ``PostgresAuditBatch`` under a lock that servers sharing the database take in turn.
extension PostgresStorage: AuditStorage {
    public func audit(_ event: AuditEvent) async throws {
        var batch = PostgresAuditBatch()
        batch.append(event)
        _ = try await transaction { [batch] connection in try await batch.write(on: connection, logger: logger) }
    }

    public func auditTrail(since: Date, user: String?) async throws -> [AuditEvent] {
        // As the batch recorded it.
        let user = user.map(StoredText.replacingNUL)
        return try await withConnection { connection in
            let query: PostgresQuery = """
                SELECT seq, at, event, account, device, address, detail FROM audit
                WHERE at >= \(StoredTime.millis(since)) AND (\(user)::text IS NULL OR account = \(user)) ORDER BY seq
                """
            var events: [AuditEvent] = []
            for try await row in try await connection.send(query, logger: logger) { events.append(try Self.auditEvent(row)) }
            return events
        }
    }

    public func verifyAudit(upTo last: Int64) async throws -> AuditChain.Verdict {
        try await withConnection { connection in
            let rows = try await connection.send("""
                SELECT seq, at, event, account, device, address, detail, hash FROM audit WHERE seq <= \(last) ORDER BY seq
                """, logger: logger)
            var entries: [(event: AuditEvent, hash: Data?)] = []
            for try await row in rows { entries.append((try Self.auditEvent(row), try row.makeRandomAccess()[7].decode(Data?.self))) }
            return AuditChain.verify(entries)
        }
    }

    /// An audit entry from a row of `seq, at, event, account, device, address, detail`.
    static func auditEvent(_ row: PostgresRow) throws -> AuditEvent {
        let (sequence, at, kind, user, device, address, detail) = try row.decode((Int64, Int64, String, String?, String?, String?, String).self)
        guard let known = AuditEvent.Kind(rawValue: kind) else { throw StorageError.unknownAuditEvent(sequence: sequence, kind: kind) }
        return AuditEvent(sequence: sequence, time: StoredTime.date(at), kind: known, user: user, device: device, address: address, detail: detail)
    }
}
