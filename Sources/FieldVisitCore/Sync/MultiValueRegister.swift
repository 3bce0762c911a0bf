/// One value of a register, with the change that wrote it.
public struct Sibling<Value: Sendable & Hashable>: Sendable, Hashable {
    /// The change that wrote it.
    public var dot: Dot
    /// The value written.
    public var value: Value
    /// When, by the writer's hybrid logical clock.
    public var timestamp: HybridTimestamp
    /// Who wrote it.
    public var author: String

    public init(dot: Dot, value: Value, timestamp: HybridTimestamp, author: String) {
        self.dot = dot
        self.value = value
        self.timestamp = timestamp
        self.author = author
    }
}

extension Sibling: Codable where Value: Codable {}

/// A multi-value register: the state of one field.
///
/// A write replaces the values its writer had seen (those its dependencies cover) and
/// keeps the ones it had not. Writes that were concurrent therefore survive side by side
/// as siblings, and a write that causally follows another always replaces it, whatever
/// the wall clocks said.
public struct MultiValueRegister<Value: Sendable & Hashable>: Sendable, Hashable {
    /// The surviving values, sorted by dot so that equal states compare equal.
    public private(set) var siblings: [Sibling<Value>] = []

    public init() {}

    /// Applies a write from the change `sibling.dot` with the given dependencies.
    ///
    /// Earlier writes of the same change are replaced too, so a change that writes a
    /// field twice leaves one value.
    @inline(__always)
    public mutating func write(_ sibling: Sibling<Value>, dependencies: VectorClock) {
        if siblings.count == 1 {
            // The common case: one value, replaced by a writer that saw it.
            let only = siblings[0].dot
            if only == sibling.dot || dependencies.covers(only) {
                siblings[0] = sibling
                return
            }
        }
        siblings.removeAll { $0.dot == sibling.dot || dependencies.covers($0.dot) }
        let position = siblings.firstIndex { sibling.dot < $0.dot } ?? siblings.endIndex
        siblings.insert(sibling, at: position)
    }

    /// The value every replica shows for these siblings: the latest by hybrid
    /// timestamp, ties broken by the higher dot. `nil` when never written.
    public var winner: Sibling<Value>? {
        siblings.max { ($0.timestamp, $0.dot) < ($1.timestamp, $1.dot) }
    }

    /// Whether concurrent writes left different values. Concurrent writes of the same
    /// value agree and need nobody's decision.
    public var hasDifferingValues: Bool {
        guard let first = siblings.first?.value else { return false }
        return siblings.contains { $0.value != first }
    }

    /// Whether the register holds no value.
    public var isEmpty: Bool { siblings.isEmpty }
}
