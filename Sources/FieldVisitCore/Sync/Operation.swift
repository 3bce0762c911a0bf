extension ChangeSet {
    /// One change to one record inside a ``ChangeSet``.
    ///
    /// What an operation replaces is decided by the change set's dependencies: every value
    /// whose dot they cover was seen by the writer and is replaced; every other value was
    /// written concurrently and survives beside the new one.
    public enum Operation: Sendable, Hashable {
        /// Writes a field (a multi-value register).
        case set(EntityKey, field: String, value: FieldValue)
        /// Adds an element to a set field (add-wins).
        case add(EntityKey, field: String, element: FieldValue)
        /// Removes the element's occurrences the writer saw from a set field; a concurrent
        /// add survives.
        case remove(EntityKey, field: String, element: FieldValue)
        /// Deletes the record as it was at `version`. An edit the deleter had not seen
        /// makes the deletion a conflict instead of losing the edit.
        case delete(EntityKey, version: VectorClock)
        /// Undoes the deletions the writer saw.
        case restore(EntityKey)
        /// Approves the record exactly as it was at `version`; a later or concurrent edit
        /// shows the record as changed since approval.
        case approve(EntityKey, version: VectorClock)

        /// The record the operation changes.
        public var entity: EntityKey {
            switch self {
            case .set(let key, _, _), .add(let key, _, _), .remove(let key, _, _),
                 .delete(let key, _), .restore(let key), .approve(let key, _):
                key
            }
        }

        /// The field the operation changes, for the field operations.
        public var field: String? {
            switch self {
            case .set(_, let field, _), .add(_, let field, _), .remove(_, let field, _): field
            case .delete, .restore, .approve: nil
            }
        }

        /// The size of the value written, in bytes of UTF-8, for text values.
        public var valueBytes: Int? {
            switch self {
            case .set(_, _, .text(let text)), .add(_, _, .text(let text)), .remove(_, _, .text(let text)): text.utf8.count
            default: nil
            }
        }

        /// The stable name of the operation on the wire.
        public var kind: String {
            switch self {
            case .set: "set"
            case .add: "add"
            case .remove: "remove"
            case .delete: "delete"
            case .restore: "restore"
            case .approve: "approve"
            }
        }
    }
}

extension ChangeSet.Operation: Codable {
    private enum CodingKeys: String, CodingKey {
        case op, type, id, field, value, element, version
    }

    /// Encodes flat: `{"op":"set","type":"visit","id":"…","field":"notes","value":"…"}`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(kind, forKey: .op)
        try container.encode(entity.type, forKey: .type)
        try container.encode(entity.id, forKey: .id)
        switch self {
        case .set(_, let field, let value):
            try container.encode(field, forKey: .field)
            try container.encode(value, forKey: .value)
        case .add(_, let field, let element), .remove(_, let field, let element):
            try container.encode(field, forKey: .field)
            try container.encode(element, forKey: .element)
        case .delete(_, let version), .approve(_, let version):
            try container.encode(version, forKey: .version)
        case .restore:
            break
        }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let kind = try container.decode(String.self, forKey: .op)
        let key = EntityKey(try container.decode(RecordType.self, forKey: .type), try container.decode(RecordID.self, forKey: .id))
        switch kind {
        case "set":
            // A missing "value" is an error, not a silent null: `"value": null` clears.
            guard container.contains(.value) else {
                throw DecodingError.keyNotFound(CodingKeys.value, .init(codingPath: container.codingPath, debugDescription: "a set operation needs a value (null clears the field)"))
            }
            self = .set(key, field: try container.decode(String.self, forKey: .field), value: try container.decode(FieldValue.self, forKey: .value))
        case "add":
            self = .add(key, field: try container.decode(String.self, forKey: .field), element: try container.decode(FieldValue.self, forKey: .element))
        case "remove":
            self = .remove(key, field: try container.decode(String.self, forKey: .field), element: try container.decode(FieldValue.self, forKey: .element))
        case "delete":
            self = .delete(key, version: try container.decode(VectorClock.self, forKey: .version))
        case "restore":
            self = .restore(key)
        case "approve":
            self = .approve(key, version: try container.decode(VectorClock.self, forKey: .version))
        default:
            throw DecodingError.dataCorruptedError(
                forKey: .op, in: container,
                debugDescription: "\"\(kind)\" is not an operation; use set, add, remove, delete, restore or approve"
            )
        }
    }
}
