import FieldVisitCore
import Foundation

/// A snapshot on the wire, `{"cursor":N,"records":[{"id","state","type"},…]}`:
/// written canonically, in parts as a server reads its records; read straight into
/// values when canonical, as servers send it.
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
    /// servers send it), else the general way (`Codable`), which names what is wrong.
    public static func read(_ data: Data) throws -> Snapshot {
        if let snapshot = readCanonical(data) { return snapshot }
        return try CanonicalJSON.decode(Snapshot.self, from: data)
    }

    /// Reads a snapshot in exactly the canonical form; `nil` at the first byte that
    /// departs from it. What it returns is what the general way returns for the same bytes.
    public static func readCanonical(_ data: Data) -> Snapshot? {
        var scanner = JSONScanner(data, subject: "a valid snapshot")
        guard scanner.literal(#"{"cursor":"#), let cursor = scanner.canonicalSigned(), scanner.literal(#","records":["#) else { return nil }
        var records: [Record] = []
        if !scanner.literal("]") {
            while true {
                guard scanner.literal(#"{"id":"#), let id = scanner.canonicalRecordID(), scanner.literal(#","state":"#),
                      let state = scanner.canonicalState(), scanner.literal(#","type":"#), let type = scanner.canonicalString(), scanner.literal("}")
                else { return nil }
                records.append(Record(type: RecordType(rawValue: type), id: id, state: state))
                if scanner.literal(",") { continue }
                guard scanner.literal("]") else { return nil }
                break
            }
        }
        guard scanner.literal("}"), scanner.position == scanner.bytes.count else { return nil }
        return Snapshot(records: records, cursor: cursor)
    }
}
