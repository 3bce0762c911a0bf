import FieldVisitProtocol
import Foundation

/// What a laptop does when the server answers `wipe-ordered`: an administrator revoked
/// it (`fieldvisit-server device revoke ID --wipe`), most often because it was lost or
/// stolen. It erases its store, its device token and the office CA copy, then reports
/// the wipe with the token it still holds in memory, which the server audits.
///
/// It protects what a lost laptop holds only if that laptop reaches the server again
/// before someone copies its disk; full-disk encryption is what protects it otherwise.
public enum DeviceWipe {
    /// The files holding records: the store and its write-ahead log.
    public static func storeFiles(in home: StoreHome) -> [String] {
        // A snapshot being received holds the branches' records too.
        [home.storePath, home.storePath + "-wal", home.storePath + "-shm"] + SnapshotDownload(folder: home.snapshotDownload).files.map(\.path)
    }

    /// Erases the store, reports the wipe to the server, then erases the token and the
    /// CA copy: the records go first, and the report still has what it needs.
    ///
    /// - Returns: whether the server received the report (everything is erased either way).
    /// - Throws: ``StoreError`` when a file could not be erased; what could be is erased.
    public static func carryOut(home: StoreHome, server: ServerAddress, caFile: String?, token: String) async throws -> Bool {
        var failure: StoreError?
        for path in storeFiles(in: home) {
            do { try OwnerOnlyFile.remove(path) } catch { failure = failure ?? error }
        }
        var reported = false
        if failure == nil {
            do {
                try await ServerConnection.using(server, caFile: caFile, token: token) { connection in
                    try await connection.reportWipe()
                }
                reported = true
            } catch {
                reported = false
            }
        }
        for path in [home.deviceTokenPath, home.serverCAPath] {
            do { try OwnerOnlyFile.remove(path) } catch { failure = failure ?? error }
        }
        if let failure { throw failure }
        return reported
    }
}
