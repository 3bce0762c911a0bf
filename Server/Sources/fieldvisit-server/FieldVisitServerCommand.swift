import ArgumentParser
import FieldVisitServer
import Foundation

/// `fieldvisit-server`: the office's sync server and its administration.
@main
struct FieldVisitServerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fieldvisit-server",
        abstract: "The FieldVisit sync server: laptops sync with it over HTTPS.",
        discussion: """
            The data directory is --data-dir DIR, else $FIELDVISIT_SERVER_DATA, else ~/.fieldvisit-server.
            The administration commands work on the same data directory while the server runs.
            Exit codes: 0 success, 1 failure, 2 invalid usage or input.
            """,
        version: ServerInfo.version,
        subcommands: [ServeCommand.self, BranchCommand.self, UserCommand.self, DeviceCommand.self, AuditCommand.self, BackupCommand.self]
    )

    static func main() async {
        do {
            var command = try parseAsRoot()
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
            let code = exitCode(for: error)
            if code == .success { exit(withError: error) }
            fail(fullMessage(for: error), code: code == .validationFailure ? 2 : 1)
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

/// `--data-dir`, shared by every command.
struct DataDirectoryOptions: ParsableArguments {
    @Option(name: .customLong("data-dir"), help: "The server's data directory.")
    var dataDirectory: String?

    /// The directory: the option, else $FIELDVISIT_SERVER_DATA, else ~/.fieldvisit-server.
    var url: URL {
        if let dataDirectory { return URL(fileURLWithPath: dataDirectory) }
        if let variable = ProcessInfo.processInfo.environment["FIELDVISIT_SERVER_DATA"], !variable.isEmpty { return URL(fileURLWithPath: variable) }
        return FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".fieldvisit-server")
    }

    /// Opens the storage.
    func storage() throws -> SQLiteStorage { try SQLiteStorage(directory: url) }
}
