import FieldVisitCore
import FieldVisitProtocol
import Foundation

/// Appends one push's change sets inside its transaction, deciding for each whether
/// it is a duplicate, reuses a dot, misses dependencies, or is outside the caller's
/// branches or role; the backend reads and writes through a ``LogTransaction``. A
/// class, so that the lookups handed to ``ChangeAdmission`` refer to it instead of
/// copying its caches.
///
/// Which of the push's dots the log already holds is asked up front, once for the
/// whole page. Records are read when a change set first needs them and stay in memory
/// while the push runs; ``finish()`` writes each once, however many of its change sets
/// touched it. Everything happens in the caller's transaction, so a push refused whole
/// (thrown) leaves nothing behind.
final class LogAppender<Transaction: LogTransaction> {
    private(set) var transaction: Transaction
    let schema: Schema
    let admission: ChangeAdmission
    /// When the push was received, in milliseconds since 1970.
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

    /// A record's registers as the push has them, its branch and its number of conflicts.
    private struct Record {
        var branch: String
        var state: EntityState
        var conflicts: Int
        /// The sequence number at which the record first arrived.
        var createdSeq: Int64
        /// Whether the record was stored before this push (it may have a row of the
        /// review queue to remove).
        var wasStored: Bool
        /// The sequence number of the last change set of this push that changed it.
        var changedBy: Int64?
    }

    init(_ transaction: Transaction, schema: Schema, admission: ChangeAdmission, receivedAt: Int64, changes: [ChangeSet]) throws {
        self.transaction = transaction
        self.schema = schema
        self.admission = admission
        self.receivedAt = receivedAt
        pushed = Set(changes.map(\.dot))
        logged = try self.transaction.sequences(of: changes.map(\.dot))
    }

    /// What appending `changes` may look up: their own dots and their dependencies, the
    /// records they change, and the companies they name. For a backend that reads all
    /// of it up front, in a few statements, rather than one at a time.
    static func lookups(for changes: [ChangeSet]) -> (dots: Set<Dot>, records: Set<EntityKey>) {
        var dots: Set<Dot> = []
        var keys: Set<EntityKey> = []
        for change in changes {
            dots.insert(change.dot)
            dots.formUnion(change.dependencies.dots)
            for key in change.records {
                keys.insert(key)
                if key.type != .company, let company = ChangeAdmission.writtenText(of: ReviewedRecordField.company.rawValue, key: key, in: change) {
                    keys.insert(EntityKey(.company, RecordID(rawValue: company)))
                }
            }
        }
        return (dots, keys)
    }

    // MARK: Appending

    /// Appends a push's change sets and writes the records they changed, a result for
    /// each; throws ``StorageError/pushForbidden(reason:)`` when one of them writes
    /// outside the caller's branches or role, for the transaction to be rolled back.
    func push(_ changes: [ChangeSet], canonicalBodies: [Data?]) throws -> PushOutcome {
        precondition(canonicalBodies.isEmpty || canonicalBodies.count == changes.count, "one body per change set, or none")
        var results: [PushResult] = []
        results.reserveCapacity(changes.count)
        for (index, change) in changes.enumerated() {
            results.append(try push(change, canonicalBody: canonicalBodies.isEmpty ? nil : canonicalBodies[index]))
        }
        // Writing outside one's branches or role refuses the whole push, so that it is
        // refused as a request (403), with nothing stored.
        if let forbidden = results.first(where: { $0.code == .forbidden }) {
            throw StorageError.pushForbidden(reason: forbidden.reason ?? ProblemMessage.notAllowed.text(in: admission.caller.language))
        }
        try finish()
        return PushOutcome(results: results, newConflicts: newConflicts)
    }

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
            let stored = try appended[dot] ?? transaction.body(at: seq)
            guard stored == body else {
                return .refused(dot, .invalidChangeSet, ProblemMessage.storedDifferently.text(["change": "\(dot)"], in: admission.caller.language))
            }
            return PushResult(dot: dot, status: .duplicate, sequence: seq)
        }
        var missing: [Dot] = []
        for dependency in change.dependencies.dots {
            if try !isLogged(dependency) { missing.append(dependency) }
        }
        if !missing.isEmpty {
            return .refused(dot, .missingDependencies, SyncError.missingDependencies(change: dot, missing: missing).message.text(in: admission.caller.language), missing: missing)
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
            return .refused(dot, .invalidChangeSet, ProblemMessage.counterTooLarge.text(["change": "\(dot)", "max": "\(ChangeSetLimits.maxCounter)"], in: admission.caller.language))
        }
        let replica = text(of: dot.replica)
        let caller = admission.caller
        let seq = try transaction.append(LogEntry(replica: replica, counter: counter, author: change.author, device: caller.device.id,
                                                  branch: branch, receivedAt: receivedAt, body: body))
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
        try transaction.audit(AuditEvent(time: StoredTime.date(receivedAt), kind: .changeSetAccepted, user: caller.user.name,
                                         device: caller.device.id, address: caller.address,
                                         detail: Self.auditDetail(replica: replica, counter: dot.counter, seq: seq, keys: keys)))
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
                return .refused(change.dot, .invalidChangeSet, ProblemMessage.recordTooLarge.text(["change": "\(change.dot)", "record": "\(key)", "max": "\(ChangeSetLimits.maxRecordBytes / 1024 / 1024)"], in: admission.caller.language))
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
        records[key] = Record(branch: branch, state: state, conflicts: after, createdSeq: record?.createdSeq ?? seq,
                              wasStored: record?.wasStored ?? false, changedBy: seq)
    }

    /// Writes every record the push changed, once each, with the sequence number of the
    /// last change set that touched it and where it stands for review (the review
    /// queue's row, written or removed in the same transaction).
    private func finish() throws {
        var changed: [ChangedRecord] = []
        changed.reserveCapacity(dirtyOrder.count)
        for key in dirtyOrder {
            if let record = records[key] ?? nil, let seq = record.changedBy {
                let review = ReviewStatus(key, state: record.state, record: try schema.requireRecord(key.type))
                changed.append(ChangedRecord(key: key, branch: record.branch, state: record.state, conflicts: record.conflicts,
                                             createdSeq: record.createdSeq, updatedSeq: seq, review: review, wasStored: record.wasStored))
            }
        }
        try transaction.write(changed)
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
        let found = try transaction.holds(dot)
        if found { present.insert(dot) }
        return found
    }

    private func branchExists(_ code: String) throws -> Bool {
        if knownBranches.contains(code) { return true }
        return try transaction.branchExists(code)
    }

    private func load(_ key: EntityKey) throws -> Record? {
        guard let stored = try transaction.record(key) else { return nil }
        return Record(branch: stored.branch, state: stored.state, conflicts: try conflictCount(stored.state, of: key), createdSeq: stored.createdSeq,
                      wasStored: true)
    }

    /// The record's number of conflicts.
    private func conflictCount(_ state: EntityState, of key: EntityKey) throws -> Int {
        guard state.mayHoldConflicts else { return 0 }
        return state.conflicts(of: key, schema: try schema.requireRecord(key.type)).count
    }

    private func storedBranch(_ key: EntityKey) throws -> String? {
        if let cached = records[key] { return cached?.branch }
        if let named = namedBranches[key] { return named }
        let branch = try transaction.branch(of: key)
        namedBranches[key] = .some(branch)
        return branch
    }
}
