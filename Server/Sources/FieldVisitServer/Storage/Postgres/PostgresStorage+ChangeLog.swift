import FieldVisitCore
import FieldVisitProtocol
import Foundation
import PostgresNIO

/// The change-set log and its records in PostgreSQL, shared by several servers.
///
/// Appends are serialised: a push holds the log's lock (``PostgresAdvisoryLock/log``) from before it
/// reads the largest sequence number until it commits. Sequence numbers therefore
/// commit in order, and a pull, whichever server answers it, never moves its cursor
/// past a number that could still appear (ARCHITECTURE.md, "Ordering of a shared
/// log"). A push is a few statements whatever its size (``PostgresLogTransaction``),
/// so the lock is held for milliseconds; reads never wait for it.
extension PostgresStorage: ChangeLogStorage {
    public func push(_ changes: [ChangeSet], canonicalBodies: [Data?], admission: ChangeAdmission, now: Date) async throws -> PushOutcome {
        let schema = schema
        let logger = logger
        return try await transaction { connection in
            try await PostgresAdvisoryLock.log.lockForTransaction(on: connection, logger: logger)
            let read = try await PostgresLogTransaction.read(changes, on: connection, logger: logger)
            let appender = try LogAppender(read, schema: schema, admission: admission, receivedAt: StoredTime.millis(now), changes: changes)
            let outcome = try appender.push(changes, canonicalBodies: canonicalBodies)
            try await appender.transaction.write(on: connection, logger: logger)
            return outcome
        }
    }

    public func pull(after cursor: Int64, limit: Int, scope: BranchScope) async throws -> LogPage {
        // The service refuses other limits; a storage called directly keeps the bound too.
        let limit = min(max(limit, 1), SyncLimits.maxPullPage)
        // One statement, so that the largest number and the page are of one snapshot:
        // read apart, a push committing between them would be skipped. A user's page is
        // one index range per branch (`change_set (branch, seq)`), each at most a page,
        // merged here as SQLite's are: no sort of the bodies in the database, and a cost
        // that follows what it returns, not the log's size.
        let logger = logger
        // One row, its page as two arrays: a result streamed as many rows can trap
        // postgres-nio 1.33's row stream when the connection is cut in the middle of it.
        let query: PostgresQuery = switch scope {
        case .all:
            """
            SELECT (SELECT coalesce(max(seq), 0) FROM change_set), coalesce(array_agg(seq ORDER BY seq), '{}'), coalesce(array_agg(body ORDER BY seq), '{}')
            FROM (SELECT seq, body FROM change_set WHERE seq > \(cursor) ORDER BY seq LIMIT \(limit + 1)) AS page
            """
        case .branches(let codes):
            """
            SELECT (SELECT coalesce(max(seq), 0) FROM change_set), coalesce(array_agg(c.seq ORDER BY c.seq), '{}'), coalesce(array_agg(c.body ORDER BY c.seq), '{}')
            FROM unnest(\(codes.sorted())::text[]) AS b(code)
            CROSS JOIN LATERAL (SELECT seq, body FROM change_set WHERE branch = b.code AND seq > \(cursor) ORDER BY seq LIMIT \(limit + 1)) AS c
            """
        }
        let (last, found) = try await withConnection { connection in
            var last = cursor
            var found: [(seq: Int64, body: Data)] = []
            for try await (top, seqs, bodies) in try await connection.send(query, logger: logger).decode((Int64, [Int64], [ByteBuffer]).self) {
                last = max(cursor, top)
                for (seq, body) in zip(seqs, bodies) { found.append((seq, Data(buffer: body))) }
            }
            return (last, found)
        }
        var rows: [(seq: Int64, body: Data)] = []
        var bytes = 0
        // Read in order until a page is full by count or by bytes, whichever comes first.
        for row in found.sorted(by: { $0.seq < $1.seq }) {
            guard rows.count <= limit, bytes <= SyncLimits.maxPageBytes else { break }
            bytes += row.body.count
            rows.append(row)
        }
        let kept = SyncLimits.pageLength(of: rows.lazy.map(\.body.count), limit: limit)
        let more = rows.count > kept
        if more { rows.removeLast(rows.count - kept) }
        return LogPage(bodies: rows.map(\.body), cursor: more ? rows.last!.seq : last, more: more)
    }

