import FieldVisitCore
import FieldVisitProtocol

/// Why the server's storage refused an administrative change or could not be opened.
public enum StorageError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A branch, user or device with that name exists already.
    case alreadyExists(kind: String, name: String)
    /// No branch, user or device with that name.
    case notFound(kind: String, name: String)
    /// The replica is enrolled for another user's device.
    case replicaTaken(replica: String)
    /// A change set of a push writes outside the caller's branches or role: the push is
    /// refused whole, with nothing stored.
    case pushForbidden(reason: String)
    /// A value given to an administrative command is not acceptable.
    case invalid(LocalizedText)
    /// The data directory's database was written by a newer server.
    case newerThanProgram(path: String, unknownMigrations: [String])
    /// The database is not a FieldVisit server database, or is damaged.
    case damaged(path: String, detail: String)
    /// A stored user's role is none this server knows: written by a newer version, or
    /// by hand. The user is refused rather than taken for field staff.
    case unknownRole(user: String, role: String)
    /// An entry of the audit trail is of a kind this server does not know: written by a
    /// newer version. The trail is not read rather than read wrong.
    case unknownAuditEvent(sequence: Int64, kind: String)
    /// A database server could not be reached or refused the login. `database` names it
    /// without its password.
    case unreachable(database: String, detail: String)
    /// A database server refused or failed a statement. `database` names it without its
    /// password.
    case databaseFailed(database: String, detail: String)

    /// The error in both languages, saying what to do.
    public var message: LocalizedText {
        switch self {
        case .alreadyExists(let kind, let name): StorageMessage.alreadyExists.localized(["name": name], parts: ["kind": Self.kind(kind)])
        case .notFound(let kind, let name): StorageMessage.notFound.localized(["name": name, "code": kind], parts: ["kind": Self.kind(kind)])
        case .replicaTaken(let replica): StorageMessage.replicaTaken.localized(["replica": replica])
        case .pushForbidden(let reason): LocalizedText(verbatim: reason)
        case .invalid(let reason): reason
        case .newerThanProgram(let path, let unknown): StorageMessage.newerThanProgram.localized(["path": path, "migrations": unknown.joined(separator: ", ")])
        case .damaged(let path, let detail): StorageMessage.damaged.localized(["path": path, "detail": detail])
        case .unknownRole(let user, let role):
            StorageMessage.unknownRole.localized(["user": user, "role": role, "roles": Role.allCases.map(\.rawValue).joined(separator: ", ")])
        case .unknownAuditEvent(let sequence, let kind): StorageMessage.unknownAuditEvent.localized(["sequence": "\(sequence)", "kind": kind])
        case .unreachable(let database, let detail): StorageMessage.unreachable.localized(["database": database, "detail": detail])
        case .databaseFailed(let database, let detail): StorageMessage.databaseFailed.localized(["database": database, "detail": detail])
        }
    }

    public var description: String { message.text() }

    /// The kind of account named in both languages: `branch` is 支所.
    private static func kind(_ code: String) -> LocalizedText {
        switch code {
        case "branch": StorageMessage.branch.localized()
        case "user": StorageMessage.user.localized()
        case "device": StorageMessage.device.localized()
        default: LocalizedText(verbatim: code)
        }
    }
}
