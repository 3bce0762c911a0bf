import FieldVisitCore
import Foundation
import GRDB
import PostgresNIO
import Testing
@testable import FieldVisitServer

/// The storage backends the conformance tests run against, each made fresh and empty.
enum StorageBackend: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case sqlite
    case postgres

    /// The backends to test: all of them, less PostgreSQL when FIELDVISIT_SKIP_POSTGRES=1
    /// (`PostgresTests` then shows itself skipped).
    static let tested: [StorageBackend] = allCases.filter { $0 != .postgres || !PostgresCluster.isSkipped }

    var testDescription: String { rawValue }

    /// A fresh storage, in a temporary directory or a new database of the test cluster.
    func make() async throws -> MadeStorage {
        switch self {
        case .sqlite:
            let directory = TemporaryDirectory()
            let storage = try SQLiteStorage(directory: directory.url)
            return MadeStorage(storage: storage, database: .sqlite(storage, directory))
        case .postgres:
            let url = try await PostgresCluster.shared.newDatabase()
            let storage = try await PostgresStorage.connect(url: url, connections: 4)
            return MadeStorage(storage: storage, database: .postgres(storage, url))
        }
    }
}

/// A storage made for one test, and a hand on its database to change it around the
/// storage, as someone with access to the database could. A PostgreSQL storage closes
/// its connections when the test lets go of it.
final class MadeStorage {
    /// What the tests use.
    let storage: any SyncStorage
    let database: Database

    enum Database {
        case sqlite(SQLiteStorage, TemporaryDirectory)
        case postgres(PostgresStorage, String)
    }

    init(storage: any SyncStorage, database: Database) {
        self.storage = storage
        self.database = database
    }

    /// Runs SQL that both backends read alike, around the storage.
    func execute(_ sql: String) async throws {
        switch database {
        case .sqlite(let storage, _):
            try await storage.write { db in try db.execute(sql: sql) }
        case .postgres(let storage, _):
            try await storage.withConnection { connection in
                _ = try await connection.query(PostgresQuery(unsafeSQL: sql), logger: storage.logger)
            }
        }
    }

    /// Stores `role` for `user` past the table's CHECK, as a hand on the database could.
    func storeRole(_ role: String, user: String) async throws {
        switch database {
        case .sqlite(let storage, _):
            try await storage.write { db in
                try db.execute(sql: "PRAGMA ignore_check_constraints = ON")
                try db.execute(sql: "UPDATE account SET role = ? WHERE name = ?", arguments: [role, user])
                try db.execute(sql: "PRAGMA ignore_check_constraints = OFF")
            }
        case .postgres:
            try await execute("ALTER TABLE account DROP CONSTRAINT account_role_check")
            try await execute("UPDATE account SET role = '\(role)' WHERE name = '\(user)'")
        }
    }

    /// Takes the database back to before the review queue's migration, as a server of
    /// the version before left it: no queue table, no first sequence numbers.
    func undoReviewQueueMigration() async throws {
        try await execute("DROP TABLE review_item")
        try await execute("ALTER TABLE record DROP COLUMN created_seq")
        switch database {
        case .sqlite: try await execute("DELETE FROM grdb_migrations WHERE identifier = 'v5-review-queue'")
        case .postgres: try await execute("DELETE FROM fieldvisit_migration WHERE identifier = 'v2-review-queue'")
        }
    }

    /// Another storage on the same database, opened (and migrated) anew.
    func reopen() async throws -> any SyncStorage {
        switch database {
        case .sqlite(_, let directory): try SQLiteStorage(directory: directory.url)
        case .postgres(_, let url): try await PostgresStorage.connect(url: url, connections: 2)
        }
    }

    /// Drops the triggers that keep the audit trail append-only, as a hand on the
    /// database could: only the hash chain shows an edit then.
    func allowAuditEdits() async throws {
        switch database {
        case .sqlite:
            try await execute("DROP TRIGGER audit_no_update")
            try await execute("DROP TRIGGER audit_no_delete")
        case .postgres:
            try await execute("DROP TRIGGER audit_no_change ON audit")
        }
    }
}
