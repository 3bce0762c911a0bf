import FieldVisitCore

/// `POST /v1/devices`: a laptop's first contact, trading a password for a device token.
public struct EnrolmentRequest: Sendable, Hashable, Codable {
    /// The user name.
    public var user: String
    /// The password; the server keeps only its bcrypt hash, the client never stores it.
    public var password: String
    /// The replica id of the laptop's store: every change set it pushes must carry it.
    public var replica: ReplicaID
    /// A name people recognise the laptop by (「本店 2号機」).
    public var deviceName: String

    public init(user: String, password: String, replica: ReplicaID, deviceName: String) {
        self.user = user
        self.password = password
        self.replica = replica
        self.deviceName = deviceName
    }
}

/// The answer to an enrolment: the token the laptop sends from now on.
public struct EnrolmentResponse: Sendable, Hashable, Codable {
    /// The device token, sent as `Authorization: Bearer <token>`. Shown once.
    public var token: String
    /// The device's id, as `fieldvisit-server device list` shows it.
    public var device: String
    /// The user the token acts for.
    public var user: String
    /// The user's role.
    public var role: Role
    /// The branches whose records the user sees.
    public var branches: [String]

    public init(token: String, device: String, user: String, role: Role, branches: [String]) {
        self.token = token
        self.device = device
        self.user = user
        self.role = role
        self.branches = branches
    }
}
