/// Why a change set was refused. A refused change set changes nothing.
public enum SyncError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Changes it depends on have not been applied yet: apply (or fetch) those first.
    case missingDependencies(change: Dot, missing: [Dot])
    /// An operation is not valid for its record type.
    case invalidOperation(change: Dot?, index: Int, ValidationError)
    /// The change set itself is malformed (its counter, its dependencies, its author).
    case malformedChangeSet(change: Dot, reason: String)
    /// A local edit cannot be made in the record's present state.
    case editRefused(EntityKey, reason: String)
    /// A local change with no edits.
    case nothingToCommit

    public var description: String {
        switch self {
        case .missingDependencies(let change, let missing):
            "change \(change) depends on changes not received yet: \(missing.map(\.description).joined(separator: ", ")); sync them first"
        case .invalidOperation(let change, let index, let error):
            "\(change.map { "change \($0), " } ?? "")operation \(index + 1): \(error)"
        case .malformedChangeSet(let change, let reason):
            "change \(change) is malformed: \(reason)"
        case .editRefused(let key, let reason):
            "\(key): \(reason)"
        case .nothingToCommit:
            "nothing to change: give at least one edit"
        }
    }
}
