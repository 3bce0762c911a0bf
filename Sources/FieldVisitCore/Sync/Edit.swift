/// A change a person makes on this replica, before it becomes an ``Operation``.
///
/// The replica turns edits into operations and fills in what the person saw: the values
/// a write replaces and the version a deletion or an approval names.
public enum Edit: Sendable, Hashable {
    /// Writes a field; resolving a conflict is such a write, made after seeing every
    /// competing value.
    case set(EntityKey, field: String, value: FieldValue)
    /// Adds an element to a set field.
    case add(EntityKey, field: String, element: FieldValue)
    /// Removes an element from a set field.
    case remove(EntityKey, field: String, element: FieldValue)
    /// Deletes the record as it is now.
    case delete(EntityKey)
    /// Undoes the deletion of the record.
    case restore(EntityKey)
    /// Approves the record as it is now.
    case approve(EntityKey)

    /// The record edited.
    public var entity: EntityKey {
        switch self {
        case .set(let key, _, _), .add(let key, _, _), .remove(let key, _, _), .delete(let key), .restore(let key), .approve(let key):
            key
        }
    }
}
