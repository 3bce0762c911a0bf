import ArgumentParser
import FieldVisitServer
import Foundation

/// `fieldvisit-server backup --output FILE`: a consistent copy of the live database.
struct BackupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Copy the server's database to a file, also while the server runs.",
        discussion: """
            SQLite's online backup: the copy is the database at one moment, each push in it whole or not at all, \
            while laptops go on syncing. It is written beside FILE under a temporary name, checked with SQLite's \
            integrity check, and only then renamed to FILE, owner-only (0600). To restore it: stop the server, \
            move DATA_DIR/fieldvisit-server.sqlite and its -wal and -shm files aside, copy the backup to \
            DATA_DIR/fieldvisit-server.sqlite, start the server (docs/sync-server.md, Backups).
            """
    )

    @OptionGroup var data: DataDirectoryOptions
    @Option(help: ArgumentHelp("The backup file to create (a new name, or add --force).", valueName: "file")) var output: String
    @Flag(help: "Replace the file named by --output if it exists.") var force = false

    func run() async throws {
        let directory = data.url
        try data.requireSQLite(for: "backup")
        // Opening the storage would create an empty database in a mistyped directory,
        // and back that up.
        guard FileManager.default.fileExists(atPath: SQLiteStorage.databasePath(in: directory)) else {
            throw BackupError.noDatabase(directory: directory.path)
        }
        let summary = try await SQLiteStorage(directory: directory).backup(to: output, replacing: force)
        print("Backed up to \(summary.path)")
        print("change sets: \(summary.changeSets) (last sequence number \(summary.cursor))")
        print("size: \(Self.size(summary.bytes))")
    }

    /// `12.3 MB (12345678 bytes)`, in decimal units as file managers show them.
    static func size(_ bytes: Int64) -> String {
        let units = ["kB", "MB", "GB", "TB"]
        var value = Double(bytes)
        var unit = -1
        while value >= 1000, unit < units.count - 1 {
            value /= 1000
            unit += 1
        }
        guard unit >= 0 else { return "\(bytes) bytes" }
        return "\(String(format: "%.1f", value)) \(units[unit]) (\(bytes) bytes)"
    }
}
