/// The state of a set field (issue categories, attendees, cohort tags): an observed-
/// remove set in which an add concurrent with a remove of the same element wins.
///
/// Each element remembers the dots of the adds that put it there. A remove takes away
/// only the adds its writer had seen, so an add the remover did not know of survives.
public struct AddWinsSet: Sendable, Hashable {
    /// Each present element with the dots of its surviving adds, sorted.
    public private(set) var adds: [FieldValue: [Dot]] = [:]

    public init() {}

    /// Applies an add from the change `dot`; earlier adds of the element the writer had
    /// seen are folded into it.
    public mutating func add(_ element: FieldValue, dot: Dot, dependencies: VectorClock) {
        Self.add(dot, to: &adds[element, default: []], dependencies: dependencies)
    }

    private static func add(_ dot: Dot, to dots: inout [Dot], dependencies: VectorClock) {
        if dots.count == 1, dots[0] == dot || dependencies.covers(dots[0]) {
            dots[0] = dot   // the common case: a re-add by someone who saw the add
            return
        }
        dots.removeAll { $0 == dot || dependencies.covers($0) }
        dots.insert(dot, at: dots.firstIndex { dot < $0 } ?? dots.endIndex)
    }

    /// Applies a remove from the change `dot`: the adds its writer had seen go.
    public mutating func remove(_ element: FieldValue, dot: Dot, dependencies: VectorClock) {
        guard let dots = adds[element] else { return }
        let surviving = dots.filter { $0 != dot && !dependencies.covers($0) }
        adds[element] = surviving.isEmpty ? nil : surviving
    }

    /// The elements present, in the order every replica agrees on.
    public var elements: [FieldValue] { adds.keys.sorted() }

    /// The dots of the adds of `element` (empty when absent).
    public func dots(of element: FieldValue) -> [Dot] { adds[element] ?? [] }

    /// Every surviving add's dot.
    public var allDots: some Sequence<Dot> { adds.values.joined() }
}
