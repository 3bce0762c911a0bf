/// Facts about this server build, printed by `fieldvisit-server --version`.
public enum ServerInfo {
    /// The release of the server.
    public static let version = "0.1.0"
}
