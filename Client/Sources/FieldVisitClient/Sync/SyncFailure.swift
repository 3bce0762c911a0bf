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

    public var description: String {
        switch self {
        case .invalidServerAddress(let address, let reason):
            "the server address \(address) cannot be used: \(reason)"
        case .unreadableCAFile(let path, let reason):
            "cannot use the CA file \(path): \(reason); give the office CA certificate in PEM form (ca.pem) with --ca-file"
        case .missingServerCA(let path, let server, let reason):
            """
            this laptop was logged in to trust \(server) through the office CA kept in \(path), but \(reason); \
            it will not connect trusting the system's certificates instead. Put the office's ca.pem back at \(path), \
            or log in again with it: `fieldvisit login --server \(server) --user NAME --ca-file PATH/ca.pem`
            """
        case .untrustedCertificate(let server, let caFile, let detail):
            if let caFile {
                "the certificate of \(server) is not signed by the CA in \(caFile) (\(detail)); check --ca-file: give the office's ca.pem and log in again"
            } else {
                "the certificate of \(server) is not signed by a CA this computer trusts (\(detail)); if the office uses its own CA, log in with --ca-file PATH/ca.pem"
            }
        case .certificateNameMismatch(let server, let detail):
            "the certificate of \(server) is not issued for that host name or address (\(detail)); use the server address its certificate names"
        case .secureConnectionFailed(let server, let detail):
            "no secure connection to \(server) (\(detail)); check that the address is the sync server's https:// address"
        case .unreachable(let server, let attempts, let detail):
            SyncMessage.failUnreachable.text(["server": server, "attempts": Self.count(attempts), "detail": detail])
        case .linkDropped(let server, let attempts, let detail):
            SyncMessage.failLinkDropped.text(["server": server, "attempts": Self.count(attempts), "detail": detail])
        case .refused(let problem, let step):
            Self.describe(problem, step: step)
        case .unexpectedResponse(let server, let status, let detail):
            "the server \(server) answered HTTP \(status) unexpectedly (\(detail)); check that the address is the FieldVisit sync server"
        case .invalidFromServer(let what, let reason):
            "the server sent a \(what) this laptop cannot apply (\(reason)); nothing of it was applied. Update fieldvisit, or tell the administrator"
        case .notLoggedIn(let home):
            SyncMessage.failNotLoggedIn.text(["home": home])
        case .userMismatch(let given, let store):
            "this store records changes for \(store), not \(given): log in as \(store), or create a store for \(given) in another directory with `fieldvisit init --user \(given) --home DIR`"
        case .passwordMissing:
            SyncMessage.failPasswordMissing.text()
        }
    }

    /// `3 attempts`, `1 attempt`, in the client's language.
    private static func count(_ attempts: Int) -> String {
        attempts == 1 ? SyncMessage.attemptOne.text() : SyncMessage.attempts.text(["count": String(attempts)])
    }

    private static func describe(_ problem: Problem, step: Step) -> String {
        let detail = problem.detail.isEmpty ? problem.title : problem.detail
        switch problem.code {
        case .unauthenticated where step == .login:
            return SyncMessage.failWrongPassword.text(["detail": detail])
        case .unauthenticated:
            return SyncMessage.failTokenRefused.text(["detail": detail])
        case .deviceRevoked:
            return SyncMessage.failDeviceRevoked.text(["detail": detail])
        case .userDisabled:
            return SyncMessage.failUserDisabled.text(["detail": detail])
        case .forbidden:
            return "the server refused the \(step.rawValue) for this user (\(detail)); ask the administrator for access"
        case .replicaTaken:
            return "this laptop's store is already enrolled on the server for another user (\(detail)); a store records changes for one person: ask the administrator, or create a new store with `fieldvisit init --home DIR`"
        case .tooManyAttempts:
            return SyncMessage.failTooManyAttempts.text(["detail": detail])
        case .unavailable:
            return SyncMessage.failUnavailable.text(["detail": detail])
        case .wipeOrdered:
            return "an administrator revoked this laptop and ordered its records erased (\(detail))"
        case .clockAhead:
            return SyncMessage.failClockAhead.text(["detail": detail])
        default:
            return "the server refused the \(step.rawValue) [\(problem.code.rawValue)]: \(detail)"
        }
    }
}
