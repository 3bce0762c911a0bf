import FieldVisitProtocol

extension ProblemCode {
    /// The HTTP status a problem with this code is sent with.
    public var httpStatus: Int {
        switch self {
        case .malformedRequest, .invalidParameter: 400
        case .unauthenticated: 401
        case .userDisabled, .deviceRevoked, .wipeOrdered, .forbidden, .wrongReplica, .wrongAuthor: 403
        case .notFound: 404
        case .replicaTaken: 409
        case .bodyTooLarge, .tooManyChangeSets: 413
        case .invalidChangeSet, .missingDependencies, .unknownRecord, .clockAhead: 422
        case .tooManyAttempts: 429
        case .unavailable: 503
        }
    }
}
