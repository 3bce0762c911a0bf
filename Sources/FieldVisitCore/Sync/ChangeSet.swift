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
