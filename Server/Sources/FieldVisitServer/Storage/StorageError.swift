/// Why the server's storage refused an administrative change or could not be opened.
public enum StorageError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A branch, user or device with that name exists already.
    case alreadyExists(kind: String, name: String)
    /// No branch, user or device with that name.
    case notFound(kind: String, name: String)
    /// The replica is enrolled for another user's device.
    case replicaTaken(replica: String)
    /// A value given to an administrative command is not acceptable.
    case invalid(String)
    /// The data directory's database was written by a newer server.
    case newerThanProgram(path: String, unknownMigrations: [String])
    /// The database is not a FieldVisit server database, or is damaged.
    case damaged(path: String, detail: String)

    public var description: String {
        switch self {
        case .alreadyExists(let kind, let name): "\(kind) \(name) exists already"
        case .notFound(let kind, let name): "no \(kind) named \(name); list them with `fieldvisit-server \(kind) list`"
        case .replicaTaken(let replica): "replica \(replica) is enrolled for another user's device; run `fieldvisit init` in a new home on this laptop"
        case .invalid(let reason): reason
        case .newerThanProgram(let path, let unknown):
            "\(path) was written by a newer fieldvisit-server (migrations \(unknown.joined(separator: ", "))); install that version or newer"
        case .damaged(let path, let detail): "\(path) is not a usable FieldVisit server database: \(detail). Restore it from a backup"
        }
    }
}
