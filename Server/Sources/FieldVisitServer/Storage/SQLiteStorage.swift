import FieldVisitCore
import FieldVisitProtocol
import FieldVisitSQLite
import Foundation
import GRDB

/// The server's storage in one SQLite file (WAL mode) in the data directory: the
/// default backend. Administrative commands open the same file while the server runs;
/// SQLite serialises their writes with the server's.
public final class SQLiteStorage: SyncStorage {
    /// The database file.
    public let path: String
    /// The record types and fields.
    public let schema: Schema
    /// Internal rather than private: the backup (`SQLiteStorage+Backup.swift`) reads through it.
    let pool: DatabasePool
    /// Checkpoints the log off the pushes' path; the connections report to it.
    private let checkpointer: WALCheckpointer

    /// Opens (creating or migrating forward) the database in `directory`.
    public convenience init(directory: URL, schema: Schema = .fieldVisit) throws {
        try self.init(directory: directory, schema: schema, checkpointPages: WALCheckpointer.defaultPages)
    }

    /// Opens the database, checkpointing its log every `checkpointPages` pages.
    init(directory: URL, schema: Schema, checkpointPages: CInt) throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        path = Self.databasePath(in: directory)
        self.schema = schema
        let checkpointer = WALCheckpointer(path: path, pages: checkpointPages)
        self.checkpointer = checkpointer
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        configuration.prepareDatabase { db in
            // WAL + NORMAL: a committed push survives a crash of the server.
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            // 64 MiB of page cache per connection: the log's and records' upper B-tree
            // pages stay in memory instead of being read back for every push.
            try db.execute(sql: "PRAGMA cache_size = -65536")
            // Checkpoints in the background every 10,000 pages (WALCheckpointer), not in
            // the committing push every 1,000. The log file is cut back to 64 MB afterwards.
            if let connection = db.sqliteConnection { checkpointer.attach(to: connection) }
            try db.execute(sql: "PRAGMA journal_size_limit = 67108864")
        }
        do {
            let isNew = !FileManager.default.fileExists(atPath: path)
            pool = try DatabasePool(path: path, configuration: configuration)
            let migrator = ServerMigrations.migrator
            let applied = try pool.read { db in try migrator.appliedIdentifiers(db) }
            let unknown = applied.subtracting(migrator.migrations)
            if !unknown.isEmpty { throw StorageError.newerThanProgram(path: path, unknownMigrations: unknown.sorted()) }
            if !isNew, applied.isEmpty, try pool.read({ db in try db.tableExists("sqlite_sequence") || db.tableExists("store_info") }) {
                throw StorageError.damaged(path: path, detail: "it holds no FieldVisit server tables")
            }
            try migrator.migrate(pool)
            if isNew { try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path) }
        } catch let error as DatabaseError where [.SQLITE_NOTADB, .SQLITE_CORRUPT].contains(error.resultCode.primaryResultCode) {
            throw StorageError.damaged(path: path, detail: error.message ?? "\(error.resultCode)")
        }
    }

    /// The database file in a data directory, whether it exists or not.
    public static func databasePath(in directory: URL) -> String {
        directory.appendingPathComponent("fieldvisit-server.sqlite").path
    }

    // MARK: Branches and users

    public func addBranch(_ branch: Branch) async throws {
        try await pool.write { db in
            if try Bool.fetchOne(db, sql: "SELECT 1 FROM branch WHERE code = ?", arguments: [branch.code]) == true {
                throw StorageError.alreadyExists(kind: "branch", name: branch.code)
            }
            try db.execute(sql: "INSERT INTO branch (code, name, created_at) VALUES (?, ?, ?)",
                           arguments: [branch.code, branch.name, Self.millis(Date())])
        }
    }

    public func branches() async throws -> [Branch] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT code, name FROM branch ORDER BY code").map { Branch(code: $0[0], name: $0[1]) }
        }
    }

    public func addUser(_ user: User, passwordHash: String) async throws {
        try await pool.write { db in
            if try Bool.fetchOne(db, sql: "SELECT 1 FROM account WHERE name = ?", arguments: [user.name]) == true {
                throw StorageError.alreadyExists(kind: "user", name: user.name)
            }
            for branch in user.branches where try Bool.fetchOne(db, sql: "SELECT 1 FROM branch WHERE code = ?", arguments: [branch]) != true {
                throw StorageError.notFound(kind: "branch", name: branch)
            }
            try db.execute(sql: "INSERT INTO account (name, password_hash, role, disabled, created_at) VALUES (?, ?, ?, ?, ?)",
                           arguments: [user.name, passwordHash, user.role.rawValue, user.disabled, Self.millis(Date())])
            for branch in Set(user.branches) {
                try db.execute(sql: "INSERT INTO account_branch (account, branch) VALUES (?, ?)", arguments: [user.name, branch])
            }
        }
    }

    public func setDisabled(_ disabled: Bool, user name: String) async throws {
        try await pool.write { db in
            try db.execute(sql: "UPDATE account SET disabled = ? WHERE name = ?", arguments: [disabled, name])
            if db.changesCount == 0 { throw StorageError.notFound(kind: "user", name: name) }
        }
    }

    public func user(named name: String) async throws -> (user: User, passwordHash: String)? {
        try await pool.read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT name, role, disabled, password_hash FROM account WHERE name = ?", arguments: [name])
            else { return nil }
            return (try Self.user(row, db), row[3])
        }
    }

    public func users() async throws -> [User] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT name, role, disabled FROM account ORDER BY name").map { try Self.user($0, db) }
        }
    }

    private static func user(_ row: Row, _ db: Database) throws -> User {
        let name: String = row[0]
        let branches = try String.fetchAll(db, sql: "SELECT branch FROM account_branch WHERE account = ? ORDER BY branch", arguments: [name])
        let role: String = row[1]
        guard let known = Role(rawValue: role) else { throw StorageError.unknownRole(user: name, role: role) }
        return User(name: name, role: known, branches: branches, disabled: row[2])
    }

    // MARK: Devices

    public func enrol(_ device: Device, tokenHash: Data) async throws {
        try await pool.write { db in
            if let owner = try String.fetchOne(db, sql: "SELECT account FROM device WHERE replica = ?", arguments: [device.replica.description]) {
                guard owner == device.user else { throw StorageError.replicaTaken(replica: device.replica.description) }
                // The same laptop logging in again (after a logout or a revocation).
                try db.execute(sql: "DELETE FROM device WHERE replica = ?", arguments: [device.replica.description])
            }
            try db.execute(sql: """
                INSERT INTO device (id, account, replica, name, token_hash, enrolled_at) VALUES (?, ?, ?, ?, ?, ?)
                """, arguments: [device.id, device.user, device.replica.description, device.name, tokenHash, Self.millis(device.enrolledAt)])
        }
    }

    public func device(tokenHash: Data) async throws -> (device: Device, user: User)? {
        try await pool.read { db in
            guard let row = try Row.fetchOne(db, sql: """
                SELECT id, account, replica, name, enrolled_at, last_seen_at, revoked_at, wipe_ordered_at, token_hash FROM device WHERE token_hash = ?
                """, arguments: [tokenHash]),
                DeviceToken.constantTimeEqual(row[8], tokenHash)
            else { return nil }
            let device = try Self.device(row)
            guard let account = try Row.fetchOne(db, sql: "SELECT name, role, disabled FROM account WHERE name = ?", arguments: [device.user])
            else { return nil }
            return (device, try Self.user(account, db))
        }
    }

    public func devices() async throws -> [Device] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: """
                SELECT id, account, replica, name, enrolled_at, last_seen_at, revoked_at, wipe_ordered_at FROM device ORDER BY enrolled_at DESC, id
                """).map(Self.device)
        }
    }

    public func revoke(device id: String, wipe: Bool) async throws {
        try await pool.write { db in
            let now = Self.millis(Date())
            try db.execute(sql: "UPDATE device SET revoked_at = coalesce(revoked_at, ?) WHERE id = ?", arguments: [now, id])
            if db.changesCount == 0 { throw StorageError.notFound(kind: "device", name: id) }
            if wipe { try db.execute(sql: "UPDATE device SET wipe_ordered_at = coalesce(wipe_ordered_at, ?) WHERE id = ?", arguments: [now, id]) }
        }
    }

    public func revokeDevices(of user: String) async throws -> [String] {
        try await pool.write { db in try Self.revokeDevices(of: user, in: db) }
    }

    private static func revokeDevices(of user: String, in db: Database) throws -> [String] {
        guard try Bool.fetchOne(db, sql: "SELECT 1 FROM account WHERE name = ?", arguments: [user]) == true else {
            throw StorageError.notFound(kind: "user", name: user)
        }
        let ids = try String.fetchAll(db, sql: "SELECT id FROM device WHERE account = ? AND revoked_at IS NULL ORDER BY id", arguments: [user])
        try db.execute(sql: "UPDATE device SET revoked_at = ? WHERE account = ? AND revoked_at IS NULL", arguments: [millis(Date()), user])
        return ids
    }

    public func setPassword(_ passwordHash: String, user name: String) async throws -> [String] {
        try await pool.write { db in
            let revoked = try Self.revokeDevices(of: name, in: db)
            try db.execute(sql: "UPDATE account SET password_hash = ? WHERE name = ?", arguments: [passwordHash, name])
            return revoked
        }
    }

    public func touch(device id: String, at time: Date) async throws {
        try await pool.write { db in
            try db.execute(sql: "UPDATE device SET last_seen_at = ? WHERE id = ?", arguments: [Self.millis(time), id])
        }
    }

    private static func device(_ row: Row) throws -> Device {
        guard let replica = ReplicaID(row[2] as String) else { throw StorageError.damaged(path: "device", detail: "a replica id is not a UUID") }
        return Device(
            id: row[0], user: row[1], replica: replica, name: row[3], enrolledAt: date(row[4]),
            lastSeenAt: (row[5] as Int64?).map(date), revokedAt: (row[6] as Int64?).map(date), wipeOrderedAt: (row[7] as Int64?).map(date)
        )
    }

    // MARK: Sync

    public func push(_ changes: [ChangeSet], canonicalBodies: [Data?], admission: ChangeAdmission, now: Date) async throws -> PushOutcome {
        precondition(canonicalBodies.isEmpty || canonicalBodies.count == changes.count, "one body per change set, or none")
        let schema = schema
        let checkpointer = checkpointer
        return try await pool.writeWithoutTransaction { db in
            // After a background checkpoint: copy what was appended meanwhile, so that the
            // log is wholly copied and starts over with this push.
            if checkpointer.takeCatchUp() { _ = try? db.checkpoint(.passive) }
            var outcome: PushOutcome?
            try db.inTransaction {
                let writer = try LogWriter(db: db, schema: schema, admission: admission, receivedAt: Self.millis(now), changes: changes)
                var results: [PushResult] = []
                results.reserveCapacity(changes.count)
                for (index, change) in changes.enumerated() {
                    results.append(try writer.push(change, canonicalBody: canonicalBodies.isEmpty ? nil : canonicalBodies[index]))
                }
                // Writing outside one's branches or role refuses the whole push, so that it
                // is refused as a request (403), with nothing stored.
                if let forbidden = results.first(where: { $0.code == .forbidden }) {
                    throw Problem(.forbidden, status: 403, title: "Forbidden", detail: forbidden.reason ?? "not allowed")
                }
                try writer.finish()
                outcome = PushOutcome(results: results, newConflicts: writer.newConflicts)
                return .commit
            }
            return outcome!
        }
    }

    public func pull(after cursor: Int64, limit: Int, scope: BranchScope) async throws -> PullBody {
        try await pool.read { db in
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
            return PullBody(json: PullPage.encoded(canonicalBodies: rows.map(\.body), cursor: next, more: more), count: rows.count)
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
            return SQLiteSnapshot(view: view, cursor: cursor, rows: rows, numbers: try ReplicaNumbers(db))
        }
    }

    public func state(of key: EntityKey) async throws -> EntityState? {
        try await pool.read { db in
            try (Data.fetchOne(db, sql: "SELECT state FROM record WHERE type = ? AND id = ?", arguments: [key.type.rawValue, key.id.rawValue]))
                .map { try ReplicaNumbers(db).unpack($0) }
        }
    }

    public func conflicts() async throws -> [Conflict] {
        let schema = schema
        return try await pool.read { db in
            let numbers = try ReplicaNumbers(db)
            return try Row.fetchAll(db, sql: "SELECT type, id, state FROM record WHERE conflicts > 0 ORDER BY type, id").flatMap { row in
                let key = EntityKey(RecordType(rawValue: row[0]), RecordID(rawValue: row[1]))
                return try numbers.unpack(row[2]).conflicts(of: key, schema: try schema.requireRecord(key.type))
            }
        }
    }

    public func logCount() async throws -> Int {
        try await pool.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM change_set") ?? 0 }
    }

    // MARK: Audit

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
            var event = event
            event.sequence = sequence + 1
            let hash = AuditChain.hash(event, previous: hash)
            try insert.execute(binding: .integer(event.sequence), .integer(SQLiteStorage.millis(event.time)), .text(event.kind.rawValue), .text(event.user),
                         .text(event.device), .text(event.address), .text(event.detail), .blob(hash))
            sequence = event.sequence
            self.hash = hash
        }
    }

    /// An audit entry from a row of `seq, at, event, account, device, address, detail`.
    static func auditEvent(_ row: Row) throws(StorageError) -> AuditEvent {
        let kind: String = row[2]
        guard let known = AuditEvent.Kind(rawValue: kind) else { throw StorageError.unknownAuditEvent(sequence: row[0], kind: kind) }
        return AuditEvent(sequence: row[0], time: date(row[1]), kind: known, user: row[3], device: row[4], address: row[5], detail: row[6])
    }

    /// Walks the audit trail's hash chain (`AuditChain`), up to entry `last` or to its end.
    public func verifyAudit(upTo last: Int64 = .max) async throws -> AuditChain.Verdict {
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
            var arguments: StatementArguments = [Self.millis(since)]
            if let user {
                sql += " AND account = ?"
                arguments += [user]
            }
            return try Row.fetchAll(db, sql: sql + " ORDER BY seq", arguments: arguments).map { try Self.auditEvent($0) }
        }
    }

    // MARK: Time

    static func millis(_ date: Date) -> Int64 { Int64((date.timeIntervalSince1970 * 1000).rounded()) }
    static func date(_ millis: Int64) -> Date { Date(timeIntervalSince1970: Double(millis) / 1000) }
}

extension SQLiteStorage {
    /// Runs `body` in a write transaction on the raw database: for benchmarks that
    /// fill a log faster than the protocol would, and tests of what the database itself
    /// refuses.
    public func write(_ body: @escaping @Sendable (Database) throws -> Void) async throws {
        try await pool.write(body)
    }
}
