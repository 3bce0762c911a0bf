import FieldVisitCore
import Foundation
import Logging
import PostgresNIO

/// A push's reads and writes in PostgreSQL (``LogTransaction``), in three steps so that
/// a push costs a handful of round trips whatever its size: everything the push may
/// look up is read up front (``read(_:on:logger:)``), ``LogAppender`` decides against
/// it in memory, and what it appended is written back in one statement per table
/// (``write(on:logger:)``).
///
/// It runs while the push holds the log's lock (``PostgresAdvisoryLock/log``), so the
/// sequence numbers it gives, one past the largest stored, commit in order.
struct PostgresLogTransaction: LogTransaction {
    /// The sequence numbers of the dots asked about that the log holds.
    private var sequences: [Dot: Int64] = [:]
    /// The stored bodies of the push's own dots found in the log.
    private var bodies: [Int64: Data] = [:]
    /// The records asked about that the log has built.
    private var records: [EntityKey: StoredRecord] = [:]
    private var branches: Set<String> = []
    /// The sequence number the next append gets.
    private var nextSeq: Int64

    private var entries: [(seq: Int64, entry: LogEntry)] = []
    private var audit = PostgresAuditBatch()
    private var changed: [ChangedRecord] = []

    private init(nextSeq: Int64) { self.nextSeq = nextSeq }

    /// Reads what appending `changes` may look up (``LogAppender/lookups(for:)``): their
    /// dots and dependencies, the records they change or name, and every branch code.
    static func read(_ changes: [ChangeSet], on connection: PostgresConnection, logger: Logger) async throws -> PostgresLogTransaction {
        let (dots, keys) = LogAppender<PostgresLogTransaction>.lookups(for: changes)
        let last = try await connection.send("SELECT coalesce(max(seq), 0) FROM change_set", logger: logger).decode(Int64.self).first { _ in true }
        var transaction = PostgresLogTransaction(nextSeq: (last ?? 0) + 1)

        let own = Set(changes.map(\.dot))
        let replicas = dots.map(\.replica.description)
        let counters = dots.map { Int64(clamping: $0.counter) }
        let wantsBody = dots.map { own.contains($0) }
        // Each as one row of arrays, not a row per dot or record (see `PostgresStorage+ChangeLog`).
        let found = try await connection.send("""
            SELECT coalesce(array_agg(c.replica), '{}'), coalesce(array_agg(c.counter), '{}'), coalesce(array_agg(c.seq), '{}'),
                   coalesce(array_agg(CASE WHEN d.body THEN c.body ELSE ''::bytea END), '{}')
            FROM unnest(\(replicas)::text[], \(counters)::bigint[], \(wantsBody)::boolean[]) AS d(replica, counter, body)
            JOIN change_set c ON c.replica = d.replica AND c.counter = d.counter
            """, logger: logger)
        for try await (replicas, counters, seqs, bodies) in found.decode(([String], [Int64], [Int64], [ByteBuffer]).self) {
            for index in replicas.indices {
                guard let id = ReplicaID(replicas[index]), let counter = UInt64(exactly: counters[index]) else {
                    throw StorageError.damaged(path: "change_set", detail: "change \(replicas[index]):\(counters[index]) is not a replica id and counter")
                }
                transaction.sequences[Dot(replica: id, counter: counter)] = seqs[index]
                // A stored body is never empty: empty stands for one not asked for.
                if bodies[index].readableBytes > 0 { transaction.bodies[seqs[index]] = Data(buffer: bodies[index]) }
            }
        }

        let rows = try await connection.send("""
            SELECT coalesce(array_agg(r.type), '{}'), coalesce(array_agg(r.id), '{}'), coalesce(array_agg(r.branch), '{}'), coalesce(array_agg(r.state), '{}'),
                   coalesce(array_agg(r.created_seq), '{}')
            FROM unnest(\(keys.map(\.type.rawValue))::text[], \(keys.map(\.id.rawValue))::text[]) AS k(type, id)
            JOIN record r ON r.type = k.type AND r.id = k.id
            """, logger: logger)
        for try await (types, ids, branches, states, created) in rows.decode(([String], [String], [String], [ByteBuffer], [Int64]).self) {
            for index in types.indices {
                transaction.records[EntityKey(RecordType(rawValue: types[index]), RecordID(rawValue: ids[index]))] =
                    StoredRecord(branch: branches[index], state: try PostgresRecordState.read(Data(buffer: states[index])), createdSeq: created[index])
            }
        }

        for try await code in try await connection.send("SELECT code FROM branch", logger: logger).decode(String.self) {
            transaction.branches.insert(code)
        }
        return transaction
    }