    public func openSnapshot(scope: BranchScope) async throws -> any SnapshotReading {
        try await PostgresSnapshot.open(client: client, scope: scope, logger: logger)
    }

    public func state(of key: EntityKey) async throws -> EntityState? {
        let logger = logger
        return try await withConnection { connection in
            let rows = try await connection.send("SELECT state FROM record WHERE type = \(key.type.rawValue) AND id = \(key.id.rawValue)", logger: logger)
            for try await state in rows.decode(Data.self) { return try PostgresRecordState.read(state) }
            return nil
        }
    }

    public func conflicts() async throws -> [Conflict] {
        let (logger, schema) = (logger, schema)
        return try await withConnection { connection in
            let rows = try await connection.send("SELECT type, id, state FROM record WHERE conflicts > 0 ORDER BY type, id", logger: logger)
            var conflicts: [Conflict] = []
            for try await (type, id, state) in rows.decode((String, String, Data).self) {
                let key = EntityKey(RecordType(rawValue: type), RecordID(rawValue: id))
                conflicts += try PostgresRecordState.read(state).conflicts(of: key, schema: try schema.requireRecord(key.type))
            }
            return conflicts
        }
    }

    public func logCount() async throws -> Int {
        let logger = logger
        return try await withConnection { connection in
            for try await count in try await connection.send("SELECT count(*) FROM change_set", logger: logger).decode(Int64.self) { return Int(count) }
            return 0
        }
    }

    public func lastCounter(of replica: ReplicaID) async throws -> UInt64 {
        let logger = logger
        return try await withConnection { connection in
            for try await counter in try await connection.send("""
                SELECT coalesce(max(counter), 0) FROM change_set WHERE replica = \(replica.description)
                """, logger: logger).decode(Int64.self) { return UInt64(clamping: counter) }
            return 0
        }
    }

    public func origins(of dots: [Dot]) async throws -> [Dot: ChangeOrigin] {
        let dots = Array(dots.prefix(ChangeOrigin.maxLookup)).filter { $0.counter <= UInt64(Int64.max) }
        let replicas = dots.map(\.replica.description), counters = dots.map { Int64($0.counter) }
        let logger = logger
        // One row of arrays, as the pulls read.
        return try await withConnection { connection in
            let rows = try await connection.send("""
                SELECT coalesce(array_agg(c.replica), '{}'), coalesce(array_agg(c.counter), '{}'),
                       coalesce(array_agg(coalesce(device.name, c.device)), '{}'), coalesce(array_agg(c.received_at), '{}')
                FROM unnest(\(replicas)::text[], \(counters)::bigint[]) AS wanted (replica, counter)
                JOIN change_set c ON c.replica = wanted.replica AND c.counter = wanted.counter
                LEFT JOIN device ON device.id = c.device
                """, logger: logger)
            var origins: [Dot: ChangeOrigin] = [:]
            for try await (replicas, counters, devices, times) in rows.decode(([String], [Int64], [String], [Int64]).self) {
                for index in replicas.indices {
                    guard let replica = ReplicaID(replicas[index]) else { continue }
                    origins[Dot(replica: replica, counter: UInt64(clamping: counters[index]))] =
                        ChangeOrigin(device: devices[index], receivedAt: StoredTime.date(times[index]))
                }
            }
            return origins
        }
    }

    public func branch(of key: EntityKey) async throws -> String? {
        guard !StoredText.holdsNUL(key.type.rawValue), !StoredText.holdsNUL(key.id.rawValue) else { return nil }
        let logger = logger
        return try await withConnection { connection in
            for try await branch in try await connection.send("""
                SELECT branch FROM record WHERE type = \(key.type.rawValue) AND id = \(key.id.rawValue)
                """, logger: logger).decode(String.self) { return branch }
            return nil
        }
    }
}
