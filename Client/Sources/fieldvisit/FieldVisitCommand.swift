import ArgumentParser
import FieldVisitClient
import FieldVisitCore
import Foundation

/// `fieldvisit`: the field client. Works fully offline on the laptop's local store.
@main
struct FieldVisitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fieldvisit",
        abstract: CommandHelp.fieldvisitAbstract.text(),
        discussion: CommandHelp.fieldvisitDiscussion.text(),
        version: ClientInfo.version,
        subcommands: [
            InitCommand.self, CompanyCommand.self, VisitCommand.self, HearingCommand.self, SuccessionCommand.self, FormCommand.self,
            ReviewCommand.self, AgendaCommand.self, TargetsCommand.self, ConflictsCommand.self, HistoryCommand.self, StatusCommand.self,
            ReportCommand.self, ExportCommand.self, ImportCommand.self, LoginCommand.self, SyncCommand.self, LogoutCommand.self,
        ]
    )

    /// Runs the command, mapping every error to a message on standard error and an exit
    /// code: 2 for invalid usage or input, 1 for any other failure.
    static func main() async {
        // The language is the process's, for every command: chosen before anything is parsed
        // or printed, so that the help texts are in it too.
        var arguments = Array(CommandLine.arguments.dropFirst())
        do {
            Language.current = try Language.choose(option: try Language.takeOption(from: &arguments), environment: ProcessInfo.processInfo.environment)
        } catch {
            fail(error.description, code: 2)
        }
        do {
            var command = try parseAsRoot(arguments)
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch let error as CommandFailure {
            fail(error.message, code: error.code)
        } catch let error as ValidationErrors {
            fail(error.errors.map(\.description).joined(separator: "\n"), code: 2)
        } catch let error as FieldVisitCore.ValidationError {
            fail(error.description, code: 2)
        } catch let error as ReviewError {
            fail(error.description, code: 2)
        } catch let error as SyncError {
            fail(error.description, code: 2)
        } catch let error as SyncFailure {
            fail(error.description, code: error.isInvalidInput ? 2 : 1)
        } catch let error as StoreError {
            switch error {
            case .ambiguousPrefix, .recordNotFound, .alreadyInitialised: fail(error.description, code: 2)
            default: fail(error.description, code: 1)
            }
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

    /// Error messages quote values (ids, names, the server's detail): ``Output/error(_:)``
    /// neutralises them.
    static func fail(_ message: String, code: Int32) -> Never {
        Output.error("fieldvisit: \(message)\n")
        Foundation.exit(code)
    }
}

/// A failure with its own message and exit code.
struct CommandFailure: Error {
    var message: String
    var code: Int32 = 1
}
