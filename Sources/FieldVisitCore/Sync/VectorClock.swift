/// A map from replicas to counters, where an entry `r: k` stands for every change
/// `(r, 1…k)`.
///
/// Used two ways: as a change set's *dependencies* (only its direct ones: the replica's
/// own previous counter and the dots it overwrote, so it grows with what a change
/// touched, never with the number of laptops), and as the *version* of a record that an
/// approval or a deletion names.
///
/// Entries are kept sorted in a small array: clocks here have a handful of entries, and
/// a linear scan beats hashing at that size; a long one is searched, and merged in one
/// pass, so that no clock (at most ``ChangeSetLimits/maxClockEntries``) costs more than
/// its length times a logarithm. Encodes as a JSON object
/// `{"<replica uuid>": counter}`.
public struct VectorClock: Sendable, Hashable, Codable, CustomStringConvertible {
    /// One replica's entry.
    public struct Entry: Sendable, Hashable {
        /// The replica.
        public var replica: ReplicaID
        /// The highest counter of that replica covered.
        public var counter: UInt64

        public init(replica: ReplicaID, counter: UInt64) {
            self.replica = replica
            self.counter = counter
        }
    }

    /// The entries, sorted by replica, counters all ≥ 1.
    public private(set) var entries: [Entry]

    /// The empty clock: covers nothing.
    public init() { entries = [] }

    /// A clock covering each of `dots` (and, per replica, everything before it).
    public init<S: Sequence>(covering dots: S) where S.Element == Dot {
        self.init(entries: dots.lazy.map { Entry(replica: $0.replica, counter: $0.counter) })
    }

    /// A clock of `entries` given in any order; a replica named twice keeps its higher
    /// counter, counters of 0 are left out. Sorting once keeps a long clock linear to
    /// build, where including entries one by one would not be.
    public init<S: Sequence>(entries unordered: S) where S.Element == Entry {
        let sorted = unordered.filter { $0.counter > 0 }.sorted { $0.replica < $1.replica }
        entries = []
        entries.reserveCapacity(sorted.count)
        for entry in sorted {
            if let last = entries.last, last.replica == entry.replica {
                entries[entries.count - 1].counter = max(last.counter, entry.counter)
            } else {
                entries.append(entry)
            }
        }
    }

    /// A clock of entries already in ascending replica order, each replica once, every
    /// counter at least 1: what the canonical reader has checked as it read them.
    init(ascendingEntries: [Entry]) {
        entries = ascendingEntries
    }

    /// The position of `replica`'s entry, or where it would go. Clocks are small, so a
    /// scan serves most; a long clock (a deletion of a much-edited record) is searched.
    @inline(__always)
    private func position(of replica: ReplicaID) -> (index: Int, found: Bool) {
        if entries.count <= 16 {
            for index in entries.indices where entries[index].replica >= replica {
                return (index, entries[index].replica == replica)
            }
            return (entries.count, false)
        }
        var low = 0
        var high = entries.count
        while low < high {
            let middle = (low + high) / 2
            if entries[middle].replica < replica { low = middle + 1 } else { high = middle }
        }
        return (low, low < entries.count && entries[low].replica == replica)
    }

    /// The counter covered for `replica`, 0 when none.
    public subscript(replica: ReplicaID) -> UInt64 {
        let (index, found) = position(of: replica)
        return found ? entries[index].counter : 0
    }

    /// Whether `dot` is covered, that is, causally before whatever carries this clock.
    @inline(__always)
    public func covers(_ dot: Dot) -> Bool {
        let (index, found) = position(of: dot.replica)
        return found && entries[index].counter >= dot.counter
    }

    /// Raises the replica's entry to cover `dot`.
    public mutating func include(_ dot: Dot) {
        guard dot.counter > 0 else { return }
        let (index, found) = position(of: dot.replica)
        if found {
            entries[index].counter = max(entries[index].counter, dot.counter)
        } else {
            entries.insert(Entry(replica: dot.replica, counter: dot.counter), at: index)
        }
    }

    /// Covers everything `other` covers: one pass over both sorted lists.
    public mutating func merge(_ other: VectorClock) {
        if other.entries.count <= 2 {
            for entry in other.entries { include(Dot(replica: entry.replica, counter: entry.counter)) }
            return
        }
        var merged: [Entry] = []
        merged.reserveCapacity(entries.count + other.entries.count)
        var i = 0
        var j = 0
        while i < entries.count || j < other.entries.count {
            if j == other.entries.count || (i < entries.count && entries[i].replica < other.entries[j].replica) {
                merged.append(entries[i]); i += 1
            } else if i == entries.count || other.entries[j].replica < entries[i].replica {
                merged.append(other.entries[j]); j += 1
            } else {
                merged.append(Entry(replica: entries[i].replica, counter: max(entries[i].counter, other.entries[j].counter)))
                i += 1; j += 1
            }
        }
        entries = merged
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
        guard raw.count <= ChangeSetLimits.maxClockEntries else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "a clock names at most \(ChangeSetLimits.maxClockEntries) replicas"))
        }
        var read: [Entry] = []
        read.reserveCapacity(raw.count)
        for (key, counter) in raw {
            guard let replica = ReplicaID(key) else {
                throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "\"\(key)\" is not a replica id (a UUID)"))
            }
            guard (1...ChangeSetLimits.maxCounter).contains(counter) else {
                throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "counter of \(key) must be from 1 to \(ChangeSetLimits.maxCounter)"))
            }
            read.append(Entry(replica: replica, counter: counter))
        }
        self.init(entries: read)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(Dictionary(uniqueKeysWithValues: entries.map { ($0.replica.description, $0.counter) }))
    }
}
