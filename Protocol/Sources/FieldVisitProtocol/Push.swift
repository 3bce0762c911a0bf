import Foundation
import FieldVisitCore

/// `POST /v1/changes`: change sets made on the laptop, oldest first.
public struct PushRequest: Sendable, Hashable, Codable {
    /// The change sets, in the order they were made (each depends on the one before).
    public var changeSets: [ChangeSet]

    public init(changeSets: [ChangeSet]) { self.changeSets = changeSets }
}

/// What became of each pushed change set, in the order they were sent.
public struct PushResponse: Sendable, Hashable, Codable {
    /// One result per change set.
    public var results: [PushResult]

    public init(results: [PushResult]) { self.results = results }
}

/// What became of one pushed change set.
public struct PushResult: Sendable, Hashable, Codable {
    /// The outcome.
    public enum Status: String, Sendable, Hashable, Codable {
        /// Stored now, under `sequence`.
        case accepted
        /// Stored before (same dot), under `sequence`: a retry, nothing changed.
        case duplicate
        /// Not stored; `code` and `reason` say why.
        case refused
    }

    /// The change set's dot.
    public var dot: Dot
    /// The outcome.
    public var status: Status
    /// The log sequence number, for an accepted or duplicate change set.
    public var sequence: Int64?
    /// For a refusal: a stable code (``ProblemCode``).
    public var code: ProblemCode?
    /// For a refusal: what is wrong, for people.
    public var reason: String?
    /// For a refusal for missing dependencies: the dots the server does not hold.
    public var missing: [Dot]?

    public init(dot: Dot, status: Status, sequence: Int64? = nil, code: ProblemCode? = nil, reason: String? = nil, missing: [Dot]? = nil) {
        self.dot = dot
        self.status = status
        self.sequence = sequence
        self.code = code
        self.reason = reason
        self.missing = missing
    }

    /// A refusal.
    public static func refused(_ dot: Dot, _ code: ProblemCode, _ reason: String, missing: [Dot]? = nil) -> PushResult {
        PushResult(dot: dot, status: .refused, code: code, reason: reason, missing: missing)
    }
}

extension PushRequest {
    /// Reads a push body with the fast change-set reader (the same checks as `Codable`).
    public static func read(_ data: Data) throws(ChangeSetReader.Failure) -> PushRequest {
        try readKeepingCanonicalBodies(data, keeping: false).request
    }

    /// Reads a push body and keeps, for each change set, the bytes it came as when
    /// they are its canonical JSON (`nil` when not): the server stores those as they are.
    public static func readKeepingCanonicalBodies(_ data: Data) throws(ChangeSetReader.Failure) -> (request: PushRequest, canonicalBodies: [Data?]) {
        try readKeepingCanonicalBodies(data, keeping: true)
    }

    private static func readKeepingCanonicalBodies(_ data: Data, keeping: Bool) throws(ChangeSetReader.Failure) -> (request: PushRequest, canonicalBodies: [Data?]) {
        // Members other than `changeSets` are ignored, whatever their value, as the
        // contract says of unknown keys and as `Codable` reads the body.
        let envelope = try ChangeSetReader.readEnvelope(data, keepingCanonicalBodies: keeping)
        return (PushRequest(changeSets: envelope.changeSets), envelope.canonicalBodies)
    }
}

extension PushRequest {
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

extension PushResponse {
    /// The canonical JSON of the results, written directly for the common results
    /// (accepted, duplicate): the same bytes as `CanonicalJSON.encode(self)`.
    public func encoded() throws -> Data {
        var writer = CanonicalJSONWriter(capacity: 32 + results.count * 112)
        writer.writeRaw(#"{"results":["#)
        for (index, result) in results.enumerated() {
            if index > 0 { writer.writeRaw(",") }
            if result.code == nil, result.reason == nil, result.missing == nil, let sequence = result.sequence, result.status != .refused {
                writer.writeRaw(#"{"dot":"#)
                writer.write(result.dot)
                writer.writeRaw(#","sequence":"#)
                writer.signed(sequence)
                writer.writeRaw(result.status == .accepted ? #","status":"accepted"}"# : #","status":"duplicate"}"#)
            } else {
                writer.writeRaw(try CanonicalJSON.encode(result))
            }
        }
        writer.writeRaw("]}")
        return Data(writer.bytes)
    }
}
