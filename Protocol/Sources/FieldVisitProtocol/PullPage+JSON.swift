import FieldVisitCore
import Foundation

/// A pull page on the wire, `{"changeSets":[…],"cursor":N,"more":true|false}`: written
/// canonically, by a server from the change sets' stored bytes; read with the fast
/// change-set reader, since a laptop reads thousands of change sets per sync.
extension PullPage {
    /// What a pull page is to be, in refusals.
    public static let subject = "a valid pull page"

    /// Reads a page.
    public static func read(_ data: Data) throws(JSONReadFailure) -> PullPage {
        let envelope = try ChangeSetEnvelope.read(data, subject: subject, keepingCanonicalBodies: false)
        guard let cursor = envelope.cursor, let more = envelope.more else {
            throw JSONReadFailure(subject: subject, reason: "a pull page needs \"cursor\" and \"more\"", offset: 0)
        }
        return PullPage(changeSets: envelope.changeSets, cursor: cursor, more: more)
    }

    /// The page's canonical JSON: the same bytes as `CanonicalJSON.encode(self)`.
    public func encoded() -> Data {
        var writer = CanonicalJSONWriter(capacity: 64 + changeSets.count * 1536)
        writer.writeRaw(#"{"changeSets":"#)
        writer.write(changeSets)
        Self.writeEnd(cursor: cursor, more: more, to: &writer)
        return Data(writer.bytes)
    }

    /// A page made of change sets' canonical JSON as a server's log keeps them: the
    /// same bytes as ``encoded()`` for the change sets they are. Written straight into
    /// the `Data` sent, one copy of the stored bytes: a page runs to megabytes.
    public static func encoded(canonicalBodies: [Data], cursor: Int64, more: Bool) -> Data {
        var end = CanonicalJSONWriter(capacity: 48)
        end.writeRaw("]")
        writeEnd(cursor: cursor, more: more, to: &end)
        var page = Data(capacity: canonicalBodies.reduce(end.bytes.count + 16) { $0 + $1.count + 1 })
        page.append(contentsOf: #"{"changeSets":["#.utf8)
        for (index, body) in canonicalBodies.enumerated() {
            if index > 0 { page.append(UInt8(ascii: ",")) }
            page.append(body)
        }
        page.append(contentsOf: end.bytes)
        return page
    }

    private static func writeEnd(cursor: Int64, more: Bool, to writer: inout CanonicalJSONWriter) {
        writer.writeRaw(#","cursor":"#)
        writer.signed(cursor)
        writer.writeRaw(#","more":"#)
        writer.bool(more)
        writer.writeRaw("}")
    }
}
