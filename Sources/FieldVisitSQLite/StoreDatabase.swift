import Foundation
import GRDB

/// A FieldVisit SQLite file, as the laptop's store and the server's storage both keep
/// one: opened with the same settings, and migrated only when it is one of ours and no
/// newer than this program.
///
/// ```swift
/// let checkpointer = WALCheckpointer(path: path)
/// let pool = try StoreDatabase.openPool(path: path, checkpointer: checkpointer)
/// try StoreDatabase.migrate(pool, with: migrator, mustExist: false)
/// ```
public enum StoreDatabase {
    /// Why a file is not opened; each store words it for its users.
    public enum Refusal: Error, Sendable, Equatable, CustomStringConvertible {
        /// A newer program wrote it: the migrations named are unknown here.
        case newerThanProgram(unknownMigrations: [String])
        /// It is not a FieldVisit database, or it is damaged.
        case damaged(detail: String)

        public var description: String {
            switch self {
            case .newerThanProgram(let unknown): "the database was written by a newer version (migrations \(unknown.joined(separator: ", "))); install that version or newer"
            case .damaged(let detail): "the database is damaged: \(detail). Restore it from a backup"
            }
        }
    }

    /// A pool on `path` in WAL mode.
    ///
    /// - WAL with NORMAL keeps every committed transaction across a crash of the
    ///   program; only a power cut can lose the last moments, never corrupt.
    /// - Checkpoints run on a thread of their own (``WALCheckpointer``), and the log
    ///   file is cut back to 64 MB after a larger transaction (a snapshot) grew it.
    /// - Parameter cacheKiB: the page cache per connection, when SQLite's default
    ///   (2 MiB) is too small for the upper pages of large indexes.
    public static func openPool(path: String, checkpointer: WALCheckpointer, cacheKiB: Int? = nil) throws -> DatabasePool {
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            if let cacheKiB { try db.execute(sql: "PRAGMA cache_size = -\(cacheKiB)") }
            if let connection = db.sqliteConnection { checkpointer.attach(to: connection) }
            try db.execute(sql: "PRAGMA journal_size_limit = 67108864")
        }
        do {
            return try DatabasePool(path: path, configuration: configuration)
        } catch let error as DatabaseError where isDamage(error) {
            throw Refusal.damaged(detail: error.message ?? "\(error.resultCode)")
        }
    }

    /// Migrates `pool` forward, after checking that every migration it has applied is
    /// one `migrator` knows, and that a file without any holds no other program's tables.
    ///
    /// - Parameter mustExist: whether the file must already be a FieldVisit database
    ///   (opening a store) rather than possibly new (a server's first start).
    public static func migrate(_ pool: DatabasePool, with migrator: DatabaseMigrator, mustExist: Bool) throws {
        do {
            let applied = try pool.read { db in try migrator.appliedIdentifiers(db) }
            let unknown = applied.subtracting(migrator.migrations)
            if !unknown.isEmpty { throw Refusal.newerThanProgram(unknownMigrations: unknown.sorted()) }
            if applied.isEmpty {
                let tables = try pool.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master WHERE type = 'table'") ?? 0 }
                if mustExist || tables > 0 { throw Refusal.damaged(detail: "it holds no FieldVisit tables") }
            }
            try migrator.migrate(pool)
        } catch let error as DatabaseError where isDamage(error) {
            throw Refusal.damaged(detail: error.message ?? "\(error.resultCode)")
        }
    }

    /// Whether SQLite found the file not a database, or corrupt.
    public static func isDamage(_ error: DatabaseError) -> Bool {
        [.SQLITE_NOTADB, .SQLITE_CORRUPT].contains(error.resultCode.primaryResultCode)
    }
}
