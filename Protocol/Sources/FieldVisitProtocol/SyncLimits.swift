/// The limits the server enforces and the client keeps to.
public enum SyncLimits {
    /// The largest request body, in bytes.
    public static let maxBodyBytes = 8 * 1024 * 1024
    /// The most change sets in one push.
    public static let maxChangeSetsPerPush = 1000
    /// The most operations in one change set.
    public static let maxOperationsPerChangeSet = 2000
    /// The longest text value, in bytes of UTF-8 (the schema's own limits are lower).
    public static let maxValueBytes = 64 * 1024
    /// The most change sets in one pull page, and the default.
    public static let maxPullPage = 2000
    /// The page a client asks for when it does not say.
    public static let defaultPullPage = 500
}
