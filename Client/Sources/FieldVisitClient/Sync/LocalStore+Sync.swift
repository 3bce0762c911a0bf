import FieldVisitCore
import FieldVisitProtocol
import Foundation
import GRDB

/// What sync reads from and writes to the store. Each write is one transaction that
/// also records how far the sync got, so a sync killed at any moment and run again
/// loses nothing and repeats nothing.
extension LocalStore {
    // MARK: Position

    /// How far this laptop has synced.
    public func syncState() throws -> SyncState {
        try pool.read { db in try Self.syncState(db) }
    }

    static func syncState(_ db: Database) throws -> SyncState {
        guard let row = try Row.fetchOne(db, sql: "SELECT server, pushed_counter, pull_cursor, last_sync FROM sync_state WHERE id = 1") else {
            return SyncState()
        }
        return SyncState(server: row[0], pushedCounter: UInt64(row[1] as Int64), pullCursor: row[2], lastSync: row[3])
    }

    /// Makes the positions belong to `server`: kept when it is the server they belong
    /// to, started afresh for another one (which holds none of this laptop's changes).
    func startSync(with server: String, in db: Database) throws {
        let state = try Self.syncState(db)
        guard state.server != server else { return }
        try db.execute(sql: "INSERT OR REPLACE INTO sync_state (id, server, pushed_counter, pull_cursor, last_sync) VALUES (1, ?, 0, NULL, NULL)",
                       arguments: [server])
    }

    /// Records that a sync finished, for `fieldvisit status`.
    public func recordSyncFinished(at time: Int64 = LocalStore.now()) throws {
        try write { db in try db.execute(sql: "UPDATE sync_state SET last_sync = ? WHERE id = 1", arguments: [time]) }
    }

    // MARK: Pushing

    /// How many of this laptop's change sets the server has not acknowledged.
    public func pendingCount() throws -> Int {
        try pool.read { db in
            try Int.fetchOne(db, sql: """
                SELECT count(*) FROM change_set cs JOIN replica r ON r.no = cs.replica_no
                WHERE r.uuid = ? AND cs.counter > (SELECT pushed_counter FROM sync_state WHERE id = 1)
                """, arguments: [replicaID.description]) ?? 0
        }
    }

    /// This laptop's change sets the server has not acknowledged, oldest first: each
    /// depends on the one before, so they must reach the server in this order.
    public func pendingChangeSets(limit: Int) throws -> [ChangeSet] {
        try pool.read { db in
            try String.fetchAll(db, sql: """
                SELECT cs.body FROM change_set cs JOIN replica r ON r.no = cs.replica_no
                WHERE r.uuid = ? AND cs.counter > (SELECT pushed_counter FROM sync_state WHERE id = 1)
                ORDER BY cs.counter LIMIT ?
                """, arguments: [replicaID.description, limit])
                .map { try ChangeSetReader.read(Data($0.utf8)) }
        }
    }

    /// Stamps again, with the server's clock, this laptop's change sets that the server
    /// refused as stamped too far ahead (`clock-ahead`): the laptop's clock was wrong.
    /// Nobody else holds them yet, so their content may still change; their dots,
    /// order and everything else stay. The registers are rebuilt from the log, the
    /// next open finishing the rebuild if it is interrupted.
    ///
    /// - Parameter serverTime: the server's clock, in milliseconds since 1970.
    /// - Returns: how many change sets were stamped again.
    @discardableResult
    public func restampAhead(ofServerTime serverTime: Int64) throws -> Int {
        let restamped = try write { db -> Int in
            let rows = try Row.fetchAll(db, sql: """
                SELECT cs.seq, cs.body FROM change_set cs JOIN replica r ON r.no = cs.replica_no
                WHERE r.uuid = ? AND cs.counter > (SELECT pushed_counter FROM sync_state WHERE id = 1) AND cs.time > ?
                ORDER BY cs.counter
                """, arguments: [replicaID.description, serverTime + HybridLogicalClock.plausibleLead])
            guard !rows.isEmpty else { return 0 }
            // One clock from the server's time on keeps the change sets in their order.
            var clock = HybridLogicalClock(last: HybridTimestamp(time: serverTime))
            let update = try db.makeStatement(sql: "UPDATE change_set SET time = ?, logical = ?, body = ? WHERE seq = ?")
            for row in rows {
                var change = try ChangeSetReader.read(Data((row[1] as String).utf8))
                change.timestamp = clock.tick(now: serverTime)
                try update.execute(arguments: [change.timestamp.time, Int64(change.timestamp.logical),
                                               String(decoding: CanonicalJSONWriter.encode(change), as: UTF8.self), row[0] as Int64])
            }
            try db.execute(sql: "UPDATE store_info SET value = ? WHERE key = 'hlc'", arguments: [clock.last.description])
            try db.execute(sql: "INSERT OR REPLACE INTO store_info (key, value) VALUES ('rebuild', 'registers')")
            return rows.count
        }
        if restamped > 0 { try rebuildFromLog() }
        return restamped
    }

