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

extension Snapshot {
    /// The snapshot's canonical JSON (the bytes of `CanonicalJSON.encode`), written
    /// directly: a snapshot holds every record a user may see.
    public func encoded() -> Data {
        Self.encodedStart(cursor: cursor) + Self.encoded(records[...], afterOthers: false) + Self.encodedEnd
    }

    /// The start of a snapshot's JSON, up to its first record: a server sends a large
    /// snapshot in parts (start, pages of records, end) as it reads them.
    public static func encodedStart(cursor: Int64) -> Data {
        var writer = CanonicalJSONWriter(capacity: 48)
        writer.writeRaw(#"{"cursor":"#)
        writer.signed(cursor)
        writer.writeRaw(#","records":["#)
        return Data(writer.bytes)
    }

    /// Records of a snapshot's JSON; `afterOthers` when records were written before.
    public static func encoded(_ records: ArraySlice<Record>, afterOthers: Bool) -> Data {
        var writer = CanonicalJSONWriter(capacity: records.count * 1_536)
        for (index, record) in records.enumerated() {
            writer.writeRaw(index == 0 && !afterOthers ? #"{"id":"# : #",{"id":"#)
            writer.string(record.id.rawValue)
            writer.writeRaw(#","state":"#)
            writer.write(record.state)
            writer.writeRaw(#","type":"#)
            writer.string(record.type.rawValue)
            writer.writeRaw("}")
        }
        return Data(writer.bytes)
    }

    /// The end of a snapshot's JSON, after its last record.
    public static let encodedEnd = Data("]}".utf8)

    /// Reads a snapshot: straight into values when it is in the canonical form (as
    /// servers send it), else the general way, which names what is wrong.
    public static func read(_ data: Data) throws -> Snapshot {
        if let (records, cursor) = ChangeSetReader.readCanonicalSnapshot(data) {
            return Snapshot(records: records.map { Record(type: $0.key.type, id: $0.key.id, state: $0.state) }, cursor: cursor)
        }
        return try CanonicalJSON.decode(Snapshot.self, from: data)
    }
}
