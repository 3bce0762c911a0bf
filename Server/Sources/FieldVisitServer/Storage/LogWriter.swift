import FieldVisitCore
import FieldVisitProtocol
import Foundation
import GRDB

/// Appends one push's change sets inside its write transaction. A class, so that the
/// lookups handed to ``ChangeAdmission`` refer to it instead of copying its caches.
///
/// What a push needs from the database is read up front, a few statements for the
/// whole page instead of several per change set: which of its dots are already in the
/// log, and the records its change sets touch or name. Records stay in memory while the
/// push runs and are written once each by ``finish()``, however many of its change sets
/// touched them. Everything happens in the caller's transaction, so a push refused
/// whole (thrown) leaves nothing behind.
final class LogWriter {
    let db: Database
    let schema: Schema
    let admission: ChangeAdmission
    let receivedAt: Int64
    /// Records that gained a conflict, change set by change set.
    private(set) var newConflicts = 0

    /// Every dot of this push, stored or not.
    private let pushed: Set<Dot>
    /// Dots of this push found in the log, and those this push appended: their sequence numbers.
    private var logged: [Dot: Int64] = [:]
    /// The bodies this push appended, to tell a repeated dot's content within one push.
    private var appended: [Dot: Data] = [:]
    /// Dependencies outside this push found in the log.
    private var present: Set<Dot> = []
    private var knownBranches: Set<String> = []
    /// The records looked for up front: those absent from `fetched` and `namedBranches` are new.
    private var prefetched: Set<EntityKey> = []
    /// Stored records read up front, not yet decoded.
    private var fetched: [EntityKey: (branch: String, state: Data)] = [:]
    /// Branches of records that change sets name (a visit's company) without touching them.
    private var namedBranches: [EntityKey: String] = [:]
    /// Records as this push leaves them; `nil` for one the server does not hold.
    private var records: [EntityKey: Record?] = [:]
    /// Records this push changed, in the order first changed, with the last change's sequence number.
    private var dirty: [EntityKey: Int64] = [:]
    private var dirtyOrder: [EntityKey] = []
    /// Replica ids as text: a UUID's string form costs more than the rest of a row.
    private var replicaText: [ReplicaID: String] = [:]
    private let decoder = JSONDecoder()

    /// A record's registers as the push has them, its branch and its number of conflicts.
    private struct Record {
        var branch: String
        var state: EntityState
        var conflicts: Int
    }

    /// At most this many values bound to one statement (SQLite allows 32,766).
    private static let chunk = 500

    init(db: Database, schema: Schema, admission: ChangeAdmission, receivedAt: Int64, changes: [ChangeSet]) throws {
        self.db = db
        self.schema = schema
        self.admission = admission
        self.receivedAt = receivedAt
        pushed = Set(changes.map(\.dot))
        try prefetchDots(changes)
        try prefetchRecords(changes.filter { logged[$0.dot] == nil })
    }

    // MARK: Reading up front

    /// The sequence numbers of the push's dots already in the log: one indexed probe
    /// list per replica (a push holds one replica's change sets).
    private func prefetchDots(_ changes: [ChangeSet]) throws {
        var counters: [ReplicaID: [Int64]] = [:]
        for change in changes { counters[change.replica, default: []].append(Int64(change.dot.counter)) }
        for (replica, all) in counters {
            let text = self.text(of: replica)
            for start in stride(from: 0, to: all.count, by: Self.chunk) {
                let part = all[start..<min(start + Self.chunk, all.count)]
                var arguments: StatementArguments = [text]
                arguments += StatementArguments(part)
                let rows = try Row.fetchCursor(db, sql: "SELECT counter, seq FROM change_set WHERE replica = ? AND counter IN (\(Self.placeholders(part.count)))",
                                               arguments: arguments)
                while let row = try rows.next() {
                    let counter: Int64 = row[0]
                    logged[Dot(replica: replica, counter: UInt64(counter))] = row[1]
                }
            }
        }
    }

