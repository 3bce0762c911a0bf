/// The value of a record's deletion register: deleted as of a version, or restored.
public struct Tombstone: Sendable, Hashable, Codable {
    /// Whether this write deleted the record (`false`: it restored it).
    public var isDeleted: Bool
    /// For a deletion, the version of the record the deleter saw and meant to delete.
    public var version: VectorClock

    public init(isDeleted: Bool, version: VectorClock) {
        self.isDeleted = isDeleted
        self.version = version
    }

    private enum CodingKeys: String, CodingKey { case isDeleted = "deleted", version }
}
