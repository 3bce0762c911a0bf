/// The result of applying a change set.
public enum ApplyOutcome: String, Sendable, Hashable, Codable {
    /// The change was new and is now applied.
    case applied
    /// The change was already applied; nothing happened (retries are safe).
    case duplicate
}

/// One replica's state of every record: the sync engine.
///
/// Pure and in memory: storage persists the change sets it applies and replays them
/// (or a snapshot) on opening. Local edits become change sets through ``commit(_:author:now:)``;
/// change sets from elsewhere go through ``apply(_:)``, which checks causal delivery and
/// validates every operation before touching anything, so a refused change set leaves
/// no trace.
///
/// ```swift
/// var laptop = Replica(id: .random(), schema: .fieldVisit)
/// let change = try laptop.commit([.set(visit, field: "notes", value: "社長と面談")], author: "tanaka", now: nowMillis)
/// try office.apply(change)   // .applied; applying it again gives .duplicate
/// ```
public struct Replica: Sendable {
    /// This replica's id.
    public let id: ReplicaID
    /// The record types and fields operations are validated against.
    public let schema: Schema
    /// The counter of this replica's last change.
    public private(set) var counter: UInt64 = 0
    /// The hybrid logical clock stamping local changes.
    public private(set) var clock = HybridLogicalClock()
    /// The change sets applied.
    public private(set) var context = CausalContext()
    /// Every record known, by key.
    public private(set) var entities: [EntityKey: EntityState] = [:]

    public init(id: ReplicaID, schema: Schema) {
        self.id = id
        self.schema = schema
    }

    /// A replica restored from storage: its counter and clock, and the records loaded
    /// (all of them, or only those the next local change touches, for ``prepare(_:author:now:)``).
    public init(id: ReplicaID, schema: Schema, counter: UInt64, clock: HybridLogicalClock, entities: [EntityKey: EntityState]) {
        self.id = id
        self.schema = schema
        self.counter = counter
        self.clock = clock
        self.entities = entities
    }

    // MARK: Applying

    /// The dependencies of `change` not applied here yet, in dot order.
    public func missingDependencies(of change: ChangeSet) -> [Dot] {
        change.dependencies.dots.filter { !context.contains($0) }
    }

    /// Applies a change set made here or elsewhere.
    ///
    /// - Returns: ``ApplyOutcome/duplicate`` when it was applied before.
    /// - Throws: ``SyncError`` when dependencies are missing or it is invalid; then
    ///   nothing has changed.
    @discardableResult
    public mutating func apply(_ change: ChangeSet) throws(SyncError) -> ApplyOutcome {
        if context.contains(change.dot) { return .duplicate }
        try change.checkShape()
        if !change.dependencies.entries.allSatisfy({ context.contains(Dot(replica: $0.replica, counter: $0.counter)) }) {
            throw .missingDependencies(change: change.dot, missing: missingDependencies(of: change))
        }
        try schema.validate(change)
        change.forEachRecord { key, operations in
            entities[key, default: EntityState()].apply(operations, of: change)
        }
        context.insert(change.dot)
        clock.observe(change.timestamp)
        if change.dot.replica == id { counter = max(counter, change.dot.counter) }
        return .applied
    }

    // MARK: Local changes

    /// Turns local edits into the next change set of this replica and applies it.
    ///
    /// Each write depends on exactly the values the person saw, so it replaces them and
    /// nothing else. Edits are refused whole when any is invalid: the state and the
    /// counter stay as they were.
    ///
    /// - Parameters:
    ///   - now: the wall clock in milliseconds since 1970.
    public mutating func commit(_ edits: [Edit], author: String, now: Int64) throws(SyncError) -> ChangeSet {
        let change = try prepare(edits, author: author, now: now)
        try apply(change)
        return change
    }