    /// The stored records the change sets touch (branch and registers) and the branches
    /// of the companies they name, by type, a few statements in all.
    private func prefetchRecords(_ changes: [ChangeSet]) throws {
        var touched: Set<EntityKey> = []
        var named: Set<EntityKey> = []
        for change in changes {
            var previous: EntityKey?
            for operation in change.operations {
                let key = operation.entity
                // Operations come in runs per record: comparing is cheaper than hashing.
                if key != previous {
                    touched.insert(key)
                    previous = key
                }
                if key.type != .company, case .set(_, Visit.Field.company.rawValue, .text(let company)) = operation {
                    named.insert(EntityKey(.company, RecordID(rawValue: company)))
                }
            }
        }
        named.subtract(touched)
        try select(touched, columns: "branch, state") { key, row in fetched[key] = (branch: row[2] as String, state: row[3] as Data) }
        try select(named, columns: "branch") { key, row in namedBranches[key] = row[2] as String }
        prefetched = touched.union(named)
    }

    /// Reads `type, id, columns` of the stored records among `keys`.
    private func select(_ keys: Set<EntityKey>, columns: String, _ body: (EntityKey, Row) -> Void) throws {
        var byType: [RecordType: [String]] = [:]
        for key in keys { byType[key.type, default: []].append(key.id.rawValue) }
        for (type, ids) in byType {
            for start in stride(from: 0, to: ids.count, by: Self.chunk) {
                let part = ids[start..<min(start + Self.chunk, ids.count)]
                var arguments: StatementArguments = [type.rawValue]
                arguments += StatementArguments(part)
                let rows = try Row.fetchCursor(db, sql: "SELECT type, id, \(columns) FROM record WHERE type = ? AND id IN (\(Self.placeholders(part.count)))",
                                               arguments: arguments)
                while let row = try rows.next() {
                    body(EntityKey(RecordType(rawValue: row[0]), RecordID(rawValue: row[1])), row)
                }
            }
        }
    }

    private static func placeholders(_ count: Int) -> String {
        String(repeating: "?,", count: count - 1) + "?"
    }

    // MARK: Appending

    /// Appends one change set, or says why not: a duplicate, a reused dot, missing
    /// dependencies, a branch or a role that does not allow it.
    func push(_ change: ChangeSet) throws -> PushResult {
        let dot = change.dot
        let body = CanonicalJSONWriter.encode(change)
        if let seq = logged[dot] {
            // The same dot must be the same change set: anything else is a replica
            // reusing its counters (a restored backup, a copied store) and would fork history.
            let stored = try appended[dot] ?? Data.fetchOne(db.cachedStatement(sql: "SELECT body FROM change_set WHERE seq = ?"), arguments: [seq])
            guard stored == body else {
                return .refused(dot, .invalidChangeSet, "change \(dot) was stored before with different content; this laptop's store was copied or restored from a backup — make a new one with `fieldvisit init`")
            }
            return PushResult(dot: dot, status: .duplicate, sequence: seq)
        }
        var missing: [Dot] = []
        for dependency in change.dependencies.dots {
            if try !isLogged(dependency) { missing.append(dependency) }
        }
        if !missing.isEmpty {
            return .refused(dot, .missingDependencies, SyncError.missingDependencies(change: dot, missing: missing).description, missing: missing)
        }
        let keys = change.records
        // `updateValue` keeps a known absence too (a new record), so it is not looked up again.
        for key in keys where records[key] == nil { records.updateValue(try load(key), forKey: key) }
        let placement = try admission.place(
            change, records: keys,
            storedBranch: { key in try self.storedBranch(key) },
            branchExists: { code in try self.branchExists(code) }
        )
        let branch: String
        switch placement {
        case .refused(let refusal): return refusal
        case .branch(let placed): branch = placed
        }
        if let refusal = admission.checkResolution(change, state: { key in self.records[key]??.state }) { return refusal }

        let replica = text(of: dot.replica)
        let caller = admission.caller
        let insert = try db.cachedStatement(sql: """
            INSERT INTO change_set (replica, counter, author, device, branch, received_at, body) VALUES (?, ?, ?, ?, ?, ?, ?)
            """)
        // The values' types are the columns' own: GRDB's per-call check adds nothing here.
        insert.setUncheckedArguments([replica, Int64(dot.counter), change.author, caller.device.id, branch, receivedAt, body])
        try insert.execute()
        let seq = db.lastInsertedRowID
        logged[dot] = seq
        appended[dot] = body

        var states: [EntityKey: EntityState] = [:]
        for key in keys { states[key] = records[key]??.state ?? EntityState() }
        change.forEachRecord { key, operations in states[key]!.apply(operations, of: change) }
        for key in keys {
            let state = states[key]!
            let before = records[key]??.conflicts ?? 0
            let after = state.conflicts(of: key, schema: try schema.requireRecord(key.type)).count
            if before == 0, after > 0 { newConflicts += 1 }
            records[key] = Record(branch: branch, state: state, conflicts: after)
            if dirty.updateValue(seq, forKey: key) == nil { dirtyOrder.append(key) }
        }
        let audit = try db.cachedStatement(sql: "INSERT INTO audit (at, event, account, device, address, detail) VALUES (?, ?, ?, ?, ?, ?)")
        audit.setUncheckedArguments([
            receivedAt, AuditEvent.Kind.changeSetAccepted.rawValue, caller.user.name, caller.device.id, caller.address,
            "\(replica):\(dot.counter) seq \(seq) \(keys.map(\.description).joined(separator: " "))",
        ])
        try audit.execute()
        knownBranches.insert(branch)
        return PushResult(dot: dot, status: .accepted, sequence: seq)
    }

