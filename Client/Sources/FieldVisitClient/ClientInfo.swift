/// Facts about this client build, printed by `fieldvisit --version`.
public enum ClientInfo {
    /// The release of the field client.
    public static let version = "0.1.0"
}
