/// The set of change sets a replica has applied, kept compact: per replica the highest
/// counter up to which every change is present, plus the few applied out of that order.
///
/// Changes arrive out of a replica's order only when a laptop is sent a subset of the
/// log (its branches' records), so the second part is usually empty.
public struct CausalContext: Sendable, Hashable {
    /// Per replica: every change `(r, 1…n)` is present.
    public private(set) var contiguous: [ReplicaID: UInt64] = [:]
    /// Present changes beyond their replica's contiguous prefix.
    public private(set) var detached: Set<Dot> = []

    public init() {}

    /// Whether the change `dot` has been applied.
    @inline(__always)
    public func contains(_ dot: Dot) -> Bool {
        (contiguous[dot.replica] ?? 0) >= dot.counter || (!detached.isEmpty && detached.contains(dot))
    }

    /// Records that the change `dot` has been applied.
    public mutating func insert(_ dot: Dot) {
        let prefix = contiguous[dot.replica] ?? 0
        if dot.counter == prefix + 1 {
            var next = dot.counter
            // Absorb detached changes that now continue the prefix.
            while !detached.isEmpty, detached.remove(Dot(replica: dot.replica, counter: next + 1)) != nil { next += 1 }
            contiguous[dot.replica] = next
        } else if dot.counter > prefix {
            detached.insert(dot)
        }
    }

    /// The contiguous prefixes as a clock: what a peer can skip sending.
    public var summary: VectorClock {
        VectorClock(covering: contiguous.map { Dot(replica: $0.key, counter: $0.value) })
    }

    /// The number of change sets applied.
    public var count: Int { contiguous.values.reduce(0) { $0 + Int($1) } + detached.count }
}