    /// Writes every record the push changed, once each, with the sequence number of the
    /// last change set that touched it. Call it before the transaction commits.
    func finish() throws {
        let upsert = try db.cachedStatement(sql: """
            INSERT INTO record (type, id, branch, state, conflicts, updated_seq) VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT (type, id) DO UPDATE SET state = excluded.state, conflicts = excluded.conflicts, updated_seq = excluded.updated_seq
            """)
        for key in dirtyOrder {
            guard let record = records[key] ?? nil, let seq = dirty[key] else { continue }
            upsert.setUncheckedArguments([key.type.rawValue, key.id.rawValue, record.branch, CanonicalJSONWriter.encode(record.state), record.conflicts, seq])
            try upsert.execute()
        }
        dirty = [:]
        dirtyOrder = []
    }

    // MARK: Lookups

    private func text(of replica: ReplicaID) -> String {
        if let text = replicaText[replica] { return text }
        let text = replica.description
        replicaText[replica] = text
        return text
    }

    /// Whether a dependency is in the log: appended by this push, read up front, or
    /// (a dot from before this push) looked up once.
    private func isLogged(_ dot: Dot) throws -> Bool {
        if logged[dot] != nil || present.contains(dot) { return true }
        // A dot of this push that is not logged yet comes later or was refused.
        if pushed.contains(dot) { return false }
        let found = try Int64.fetchOne(db.cachedStatement(sql: "SELECT seq FROM change_set WHERE replica = ? AND counter = ?"),
                                       arguments: [text(of: dot.replica), Int64(dot.counter)]) != nil
        if found { present.insert(dot) }
        return found
    }

    private func branchExists(_ code: String) throws -> Bool {
        if knownBranches.contains(code) { return true }
        return try Bool.fetchOne(db.cachedStatement(sql: "SELECT 1 FROM branch WHERE code = ?"), arguments: [code]) == true
    }

    private func load(_ key: EntityKey) throws -> Record? {
        let stored: (branch: String, state: Data)?
        if let hit = fetched[key] {
            stored = hit
        } else if prefetched.contains(key) {
            stored = nil
        } else if let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT branch, state FROM record WHERE type = ? AND id = ?"),
                                             arguments: [key.type.rawValue, key.id.rawValue]) {
            stored = (row[0], row[1])
        } else {
            stored = nil
        }
        guard let stored else { return nil }
        let state = try decoder.decode(EntityState.self, from: stored.state)
        return Record(branch: stored.branch, state: state, conflicts: state.conflicts(of: key, schema: try schema.requireRecord(key.type)).count)
    }

    private func storedBranch(_ key: EntityKey) throws -> String? {
        if let cached = records[key] { return cached?.branch }
        if let hit = fetched[key] { return hit.branch }
        if let hit = namedBranches[key] { return hit }
        if prefetched.contains(key) { return nil }
        return try String.fetchOne(db.cachedStatement(sql: "SELECT branch FROM record WHERE type = ? AND id = ?"),
                                   arguments: [key.type.rawValue, key.id.rawValue])
    }
}
