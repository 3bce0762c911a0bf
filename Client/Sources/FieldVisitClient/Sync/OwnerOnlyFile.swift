import FieldVisitCore
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes files only their owner may read (0600): the device token, the office CA, and
/// every file of personal data the client writes (exports, files opened in the editor).
///
/// The file is created with those permissions before any byte is written, then moved
/// into place, so it is never readable by others and never half written. A file already
/// at `path` is replaced, and with it any wider permissions it had.
public enum OwnerOnlyFile {
    /// Writes `data` to `path`, owner-only.
    ///
    /// - Throws: ``StoreError/unwritableFile(path:reason:)`` saying what failed.
    public static func write(_ data: Data, to path: String) throws(StoreError) {
        let temporary = path + ".tmp-\(getpid())"
        unlink(temporary)
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard descriptor >= 0 else { throw failure(path, .fileCannotCreate) }
        let written = data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) -> Bool in
            var offset = 0
            while offset < buffer.count {
                let count = Foundation.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if count < 0 {
                    if errno == EINTR { continue }
                    return false
                }
                offset += count
            }
            return true
        }
        let synced = written && fsync(descriptor) == 0
        close(descriptor)
        guard synced else {
            let error = failure(path, .fileCannotWrite)
            unlink(temporary)
            throw error
        }
        guard rename(temporary, path) == 0 else {
            let error = failure(path, .fileCannotPlace)
            unlink(temporary)
            throw error
        }
    }

    /// Removes the file; a file already gone is fine.
    public static func remove(_ path: String) throws(StoreError) {
        guard unlink(path) == 0 || errno == ENOENT else { throw failure(path, .fileCannotRemove) }
    }

    private static func failure(_ path: String, _ what: ConnectionMessage) -> StoreError {
        .unwritableFile(path: path, reason: what.text(["error": String(cString: strerror(errno))]))
    }
}
