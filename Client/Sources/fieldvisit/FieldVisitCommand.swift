import ArgumentParser
import FieldVisitClient
import FieldVisitCore
import Foundation

/// `fieldvisit`: the field client. Works fully offline on the laptop's local store.
@main
struct FieldVisitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fieldvisit",
        abstract: "Record company visits, hearing sheets and succession diagnoses offline, and sync them with the office.",
        discussion: """
            The data directory is --home DIR, else $FIELDVISIT_HOME, else ~/.fieldvisit.
            Records are addressed by id; a unique prefix of an id is enough.
            Exit codes: 0 success, 1 failure, 2 invalid usage or input.
            """,
        version: ClientInfo.version,
        subcommands: [
            InitCommand.self, CompanyCommand.self, VisitCommand.self, HearingCommand.self, SuccessionCommand.self, FormCommand.self,
            ReviewCommand.self, AgendaCommand.self, TargetsCommand.self, ConflictsCommand.self, HistoryCommand.self, StatusCommand.self,
            ReportCommand.self, ExportCommand.self, ImportCommand.self, LoginCommand.self, SyncCommand.self, LogoutCommand.self,
        ]
    )

    /// Takes `--lang CODE` (or `--lang=CODE`) out of the arguments, wherever it is: the
    /// language is the process's, for every command (``Language/choose(option:environment:)``).
    static func takeLanguageOption(from arguments: inout [String]) throws -> String? {
        guard let index = arguments.firstIndex(where: { $0 == "--lang" || $0.hasPrefix("--lang=") }) else { return nil }
        let argument = arguments.remove(at: index)
        if argument.hasPrefix("--lang=") { return String(argument.dropFirst("--lang=".count)) }
        guard index < arguments.count else { throw ValidationError("--lang wants a language: ja or en") }
        return arguments.remove(at: index)
    }

    /// Runs the command, mapping every error to a message on standard error and an exit
    /// code: 2 for invalid usage or input, 1 for any other failure.
    static func main() async {
        do {
            var arguments = Array(CommandLine.arguments.dropFirst())
            let option = try Self.takeLanguageOption(from: &arguments)
            do {
                Language.current = try Language.choose(option: option, environment: ProcessInfo.processInfo.environment)
            } catch {
                fail(error.description, code: 2)
            }
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
            let code = exitCode(for: error)
            if code == .success {
                exit(withError: error)   // --help, --version
            }
            fail(fullMessage(for: error), code: code == .validationFailure ? 2 : 1)
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
