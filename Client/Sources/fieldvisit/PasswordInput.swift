import FieldVisitClient
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where `fieldvisit login` gets the password: standard input with `--password-stdin`,
/// else `$FIELDVISIT_PASSWORD`, else a prompt on the terminal that does not echo.
enum PasswordInput {
    static func read(prompt: String, fromStandardInput: Bool, environment: [String: String] = ProcessInfo.processInfo.environment) throws -> String {
        if fromStandardInput {
            guard let line = readLine(strippingNewline: true)?.trimmingCharacters(in: CharacterSet(charactersIn: "\r")), !line.isEmpty else {
                throw SyncFailure.passwordMissing
            }
            return line
        }
        if let password = environment["FIELDVISIT_PASSWORD"], !password.isEmpty { return password }
        guard isatty(STDIN_FILENO) == 1, let typed = promptWithoutEcho(prompt), !typed.isEmpty else { throw SyncFailure.passwordMissing }
        return typed
    }

    /// The terminal settings to put back if the prompt is interrupted.
    nonisolated(unsafe) private static var savedTerminal = termios()

    private static func promptWithoutEcho(_ prompt: String) -> String? {
        FileHandle.standardError.write(Data(prompt.utf8))
        guard tcgetattr(STDIN_FILENO, &savedTerminal) == 0 else { return nil }
        var quiet = savedTerminal
        quiet.c_lflag &= ~tcflag_t(ECHO)
        // Ctrl-C must not leave the terminal without echo.
        signal(SIGINT) { _ in
            tcsetattr(STDIN_FILENO, TCSANOW, &PasswordInput.savedTerminal)
            _exit(130)
        }
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet)
        let line = readLine(strippingNewline: true)
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &savedTerminal)
        signal(SIGINT, SIG_DFL)
        FileHandle.standardError.write(Data("\n".utf8))
        return line
    }
}
