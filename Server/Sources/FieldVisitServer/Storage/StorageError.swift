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
    case invalid(String)
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

    public var description: String {
        switch self {
        case .alreadyExists(let kind, let name): "\(kind) \(name) exists already"
        case .notFound(let kind, let name): "no \(kind) named \(name); list them with `fieldvisit-server \(kind) list`"
        case .replicaTaken(let replica): "replica \(replica) is enrolled for another user's device; run `fieldvisit init` in a new home on this laptop"
        case .pushForbidden(let reason): reason
        case .invalid(let reason): reason
        case .newerThanProgram(let path, let unknown):
            "\(path) was written by a newer fieldvisit-server (migrations \(unknown.joined(separator: ", "))); install that version or newer"
        case .damaged(let path, let detail): "\(path) is not a usable FieldVisit server database: \(detail). Restore it from a backup"
        case .unknownRole(let user, let role):
            "the user \(user) has the role '\(role)', which this fieldvisit-server does not know (it knows "
                + Role.allCases.map(\.rawValue).joined(separator: ", ")
                + "); run the newer fieldvisit-server that wrote it, or restore the database from a backup"
        case .unknownAuditEvent(let sequence, let kind):
            "entry \(sequence) of the audit trail is of the kind '\(kind)', which this fieldvisit-server does not know; "
                + "read the trail with the newer fieldvisit-server that wrote it"
        case .unreachable(let database, let detail):
            "cannot use the database \(database): \(detail); check that the server runs and that the URL's host, port, user, password and sslmode are right"
        case .databaseFailed(let database, let detail):
            "the database \(database) failed a statement: \(detail); see the database server's log for more"
        }
    }
}
