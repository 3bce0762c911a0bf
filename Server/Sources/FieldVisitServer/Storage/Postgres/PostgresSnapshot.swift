import FieldVisitCore
import FieldVisitProtocol
import Foundation
import Logging
import PostgresNIO

/// A snapshot read from PostgreSQL: one repeatable-read transaction on a connection of
/// the pool, held while the snapshot is read and handed out a page at a time, so that
/// pushes meanwhile change nothing it shows.
///
/// The connection is held by a task that answers page requests; the snapshot ending,
/// or being dropped half read, ends the task and gives the connection back.
final class PostgresSnapshot: SnapshotReading {
    let cursor: Int64
    let count: Int
    private let requests: AsyncStream<PageRequest>.Continuation

    private struct PageRequest: Sendable {
        var limit: Int
        var reply: CheckedContinuation<[Snapshot.Record]?, any Error>
    }

    private init(cursor: Int64, count: Int, requests: AsyncStream<PageRequest>.Continuation) {
        self.cursor = cursor
        self.count = count
        self.requests = requests
    }

    deinit { requests.finish() }

    /// Opens a snapshot of the records `scope` may see.
    static func open(client: PostgresClient, scope: BranchScope, logger: Logger) async throws -> PostgresSnapshot {
        let (stream, requests) = AsyncStream.makeStream(of: PageRequest.self)
        let codes: [String]? = switch scope {
        case .all: nil
        case .branches(let codes): codes.sorted()
        }
        return try await withCheckedThrowingContinuation { (opened: CheckedContinuation<PostgresSnapshot, any Error>) in
            Task {
                var isOpen = false
                do {
                    try await client.withConnection { connection in
                        try await connection.send("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", logger: logger)
                        let top = try await connection.send("SELECT coalesce(max(seq), 0) FROM change_set", logger: logger).decode(Int64.self)
                        var cursor: Int64 = 0
                        for try await value in top { cursor = value }
                        var keys: [(type: String, id: String)] = []
                        let rows = try await connection.send("""
                            SELECT type, id FROM record WHERE \(codes)::text[] IS NULL OR branch = ANY(\(codes)::text[]) ORDER BY type, id
                            """, logger: logger)
                        for try await key in rows.decode((String, String).self) { keys.append(key) }
                        opened.resume(returning: PostgresSnapshot(cursor: cursor, count: keys.count, requests: requests))
                        isOpen = true
                        var position = 0
                        for await request in stream {
                            guard position < keys.count else {
                                request.reply.resume(returning: nil)
                                continue
                            }
                            let part = keys[position..<min(position + max(1, request.limit), keys.count)]
                            position = part.endIndex
                            do {
                                request.reply.resume(returning: try await page(part, on: connection, logger: logger))
                            } catch {
                                // Finished first: the reader waits for each page before it asks
                                // for the next, so none waits in the stream, and any later
                                // request is refused at once (``nextPage(limit:)``).
                                requests.finish()
                                request.reply.resume(throwing: error)
                                throw error
                            }
                        }
                        try await connection.send("COMMIT", logger: logger)
                    }
                } catch {
                    if !isOpen { opened.resume(throwing: error) }
                }
                requests.finish()
            }
        }
    }

    /// The records of `keys`, in that order.
    private static func page(_ keys: ArraySlice<(type: String, id: String)>, on connection: PostgresConnection, logger: Logger) async throws -> [Snapshot.Record] {
        // One row of arrays, not a row per record (see `PostgresStorage+ChangeLog`).
        let rows = try await connection.send("""
            SELECT coalesce(array_agg(r.type ORDER BY k.position), '{}'), coalesce(array_agg(r.id ORDER BY k.position), '{}'),
                   coalesce(array_agg(r.state ORDER BY k.position), '{}')
            FROM unnest(\(keys.map(\.type))::text[], \(keys.map(\.id))::text[]) WITH ORDINALITY AS k(type, id, position)
            JOIN record r ON r.type = k.type AND r.id = k.id
            """, logger: logger)
        var records: [Snapshot.Record] = []
        records.reserveCapacity(keys.count)
        for try await (types, ids, states) in rows.decode(([String], [String], [ByteBuffer]).self) {
            for index in types.indices {
                records.append(Snapshot.Record(type: RecordType(rawValue: types[index]), id: RecordID(rawValue: ids[index]),
                                               state: try PostgresRecordState.read(Data(buffer: states[index]))))
            }
        }
        return records
    }

    func nextPage(limit: Int) async throws -> [Snapshot.Record]? {
        try await withCheckedThrowingContinuation { reply in
            if case .terminated = requests.yield(PageRequest(limit: limit, reply: reply)) {
                reply.resume(throwing: StorageError.invalid(StorageMessage.snapshotConnectionEnded.localized()))
            }
        }
    }
}
