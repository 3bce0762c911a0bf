import FieldVisitProtocol

/// What `fieldvisit login` keeps in the store: which server this laptop syncs with,
/// and who it is enrolled as there. The password is never kept, and the device token
/// lives in its own owner-only file (``StoreHome/deviceTokenPath``).
public struct SyncSettings: Sendable, Hashable, Codable {
    /// The server's base URL.
    public var server: String
    /// The user the device token acts for: always the store's user.
    public var user: String
    /// The device id the server gave this laptop.
    public var device: String
    /// The name the laptop was enrolled under.
    public var deviceName: String
    /// The user's role on the server.
    public var role: Role
    /// The branches whose records the user sees.
    public var branches: [String]
    /// When the login happened, in milliseconds since 1970.
    public var loggedInAt: Int64

    public init(server: String, user: String, device: String, deviceName: String, role: Role, branches: [String], loggedInAt: Int64) {
        self.server = server
        self.user = user
        self.device = device
        self.deviceName = deviceName
        self.role = role
        self.branches = branches
        self.loggedInAt = loggedInAt
    }
}
