import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An exclusive claim on a directory for the life of the process: an advisory lock on a
/// file inside it, released by the system when the process ends, however it ends.
enum DirectoryLock {
    /// `directory`, created owner-only if needed, when this process now holds it; `nil`
    /// when another process does or it cannot be created.
    static func claim(_ directory: URL) -> URL? {
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            return nil
        }
        let descriptor = open(directory.appendingPathComponent("lock").path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { return nil }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            close(descriptor)
            return nil
        }
        // The descriptor stays open on purpose: closing it would release the lock.
        return directory
    }
}
