import FieldVisitCore
import FieldVisitSQLite
import Foundation
import GRDB

/// A push's reads and writes in SQLite (``LogTransaction``): one writer at a time, so
/// the log's row ids are its sequence numbers, in commit order.
///
/// Records are looked up one indexed probe each through a statement prepared once for
/// the push (cheaper than building, parsing and sorting lists of hundreds of ids); the
/// statements run for every change set are bound straight to SQLite
/// (``FieldVisitSQLite``).
struct SQLiteLogTransaction: LogTransaction {
    let db: Database
    private let insertChange: Statement
    private let selectRecord: Statement
    private let selectBranch: Statement
    /// Replica numbers for packing records' registers.
    private var replicaNumbers: ReplicaNumbers
    /// The audit trail's last entry, read when the push first appends to it.
    private var auditHead: SQLiteStorage.AuditHead?

    /// At most this many values bound to one statement (SQLite allows 32,766).
    private static let chunk = 500

    init(_ db: Database) throws {
        self.db = db
        insertChange = try db.makeStatement(sql: """
            INSERT INTO change_set (replica, counter, author, device, branch, received_at, body) VALUES (?, ?, ?, ?, ?, ?, ?)
            """)
        selectRecord = try db.makeStatement(sql: "SELECT branch, state, coalesce(created_seq, updated_seq) FROM record WHERE type = ? AND id = ?")
        selectBranch = try db.makeStatement(sql: "SELECT branch FROM record WHERE type = ? AND id = ?")
        replicaNumbers = try ReplicaNumbers(readingAll: db)
    }

    /// One indexed probe list per replica (a push holds one replica's change sets).
    mutating func sequences(of dots: [Dot]) throws -> [Dot: Int64] {
        var counters: [ReplicaID: [Int64]] = [:]
        for dot in dots { counters[dot.replica, default: []].append(Int64(clamping: dot.counter)) }
        var found: [Dot: Int64] = [:]
        for (replica, all) in counters {
            let text = replica.description
            for start in stride(from: 0, to: all.count, by: Self.chunk) {
                let part = all[start..<min(start + Self.chunk, all.count)]
                var arguments: StatementArguments = [text]
                arguments += StatementArguments(part)
                let placeholders = String(repeating: "?,", count: part.count - 1) + "?"
                let rows = try Row.fetchCursor(db, sql: "SELECT counter, seq FROM change_set WHERE replica = ? AND counter IN (\(placeholders))",
                                               arguments: arguments)
                while let row = try rows.next() {
                    let stored: Int64 = row[0]
                    guard let counter = UInt64(exactly: stored) else { throw StorageError.damaged(path: db.description, detail: "a change set's counter is \(stored)") }
                    found[Dot(replica: replica, counter: counter)] = row[1]
                }
            }
        }
        return found
    }

    func holds(_ dot: Dot) throws -> Bool {
        try Int64.fetchOne(db.cachedStatement(sql: "SELECT seq FROM change_set WHERE replica = ? AND counter = ?"),
                           arguments: [dot.replica.description, Int64(clamping: dot.counter)]) != nil
    }

    func body(at seq: Int64) throws -> Data? {
        try Data.fetchOne(db.cachedStatement(sql: "SELECT body FROM change_set WHERE seq = ?"), arguments: [seq])
    }

    func record(_ key: EntityKey) throws -> StoredRecord? {
        guard let stored = try selectRecord.firstRow(binding: .text(key.type.rawValue), .text(key.id.rawValue),
                                                     read: { row in (branch: row.text(0), state: row.blob(1), created: row.integer(2)) })
        else { return nil }
        return StoredRecord(branch: stored.branch, state: try replicaNumbers.unpack(stored.state), createdSeq: stored.created)
    }

    func branch(of key: EntityKey) throws -> String? {
        try selectBranch.firstRow(binding: .text(key.type.rawValue), .text(key.id.rawValue), read: { row in row.text(0) })
    }

    func branchExists(_ code: String) throws -> Bool {
        try Bool.fetchOne(db.cachedStatement(sql: "SELECT 1 FROM branch WHERE code = ?"), arguments: [code]) == true
    }

    func append(_ entry: LogEntry) throws -> Int64 {
        try insertChange.execute(binding: .text(entry.replica), .integer(entry.counter), .text(entry.author), .text(entry.device), .text(entry.branch),
                                 .integer(entry.receivedAt), .blob(entry.body))
        return db.lastInsertedRowID
    }

    mutating func audit(_ event: AuditEvent) throws {
        var head = try auditHead ?? SQLiteStorage.AuditHead(db)
        try head.append(event)
        auditHead = head
    }

    /// Packs each record's registers, a page of them on another thread while the first
    /// are written, and upserts it with its row of the review queue.
    mutating func write(_ records: [ChangedRecord]) throws {
        let upsert = try db.makeStatement(sql: """
            INSERT INTO record (type, id, branch, state, conflicts, updated_seq, created_seq) VALUES (?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (type, id) DO UPDATE SET state = excluded.state, conflicts = excluded.conflicts, updated_seq = excluded.updated_seq
            """)
        let queue = try SQLiteReviewQueueWriter(db)
        for record in records { try replicaNumbers.numberReplicas(of: record.state, in: db) }
        let background = records.count >= 64 ? BackgroundPacking(records.map(\.state), numbers: replicaNumbers) : nil
        for (index, record) in records.enumerated() {
            let state = try background?.packed(index) ?? replicaNumbers.pack(record.state)
            try upsert.execute(binding: .text(record.key.type.rawValue), .text(record.key.id.rawValue), .text(record.branch), .blob(state),
                               .integer(Int64(record.conflicts)), .integer(record.updatedSeq), .integer(record.createdSeq))
            if let row = record.queueRow {
                try queue.write(record.key, row: row)
            } else if record.leavesQueue {
                try queue.write(record.key, row: nil)
            }
        }
    }
}
