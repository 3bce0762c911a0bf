import Foundation
import FieldVisitCore

/// `GET /v1/snapshot`: the current state of every record the user may see, and the
/// cursor it is current at, so a new laptop starts there instead of replaying the log.
public struct Snapshot: Sendable, Hashable, Codable {
    /// One record's registers.
    public struct Record: Sendable, Hashable, Codable {
        /// The record type.
        public var type: RecordType
        /// The record id.
        public var id: RecordID
        /// Every field's siblings with their dots, the sets, deletions and approvals.
        public var state: EntityState

        public init(type: RecordType, id: RecordID, state: EntityState) {
            self.type = type
            self.id = id
            self.state = state
        }

        /// The record's key.
        public var key: EntityKey { EntityKey(type, id) }
    }

    /// The records, in key order.
    public var records: [Record]
    /// Pull after this sequence number to continue from the snapshot.
    public var cursor: Int64

    public init(records: [Record], cursor: Int64) {
        self.records = records
        self.cursor = cursor
    }
}
