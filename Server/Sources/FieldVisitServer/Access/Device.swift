import FieldVisitCore
import Foundation

/// A laptop enrolled by a user: its replica's change sets are accepted under its token.
public struct Device: Sendable, Hashable, Codable {
    /// The device id, shown by `fieldvisit-server device list`.
    public var id: String
    /// The user who enrolled it.
    public var user: String
    /// The replica id of the laptop's store.
    public var replica: ReplicaID
    /// The name the user gave it.
    public var name: String
    /// When it was enrolled.
    public var enrolledAt: Date
    /// When it last made a request.
    public var lastSeenAt: Date?
    /// When it was revoked; a revoked device's token is refused.
    public var revokedAt: Date?
    /// When an administrator ordered its store erased (`device revoke --wipe`): the
    /// next time it reaches the server it is told to erase, and reports that it did.
    public var wipeOrderedAt: Date?

    public init(id: String, user: String, replica: ReplicaID, name: String, enrolledAt: Date, lastSeenAt: Date? = nil, revokedAt: Date? = nil,
                wipeOrderedAt: Date? = nil) {
        self.id = id
        self.user = user
        self.replica = replica
        self.name = name
        self.enrolledAt = enrolledAt
        self.lastSeenAt = lastSeenAt
        self.revokedAt = revokedAt
        self.wipeOrderedAt = wipeOrderedAt
    }

    /// When the device last reached the server, or was enrolled.
    public var lastContact: Date { lastSeenAt ?? enrolledAt }
}

/// A branch office (支所・支店): the unit records are shared by.
public struct Branch: Sendable, Hashable, Codable {
    /// The stable code companies name in their `branch` field.
    public var code: String
    /// The branch's name, in Japanese.
    public var name: String

    public init(code: String, name: String) {
        self.code = code
        self.name = name
    }
}

/// Who is making a request: an enabled user through a device that is not revoked.
public struct Caller: Sendable, Hashable {
    /// The user.
    public var user: User
    /// The device the token belongs to.
    public var device: Device
    /// The network address the request came from, for the audit trail.
    public var address: String?
    /// The language the request asked for (`Accept-Language`): the reasons of refused
    /// change sets are written in it.
    public var language: Language

    public init(user: User, device: Device, address: String?, language: Language = .english) {
        self.user = user
        self.device = device
        self.address = address
        self.language = language
    }

    /// Whether the caller makes a reviewer's decisions.
    public var isReviewer: Bool { user.role.isReviewer }
}