    /// Turns local edits into the next change set of this replica without applying it,
    /// for a store that applies it in its own transaction. Invalid edits are refused.
    ///
    /// Only the records the edits touch need to be in ``entities``.
    public func prepare(_ edits: [Edit], author: String, now: Int64) throws(SyncError) -> ChangeSet {
        guard !edits.isEmpty else { throw .nothingToCommit }
        let dot = Dot(replica: id, counter: counter + 1)
        var dependencies = VectorClock()
        if counter > 0 { dependencies.include(Dot(replica: id, counter: counter)) }
        var operations: [ChangeSet.Operation] = []
        var touched: Set<EntityKey> = []
        for edit in edits {
            let key = edit.entity
            let state = entities[key]
            switch edit {
            case .set, .add, .remove:
                if let state, state.isDeleted {
                    throw .editRefused(key, reason: ChangeMessage.recordDeleted.localized())
                }
            case .delete, .restore, .approve:
                guard state != nil || touched.contains(key) else {
                    throw .editRefused(key, reason: ChangeMessage.noSuchRecord.localized())
                }
            }
            switch edit {
            case .set(_, let field, let value):
                for sibling in state?.fields[field]?.siblings ?? [] { dependencies.include(sibling.dot) }
                operations.append(.set(key, field: field, value: value))
            case .add(_, let field, let element):
                for seen in state?.sets[field]?.dots(of: element) ?? [] { dependencies.include(seen) }
                operations.append(.add(key, field: field, element: element))
            case .remove(_, let field, let element):
                let seen = state?.sets[field]?.dots(of: element) ?? []
                guard !seen.isEmpty || touched.contains(key) else {
                    throw .editRefused(key, reason: ChangeMessage.setLacksElement.localized(["field": field, "element": "\(element)"]))
                }
                for dot in seen { dependencies.include(dot) }
                operations.append(.remove(key, field: field, element: element))
            case .delete:
                // Deleting a deleted record again only confirms a deletion that edits or
                // a restore were concurrent with: it covers them, and the conflict ends.
                if let state, state.isDeleted,
                   !(schema.records[key.type].map { state.conflicts(of: key, schema: $0) } ?? []).contains(where: { $0.kind != .concurrentValues }) {
                    throw .editRefused(key, reason: ChangeMessage.alreadyDeleted.localized())
                }
                // A deletion names every value it saw, review fields included: any
                // value it did not see was written concurrently.
                var version = state?.version() ?? VectorClock()
                // The change's own earlier writes are in the version, never in its dependencies.
                dependencies.merge(version)
                if touched.contains(key) { version.include(dot) }
                for sibling in state?.tombstone.siblings ?? [] { dependencies.include(sibling.dot) }
                operations.append(.delete(key, version: version))
            case .restore:
                guard let state, !state.standingDeletions.isEmpty else {
                    throw .editRefused(key, reason: ChangeMessage.notDeleted.localized())
                }
                for sibling in state.tombstone.siblings { dependencies.include(sibling.dot) }
                operations.append(.restore(key))
            case .approve:
                dependencies.merge(versionSeen(of: key, in: state, including: nil))
                let version = versionSeen(of: key, in: state, including: touched.contains(key) ? dot : nil)
                for sibling in state?.approval.siblings ?? [] { dependencies.include(sibling.dot) }
                operations.append(.approve(key, version: version))
            }
            touched.insert(key)
        }
        var stamped = clock
        let change = ChangeSet(dot: dot, author: author, timestamp: stamped.tick(now: now), dependencies: dependencies, operations: operations)
        try change.checkShape()
        try schema.validate(change)
        return change
    }

    /// The content version of a record as this replica sees it; `ownDot` adds the
    /// change being made when it also edits the record.
    private func versionSeen(of key: EntityKey, in state: EntityState?, including ownDot: Dot?) -> VectorClock {
        var version = state?.version(where: isContent(of: key.type)) ?? VectorClock()
        if let ownDot { version.include(ownDot) }
        return version
    }

    // MARK: Reading

    /// Whether a field of `type` counts as the record's content (not the review's own
    /// fields).
    public func isContent(of type: RecordType) -> (String) -> Bool {
        schema.records[type]?.isContent ?? { _ in true }
    }

    /// The content version of a record: what an approval of it now would name.
    public func version(of key: EntityKey) -> VectorClock {
        versionSeen(of: key, in: entities[key], including: nil)
    }

    /// The conflicts of one record, fields in name order.
    public func conflicts(in key: EntityKey) -> [Conflict] {
        guard let state = entities[key], let record = schema.records[key.type] else { return [] }
        return state.conflicts(of: key, schema: record)
    }

    /// Every conflict on this replica, by record.
    public func conflicts() -> [Conflict] {
        entities.keys.sorted().flatMap { conflicts(in: $0) }
    }

    /// Whether the record has been approved.
    public func isApproved(_ key: EntityKey) -> Bool { !(entities[key]?.approval.isEmpty ?? true) }

    /// The content fields edited after, or concurrently with, the record's approval;
    /// `nil` when it was never approved. An empty list means the approval stands.
    public func changedSinceApproval(_ key: EntityKey) -> [String]? {
        guard let state = entities[key], let record = schema.records[key.type] else { return nil }
        return state.changedSinceApproval(schema: record)
    }
}
