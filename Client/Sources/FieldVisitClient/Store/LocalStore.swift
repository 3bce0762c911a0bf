import FieldVisitCore
import FieldVisitProtocol
import FieldVisitSQLite
import Foundation
import GRDB

/// A field laptop's local store: the change-set log, the registers of every record and
/// their materialised current view, in one SQLite file (WAL mode).
///
/// Every write is a change set applied in one transaction: the log row, the registers
/// and the view rows change together or not at all. Nothing writes the view directly,
/// so it can always be rebuilt from the log (``rebuildFromLog()``).
///
/// ```swift
/// let store = try LocalStore.create(home: StoreHome(option: "/tmp/fv"), user: "sato")
/// let company = EntityKey(.company, .random())
/// try store.commit([.set(company, field: "name", value: "株式会社カワムラ")])
/// ```
public final class LocalStore: Sendable {
    /// The data directory.
    public let home: StoreHome
    /// The record types and fields.
    public let schema: Schema
    /// What only a reviewer decides, over `schema`.
    let reviewPolicy: ReviewPolicy
    /// This laptop's replica id, made by `init`.
    public let replicaID: ReplicaID
    /// The staff member this laptop records changes for.
    public let user: String
    let pool: DatabasePool
    /// Checkpoints the log off the writer's path; the pool's connections report to it.
    private let checkpointer: WALCheckpointer
    /// The number standing for ``replicaID`` in the store's registers and log rows.
    let replicaNumber: Int64

    private init(home: StoreHome, schema: Schema, pool: DatabasePool, checkpointer: WALCheckpointer) throws {
        self.home = home
        self.schema = schema
        reviewPolicy = ReviewPolicy(schema: schema)
        self.pool = pool
        self.checkpointer = checkpointer
        let info = try pool.read { db in try [String: String](uniqueKeysWithValues: Row.fetchAll(db, sql: "SELECT key, value FROM store_info").map { ($0[0], $0[1]) }) }
        guard let replica = info["replica"].flatMap(ReplicaID.init), let user = info["user"] else {
            throw StoreError.damaged(path: home.storePath, detail: StoreMessage.replicaOrUserMissing.text())
        }
        replicaID = replica
        self.user = user
        let uuid = replica.description
        replicaNumber = try pool.read { db in try Int64.fetchOne(db, sql: "SELECT no FROM replica WHERE uuid = ?", arguments: [uuid]) }
            ?? pool.write { db in var rows = RecordRegisters(db); return try rows.number(of: replica) }
    }

    /// Runs `body` in one write transaction. What the log gained while a background
    /// checkpoint ran is copied back first, outside the transaction, so that SQLite can
    /// start the log over rather than let it grow.
    ///
    /// A `bulk` transaction (an import, a pulled page, a snapshot, a rebuild) writes
    /// thousands of rows, each into random pages of the view's indexes: it gets a page
    /// cache of 32 MiB for its duration, so that those pages stay in memory until the
    /// commit instead of being spilled to the log and read back (pulls gain about a
    /// fifth). Single change sets ran faster with SQLite's default of 2 MiB, which is
    /// put back afterwards.
    func write<T>(bulk: Bool = false, _ body: (Database) throws -> T) throws -> T {
        try pool.writeWithoutTransaction { db in
            if checkpointer.takeCatchUp() { _ = try? db.checkpoint(.passive) }
            if bulk { try db.execute(sql: "PRAGMA cache_size = -32768") }
            defer { if bulk { try? db.execute(sql: "PRAGMA cache_size = -2000") } }
            var result: T?
            try db.inTransaction {
                result = try body(db)
                return .commit
            }
            return result!
        }
    }

    /// Registers read and packed in a transaction, knowing this laptop's replica number.
    func recordRegisters(_ db: Database) -> RecordRegisters { RecordRegisters(db, own: replicaID, numbered: replicaNumber) }

    // MARK: Opening

