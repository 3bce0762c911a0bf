/// Names one record in the sync model: its type and its id.
public struct EntityKey: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// The record type.
    public var type: RecordType
    /// The record id.
    public var id: RecordID

    public init(_ type: RecordType, _ id: RecordID) {
        self.type = type
        self.id = id
    }

    /// Hashes the id alone: ids are unique across types in practice, and one string hash
    /// per lookup instead of two shows on the engine's hot path. Equality still compares both.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(id)
    }

    public static func < (lhs: EntityKey, rhs: EntityKey) -> Bool {
        lhs.type != rhs.type ? lhs.type < rhs.type : lhs.id < rhs.id
    }

    /// `type/id`.
    public var description: String { "\(type.rawValue)/\(id.rawValue)" }
}