    /// Records that the server holds every change set of this laptop up to `counter`.
    /// The position never moves back.
    public func markPushed(through counter: UInt64) throws {
        try write { db in
            try db.execute(sql: "UPDATE sync_state SET pushed_counter = max(pushed_counter, ?) WHERE id = 1", arguments: [Int64(counter)])
        }
    }

    // MARK: Pulling

    /// Applies a page of change sets pulled from the server and records its cursor, in
    /// one transaction.
    ///
    /// Change sets already here (this laptop's own, or a page pulled again) are
    /// skipped. Dependencies are not required to be here: the server's order is
    /// causal, and some dependencies concern records this laptop may not see. Each
    /// change set's shape and operations are still checked.
    ///
    /// - Throws: ``SyncFailure/invalidFromServer(_:reason:)`` when a change set is
    ///   invalid; then nothing of the page is applied and the cursor stays.
    @discardableResult
    public func applyPulled(_ page: PullPage) throws -> PullOutcome {
        try write(bulk: true) { db in
            var rows = recordRegisters(db)
            var outcome = PullOutcome(cursor: page.cursor)
            var reviewed: [EntityKey] = []
            for change in page.changeSets {
                let result: ApplyOutcome
                do {
                    result = try apply(change, local: false, in: db, rows: &rows, requireDependencies: false)
                } catch let error as SyncError {
                    throw SyncFailure.invalidFromServer(ConnectionMessage.whatChangeSet.text(["dot": change.dot.description]), reason: error.description)
                }
                switch result {
                case .applied:
                    outcome.applied += 1
                    for case .set(let key, ReviewedRecordField.reviewState.rawValue, .text(ReviewState.returned.rawValue)) in change.operations { reviewed.append(key) }
                case .duplicate:
                    outcome.duplicates += 1
                }
            }
            outcome.returnedForCorrection = try returnedForCorrection(reviewed, in: db)
            try db.execute(sql: "UPDATE sync_state SET pull_cursor = max(coalesce(pull_cursor, 0), ?) WHERE id = 1", arguments: [page.cursor])
            outcome.cursor = try Self.syncState(db).pullCursor ?? page.cursor
            return outcome
        }
    }

    // MARK: Snapshots

