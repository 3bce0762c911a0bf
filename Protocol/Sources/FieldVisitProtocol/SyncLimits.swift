import FieldVisitCore

/// The limits the server enforces and the client keeps to.
public enum SyncLimits {
    /// The largest request body, in bytes.
    public static let maxBodyBytes = 8 * 1024 * 1024
    /// The most change sets in one push.
    public static let maxChangeSetsPerPush = 1000
    /// The most operations in one change set.
    public static let maxOperationsPerChangeSet = ChangeSetLimits.maxOperations
    /// The longest text value, in bytes of UTF-8 (the schema's own limits are lower).
    public static let maxValueBytes = ChangeSetLimits.maxValueBytes
    /// The most bytes of change sets in one pull page: a page ends before the change
    /// set that would pass it, unless that one is the first (which may be as large as
    /// a push body).
    public static let maxPageBytes = 4 * 1024 * 1024
    /// The most change sets in one pull page, and the default.
    public static let maxPullPage = 2000
    /// The page a client asks for when it does not say.
    public static let defaultPullPage = 500

    /// How many of the sizes (in order) one page holds: at most `limit`, and no more
    /// bytes than ``maxPageBytes`` unless the first alone is larger.
    public static func pageLength<S: Sequence>(of sizes: S, limit: Int) -> Int where S.Element == Int {
        var count = 0
        var bytes = 0
        for size in sizes {
            guard count < limit, count == 0 || bytes + size <= maxPageBytes else { break }
            bytes += size
            count += 1
        }
        return count
    }
}
