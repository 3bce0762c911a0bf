import FieldVisitCore

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
        case .noDatabase(let directory): ServeMessage.noDatabase.text(["directory": directory])
        case .outputExists(let path): ServeMessage.outputExists.text(["path": path])
        case .outputIsFolder(let path):
            ServeMessage.outputIsFolder.text(["path": path, "example": (path.hasSuffix("/") ? path : path + "/") + "fieldvisit-server-backup.sqlite"])
        case .outputFolderMissing(let folder): ServeMessage.outputFolderMissing.text(["folder": folder])
        case .outputIsLiveDatabase(let path): ServeMessage.outputIsLiveDatabase.text(["path": path])
        case .cannotWrite(let folder, let detail): ServeMessage.backupCannotWrite.text(["folder": folder, "detail": detail])
        case .damagedCopy(let detail): ServeMessage.damagedCopy.text(["detail": detail])
        }
    }
}
