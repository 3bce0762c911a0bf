import Foundation
import GRDB

extension SQLiteStorage {
    /// Copies the database into a new file at `path` with SQLite's online backup,
    /// while the server runs and pushes are written.
    ///
    /// The copy is the database as one read transaction sees it: each push in it whole
    /// or not at all, the records agreeing with the log and the audit trail with both.
    /// Pushes go on meanwhile; those committed after the copy began are not in it. The
    /// copy is written to an owner-only (0600) temporary file beside `path`, checked
    /// with `PRAGMA integrity_check`, and only then renamed to `path`: a backup that
    /// fails leaves nothing under that name. The copy is a single file (rollback
    /// journal, no `-wal` beside it); a server restored from it returns to WAL mode.
    ///
    /// - Parameter replacing: whether an existing file at `path` may be replaced.
    /// - Throws: ``BackupError`` for a name that is taken, a folder, the live database
    ///   itself, a copy that cannot be written or fails its check;
    ///   ``StorageError/damaged(path:detail:)`` when the live database cannot be read.
    public func backup(to path: String, replacing: Bool = false) async throws -> BackupSummary {
        let target = try BackupTarget(path: path, replacing: replacing, live: self.path)
        let temporary = try target.makeTemporaryFile()
        do {
            try await copy(to: temporary, folder: target.folder)
            var summary = try Self.check(copy: temporary, folder: target.folder)
            try target.install(temporary)
            summary.path = target.path
            return summary
        } catch {
            BackupTarget.remove(temporary)
            throw error
        }
    }

    /// Copies every page in one backup step inside one read transaction of the pool:
    /// one consistent view, which writes made meanwhile by the server (another process
    /// or this one) neither change nor restart, and which blocks none of them.
    private func copy(to temporary: String, folder: String) async throws {
        let live = path
        let destination: DatabaseQueue
        do {
            destination = try DatabaseQueue(path: temporary)
        } catch let error as DatabaseError {
            throw BackupError.cannotWrite(folder: folder, detail: error.message ?? "\(error.resultCode)")
        }
        do {
            try await pool.read { db in
                try destination.writeWithoutTransaction { copy in try db.backup(to: copy) }
            }
            try destination.close()
        } catch let error as DatabaseError {
            try? destination.close()
            // Errors of the reading side name the live database; the rest are the copy's.
            if [.SQLITE_CORRUPT, .SQLITE_NOTADB].contains(error.resultCode.primaryResultCode) {
                throw StorageError.damaged(path: live, detail: error.message ?? "\(error.resultCode)")
            }
            throw BackupError.cannotWrite(folder: folder, detail: error.message ?? "\(error.resultCode)")
        }
    }

    /// Checks the finished copy with SQLite's integrity check and reads what it holds;
    /// turns it into one self-contained file.
    static func check(copy: String, folder: String) throws -> BackupSummary {
        do {
            let queue = try DatabaseQueue(path: copy)
            let summary = try queue.writeWithoutTransaction { db -> BackupSummary in
                let problems = try String.fetchAll(db, sql: "PRAGMA integrity_check")
                guard problems == ["ok"] else {
                    throw BackupError.damagedCopy(detail: problems.prefix(3).joined(separator: "; "))
                }
                // The pages came from a database in WAL mode: a rollback journal makes the
                // copy one file that can be moved, opened read-only or restored alone.
                _ = try String.fetchOne(db, sql: "PRAGMA journal_mode = DELETE")
                let changeSets = try Int.fetchOne(db, sql: "SELECT count(*) FROM change_set") ?? 0
                let cursor = try Int64.fetchOne(db, sql: "SELECT max(seq) FROM change_set") ?? 0
                return BackupSummary(path: copy, changeSets: changeSets, cursor: cursor, bytes: 0)
            }
            try queue.close()
            var checked = summary
            let size = try FileManager.default.attributesOfItem(atPath: copy)[.size] as? NSNumber
            checked.bytes = size?.int64Value ?? 0
            return checked
        } catch let error as DatabaseError where [.SQLITE_CORRUPT, .SQLITE_NOTADB].contains(error.resultCode.primaryResultCode) {
            throw BackupError.damagedCopy(detail: error.message ?? "\(error.resultCode)")
        } catch let error as DatabaseError where [.SQLITE_FULL, .SQLITE_IOERR, .SQLITE_CANTOPEN, .SQLITE_READONLY, .SQLITE_PERM]
            .contains(error.resultCode.primaryResultCode) {
            throw BackupError.cannotWrite(folder: folder, detail: error.message ?? "\(error.resultCode)")
        }
    }
}
