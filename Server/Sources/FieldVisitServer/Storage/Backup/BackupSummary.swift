import Foundation

/// What a backup (``SQLiteStorage/backup(to:replacing:)``) holds, read from the copy
/// once it passed SQLite's integrity check.
public struct BackupSummary: Sendable, Hashable {
    /// The backup file, as an absolute path.
    public var path: String
    /// The change sets in the copied log.
    public var changeSets: Int
    /// The last sequence number in the copied log: where a server restored from the
    /// copy goes on numbering, and how far a laptop's pull may have got without
    /// passing what the copy holds.
    public var cursor: Int64
    /// The size of the file, in bytes.
    public var bytes: Int64

    /// A summary of the copy at `path`.
    public init(path: String, changeSets: Int, cursor: Int64, bytes: Int64) {
        self.path = path
        self.changeSets = changeSets
        self.cursor = cursor
        self.bytes = bytes
    }
}
