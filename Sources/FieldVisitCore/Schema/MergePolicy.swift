/// How concurrent writes to one field are reconciled.
///
/// Declared per field in the record schema; every replica applies the same policy, so
/// every replica shows the same visible value for the same siblings.
public enum MergePolicy: String, Sendable, Codable, CaseIterable {
    /// Concurrent writes are kept side by side and reported as a conflict for a
    /// manager to resolve. The default for anything a person typed.
    case review
    /// Concurrent writes collapse to a deterministic winner (latest hybrid timestamp,
    /// then highest dot). For cosmetic fields where a silent choice is harmless.
    case lastWriterWins
    /// The field is a set: adds and removes merge element by element, and an add
    /// concurrent with a remove of the same element wins.
    case addWins
}
