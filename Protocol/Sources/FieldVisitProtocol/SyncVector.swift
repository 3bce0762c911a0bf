import FieldVisitCore

/// A test vector shared by the server's and the client's tests: change sets in a
/// delivery order, and the state every replica must reach after applying them.
///
/// Stored as canonical JSON under `Protocol/vectors/`; an implementation conforms when
/// it decodes each change set, re-encodes it to the same bytes, and reaches `expected`.
public struct SyncVector: Sendable, Hashable, Codable {
    /// What a record must look like after the change sets.
    public struct ExpectedRecord: Sendable, Hashable, Codable {
        /// The record type.
        public var type: RecordType
        /// The record id.
        public var id: RecordID
        /// The visible value of each field holding one.
        public var values: [String: FieldValue]
        /// The elements of each non-empty set field.
        public var sets: [String: [FieldValue]]
        /// Whether the record shows as deleted.
        public var deleted: Bool
        /// For an approved record, the content fields changed since approval.
        public var changedSinceApproval: [String]?

        public init(type: RecordType, id: RecordID, values: [String: FieldValue], sets: [String: [FieldValue]], deleted: Bool, changedSinceApproval: [String]?) {
            self.type = type
            self.id = id
            self.values = values
            self.sets = sets
            self.deleted = deleted
            self.changedSinceApproval = changedSinceApproval
        }
    }

    /// A conflict that must be reported.
    public struct ExpectedConflict: Sendable, Hashable, Codable {
        /// The record type.
        public var type: RecordType
        /// The record id.
        public var id: RecordID
        /// The kind of conflict.
        public var kind: Conflict.Kind
        /// The fields concerned.
        public var fields: [String]
        /// For concurrent values: the competing values in dot order.
        public var values: [FieldValue]

        public init(type: RecordType, id: RecordID, kind: Conflict.Kind, fields: [String], values: [FieldValue]) {
            self.type = type
            self.id = id
            self.kind = kind
            self.fields = fields
            self.values = values
        }
    }

    /// The state after every change set.
    public struct Expected: Sendable, Hashable, Codable {
        /// Every record touched, in key order.
        public var records: [ExpectedRecord]
        /// Every conflict, in record order.
        public var conflicts: [ExpectedConflict]

        public init(records: [ExpectedRecord], conflicts: [ExpectedConflict]) {
            self.records = records
            self.conflicts = conflicts
        }
    }

    /// A short identifier, also the file name.
    public var name: String
    /// What the vector shows, in one or two sentences.
    public var description: String
    /// The change sets, in an order causal delivery allows.
    public var changeSets: [ChangeSet]
    /// The state to reach.
    public var expected: Expected

    public init(name: String, description: String, changeSets: [ChangeSet], expected: Expected) {
        self.name = name
        self.description = description
        self.changeSets = changeSets
        self.expected = expected
    }
}

extension SyncVector.Expected {
    /// The state `replica` holds, in the vector's terms.
    public init(of replica: Replica) {
        let keys = replica.entities.keys.sorted()
        records = keys.map { key in
            let state = replica.entities[key]!
            return SyncVector.ExpectedRecord(
                type: key.type, id: key.id, values: state.visibleValues, sets: state.visibleSets,
                deleted: state.isDeleted, changedSinceApproval: replica.changedSinceApproval(key)
            )
        }
        conflicts = replica.conflicts().map { conflict in
            SyncVector.ExpectedConflict(
                type: conflict.entity.type, id: conflict.entity.id, kind: conflict.kind,
                fields: conflict.fields, values: conflict.siblings.map(\.value)
            )
        }
    }
}
