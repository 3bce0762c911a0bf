import Foundation
/// Why the local store could not do what was asked. Each message says what to do.
public enum StoreError: Error, Sendable, CustomStringConvertible {
    /// No store exists in the data directory yet.
    case notInitialised(directory: String)
    /// `init` found a store already there.
    case alreadyInitialised(directory: String)
    /// The file is not a FieldVisit store, or it is damaged.
    case damaged(path: String, detail: String)
    /// The store was written by a newer FieldVisit.
    case newerThanProgram(path: String, unknownMigrations: [String])
    /// The data directory cannot be used.
    case unusableDirectory(path: String, reason: String)
    /// A file (the device token, an export) cannot be written.
    case unwritableFile(path: String, reason: String)
    /// A record id or id prefix matched nothing.
    case recordNotFound(type: String, id: String)
    /// An id prefix matched several records.
    case ambiguousPrefix(type: String, prefix: String, candidates: [String])

    /// A report as of a moment before this laptop received its records as one snapshot.
    case beforeSnapshot(loadedAt: Int64)

    public var description: String {
        switch self {
        case .notInitialised(let directory):
            "no FieldVisit store in \(directory); run `fieldvisit init` first"
        case .alreadyInitialised(let directory):
            "a FieldVisit store already exists in \(directory); nothing was changed"
        case .damaged(let path, let detail):
            "\(path) is not a FieldVisit store or is damaged (\(detail)); nothing was changed. Restore it from a backup, or sync a fresh store from the server"
        case .newerThanProgram(let path, let unknown):
            "\(path) was written by a newer FieldVisit (it has \(unknown.joined(separator: ", "))); install the newer fieldvisit to open it. Nothing was changed"
        case .unusableDirectory(let path, let reason):
            "cannot use the data directory \(path): \(reason)"
        case .unwritableFile(let path, let reason):
            "cannot write \(path): \(reason); check that its folder exists and that you may write there. Nothing was written"
        case .recordNotFound(let type, let id):
            "no \(type) with id \(id)"
        case .ambiguousPrefix(let type, let prefix, let candidates):
            "the id prefix \(prefix) matches \(candidates.count) \(type) records: \(candidates.joined(separator: ", ")); give more characters"
        case .beforeSnapshot(let loadedAt):
            "this laptop received its records as one snapshot at \(Self.isoTime(loadedAt)), so what they were before then is not here; "
                + "give --as-of a later moment, or run the report on a laptop that synced before then"
        }
    }

    /// A moment in milliseconds since 1970 as ISO 8601 in this machine's time zone.
    static func isoTime(_ milliseconds: Int64) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = .current
        return formatter.string(from: Date(timeIntervalSince1970: Double(milliseconds) / 1000))
    }
}
