import FieldVisitCore
import FieldVisitProtocol
import FieldVisitSQLite
import Foundation
import GRDB

/// Appends one push's change sets inside its write transaction. A class, so that the
/// lookups handed to ``ChangeAdmission`` refer to it instead of copying its caches.
///
/// Which of the push's dots the log already holds is read up front, a few statements
/// for the whole page. Records are looked up when a change set first needs them, one
/// indexed probe each through a statement prepared once for the push (cheaper than
/// building, parsing and sorting lists of hundreds of ids), and stay in memory while
/// the push runs; ``finish()`` writes each once, however many of its change sets
/// touched it. Everything happens in the caller's transaction, so a push refused whole
/// (thrown) leaves nothing behind.
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
    /// Records as this push leaves them; `nil` for one the server does not hold.
    private var records: [EntityKey: Record?] = [:]
    /// Branches of records that change sets name (a visit's company) without touching
    /// them; `nil` for one the server does not hold.
    private var namedBranches: [EntityKey: String?] = [:]
    /// Records this push changed, in the order first changed.
    private var dirtyOrder: [EntityKey] = []
    /// Replica ids as text: a UUID's string form costs more than the rest of a row.
    private var replicaText: [ReplicaID: String] = [:]
    /// Replica numbers for packing records' registers.
    private var replicaNumbers: ReplicaNumbers
    /// The statements run for every change set, prepared once per push and bound
    /// straight to SQLite (``FieldVisitSQLite``).
    private let insertChange: Statement
    /// The audit trail's last entry, read when the push first appends to it.
    private var auditHead: SQLiteStorage.AuditHead?
    private let selectRecord: Statement
    private let selectBranch: Statement

    /// A record's registers as the push has them, its branch and its number of conflicts.
    private struct Record {
        var branch: String
        var state: EntityState
        var conflicts: Int
        /// The sequence number of the last change set of this push that changed it.
        var changedBy: Int64?
    }

    /// At most this many values bound to one statement (SQLite allows 32,766).
    private static let chunk = 500

    init(db: Database, schema: Schema, admission: ChangeAdmission, receivedAt: Int64, changes: [ChangeSet]) throws {
        self.db = db
        self.schema = schema
        self.admission = admission
        self.receivedAt = receivedAt
        insertChange = try db.makeStatement(sql: """
            INSERT INTO change_set (replica, counter, author, device, branch, received_at, body) VALUES (?, ?, ?, ?, ?, ?, ?)
            """)
        selectRecord = try db.makeStatement(sql: "SELECT branch, state FROM record WHERE type = ? AND id = ?")
        selectBranch = try db.makeStatement(sql: "SELECT branch FROM record WHERE type = ? AND id = ?")
        pushed = Set(changes.map(\.dot))
        replicaNumbers = try ReplicaNumbers(readingAll: db)
        try prefetchDots(changes)
    }

    // MARK: Reading up front

    /// The sequence numbers of the push's dots already in the log: one indexed probe
    /// list per replica (a push holds one replica's change sets).
    private func prefetchDots(_ changes: [ChangeSet]) throws {
        var counters: [ReplicaID: [Int64]] = [:]
        for change in changes { counters[change.replica, default: []].append(Int64(clamping: change.dot.counter)) }
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

    private static func placeholders(_ count: Int) -> String {
        String(repeating: "?,", count: count - 1) + "?"
    }

    // MARK: Appending

    /// Appends one change set, or says why not: a duplicate, a reused dot, missing
    /// dependencies, a branch or a role that does not allow it.
    ///
    /// - Parameter canonicalBody: the change set's canonical JSON as received, if it
    ///   came in that form: stored as it is.
    func push(_ change: ChangeSet, canonicalBody: Data? = nil) throws -> PushResult {
        let dot = change.dot
        assert(canonicalBody == nil || canonicalBody == CanonicalJSONWriter.encode(change), "a received body taken as canonical is not")
        let body = canonicalBody ?? CanonicalJSONWriter.encode(change)
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
        // Whether the server holds any of the records already: a new record cannot be
        // in conflict, so there is no resolution to check.
        var holdsAny = false
        for key in keys {
            if let known = records[key] {
                if known != nil { holdsAny = true }
            } else {
                let loaded = try load(key)
                // `updateValue` keeps a known absence too (a new record), so it is not looked up again.
                records.updateValue(loaded, forKey: key)
                if loaded != nil { holdsAny = true }
            }
        }
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
        if holdsAny, let refusal = admission.checkReview(change, state: { key in self.records[key]??.state }) { return refusal }

        if let refusal = checkRecordSizes(change, keys: keys) { return refusal }

        // Admission bounds counters (ChangeSetLimits); a storage called directly refuses too.
        guard let counter = Int64(exactly: dot.counter), counter <= ChangeSetLimits.maxCounter else {
            return .refused(dot, .invalidChangeSet, "change \(dot) has a counter above the largest allowed, \(ChangeSetLimits.maxCounter)")
        }
        let replica = text(of: dot.replica)
        let caller = admission.caller
        try insertChange.execute(binding: .text(replica), .integer(counter), .text(change.author), .text(caller.device.id), .text(branch),
                                .integer(receivedAt), .blob(body))
        let seq = db.lastInsertedRowID
        logged[dot] = seq
        appended[dot] = body

        if keys.count == 1, let key = keys.first {
            // Most change sets write one record: no table of states for it. Taken out
            // of the table, so that applying changes it in place, not a copy.
            var record = records.updateValue(nil, forKey: key) ?? nil
            var state = record?.state ?? EntityState()
            record?.state = EntityState()
            state.apply(change.operations[...], of: change)
            try update(key, from: record, to: state, branch: branch, seq: seq)
        } else {
            var states: [EntityKey: EntityState] = [:]
            for key in keys { states[key] = records[key]??.state ?? EntityState() }
            change.forEachRecord { key, operations in states[key]!.apply(operations, of: change) }
            for key in keys { try update(key, from: records[key] ?? nil, to: states[key]!, branch: branch, seq: seq) }
        }
        var head = try auditHead ?? SQLiteStorage.AuditHead(db)
        try head.append(AuditEvent(time: Date(timeIntervalSince1970: Double(receivedAt) / 1000), kind: .changeSetAccepted, user: caller.user.name,
                                   device: caller.device.id, address: caller.address,
                                   detail: Self.auditDetail(replica: replica, counter: dot.counter, seq: seq, keys: keys)))
        auditHead = head
        knownBranches.insert(branch)
        return PushResult(dot: dot, status: .accepted, sequence: seq)
    }

    /// Refuses a change set that would make a record hold more than
    /// ``ChangeSetLimits/maxRecordBytes``. A write replaces values, so a record grows
    /// by at most what the change set holds: only when that could pass the limit is
    /// the change applied to a copy and measured.
    private func checkRecordSizes(_ change: ChangeSet, keys: [EntityKey]) -> PushResult? {
        var added = 0
        for operation in change.operations { added += 64 + (operation.valueBytes ?? 8) + (operation.field?.utf8.count ?? 0) + change.author.utf8.count }
        for key in keys {
            let before = records[key]??.state ?? EntityState()
            guard before.approximateBytes + added > ChangeSetLimits.maxRecordBytes else { continue }
            var after = before
            change.forEachRecord { touched, operations in if touched == key { after.apply(operations, of: change) } }
            if after.approximateBytes > ChangeSetLimits.maxRecordBytes {
                return .refused(change.dot, .invalidChangeSet, "change \(change.dot) would make \(key) hold more than \(ChangeSetLimits.maxRecordBytes / 1024 / 1024) MiB; keep a record's texts shorter")
            }
        }
        return nil
    }

    /// Keeps a record's new registers, counting a conflict it gained.
    private func update(_ key: EntityKey, from record: Record?, to state: EntityState, branch: String, seq: Int64) throws {
        let before = record?.conflicts ?? 0
        let after = try conflictCount(state, of: key)
        if before == 0, after > 0 { newConflicts += 1 }
        if record?.changedBy == nil { dirtyOrder.append(key) }
        records[key] = Record(branch: branch, state: state, conflicts: after, changedBy: seq)
    }

    /// Writes every record the push changed, once each, with the sequence number of the
    /// last change set that touched it. Call it before the transaction commits.
    func finish() throws {
        let upsert = try db.makeStatement(sql: """
            INSERT INTO record (type, id, branch, state, conflicts, updated_seq) VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT (type, id) DO UPDATE SET state = excluded.state, conflicts = excluded.conflicts, updated_seq = excluded.updated_seq
            """)
        var changed: [(key: EntityKey, record: Record, seq: Int64)] = []
        changed.reserveCapacity(dirtyOrder.count)
        for key in dirtyOrder {
            if let record = records[key] ?? nil, let seq = record.changedBy { changed.append((key, record, seq)) }
        }
        for entry in changed { try replicaNumbers.numberReplicas(of: entry.record.state, in: db) }
        // A page of records: packed on another thread while the first are written.
        let background = changed.count >= 64 ? BackgroundPacking(changed.map(\.record.state), numbers: replicaNumbers) : nil
        for (index, entry) in changed.enumerated() {
            let state = try background?.packed(index) ?? replicaNumbers.pack(entry.record.state)
            try upsert.execute(binding: .text(entry.key.type.rawValue), .text(entry.key.id.rawValue), .text(entry.record.branch), .blob(state),
                              .integer(Int64(entry.record.conflicts)), .integer(entry.seq))
        }
        dirtyOrder = []
    }

    /// `replica:counter seq N type/id …`: what an accepted change set's audit row says.
    static func auditDetail(replica: String, counter: UInt64, seq: Int64, keys: [EntityKey]) -> String {
        var detail = replica
        detail.reserveCapacity(64 + keys.count * 40)
        detail += ":"
        detail += String(counter)
        detail += " seq "
        detail += String(seq)
        for key in keys {
            detail += " "
            detail += key.type.rawValue
            detail += "/"
            detail += key.id.rawValue
        }
        return detail
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
                                       arguments: [text(of: dot.replica), Int64(clamping: dot.counter)]) != nil
        if found { present.insert(dot) }
        return found
    }

    private func branchExists(_ code: String) throws -> Bool {
        if knownBranches.contains(code) { return true }
        return try Bool.fetchOne(db.cachedStatement(sql: "SELECT 1 FROM branch WHERE code = ?"), arguments: [code]) == true
    }

    private func load(_ key: EntityKey) throws -> Record? {
        guard let stored = try selectRecord.firstRow(binding: .text(key.type.rawValue), .text(key.id.rawValue), read: { row in (branch: row.text(0), state: row.blob(1)) })
        else { return nil }
        let state = try replicaNumbers.unpack(stored.state)
        return Record(branch: stored.branch, state: state, conflicts: try conflictCount(state, of: key))
    }

    /// The record's number of conflicts.
    private func conflictCount(_ state: EntityState, of key: EntityKey) throws -> Int {
        guard state.mayHoldConflicts else { return 0 }
        return state.conflicts(of: key, schema: try schema.requireRecord(key.type)).count
    }

    private func storedBranch(_ key: EntityKey) throws -> String? {
        if let cached = records[key] { return cached?.branch }
        if let named = namedBranches[key] { return named }
        let branch = try selectBranch.firstRow(binding: .text(key.type.rawValue), .text(key.id.rawValue), read: { row in row.text(0) })
        namedBranches[key] = .some(branch)
        return branch
    }
}