    /// Whether the first pull may start from a snapshot instead of the whole log.
    ///
    /// A snapshot replaces the registers of the records it holds, so it must include
    /// everything the store holds about them: the store has never pulled, holds no
    /// snapshot yet, and its log holds only this laptop's own change sets, all
    /// acknowledged by the server.
    public func canStartFromSnapshot() throws -> Bool {
        try pool.read { db in
            let state = try Self.syncState(db)
            guard state.pullCursor == nil else { return false }
            if try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM snapshot_record)") == true { return false }
            return try Bool.fetchOne(db, sql: """
                SELECT NOT EXISTS (
                    SELECT 1 FROM change_set cs JOIN replica r ON r.no = cs.replica_no
                    WHERE r.uuid <> ? OR cs.counter > ?
                )
                """, arguments: [replicaID.description, Int64(state.pushedCounter)]) ?? false
        }
    }

    /// Loads a server snapshot as the base of the records it holds, and records its
    /// cursor, in one transaction.
    ///
    /// Each record's state is kept in `snapshot_record` with the last log row it
    /// already includes, so that ``rebuildFromLog()`` starts from it.
    ///
    /// - Returns: `nil` when the store has pulled already (another sync got there
    ///   first): the snapshot is then not needed.
    /// - Throws: ``SyncFailure/invalidFromServer(_:reason:)`` when a record does not
    ///   fit the schema; then nothing is loaded.
    @discardableResult
    public func loadSnapshot(_ snapshot: Snapshot) throws -> PullOutcome? {
        try write(bulk: true) { db in
            guard try Self.syncState(db).pullCursor == nil else { return nil }
            var rows = recordRegisters(db)
            let base = try Int64.fetchOne(db, sql: "SELECT max(seq) FROM change_set") ?? 0
            var clock = try Self.clock(db)
            let now = Self.now()
            var newlyReturned: [EntityKey] = []
            let insert = try db.makeStatement(sql: "INSERT OR REPLACE INTO snapshot_record (type, id, state, base_seq) VALUES (?, ?, ?, ?)")
            for record in snapshot.records {
                let key = record.key
                let recordSchema: RecordSchema
                do {
                    recordSchema = try schema.requireRecord(key.type)
                    try Self.check(record.state, of: key, against: recordSchema)
                } catch let error as ValidationError {
                    throw SyncFailure.invalidFromServer(ConnectionMessage.whatSnapshotRecord.text(["key": "\(key)"]), reason: error.description)
                }
                let before = try Row.fetchOne(db, sql: "SELECT no, review_state FROM record_view WHERE type = ? AND id = ?",
                                              arguments: [key.type.rawValue, key.id.rawValue])
                try insert.execute(arguments: [key.type.rawValue, key.id.rawValue, String(decoding: CanonicalJSONWriter.encode(record.state), as: UTF8.self), base])
                let view = RecordView(key: key, state: record.state, schema: recordSchema)
                _ = try view.save(in: db, seq: base, number: before?["no"], registers: try rows.pack(record.state))
                if view.reviewState == ReviewState.returned.rawValue, before?["review_state"] != view.reviewState { newlyReturned.append(key) }
                for timestamp in Self.timestamps(of: record.state) { clock.observe(timestamp, now: now) }
            }
            try db.execute(sql: "UPDATE store_info SET value = ? WHERE key = 'hlc'", arguments: [clock.last.description])
            // A report as of an earlier moment cannot be made from a snapshot (LocalStore+AsOf).
            try db.execute(sql: "INSERT OR REPLACE INTO store_info (key, value) VALUES ('snapshot_at', ?)", arguments: [String(now)])
            try db.execute(sql: "UPDATE sync_state SET pull_cursor = ? WHERE id = 1", arguments: [snapshot.cursor])
            return PullOutcome(applied: snapshot.records.count, returnedForCorrection: try returnedForCorrection(newlyReturned, in: db), cursor: snapshot.cursor)
        }
    }

    /// Checks every value of a received record as if it were written now.
    private static func check(_ state: EntityState, of key: EntityKey, against record: RecordSchema) throws(ValidationError) {
        for (field, register) in state.fields {
            for sibling in register.siblings { try record.validate(.set(key, field: field, value: sibling.value)) }
        }
        for (field, set) in state.sets {
            for element in set.elements { try record.validate(.add(key, field: field, element: element)) }
        }
    }

    private static func timestamps(of state: EntityState) -> [HybridTimestamp] {
        state.fields.values.flatMap { $0.siblings.map(\.timestamp) }
            + state.tombstone.siblings.map(\.timestamp) + state.approval.siblings.map(\.timestamp)
    }

    // MARK: Review

    /// Those of `keys` now returned for correction that concern this laptop's user.
    private func returnedForCorrection(_ keys: [EntityKey], in db: Database) throws -> [EntityKey] {
        var rows = recordRegisters(db)
        var seen: Set<EntityKey> = []
        return try keys.filter { key in
            guard seen.insert(key).inserted, let record = try rows.load(key),
                  record.state.fields[ReviewedRecordField.reviewState.rawValue]?.winner?.value == .text(ReviewState.returned.rawValue)
            else { return false }
            return try concernsUser(record, in: db)
        }
    }

    /// Whether a record concerns this laptop's user: they attended (staff), wrote a
    /// value it holds, or made a change set that touched it.
    func concernsUser(_ record: StoredRecord, in db: Database) throws -> Bool {
        if record.state.sets[ReviewedRecordField.staff.rawValue]?.adds[.text(user)] != nil { return true }
        if record.state.fields.values.contains(where: { $0.siblings.contains { $0.author == user } }) { return true }
        return try Bool.fetchOne(db.cachedStatement(sql: """
            SELECT EXISTS (SELECT 1 FROM change_record cr JOIN change_set cs ON cs.seq = cr.seq WHERE cr.record_no = ? AND cs.author = ?)
            """), arguments: [record.number, user]) ?? false
    }
}
