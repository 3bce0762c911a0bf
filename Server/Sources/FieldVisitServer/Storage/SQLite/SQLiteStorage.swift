import FieldVisitCore
import FieldVisitProtocol
import FieldVisitSQLite
import Foundation
import GRDB

/// The server's storage in one SQLite file (WAL mode) in the data directory: the
/// default backend. Administrative commands open the same file while the server runs;
/// SQLite serialises their writes with the server's.
public final class SQLiteStorage: Sendable {
    /// The database file.
    public let path: String
    /// The record types and fields.
    public let schema: Schema
    let pool: DatabasePool
    /// Failed logins, in memory: a server is alone on its SQLite file.
    public let loginFailures: any LoginFailureStorage = InMemoryLoginFailures()
    /// Checkpoints the log off the pushes' path; the connections report to it.
    let checkpointer: WALCheckpointer

    /// Opens (creating or migrating forward) the database in `directory`.
    public convenience init(directory: URL, schema: Schema = .fieldVisit) throws {
        try self.init(directory: directory, schema: schema, checkpointPages: WALCheckpointer.defaultPages)
    }

    /// Opens the database, checkpointing its log every `checkpointPages` pages.
    init(directory: URL, schema: Schema, checkpointPages: CInt) throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        path = Self.databasePath(in: directory)
        self.schema = schema
        let checkpointer = WALCheckpointer(path: path, pages: checkpointPages)
        self.checkpointer = checkpointer
        do {
            let isNew = !FileManager.default.fileExists(atPath: path)
            // 64 MiB of page cache per connection: the log's and records' upper B-tree
            // pages stay in memory instead of being read back for every push.
            pool = try StoreDatabase.openPool(path: path, checkpointer: checkpointer, cacheKiB: 65_536)
            try StoreDatabase.migrate(pool, with: ServerMigrations.migrator(schema: schema), mustExist: false)
            if isNew { try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path) }
        } catch StoreDatabase.Refusal.newerThanProgram(let unknown) {
            throw StorageError.newerThanProgram(path: path, unknownMigrations: unknown)
        } catch StoreDatabase.Refusal.damaged(let detail) {
            throw StorageError.damaged(path: path, detail: detail)
        } catch let error as DatabaseError where StoreDatabase.isDamage(error) {
            throw StorageError.damaged(path: path, detail: error.message ?? "\(error.resultCode)")
        }
    }

}

extension SQLiteStorage {
    /// The database file in a data directory, whether it exists or not.
    public static func databasePath(in directory: URL) -> String {
        directory.appendingPathComponent("fieldvisit-server.sqlite").path
    }
}

/// Every concern is kept in its own file: `SQLiteStorage+Accounts`, `+ChangeLog`, `+Audit`.
extension SQLiteStorage: SyncStorage {}

extension SQLiteStorage {
    /// Runs `body` in a write transaction on the raw database: for benchmarks that
    /// fill a log faster than the protocol would, and tests of what the database itself
    /// refuses.
    public func write(_ body: @escaping @Sendable (Database) throws -> Void) async throws {
        try await pool.write(body)
    }
}
