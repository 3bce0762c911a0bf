import Foundation

/// One entry of the append-only audit trail: who did what, when, from where.
public struct AuditEvent: Sendable, Hashable, Codable {
    /// What happened.
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        case changeSetAccepted = "change-set-accepted"
        case login
        case loginFailed = "login-failed"
        case deviceEnrolled = "device-enrolled"
        case deviceRevoked = "device-revoked"
        case logout
        case userAdded = "user-added"
        case userDisabled = "user-disabled"
        case branchAdded = "branch-added"
        /// A push refused whole, or change sets of a push refused one by one.
        case pushRefused = "push-refused"
        /// A request with a token that is unknown, revoked, expired or of a disabled user.
        case tokenRefused = "token-refused"
        /// Change sets read by a pull: who read which branches' records, how many.
        case pulled = "pull"
        /// Records read from a snapshot.
        case snapshotRead = "snapshot"
        /// A password changed by an administrator; the user's devices revoked with it.
        case passwordChanged = "password-changed"
        /// A device's store ordered erased the next time it reaches the server.
        case wipeOrdered = "wipe-ordered"
        /// A laptop reporting that it erased its store as ordered.
        case deviceWiped = "device-wiped"
    }

    /// The entry's position in the trail.
    public var sequence: Int64
    /// When.
    public var time: Date
    /// What happened.
    public var kind: Kind
    /// The user concerned, when known.
    public var user: String?
    /// The device concerned, when known.
    public var device: String?
    /// The network address, for requests.
    public var address: String?
    /// The details: the change set's dot and records, the reason of a failure.
    public var detail: String

    public init(sequence: Int64 = 0, time: Date, kind: Kind, user: String?, device: String?, address: String?, detail: String) {
        self.sequence = sequence
        self.time = time
        self.kind = kind
        self.user = user
        self.device = device
        self.address = address
        self.detail = detail
    }
}
