import Foundation

/// Where a backup goes, checked before anything is copied: a new file (or an existing
/// one, when replacing) that is written under a temporary name beside it and renamed
/// into place only once complete and checked, so that no half copy ever bears its name.
struct BackupTarget: Sendable {
    /// The backup file, absolute.
    let path: String
    /// The folder it goes in.
    let folder: String
    /// Whether an existing file of that name may be replaced.
    let replacing: Bool

    /// Checks `path` (relative to the working directory, or absolute) against the live
    /// database at `live`.
    init(path: String, replacing: Bool, live: String) throws(BackupError) {
        let url = URL(fileURLWithPath: path).standardizedFileURL
        self.path = url.path
        folder = url.deletingLastPathComponent().path
        self.replacing = replacing
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue else {
            throw .outputFolderMissing(folder: folder)
        }
        // By real paths, so that neither a symbolic link nor another spelling of the
        // data directory puts the copy in place of the live files.
        if let liveFolder = Self.realPath(URL(fileURLWithPath: live).deletingLastPathComponent().path), Self.realPath(folder) == liveFolder {
            let name = url.lastPathComponent
            let liveName = URL(fileURLWithPath: live).lastPathComponent
            if name == liveName || name.hasPrefix(liveName + "-") { throw .outputIsLiveDatabase(path: self.path) }
        }
        if let existing = Self.realPath(self.path), existing == Self.realPath(live) { throw .outputIsLiveDatabase(path: self.path) }
        try checkName()
    }

    /// Refuses a folder, and an existing file unless replacing.
    func checkName() throws(BackupError) {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else { return }
        if isFolder.boolValue { throw .outputIsFolder(path: path) }
        if !replacing { throw .outputExists(path: path) }
    }

    /// Creates the empty, owner-only file the copy is written into, beside the backup's
    /// name: on the same file system, so that renaming it into place is one step.
    /// Owner-only from its creation, since the copy holds every record and password hash.
    func makeTemporaryFile() throws(BackupError) -> String {
        let name = URL(fileURLWithPath: path).lastPathComponent
        let temporary = URL(fileURLWithPath: folder).appendingPathComponent(".\(name).\(UUID().uuidString.prefix(8)).partial").path
        let descriptor = open(temporary, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw .cannotWrite(folder: folder, detail: String(cString: strerror(errno))) }
        defer { close(descriptor) }
        // Whatever the umask: it may only take permissions away, and 0600 is the aim.
        guard fchmod(descriptor, 0o600) == 0 else {
            let detail = String(cString: strerror(errno))
            Self.remove(temporary)
            throw .cannotWrite(folder: folder, detail: detail)
        }
        return temporary
    }

    /// Renames the checked copy to the backup's name and makes the rename durable.
    func install(_ temporary: String) throws(BackupError) {
        // Again: a file of that name may have appeared while the copy was made.
        try checkName()
        guard rename(temporary, path) == 0 else { throw .cannotWrite(folder: folder, detail: String(cString: strerror(errno))) }
        // The rename is in the folder: synced, it survives a power cut.
        let descriptor = open(folder, O_RDONLY | O_CLOEXEC)
        if descriptor >= 0 {
            _ = fsync(descriptor)
            close(descriptor)
        }
    }

    /// Deletes a temporary copy and any journal SQLite left beside it.
    static func remove(_ temporary: String) {
        for suffix in ["", "-journal", "-wal", "-shm"] { unlink(temporary + suffix) }
    }

    private static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
