/// Something concurrent writes left for a person to decide.
public struct Conflict: Sendable, Hashable, CustomStringConvertible {
    /// What kind of decision is needed.
    public enum Kind: String, Sendable, Hashable, Codable {
        /// A field reviewed by people holds different values written concurrently.
        case concurrentValues
        /// The record was deleted while someone, unaware, edited it. `fields` lists the
        /// fields edited.
        case editedWhileDeleted
        /// One person deleted the record while another restored it.
        case deletedAndRestored
    }

    /// The record.
    public var entity: EntityKey
    /// The kind of conflict.
    public var kind: Kind
    /// The field(s) concerned: one for ``Kind/concurrentValues``, the edited fields for
    /// ``Kind/editedWhileDeleted``, none for ``Kind/deletedAndRestored``.
    public var fields: [String]
    /// For ``Kind/concurrentValues``: every competing value with who wrote it, when and
    /// from which replica, in dot order.
    public var siblings: [Sibling<FieldValue>]

    public init(entity: EntityKey, kind: Kind, fields: [String], siblings: [Sibling<FieldValue>] = []) {
        self.entity = entity
        self.kind = kind
        self.fields = fields
        self.siblings = siblings
    }

    public var description: String {
        switch kind {
        case .concurrentValues:
            let values = siblings.map { ChangeMessage.valueBy.text(["value": "\($0.value)", "author": $0.author]) }
            return ChangeMessage.concurrentValues.text(["record": "\(entity)", "field": fields.joined(), "count": "\(siblings.count)", "values": values.joined(separator: ", ")])
        case .editedWhileDeleted:
            return ChangeMessage.editedWhileDeleted.text(["record": "\(entity)", "fields": fields.joined(separator: ", ")])
        case .deletedAndRestored:
            return ChangeMessage.deletedAndRestored.text(["record": "\(entity)"])
        }
    }
}
