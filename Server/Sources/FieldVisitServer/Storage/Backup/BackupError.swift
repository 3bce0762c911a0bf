/// Why a backup of the server's database was not made. Whatever the reason, no file
/// is left under the backup's name, nor any half-written copy beside it.
public enum BackupError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The data directory holds no server database: most likely the wrong directory.
    case noDatabase(directory: String)
    /// The backup file exists, and replacing it was not asked for.
    case outputExists(path: String)
    /// The backup's name is that of a folder.
    case outputIsFolder(path: String)
    /// The folder the backup is to go in does not exist.
    case outputFolderMissing(folder: String)
    /// The backup's name is the live database's, or one of the files SQLite keeps beside it.
    case outputIsLiveDatabase(path: String)
    /// The copy could not be written: no room, no permission, a failing disk.
    case cannotWrite(folder: String, detail: String)
    /// The finished copy failed SQLite's integrity check; it was deleted.
    case damagedCopy(detail: String)

    public var description: String {
        switch self {
        case .noDatabase(let directory):
            "\(directory) holds no server database (fieldvisit-server.sqlite); give the server's data directory with --data-dir"
        case .outputExists(let path):
            "\(path) exists already; give another file name with --output, or add --force to replace it"
        case .outputIsFolder(let path):
            "\(path) is a folder; give the backup's file name, such as \(path.hasSuffix("/") ? path : path + "/")fieldvisit-server-backup.sqlite"
        case .outputFolderMissing(let folder):
            "the folder \(folder) does not exist; create it, or give --output in an existing folder"
        case .outputIsLiveDatabase(let path):
            "\(path) is the server's live database; write the backup to a file of its own, best on another disk"
        case .cannotWrite(let folder, let detail):
            "could not write the backup in \(folder): \(detail); give --output in a folder this user may write to, with room for a copy of the database"
        case .damagedCopy(let detail):
            "the copy failed SQLite's integrity check (\(detail)) and was deleted. Run the backup again, to another disk if it fails "
                + "the same way; should every copy fail, the live database may be damaged: keep the earlier backups and restore the last good one"
        }
    }
}
