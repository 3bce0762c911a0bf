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

    public static func < (lhs: EntityKey, rhs: EntityKey) -> Bool {
        lhs.type != rhs.type ? lhs.type < rhs.type : lhs.id < rhs.id
    }

    /// `type/id`.
    public var description: String { "\(type.rawValue)/\(id.rawValue)" }
}
