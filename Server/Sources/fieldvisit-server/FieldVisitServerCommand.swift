import ArgumentParser
import FieldVisitCore
import FieldVisitServer
import Foundation

/// `fieldvisit-server`: the office's sync server and its administration.
@main
struct FieldVisitServerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fieldvisit-server",
        abstract: ServerCommandHelp.serverAbstract.text(),
        discussion: ServerCommandHelp.serverDiscussion.text(),
        version: ServerInfo.version,
        subcommands: [ServeCommand.self, BranchCommand.self, UserCommand.self, DeviceCommand.self, AuditCommand.self, BackupCommand.self]
    )

    static func main() async {
        var arguments = Array(CommandLine.arguments.dropFirst())
        do {
            Language.current = try Language.choose(option: try Language.takeOption(from: &arguments), environment: ProcessInfo.processInfo.environment)
        } catch {
            fail(error.description, code: 2)
        }
        do {
            var command = try parseAsRoot(arguments)
            if var command = command as? AsyncParsableCommand {
                try await command.run()
            } else {
                try command.run()
            }
        } catch let error as StorageError {
            switch error {
            case .alreadyExists, .notFound, .invalid, .replicaTaken: fail(error.description, code: 2)
            default: fail(error.description, code: 1)
            }
        } catch let error as BackupError {
            switch error {
            case .cannotWrite, .damagedCopy: fail(error.description, code: 1)
            default: fail(error.description, code: 2)
            }
        } catch let error as ServerStartError {
            fail(error.description, code: 2)
        } catch let error as AdminFailure {
            fail(error.message, code: error.code)
        } catch {
            // ArgumentParser's help and parse errors, in the user's language.
            let message = CommandLineScreen.localized(fullMessage(for: error, columns: CommandLineScreen.argumentParserColumns()))
            let code = exitCode(for: error)
            if code == .success {   // --help, --version
                if !message.isEmpty { print(message) }
                Foundation.exit(0)
            }
            fail(message, code: code == .validationFailure ? 2 : 1)
        }
    }

    static func fail(_ message: String, code: Int32) -> Never {
        FileHandle.standardError.write(Data("fieldvisit-server: \(message)\n".utf8))
        Foundation.exit(code)
    }
}

/// A failure with its own message and exit code.
struct AdminFailure: Error {
    var message: String
    var code: Int32 = 1
}

/// `--data-dir` and `--database`, shared by every command.
struct DataDirectoryOptions: ParsableArguments {
    @Option(name: .customLong("data-dir"), help: ArgumentHelp(ServerCommandHelp.dataDirectory.text()))
    var dataDirectory: String?

    @Option(name: .customLong("database"),
            help: ArgumentHelp(ServerCommandHelp.database.text()))
    var databaseURL: String?

    @Option(name: .customLong("database-connections"), help: ArgumentHelp(ServerCommandHelp.databaseConnections.text()))
    var databaseConnections = 8

    /// The directory: the option, else $FIELDVISIT_SERVER_DATA, else ~/.fieldvisit-server.
    var url: URL {
        if let dataDirectory { return URL(fileURLWithPath: dataDirectory) }
        if let variable = ProcessInfo.processInfo.environment["FIELDVISIT_SERVER_DATA"], !variable.isEmpty { return URL(fileURLWithPath: variable) }
        return FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".fieldvisit-server")
    }

    /// The PostgreSQL database: the option, else $FIELDVISIT_DATABASE_URL; `nil` for SQLite.
    var postgresURL: String? {
        if let databaseURL { return databaseURL }
        if let variable = ProcessInfo.processInfo.environment["FIELDVISIT_DATABASE_URL"], !variable.isEmpty { return variable }
        return nil
    }

    /// Opens the storage: PostgreSQL when a database is given, else SQLite in the data directory.
    func storage() async throws -> any SyncStorage {
        guard let postgresURL else { return try SQLiteStorage(directory: url) }
        guard (1...1_000).contains(databaseConnections) else { throw ArgumentParser.ValidationError(AdminMessage.databaseConnectionsRange.text()) }
        return try await PostgresStorage.connect(url: postgresURL, connections: databaseConnections)
    }

    /// Refuses a PostgreSQL database for what only the embedded SQLite one has (a backup).
    func requireSQLite(for command: String) throws {
        if postgresURL != nil {
            throw AdminFailure(message: AdminMessage.backupOnlySQLite.text(["command": command]), code: 2)
        }
    }
}
