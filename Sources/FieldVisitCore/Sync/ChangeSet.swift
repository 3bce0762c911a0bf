/// One local transaction ("record this visit", "resolve this conflict"): the unit that
/// is stored, synced, acknowledged and applied whole or not at all.
///
/// ```json
/// {"author":"tanaka","dependencies":{"<replica>":4},"dot":{"counter":5,"replica":"<replica>"},
///  "operations":[{"field":"notes","id":"…","op":"set","type":"visit","value":"社長と面談"}],
///  "timestamp":{"logical":0,"time":1732230000000}}
/// ```
public struct ChangeSet: Sendable, Hashable, Codable, Identifiable {
    /// The change's identity: its replica and counter.
    public var dot: Dot
    /// The user who made it.
    public var author: String
    /// When, by the writer's hybrid logical clock.
    public var timestamp: HybridTimestamp
    /// Its direct causal dependencies: the replica's own previous counter and the dots
    /// of every value it overwrote.
    public var dependencies: VectorClock
    /// What it changes, in order.
    public var operations: [Operation]

    public init(dot: Dot, author: String, timestamp: HybridTimestamp, dependencies: VectorClock, operations: [Operation]) {
        self.dot = dot
        self.author = author
        self.timestamp = timestamp
        self.dependencies = dependencies
        self.operations = operations
    }

    /// The dot, so change sets can be collected by identity.
    public var id: Dot { dot }

    /// The replica that made it.
    public var replica: ReplicaID { dot.replica }

    /// The dependencies other than the replica's own previous change: what the change
    /// depends on from other replicas.
    public var foreignDependencies: [Dot] { dependencies.dots.filter { $0.replica != dot.replica } }
}

extension ChangeSet {
    /// Checks the rules every change set keeps, whoever made it: counters from 1, the
    /// replica's own previous change as a dependency, an author, at least one operation,
    /// every number and list within ``ChangeSetLimits``, and a deletion or an approval
    /// naming only a version its writer had seen.
    public func checkShape() throws(SyncError) {
        guard dot.counter >= 1 else { throw .malformedChangeSet(change: dot, reason: "counters start at 1") }
        guard dot.counter <= ChangeSetLimits.maxCounter else {
            throw .malformedChangeSet(change: dot, reason: "its counter is above the largest allowed, \(ChangeSetLimits.maxCounter)")
        }
        try Self.checkClock(dependencies, "its dependencies", of: dot)
        // Compact clocks rely on each replica's changes forming one chain.
        guard dependencies[dot.replica] == dot.counter - 1 else {
            throw .malformedChangeSet(
                change: dot,
                reason: "it must depend on its replica's previous change \(dot.counter - 1), not \(dependencies[dot.replica])"
            )
        }
        guard !author.isEmpty, author.utf8.count <= ChangeSetLimits.maxAuthorBytes else {
            throw .malformedChangeSet(change: dot, reason: "the author must be a user name of 1 to \(ChangeSetLimits.maxAuthorBytes) bytes")
        }
        guard (0...ChangeSetLimits.latestTime).contains(timestamp.time) else {
            throw .malformedChangeSet(change: dot, reason: "its time \(timestamp.time) is not a time from 1970 to the year 9999 in milliseconds")
        }
        guard !operations.isEmpty else { throw .malformedChangeSet(change: dot, reason: "it has no operations") }
        guard operations.count <= ChangeSetLimits.maxOperations else {
            throw .malformedChangeSet(change: dot, reason: "it has \(operations.count) operations; at most \(ChangeSetLimits.maxOperations) are allowed")
        }
        for operation in operations {
            guard operation.entity.type.rawValue.utf8.count <= ChangeSetLimits.maxNameBytes,
                  (operation.field?.utf8.count ?? 0) <= ChangeSetLimits.maxNameBytes
            else { throw .malformedChangeSet(change: dot, reason: "a record type or field name is longer than \(ChangeSetLimits.maxNameBytes) bytes") }
            if let bytes = operation.valueBytes, bytes > ChangeSetLimits.maxValueBytes {
                throw .malformedChangeSet(change: dot, reason: "it writes a value of \(bytes) bytes to \(operation.entity) \(operation.field ?? ""); at most \(ChangeSetLimits.maxValueBytes) are allowed")
            }
            switch operation {
            case .delete(let key, let version), .approve(let key, let version):
                try Self.checkClock(version, "the version of its \(operation.kind) of \(key)", of: dot)
                // A deletion or an approval names what its writer saw. A version beyond the
                // writer's own dependencies would claim edits it never saw, and would
                // silently swallow a colleague's concurrent edit.
                // The change's own dot may be named too: it also edited the record.
                guard version.entries.allSatisfy({ $0.counter <= dependencies[$0.replica] || ($0.replica == dot.replica && $0.counter == dot.counter) }) else {
                    throw .malformedChangeSet(change: dot, reason: "the version of its \(operation.kind) of \(key) names changes it does not depend on; a \(operation.kind) names only what its writer had seen")
                }
            default:
                break
            }
        }
    }

    private static func checkClock(_ clock: VectorClock, _ what: String, of dot: Dot) throws(SyncError) {
        guard clock.entries.count <= ChangeSetLimits.maxClockEntries else {
            throw .malformedChangeSet(change: dot, reason: "\(what) name \(clock.entries.count) replicas; at most \(ChangeSetLimits.maxClockEntries) are allowed")
        }
        guard clock.entries.allSatisfy({ $0.counter <= ChangeSetLimits.maxCounter }) else {
            throw .malformedChangeSet(change: dot, reason: "\(what) hold a counter above the largest allowed, \(ChangeSetLimits.maxCounter)")
        }
    }

    /// The records the change touches, in order of first appearance.
    public var records: [EntityKey] {
        var seen: Set<EntityKey> = []
        return operations.compactMap { seen.insert($0.entity).inserted ? $0.entity : nil }
    }

    /// Calls `body` with each run of consecutive operations on one record, so that a
    /// store or a replica can reach each record once per run.
    public func forEachRecord(_ body: (EntityKey, ArraySlice<Operation>) throws -> Void) rethrows {
        var start = 0
        while start < operations.count {
            let key = operations[start].entity
            var end = start + 1
            while end < operations.count, operations[end].entity == key { end += 1 }
            try body(key, operations[start..<end])
            start = end
        }
    }
}
