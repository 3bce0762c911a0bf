import FieldVisitCore
import FieldVisitProtocol

/// Why logging in, syncing or logging out did not succeed. Each message says what to do.
public enum SyncFailure: Error, Sendable, Hashable, CustomStringConvertible {
    /// What was being asked of the server when it refused.
    public enum Step: String, Sendable, Hashable {
        /// Enrolling the device (`POST /v1/devices`).
        case login
        /// Sending change sets (`POST /v1/changes`).
        case push
        /// Receiving change sets (`GET /v1/changes`).
        case pull
        /// Receiving the first snapshot (`GET /v1/snapshot`).
        case snapshot
        /// Revoking the device (`DELETE /v1/devices/current`).
        case logout
        /// Reporting an erased store (`POST /v1/devices/current/wiped`).
        case wipe

        /// The step in `language`: `push`, 送信.
        public func label(in language: Language = .current) -> String {
            let message: ConnectionMessage = switch self {
            case .login: .stepLogin
            case .push: .stepPush
            case .pull: .stepPull
            case .snapshot: .stepSnapshot
            case .logout: .stepLogout
            case .wipe: .stepWipe
            }
            return message.text(in: language)
        }
    }

    /// The server address is not an https:// URL (or http:// to this machine).
    case invalidServerAddress(String, reason: String)
    /// The CA file given with `--ca-file` cannot be read or holds no certificate.
    case unreadableCAFile(path: String, reason: String)
    /// The office CA kept at login (``StoreHome/serverCAPath``) is gone or unreadable:
    /// the laptop refuses to connect rather than trust the system's roots instead.
    case missingServerCA(path: String, server: String, reason: String)
    /// The server's certificate is not signed by the CA file (or a system root).
    case untrustedCertificate(server: String, caFile: String?, detail: String)
    /// The server's certificate is not issued for the host name or address used.
    case certificateNameMismatch(server: String, detail: String)
    /// The TLS handshake failed for another reason.
    case secureConnectionFailed(server: String, detail: String)
    /// The server could not be reached, even after retrying.
    case unreachable(server: String, attempts: Int, detail: String)
    /// The server was reached, but the link dropped or was too slow to answer, each of
    /// `attempts` times: a phone's tethering in a car park, a coastal town.
    case linkDropped(server: String, attempts: Int, detail: String)
    /// The server answered with a problem.
    case refused(Problem, step: Step)
    /// The server answered something this client does not understand.
    case unexpectedResponse(server: String, status: Int, detail: String)
    /// The server sent a change set or snapshot record that is not valid here.
    case invalidFromServer(String, reason: String)
    /// This laptop is not logged in.
    case notLoggedIn(home: String)
    /// `login --user` names someone other than the store's user.
    case userMismatch(given: String, store: String)
    /// No password was given, and there is no terminal to ask for one.
    case passwordMissing

    /// Whether the failure comes from what the user typed (exit code 2) rather than
    /// from the server or the network (exit code 1).
    public var isInvalidInput: Bool {
        switch self {
        case .invalidServerAddress, .unreadableCAFile, .userMismatch, .passwordMissing: true
        default: false
        }
    }

    public var description: String { description(in: .current) }

    /// The message in `language`.
    public func description(in language: Language) -> String {
        switch self {
        case .invalidServerAddress(let address, let reason):
            ConnectionMessage.invalidAddress.text(["address": address, "reason": reason], in: language)
        case .unreadableCAFile(let path, let reason):
            ConnectionMessage.unreadableCAFile.text(["path": path, "reason": reason], in: language)
        case .missingServerCA(let path, let server, let reason):
            ConnectionMessage.missingServerCA.text(["path": path, "server": server, "reason": reason], in: language)
        case .untrustedCertificate(let server, let caFile, let detail):
            if let caFile {
                ConnectionMessage.untrustedByCAFile.text(["server": server, "caFile": caFile, "detail": detail], in: language)
            } else {
                ConnectionMessage.untrustedBySystem.text(["server": server, "detail": detail], in: language)
            }
        case .certificateNameMismatch(let server, let detail):
            ConnectionMessage.nameMismatch.text(["server": server, "detail": detail], in: language)
        case .secureConnectionFailed(let server, let detail):
            ConnectionMessage.secureConnectionFailed.text(["server": server, "detail": detail], in: language)
        case .unreachable(let server, let attempts, let detail):
            SyncMessage.failUnreachable.text(["server": server, "attempts": Self.count(attempts, in: language), "detail": detail], in: language)
        case .linkDropped(let server, let attempts, let detail):
            SyncMessage.failLinkDropped.text(["server": server, "attempts": Self.count(attempts, in: language), "detail": detail], in: language)
        case .refused(let problem, let step):
            Self.describe(problem, step: step, in: language)
        case .unexpectedResponse(let server, let status, let detail):
            ConnectionMessage.unexpectedResponse.text(["server": server, "status": String(status), "detail": detail], in: language)
        case .invalidFromServer(let what, let reason):
            ConnectionMessage.invalidFromServer.text(["what": what, "reason": reason], in: language)
        case .notLoggedIn(let home):
            SyncMessage.failNotLoggedIn.text(["home": home], in: language)
        case .userMismatch(let given, let store):
            ConnectionMessage.userMismatch.text(["store": store, "given": given], in: language)
        case .passwordMissing:
            SyncMessage.failPasswordMissing.text(in: language)
        }
    }

    /// `3 attempts`, `1 attempt`, in the client's language.
    private static func count(_ attempts: Int, in language: Language) -> String {
        attempts == 1 ? SyncMessage.attemptOne.text(in: language) : SyncMessage.attempts.text(["count": String(attempts)], in: language)
    }

    private static func describe(_ problem: Problem, step: Step, in language: Language) -> String {
        let detail = problem.detail.isEmpty ? problem.title : problem.detail
        switch problem.code {
        case .unauthenticated where step == .login:
            return SyncMessage.failWrongPassword.text(["detail": detail], in: language)
        case .unauthenticated:
            return SyncMessage.failTokenRefused.text(["detail": detail], in: language)
        case .deviceRevoked:
            return SyncMessage.failDeviceRevoked.text(["detail": detail], in: language)
        case .userDisabled:
            return SyncMessage.failUserDisabled.text(["detail": detail], in: language)
        case .forbidden:
            return ConnectionMessage.refusedForbidden.text(["step": step.label(in: language), "detail": detail], in: language)
        case .replicaTaken:
            return ConnectionMessage.refusedReplicaTaken.text(["detail": detail], in: language)
        case .tooManyAttempts:
            return SyncMessage.failTooManyAttempts.text(["detail": detail], in: language)
        case .unavailable:
            return SyncMessage.failUnavailable.text(["detail": detail], in: language)
        case .wipeOrdered:
            return ConnectionMessage.refusedWipeOrdered.text(["detail": detail], in: language)
        case .clockAhead:
            return SyncMessage.failClockAhead.text(["detail": detail], in: language)
        default:
            return ConnectionMessage.refusedOther.text(["step": step.label(in: language), "code": problem.code.rawValue, "detail": detail], in: language)
        }
    }
}