    // MARK: LogTransaction

    func sequences(of dots: [Dot]) throws -> [Dot: Int64] {
        var found: [Dot: Int64] = [:]
        for dot in dots { found[dot] = sequences[dot] }
        return found
    }

    func holds(_ dot: Dot) throws -> Bool { sequences[dot] != nil }

    func body(at seq: Int64) throws -> Data? { bodies[seq] }

    func record(_ key: EntityKey) throws -> StoredRecord? { records[key] }

    func branch(of key: EntityKey) throws -> String? { records[key]?.branch }

    func branchExists(_ code: String) throws -> Bool { branches.contains(code) }

    mutating func append(_ entry: LogEntry) throws -> Int64 {
        let seq = nextSeq
        nextSeq += 1
        entries.append((seq, entry))
        return seq
    }

    mutating func audit(_ event: AuditEvent) throws { audit.append(event) }

    mutating func write(_ records: [ChangedRecord]) throws { changed = records }

    // MARK: Writing back

    /// Writes what the push appended: its change sets, the records they changed with
    /// their rows of the review queue, and their audit entries.
    func write(on connection: PostgresConnection, logger: Logger) async throws {
        if !entries.isEmpty {
            try await connection.send("""
                INSERT INTO change_set (seq, replica, counter, author, device, branch, received_at, body)
                SELECT * FROM unnest(\(entries.map(\.seq))::bigint[], \(entries.map(\.entry.replica))::text[], \(entries.map(\.entry.counter))::bigint[],
                                     \(entries.map(\.entry.author))::text[], \(entries.map(\.entry.device))::text[], \(entries.map(\.entry.branch))::text[],
                                     \(entries.map(\.entry.receivedAt))::bigint[], \(entries.map { ByteBuffer(data: $0.entry.body) })::bytea[])
                """, logger: logger)
        }
        if !changed.isEmpty {
            try await connection.send("""
                INSERT INTO record (type, id, branch, state, conflicts, updated_seq, created_seq)
                SELECT * FROM unnest(\(changed.map(\.key.type.rawValue))::text[], \(changed.map(\.key.id.rawValue))::text[], \(changed.map(\.branch))::text[],
                                     \(changed.map { ByteBuffer(data: PostgresRecordState.encode($0.state)) })::bytea[],
                                     \(changed.map { Int32(clamping: $0.conflicts) })::integer[], \(changed.map(\.updatedSeq))::bigint[],
                                     \(changed.map(\.createdSeq))::bigint[])
                ON CONFLICT (type, id) DO UPDATE SET state = excluded.state, conflicts = excluded.conflicts, updated_seq = excluded.updated_seq
                """, logger: logger)
            try await PostgresReviewQueue.write(changed.compactMap(\.queueRow), removing: changed.filter(\.leavesQueue).map(\.key),
                                                on: connection, logger: logger)
        }
        try await audit.write(on: connection, logger: logger)
    }
}

/// A record's registers as PostgreSQL keeps them: their canonical JSON, which any
/// server reads without a table of replica numbers.
enum PostgresRecordState {
    static func encode(_ state: EntityState) -> Data { CanonicalJSONWriter.encode(state) }

    static func read(_ bytes: Data) throws -> EntityState {
        var scanner = JSONScanner(bytes, subject: "a record's registers")
        guard let state = scanner.canonicalState() else {
            throw StorageError.damaged(path: "record", detail: "a record's registers are not the canonical JSON of registers")
        }
        return state
    }
}
