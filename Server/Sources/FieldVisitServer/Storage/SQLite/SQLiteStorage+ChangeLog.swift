import FieldVisitCore
import FieldVisitProtocol
import FieldVisitSQLite
import Foundation
import GRDB

/// The change-set log and its records in SQLite: pushes appended by one writer at a
/// time, which numbers them in commit order.
extension SQLiteStorage: ChangeLogStorage {
    public func push(_ changes: [ChangeSet], canonicalBodies: [Data?], admission: ChangeAdmission, now: Date) async throws -> PushOutcome {
        let schema = schema
        let checkpointer = checkpointer
        return try await pool.writeWithoutTransaction { db in
            // After a background checkpoint: copy what was appended meanwhile, so that the
            // log is wholly copied and starts over with this push.
            if checkpointer.takeCatchUp() { _ = try? db.checkpoint(.passive) }
            var outcome: PushOutcome?
            try db.inTransaction {
                let appender = try LogAppender(try SQLiteLogTransaction(db), schema: schema, admission: admission,
                                               receivedAt: StoredTime.millis(now), changes: changes)
                outcome = try appender.push(changes, canonicalBodies: canonicalBodies)
                return .commit
            }
            return outcome!
        }
    }

    public func pull(after cursor: Int64, limit: Int, scope: BranchScope) async throws -> LogPage {
        // The service refuses other limits; a storage called directly keeps the bound too.
        let limit = min(max(limit, 1), SyncLimits.maxPullPage)
        return try await pool.read { db in
            // Rows are read until a page is full by count or by bytes, whichever comes
            // first, so that no page (nor the server's memory for it) grows with what
            // the change sets hold.
            func page(_ sql: String, _ arguments: StatementArguments) throws -> [(seq: Int64, body: Data)] {
                var rows: [(seq: Int64, body: Data)] = []
                var bytes = 0
                let cursor = try Row.fetchCursor(db, sql: sql, arguments: arguments)
                while rows.count <= limit, bytes <= SyncLimits.maxPageBytes, let row = try cursor.next() {
                    let body: Data = row[1]
                    bytes += body.count
                    rows.append((row[0], body))
                }
                return rows
            }
            var rows: [(seq: Int64, body: Data)] = []
            switch scope {
            case .all:
                rows = try page("SELECT seq, body FROM change_set WHERE seq > ? ORDER BY seq LIMIT ?", [cursor, limit + 1])
            case .branches(let codes):
                // One index range per branch, each at most a page: merged, the first page.
                for code in codes {
                    rows += try page("SELECT seq, body FROM change_set WHERE branch = ? AND seq > ? ORDER BY seq LIMIT ?", [code, cursor, limit + 1])
                }
                rows.sort { $0.seq < $1.seq }
            }
            let kept = SyncLimits.pageLength(of: rows.lazy.map(\.body.count), limit: limit)
            let more = rows.count > kept
            if more { rows.removeLast(rows.count - kept) }
            let last = try Int64.fetchOne(db, sql: "SELECT max(seq) FROM change_set") ?? 0
            let next = more ? rows.last!.seq : max(cursor, last)
            return LogPage(bodies: rows.map(\.body), cursor: next, more: more)
        }
    }

    public func openSnapshot(scope: BranchScope) async throws -> any SnapshotReading {
        // A snapshot of the database: one read transaction that pushes made meanwhile
        // do not change, read a page at a time.
        let view = try pool.makeSnapshot()
        return try await view.read { db in
            let cursor = try Int64.fetchOne(db, sql: "SELECT max(seq) FROM change_set") ?? 0
            var rows: [Int64]
            switch scope {
            case .all:
                rows = try Int64.fetchAll(db, sql: "SELECT rowid FROM record ORDER BY type, id")
            case .branches(let codes):
                rows = try Int64.fetchAll(db, sql: "SELECT rowid FROM record WHERE branch IN (SELECT value FROM json_each(?)) ORDER BY type, id",
                                          arguments: [String(decoding: try JSONEncoder().encode(codes.sorted()), as: UTF8.self)])
            }
            return SQLiteSnapshot(view: view, cursor: cursor, rows: rows, numbers: try ReplicaNumbers(readingAll: db))
        }
    }

    public func state(of key: EntityKey) async throws -> EntityState? {
        try await pool.read { db in
            try (Data.fetchOne(db, sql: "SELECT state FROM record WHERE type = ? AND id = ?", arguments: [key.type.rawValue, key.id.rawValue]))
                .map { bytes in
                    var numbers = ReplicaNumbers()
                    return try numbers.unpack(bytes, in: db)
                }
        }
    }

    public func conflicts() async throws -> [Conflict] {
        let schema = schema
        return try await pool.read { db in
            let numbers = try ReplicaNumbers(readingAll: db)
            return try Row.fetchAll(db, sql: "SELECT type, id, state FROM record WHERE conflicts > 0 ORDER BY type, id").flatMap { row in
                let key = EntityKey(RecordType(rawValue: row[0]), RecordID(rawValue: row[1]))
                return try numbers.unpack(row[2]).conflicts(of: key, schema: try schema.requireRecord(key.type))
            }
        }
    }

    public func logCount() async throws -> Int {
        try await pool.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM change_set") ?? 0 }
    }

    public func lastCounter(of replica: ReplicaID) async throws -> UInt64 {
        try await pool.read { db in
            UInt64(clamping: try Int64.fetchOne(db, sql: "SELECT max(counter) FROM change_set WHERE replica = ?", arguments: [replica.description]) ?? 0)
        }
    }

    public func origins(of dots: [Dot]) async throws -> [Dot: ChangeOrigin] {
        let dots = Array(dots.prefix(ChangeOrigin.maxLookup))
        return try await pool.read { db in
            var origins: [Dot: ChangeOrigin] = [:]
            let statement = try db.cachedStatement(sql: """
                SELECT coalesce(device.name, change_set.device), change_set.received_at
                FROM change_set LEFT JOIN device ON device.id = change_set.device WHERE change_set.replica = ? AND change_set.counter = ?
                """)
            for dot in dots where dot.counter <= UInt64(Int64.max) {
                if let row = try Row.fetchOne(statement, arguments: [dot.replica.description, Int64(dot.counter)]) {
                    origins[dot] = ChangeOrigin(device: row[0], receivedAt: StoredTime.date(row[1]))
                }
            }
            return origins
        }
    }

    public func branch(of key: EntityKey) async throws -> String? {
        try await pool.read { db in
            try String.fetchOne(db, sql: "SELECT branch FROM record WHERE type = ? AND id = ?", arguments: [key.type.rawValue, key.id.rawValue])
        }
    }
}
