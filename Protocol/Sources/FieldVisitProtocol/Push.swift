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
