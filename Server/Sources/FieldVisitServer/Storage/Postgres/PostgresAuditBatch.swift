import Foundation
import Logging
import PostgresNIO

/// Audit entries gathered during a transaction and appended at its end, chained to the
/// trail's head (``AuditChain``) in one statement per thousand entries.
///
/// A push appends its entries with it, in its own transaction on its own connection:
/// gather them with ``append(_:)`` as change sets are accepted, then call
/// ``write(on:logger:)`` last, just before committing. Writing takes
/// ``PostgresAdvisoryLock/audit`` until the transaction ends, then reads the head, so
/// that servers sharing the database append one after the other and the chain never
/// forks; taken last, the lock is held only for the insert and the commit, and after
/// any lock the caller took first, always in that order.
struct PostgresAuditBatch: Sendable {
    /// The entries gathered, in order; their sequence numbers are given on writing.
    private(set) var events: [AuditEvent] = []

    /// Nothing gathered yet.
    init() {}

    /// Gathers `event`, to be written by ``write(on:logger:)``, as it is recorded
    /// (``AuditEvent/storable``).
    mutating func append(_ event: AuditEvent) {
        events.append(event.storable)
    }

    /// Rows per INSERT: eight values each, under PostgreSQL's 65,535 bound values.
    static let rowsPerStatement = 1_000

    /// Appends the gathered entries to the trail. Call it inside a transaction (the lock
    /// it takes ends with it), at most once. Returns the entries as written, with their
    /// sequence numbers.
    @discardableResult
    func write(on connection: PostgresConnection, logger: Logger) async throws -> [AuditEvent] {
        guard !events.isEmpty else { return [] }
        try await PostgresAdvisoryLock.audit.lockForTransaction(on: connection, logger: logger)
        var sequence: Int64 = 0
        var previous = AuditChain.genesis
        let head = try await connection.send("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1", logger: logger)
        for try await (seq, hash) in head.decode((Int64, Data?).self) {
            sequence = seq
            // A last row without a hash was written around the server: chained from the
            // start, as SQLite's head does, and `verify` names that row.
            previous = hash ?? AuditChain.genesis
        }
        var written: [AuditEvent] = []
        written.reserveCapacity(events.count)
        var start = events.startIndex
        while start < events.endIndex {
            let end = min(start + Self.rowsPerStatement, events.endIndex)
            var sql = "INSERT INTO audit (seq, at, event, account, device, address, detail, hash) VALUES "
            var bindings = PostgresBindings(capacity: (end - start) * 8)
            for (row, var event) in events[start..<end].enumerated() {
                sequence += 1
                event.sequence = sequence
                previous = AuditChain.hash(event, previous: previous)
                let first = row * 8
                if row > 0 { sql += ", " }
                sql += "(" + (1...8).map { "$\(first + $0)" }.joined(separator: ", ") + ")"
                bindings.append(event.sequence)
                bindings.append(StoredTime.millis(event.time))
                bindings.append(event.kind.rawValue)
                bindings.append(event.user)
                bindings.append(event.device)
                bindings.append(event.address)
                bindings.append(event.detail)
                try bindings.append(previous)
                written.append(event)
            }
            try await connection.send(PostgresQuery(unsafeSQL: sql, binds: bindings), logger: logger)
            start = end
        }
        return written
    }
}