    /// Creates a new store and this laptop's replica id.
    public static func create(home: StoreHome, user: String, replicaID: ReplicaID = .random(), schema: Schema = .fieldVisit) throws -> LocalStore {
        // The name is the author of every change set: in the one form the server keeps.
        let user = UserName.normalized(user.trimmingCharacters(in: .whitespaces))
        if let problem = UserName.problem(user) { throw ValidationError(field: "user", problem) }
        try home.prepare()
        if home.hasStore { throw StoreError.alreadyInitialised(directory: home.directory.path) }
        let checkpointer = WALCheckpointer(path: home.storePath)
        let pool = try StoreDatabase.openPool(path: home.storePath, checkpointer: checkpointer)
        do {
            try StoreMigrations.migrator.migrate(pool)
            try pool.write { db in
                let now = String(Int64(Date().timeIntervalSince1970 * 1000))
                for (key, value) in [("replica", replicaID.description), ("user", user), ("created", now), ("hlc", "0.0")] {
                    try db.execute(sql: "INSERT INTO store_info (key, value) VALUES (?, ?)", arguments: [key, value])
                }
            }
            try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: home.storePath)
            return try LocalStore(home: home, schema: schema, pool: pool, checkpointer: checkpointer)
        } catch {
            // A half-made store would block the next `init`.
            try? pool.close()
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: home.storePath + suffix) }
            throw error
        }
    }

    /// Opens the store of `home`, migrating it forward if an older version wrote it.
    public static func open(home: StoreHome, schema: Schema = .fieldVisit) throws -> LocalStore {
        guard home.hasStore else { throw StoreError.notInitialised(directory: home.directory.path) }
        // A directory made wider since (by hand, by a copy) is made owner-only again.
        try home.prepare()
        let path = home.storePath
        do {
            let checkpointer = WALCheckpointer(path: path)
            let pool = try StoreDatabase.openPool(path: path, checkpointer: checkpointer)
            try StoreDatabase.migrate(pool, with: StoreMigrations.migrator, mustExist: true)
            let store = try LocalStore(home: home, schema: schema, pool: pool, checkpointer: checkpointer)
            // What a migration left to rebuild from the log (v6: packed registers); an
            // interrupted rebuild leaves the key, and the next open rebuilds again.
            if try pool.read({ db in try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM store_info WHERE key = 'rebuild')") }) == true {
                try store.rebuildFromLog()
            }
            return store
        } catch StoreDatabase.Refusal.newerThanProgram(let unknown) {
            throw StoreError.newerThanProgram(path: path, unknownMigrations: unknown)
        } catch StoreDatabase.Refusal.damaged(let detail) {
            throw StoreError.damaged(path: path, detail: detail)
        } catch let error as DatabaseError where StoreDatabase.isDamage(error) {
            throw StoreError.damaged(path: path, detail: error.message ?? "\(error.resultCode)")
        }
    }

    // MARK: Writing

    /// Records local edits as the next change set of this laptop, in one transaction.
    ///
    /// - Throws: ``SyncError`` for an invalid edit; the store is then unchanged.
    @discardableResult
    public func commit(_ edits: [Edit], now: Int64 = LocalStore.now()) throws -> ChangeSet {
        try write { db in try commit(edits, now: now, in: db) }
    }

    /// Records several local changes, one change set each, in one transaction: all of
    /// them or none. An import uses it, so that every record syncs as a change set of
    /// its own while the file still goes in whole.
    @discardableResult
    public func commit(each batches: [[Edit]], now: Int64 = LocalStore.now()) throws -> [ChangeSet] {
        try write(bulk: true) { db in try batches.map { edits in try commit(edits, now: now, in: db) } }
    }

    private func commit(_ edits: [Edit], now: Int64, in db: Database) throws -> ChangeSet {
        var rows = recordRegisters(db)
        var stored: [EntityKey: StoredRecord] = [:]
        for key in Set(edits.map(\.entity)) { stored[key] = try rows.load(key) }
        let entities = stored.mapValues(\.state)
        // This laptop's last change set gives both the next counter and the clock: a local
        // change's timestamp is later than any the clock had seen, so the stored clock
        // is written only for change sets received (see `apply`).
        var counter: UInt64 = 0
        var clock = try Self.clock(db)
        if let last = try Row.fetchOne(db.cachedStatement(sql: """
            SELECT counter, time, logical FROM change_set WHERE replica_no = ? ORDER BY counter DESC LIMIT 1
            """), arguments: [replicaNumber]) {
            counter = UInt64(last[0] as Int64)
            clock.observe(HybridTimestamp(time: last[1], logical: UInt32(clamping: last[2] as Int64)))
        }
        let replica = Replica(id: replicaID, schema: schema, counter: counter, clock: clock, entities: entities)
        let change = try replica.prepare(edits, author: user, now: now)
        try refuseReviewDecisionsByFieldStaff(change, entities: entities, in: db)
        _ = try apply(change, local: true, in: db, rows: &rows, loaded: stored)
        return change
    }

    /// The server's rule, applied before the server sees the change: field staff do not
    /// approve, return or resolve (``ReviewPolicy``); a manager does. A laptop not
    /// logged in has no role.
    private func refuseReviewDecisionsByFieldStaff(_ change: ChangeSet, entities: [EntityKey: EntityState], in db: Database) throws {
        // The role is read only for a change a reviewer alone may make: most are not.
        guard let refusal = reviewPolicy.refusal(of: change, isReviewer: false, state: { entities[$0] }),
              try String.fetchOne(db, sql: "SELECT role FROM sync_login WHERE id = 1") == Role.field.rawValue
        else { return }
        throw SyncError.editRefused(refusal.entity, reason: .joined([refusal.message, ReviewMessage.reviewersCommand.localized()], separator: ""))
    }

    /// Applies a change set received from elsewhere, in one transaction.
    ///
    /// - Returns: ``ApplyOutcome/duplicate`` when it was already here.
    /// - Throws: ``SyncError`` when it is invalid or its dependencies are missing; the
    ///   store is then unchanged.
    @discardableResult
    public func apply(_ change: ChangeSet) throws -> ApplyOutcome {
        try write { db in
            var rows = recordRegisters(db)
            return try apply(change, local: false, in: db, rows: &rows)
        }
    }

    /// `loaded` holds the records a local commit already read (absent: not stored yet).
    ///
    /// `requireDependencies` is false for change sets pulled from the server: it sends
    /// them in causal order, and some of their dependencies concern records this laptop
    /// may not see, so they would never arrive here.
    func apply(
        _ change: ChangeSet, local: Bool, in db: Database, rows: inout RecordRegisters, loaded: [EntityKey: StoredRecord]? = nil,
        requireDependencies: Bool = true
    ) throws -> ApplyOutcome {
        let replicaNumber = try rows.number(of: change.replica)
        // A local change was just prepared from this transaction's own reads: it is new,
        // well formed, valid, and depends only on what is stored.
        if !local {
            if try contains(replicaNumber, change.dot.counter, in: db) { return .duplicate }
            try change.checkShape()
            if requireDependencies {
                var missing: [Dot] = []
                for dependency in change.dependencies.dots where !(try contains(try rows.number(of: dependency.replica), dependency.counter, in: db)) {
                    missing.append(dependency)
                }
                if !missing.isEmpty { throw SyncError.missingDependencies(change: change.dot, missing: missing) }
            }
            try schema.validate(change)
        }

        try db.cachedStatement(sql: """
            INSERT INTO change_set (replica_no, counter, author, time, logical, local, applied_at, body) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(binding:
                .integer(replicaNumber), .integer(Int64(change.dot.counter)), .text(change.author), .integer(change.timestamp.time),
                .integer(Int64(change.timestamp.logical)), .bool(local), .integer(Self.now()),
                .text(String(decoding: CanonicalJSONWriter.encode(change), as: UTF8.self)))
        let seq = db.lastInsertedRowID
        try applyToRecords(change, seq: seq, in: db, rows: &rows, loaded: loaded)
        if !local {
            var clock = try Self.clock(db)
            clock.observe(change.timestamp, now: Self.now())
            try db.cachedStatement(sql: "UPDATE store_info SET value = ? WHERE key = 'hlc'").execute(binding: .text(clock.last.description))
        }
        return .applied
    }

    /// Applies a logged change to the registers and views of the records it touches.
    private func applyToRecords(
        _ change: ChangeSet, seq: Int64, in db: Database, rows: inout RecordRegisters, loaded: [EntityKey: StoredRecord]?
    ) throws {
        var records: [EntityKey: (number: Int64?, state: EntityState)] = [:]
        for key in change.records {
            let stored = try loaded.map { $0[key] } ?? rows.load(key)
            records[key] = (stored?.number, stored?.state ?? EntityState())
        }
        change.forEachRecord { key, operations in records[key]!.state.apply(operations, of: change) }
        for key in change.records {
            let (stored, state) = records[key]!
            let view = RecordView(key: key, state: state, schema: try schema.requireRecord(key.type))
            let number = try view.save(in: db, seq: seq, number: stored, registers: try rows.pack(state))
            try db.cachedStatement(sql: "INSERT INTO change_record (record_no, seq) VALUES (?, ?)").execute(binding: .integer(number), .integer(seq))
        }
    }

    private func contains(_ replicaNumber: Int64, _ counter: UInt64, in db: Database) throws -> Bool {
        try Bool.fetchOne(db.cachedStatement(sql: "SELECT 1 FROM change_set WHERE replica_no = ? AND counter = ?"),
                          arguments: [replicaNumber, Int64(clamping: counter)]) ?? false
    }

    /// The clock as last stored: the latest timestamp received. Local commits add this
    /// laptop's own latest change set, whose timestamp is not stored here.
    static func clock(_ db: Database) throws -> HybridLogicalClock {
        let text = try String.fetchOne(db.cachedStatement(sql: "SELECT value FROM store_info WHERE key = 'hlc'")) ?? "0.0"
        let parts = text.split(separator: ".")
        let time = parts.first.flatMap { Int64($0) } ?? 0
        let logical = parts.count > 1 ? UInt32(parts[1]) ?? 0 : 0
        return HybridLogicalClock(last: HybridTimestamp(time: time, logical: logical))
    }

    /// The wall clock in milliseconds since 1970.
    public static func now() -> Int64 { Int64((Date().timeIntervalSince1970 * 1000).rounded()) }

    // MARK: Rebuilding

    /// Rebuilds every register and view row from the log, in one transaction.
    ///
    /// A store that started from a server snapshot starts each snapshot record from
    /// the state it received, and replays only the log rows that came after it.
    /// The result must equal what applying the changes one by one produced; the store's
    /// tests check it.
    public func rebuildFromLog() throws {
        try write(bulk: true) { db in
            for table in ["record_view", "visit_set_element", "change_record"] {
                try db.execute(sql: "DELETE FROM \(table)")
            }
            try db.execute(sql: "DELETE FROM store_info WHERE key = 'rebuild'")
            var states: [EntityKey: EntityState] = [:]
            // The log row each snapshot record's state already includes.
            var bases: [EntityKey: Int64] = [:]
            let snapshot = try Row.fetchCursor(db, sql: "SELECT type, id, state, base_seq FROM snapshot_record")
            while let row = try snapshot.next() {
                let key = EntityKey(RecordType(rawValue: row[0]), RecordID(rawValue: row[1]))
                states[key] = try CanonicalJSON.decode(EntityState.self, from: Data((row[2] as String).utf8))
                bases[key] = row[3]
            }
            var touched: [EntityKey: (created: Int64, updated: Int64)] = [:]
            var history: [(EntityKey, Int64)] = []
            let log = try Row.fetchCursor(db, sql: "SELECT seq, body FROM change_set ORDER BY seq")
            while let row = try log.next() {
                let seq: Int64 = row[0]
                let change = try ChangeSetReader.read(Data((row[1] as String).utf8))
                change.forEachRecord { key, operations in
                    if let base = bases[key], seq <= base { return }
                    states[key, default: EntityState()].apply(operations, of: change)
                }
                for key in change.records {
                    touched[key] = (touched[key]?.created ?? seq, seq)
                    history.append((key, seq))
                }
            }
            var rows = recordRegisters(db)
            var spans: [EntityKey: (created: Int64, updated: Int64)] = [:]
            for key in states.keys {
                // Loading a snapshot wrote the view of its records at their base row.
                var span = touched[key] ?? (bases[key]!, bases[key]!)
                if let base = bases[key] { span = (min(span.created, base), max(span.updated, base)) }
                spans[key] = span
            }
            // Records are numbered again in the order they arrived, as they were first.
            var numbers: [EntityKey: Int64] = [:]
            for key in states.keys.sorted(by: { (spans[$0]!.created, $0.type.rawValue, $0.id) < (spans[$1]!.created, $1.type.rawValue, $1.id) }) {
                let state = states[key]!, span = spans[key]!
                let view = RecordView(key: key, state: state, schema: try schema.requireRecord(key.type))
                let number = try view.save(in: db, seq: span.created, number: nil, registers: try rows.pack(state))
                try db.cachedStatement(sql: "UPDATE record_view SET updated_seq = ? WHERE no = ?").execute(binding: .integer(span.updated), .integer(number))
                numbers[key] = number
            }
            let insert = try db.cachedStatement(sql: "INSERT INTO change_record (record_no, seq) VALUES (?, ?)")
            for (key, seq) in history { try insert.execute(binding: .integer(numbers[key]!), .integer(seq)) }
        }
    }

    // MARK: Reading

    /// The registers of a record, or `nil` when it is unknown here.
    public func state(of key: EntityKey) throws -> EntityState? {
        try pool.read { db in
            var rows = recordRegisters(db)
            return try rows.load(key)?.state
        }
    }

    /// The id of the record of `type` whose id is `prefix` or starts with it, as in git.
    public func resolve(_ prefix: String, type: RecordType) throws -> RecordID {
        let ids = try pool.read { db in
            try String.fetchAll(db, sql: "SELECT id FROM record_view WHERE type = ? AND id >= ? AND id < ? ORDER BY id LIMIT 11",
                                arguments: [type.rawValue, prefix, prefix + "~"])
        }
        if ids.contains(prefix) { return RecordID(rawValue: prefix) }
        switch ids.count {
        case 0: throw StoreError.recordNotFound(type: type.rawValue, id: prefix)
        case 1: return RecordID(rawValue: ids[0])
        default: throw StoreError.ambiguousPrefix(type: type.rawValue, prefix: prefix, candidates: ids)
        }
    }

    /// The change sets that touched a record, oldest first.
    public func history(of key: EntityKey) throws -> [ChangeSet] {
        try pool.read { db in
            try String.fetchAll(db, sql: """
                SELECT cs.body FROM record_view v JOIN change_record cr ON cr.record_no = v.no JOIN change_set cs ON cs.seq = cr.seq
                WHERE v.type = ? AND v.id = ? ORDER BY cr.seq
                """, arguments: [key.type.rawValue, key.id.rawValue])
                .map { try ChangeSetReader.read(Data($0.utf8)) }
        }
    }

    /// The change sets of a record whose time cannot be right: stamped more than a day
    /// after they reached this laptop (a writer's clock ahead), or before 2000. Times
    /// are the writers' data, shown as written; these are the ones to doubt.
    public func implausibleTimes(of key: EntityKey) throws -> Set<Dot> {
        try pool.read { db in
            let rows = try Row.fetchAll(db, sql: """
                SELECT cs.body FROM record_view v JOIN change_record cr ON cr.record_no = v.no JOIN change_set cs ON cs.seq = cr.seq
                WHERE v.type = ? AND v.id = ? AND (cs.time > cs.applied_at + ? OR cs.time < ?)
                """, arguments: [key.type.rawValue, key.id.rawValue, HybridLogicalClock.plausibleLead, Self.earliestPlausibleTime])
            return Set(try rows.map { try ChangeSetReader.read(Data(($0[0] as String).utf8)).dot })
        }
    }

    /// 2000-01-01T00:00:00Z: no visit was recorded before.
    static let earliestPlausibleTime: Int64 = 946_684_800_000

    /// Every conflict in the store, by record.
    public func conflicts() throws -> [Conflict] {
        try pool.read { db in
            var rows = recordRegisters(db)
            let keys = try Row.fetchAll(db, sql: "SELECT type, id FROM record_view WHERE conflicts > 0 ORDER BY type, id")
                .map { EntityKey(RecordType(rawValue: $0[0]), RecordID(rawValue: $0[1])) }
            return try keys.flatMap { key in
                try rows.load(key)?.state.conflicts(of: key, schema: try schema.requireRecord(key.type)) ?? []
            }
        }
    }

    /// The number of change sets in the log, and how many were made on this laptop.
    public func logCounts() throws -> (total: Int, local: Int) {
        try pool.read { db in
            let row = try Row.fetchOne(db, sql: "SELECT count(*), coalesce(sum(local), 0) FROM change_set")!
            return (row[0], row[1])
        }
    }

    /// The journal mode in force (`wal`).
    public func journalMode() -> String? {
        try? pool.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") }
    }

    /// Reads the store with a raw SQL connection, for reports and tests.
    public func read<T: Sendable>(_ body: @Sendable (Database) throws -> T) throws -> T {
        try pool.read(body)
    }
}
