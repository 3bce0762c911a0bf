import FieldVisitCore

/// A stable, machine-readable error code: the `code` of every problem response and of
/// every refused change set. Clients branch on it; the wording of `detail` may change.
public enum ProblemCode: String, Sendable, Hashable, Codable, CaseIterable {
    /// The body is not JSON, or not the JSON the endpoint takes.
    case malformedRequest = "malformed-request"
    /// The body is larger than the server accepts.
    case bodyTooLarge = "body-too-large"
    /// More change sets in one push than the server accepts.
    case tooManyChangeSets = "too-many-change-sets"
    /// A query parameter is missing or out of range.
    case invalidParameter = "invalid-parameter"
    /// No valid token, or a wrong user name or password.
    case unauthenticated
    /// The user is disabled.
    case userDisabled = "user-disabled"
    /// The device was revoked.
    case deviceRevoked = "device-revoked"
    /// The device was revoked and its store ordered erased: the laptop erases its
    /// store and token, then reports it (`POST /v1/devices/current/wiped`).
    case wipeOrdered = "wipe-ordered"
    /// The replica id is already enrolled for another device.
    case replicaTaken = "replica-taken"
    /// The user may not do this (another branch, or a role that cannot).
    case forbidden
    /// Too many failed logins: wait before trying again.
    case tooManyAttempts = "too-many-attempts"
    /// No such endpoint.
    case notFound = "not-found"
    /// A change set is malformed or an operation invalid for its record type.
    case invalidChangeSet = "invalid-change-set"
    /// A change set depends on change sets the server does not hold.
    case missingDependencies = "missing-dependencies"
    /// A change set's replica is not the device's own.
    case wrongReplica = "wrong-replica"
    /// A change set's author is not the token's user.
    case wrongAuthor = "wrong-author"
    /// A change set touches a record the server cannot place in a branch.
    case unknownRecord = "unknown-record"
    /// A change set is stamped more than a day ahead of the server's clock: the
    /// laptop's clock is wrong.
    case clockAhead = "clock-ahead"
    /// The server is shutting down or its storage is busy: retry later.
    case unavailable
}

/// An `application/problem+json` body (RFC 9457).
public struct Problem: Sendable, Hashable, Codable, Error, CustomStringConvertible {
    /// The media type of problem responses.
    public static let mediaType = "application/problem+json"

    /// A URI naming the problem type: `urn:fieldvisit:problem:<code>`.
    public var type: String
    /// A short summary of the problem type.
    public var title: String
    /// The HTTP status code.
    public var status: Int
    /// What went wrong in this case, and what to do, in the language the request asked
    /// for (`Accept-Language`; English unless it asked for Japanese).
    public var detail: String
    /// The detail in Japanese, held by the server until it answers: a response carries
    /// one language, chosen by ``speaking(_:)``. Never on the wire.
    public var japaneseDetail: String?
    /// The stable code.
    public var code: ProblemCode
    /// The server's clock when it answered, in milliseconds since 1970: sent with
    /// `clock-ahead`, so that a laptop with a wrong clock can stamp its changes again.
    public var serverTime: Int64?

    public init(_ code: ProblemCode, status: Int, title: String, detail: String, serverTime: Int64? = nil) {
        self.type = "urn:fieldvisit:problem:\(code.rawValue)"
        self.title = title
        self.status = status
        self.detail = detail
        self.code = code
        self.serverTime = serverTime
    }

    /// A problem whose detail the server has in both languages.
    public init(_ code: ProblemCode, status: Int, title: String, detail: LocalizedText, serverTime: Int64? = nil) {
        self.init(code, status: status, title: title, detail: detail.english, serverTime: serverTime)
        japaneseDetail = detail.japanese
    }

    /// The problem as answered to a request that asked for `language`: its detail in
    /// Japanese when it has one, in English otherwise. The code, the title and the
    /// status are the same in every language.
    public func speaking(_ language: Language) -> Problem {
        var problem = self
        if language == .japanese, let japaneseDetail { problem.detail = japaneseDetail }
        problem.japaneseDetail = nil
        return problem
    }

    private enum CodingKeys: String, CodingKey {
        case type, title, status, detail, code, serverTime
    }

    public var description: String { detail }
}
