import FieldVisitCore
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
        case .notInitialised(let directory): StoreMessage.notInitialised.text(["directory": directory])
        case .alreadyInitialised(let directory): StoreMessage.alreadyInitialised.text(["directory": directory])
        case .damaged(let path, let detail): StoreMessage.damaged.text(["path": path, "detail": detail])
        case .newerThanProgram(let path, let unknown):
            StoreMessage.newerThanProgram.text(["path": path, "migrations": unknown.joined(separator: ", ")])
        case .unusableDirectory(let path, let reason): StoreMessage.unusableDirectory.text(["path": path, "reason": reason])
        case .unwritableFile(let path, let reason): StoreMessage.unwritableFile.text(["path": path, "reason": reason])
        case .recordNotFound(let type, let id): StoreMessage.recordNotFound.text(["type": StoreMessage.typeName(type), "id": id])
        case .ambiguousPrefix(let type, let prefix, let candidates):
            StoreMessage.ambiguousPrefix.text([
                "prefix": prefix, "count": String(candidates.count), "type": StoreMessage.typeName(type),
                "candidates": candidates.joined(separator: ", "),
            ])
        case .beforeSnapshot(let loadedAt): StoreMessage.beforeSnapshot.text(["time": Self.isoTime(loadedAt)])
        }
    }

    /// A moment in milliseconds since 1970 as ISO 8601 in this machine's time zone.
    static func isoTime(_ milliseconds: Int64) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = .current
        return formatter.string(from: Date(timeIntervalSince1970: Double(milliseconds) / 1000))
    }
}
