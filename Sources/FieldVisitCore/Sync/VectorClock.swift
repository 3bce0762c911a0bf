/// A map from replicas to counters, where an entry `r: k` stands for every change
/// `(r, 1…k)`.
///
/// Used two ways: as a change set's *dependencies* (only its direct ones: the replica's
/// own previous counter and the dots it overwrote, so it grows with what a change
/// touched, never with the number of laptops), and as the *version* of a record that an
/// approval or a deletion names.
///
/// Entries are kept sorted in a small array: clocks here have a handful of entries, and
/// a linear scan beats hashing at that size. Encodes as a JSON object
/// `{"<replica uuid>": counter}`.
public struct VectorClock: Sendable, Hashable, Codable, CustomStringConvertible {
    /// One replica's entry.
    public struct Entry: Sendable, Hashable {
        /// The replica.
        public var replica: ReplicaID
        /// The highest counter of that replica covered.
        public var counter: UInt64
    }

    /// The entries, sorted by replica, counters all ≥ 1.
    public private(set) var entries: [Entry]

    /// The empty clock: covers nothing.
    public init() { entries = [] }

    /// A clock covering each of `dots` (and, per replica, everything before it).
    public init<S: Sequence>(covering dots: S) where S.Element == Dot {
        entries = []
        for dot in dots { include(dot) }
    }

    /// The counter covered for `replica`, 0 when none.
    public subscript(replica: ReplicaID) -> UInt64 {
        for entry in entries where entry.replica == replica { return entry.counter }
        return 0
    }

    /// Whether `dot` is covered, that is, causally before whatever carries this clock.
    @inline(__always)
    public func covers(_ dot: Dot) -> Bool {
        for entry in entries where entry.replica == dot.replica { return entry.counter >= dot.counter }
        return false
    }

    /// Raises the replica's entry to cover `dot`.
    public mutating func include(_ dot: Dot) {
        guard dot.counter > 0 else { return }
        for index in entries.indices where entries[index].replica >= dot.replica {
            if entries[index].replica == dot.replica {
                entries[index].counter = max(entries[index].counter, dot.counter)
            } else {
                entries.insert(Entry(replica: dot.replica, counter: dot.counter), at: index)
            }
            return
        }
        entries.append(Entry(replica: dot.replica, counter: dot.counter))
    }

    /// Covers everything `other` covers.
    public mutating func merge(_ other: VectorClock) {
        for entry in other.entries { include(Dot(replica: entry.replica, counter: entry.counter)) }
    }

    /// Whether every dot `other` covers is covered here.
    public func dominates(_ other: VectorClock) -> Bool {
        other.entries.allSatisfy { self[$0.replica] >= $0.counter }
    }

    /// The highest dot of each replica, in replica order.
    public var dots: [Dot] { entries.map { Dot(replica: $0.replica, counter: $0.counter) } }

    /// Whether the clock covers nothing.
    public var isEmpty: Bool { entries.isEmpty }

    public var description: String {
        "{" + entries.map { "\($0.replica):\($0.counter)" }.joined(separator: ", ") + "}"
    }

    public init(from decoder: any Decoder) throws {
        let raw = try decoder.singleValueContainer().decode([String: UInt64].self)
        entries = []
        for (key, counter) in raw {
            guard let replica = ReplicaID(key) else {
                throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "\"\(key)\" is not a replica id (a UUID)"))
            }
            guard counter >= 1 else {
                throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "counter of \(key) must be at least 1"))
            }
            include(Dot(replica: replica, counter: counter))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(Dictionary(uniqueKeysWithValues: entries.map { ($0.replica.description, $0.counter) }))
    }
}
