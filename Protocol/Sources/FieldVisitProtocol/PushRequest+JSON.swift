import FieldVisitCore
import Foundation

/// A push body on the wire: written canonically, read with the fast change-set reader
/// (the same checks as `Codable`).
extension PushRequest {
    /// What a push body is to be, in refusals.
    public static let subject = "a valid push body"

    /// Reads a push body.
    public static func read(_ data: Data) throws(JSONReadFailure) -> PushRequest {
        PushRequest(changeSets: try ChangeSetEnvelope.read(data, subject: subject, keepingCanonicalBodies: false).changeSets)
    }

    /// Reads a push body and keeps, for each change set, the bytes it came as when
    /// they are its canonical JSON (`nil` when not): the server stores those as they are.
    public static func readKeepingCanonicalBodies(_ data: Data) throws(JSONReadFailure) -> (request: PushRequest, canonicalBodies: [Data?]) {
        let envelope = try ChangeSetEnvelope.read(data, subject: subject, keepingCanonicalBodies: true)
        return (PushRequest(changeSets: envelope.changeSets), envelope.canonicalBodies)
    }

    /// The body's canonical JSON, written directly: the same bytes as
    /// `CanonicalJSON.encode(self)`, several times faster.
    public func encoded() -> Data {
        // One buffer for the page: change sets of notes run to about a kilobyte each.
        var writer = CanonicalJSONWriter(capacity: 64 + changeSets.count * 1536)
        writer.writeRaw(#"{"changeSets":"#)
        writer.write(changeSets)
        writer.writeRaw("}")
        return Data(writer.bytes)
    }
}
