import FieldVisitCore
import Foundation
import Logging
import PostgresNIO

/// The server's storage in a PostgreSQL database (15 or newer), which several servers
/// may share: each concern is in its own file, `PostgresStorage+Accounts` and `+Audit`.
///
/// Open it with ``connect(url:connections:schema:)``, which migrates the database
/// forward, and close it with ``shutdown()``. Its connections are a pool
/// (`PostgresClient`) run by a task the storage owns.
public final class PostgresStorage: Sendable {
    /// The database, as its URL without the password: for messages and logs.
    public let database: String
    /// The record types and fields.
    public let schema: Schema
    let client: PostgresClient
    let logger: Logger
    /// Runs the pool: it hands out connections only while this runs.
    private let running: Task<Void, Never>

    private init(database: String, schema: Schema, client: PostgresClient, logger: Logger) {
        self.database = database
        self.schema = schema
        self.client = client
        self.logger = logger
        running = Task { await client.run() }
    }

    deinit { running.cancel() }

    /// Connects to the database at `url`, of the form
    /// `postgres://user[:password]@host[:port]/database[?sslmode=MODE]` (MODE `disable`,
    /// `prefer` by default, `require`, `verify-ca` or `verify-full`; with
    /// `sslrootcert=FILE`, the authorities a `verify-` mode trusts instead of the
    /// system's), and migrates it forward.
    ///
    /// Throws ``StorageError/invalid(_:)`` for a malformed URL,
    /// ``StorageError/unreachable(database:detail:)`` when the database cannot be
    /// reached or refuses the login, and
    /// ``StorageError/newerThanProgram(path:unknownMigrations:)`` for a database
    /// migrated by a newer server. No error or log line shows the password.
    ///
    /// - Parameter connections: the most connections the storage opens at once.
    public static func connect(url: String, connections: Int = 8, schema: Schema = .fieldVisit) async throws -> PostgresStorage {
        guard connections >= 1 else { throw StorageError.invalid(StorageMessage.connectionsAtLeastOne.localized(["count": "\(connections)"])) }
        let address = try PostgresAddress(url: url)
        let database = address.description
        let logger = Logger(label: "fieldvisit.postgres", factory: { _ in SwiftLogNoOpLogHandler() })
        let configuration: PostgresConnection.Configuration
        do {
            configuration = try address.connectionConfiguration()
        } catch {
            throw StorageError.invalid(StorageMessage.certificatesUnusable.localized(["file": address.rootCertificates ?? "", "error": "\(error)"]))
        }
        // Migrating on a connection of its own first, rather than through the pool,
        // tells a wrong password or an unreachable host at once, where the pool would
        // keep trying.
        do {
            let connection = try await PostgresConnection.connect(configuration: configuration, id: 0, logger: logger)
            do {
                try await PostgresMigrations.migrate(on: connection, database: database, schema: schema, logger: logger)
            } catch {
                try? await connection.close()
                throw error
            }
            try? await connection.close()
        } catch {
            throw storageError(error, database: database)
        }
        let client = PostgresClient(configuration: address.clientConfiguration(connections: connections), backgroundLogger: logger)
        return PostgresStorage(database: database, schema: schema, client: client, logger: logger)
    }

    /// The name each connection gives the database (`pg_stat_activity.application_name`):
    /// which server process holds it, for monitoring and for cutting one server off.
    public static func applicationName(processID: Int32) -> String { "fieldvisit-server \(processID)" }

    /// Closes every connection; the storage serves nothing after.
    public func shutdown() async {
        running.cancel()
        await running.value
    }

    // MARK: Running statements

    /// Runs `body` on a connection of the pool.
    func withConnection<Result: Sendable>(_ body: (PostgresConnection) async throws -> Result) async throws -> Result {
        do {
            return try await client.withConnection(body)
        } catch {
            throw Self.storageError(error, database: database)
        }
    }

    /// Runs `body` in one transaction on a connection of the pool: committed when it
    /// returns, rolled back when it throws, its error thrown as it is.
    func transaction<Result: Sendable>(_ body: (PostgresConnection) async throws -> Result) async throws -> Result {
        try await withConnection { connection in
            try await Self.transaction(on: connection, logger: logger, body)
        }
    }

    /// Runs `body` in one transaction on `connection`. Unlike postgres-nio's
    /// `withTransaction`, the error `body` throws comes out as it is, not wrapped.
    static func transaction<Result: Sendable>(on connection: PostgresConnection, logger: Logger,
                                              _ body: (PostgresConnection) async throws -> Result) async throws -> Result {
        try await connection.send("BEGIN", logger: logger)
        let result: Result
        do {
            result = try await body(connection)
        } catch {
            _ = try? await connection.send("ROLLBACK", logger: logger)
            throw error
        }
        try await connection.send("COMMIT", logger: logger)
        return result
    }

    /// `error` as a ``StorageError`` naming the database, with what the database server
    /// said; a storage error comes out as it is. postgres-nio's own description hides
    /// everything, so that a message says nothing useful without this.
    static func storageError(_ error: any Error, database: String) -> any Error {
        if let lost = error as? PostgresConnectionLost { return StorageError.unreachable(database: database, detail: lost.description) }
        guard let error = error as? PSQLError else { return error }
        if let server = error.serverInfo {
            let state = server[.sqlState] ?? "?"
            let detail = "\(server[.message] ?? "an error") (SQLSTATE \(state))"
            // 08: the connection failed; 28: the login was refused; 3D: no such database;
            // 57P: the server is shutting down or starting up.
            if ["08", "28", "3D", "57"].contains(where: state.hasPrefix) { return StorageError.unreachable(database: database, detail: detail) }
            return StorageError.databaseFailed(database: database, detail: detail)
        }
        var detail = "\(error.code)"
        if let underlying = error.underlying { detail += ": \(underlying)" }
        return StorageError.unreachable(database: database, detail: detail)
    }
}

/// Every concern is kept in its own file: `PostgresStorage+Accounts`, `+ChangeLog`, `+Audit`.
extension PostgresStorage: SyncStorage {}

extension PostgresStorage {
    /// Runs SQL on the database around the storage, outside any transaction: for
    /// benchmarks that fill a log faster than the protocol would.
    public func execute(_ sql: String) async throws {
        let logger = logger
        try await withConnection { connection in
            _ = try await connection.send(PostgresQuery(unsafeSQL: sql), logger: logger)
        }
    }
}
