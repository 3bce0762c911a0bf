import ArgumentParser
import FieldVisitCore
import FieldVisitServer
import Foundation

/// `fieldvisit-server backup --output FILE`: a consistent copy of the live database.
struct BackupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: ServerCommandHelp.backupAbstract.text(),
        discussion: ServerCommandHelp.backupDiscussion.text()
    )

    @OptionGroup var data: DataDirectoryOptions
    @Option(help: ArgumentHelp(ServerCommandHelp.backupOutput.text(), valueName: "file")) var output: String
    @Flag(help: ArgumentHelp(ServerCommandHelp.backupForce.text())) var force = false

    func run() async throws {
        let directory = data.url
        try data.requireSQLite(for: "backup")
        // Opening the storage would create an empty database in a mistyped directory,
        // and back that up.
        guard FileManager.default.fileExists(atPath: SQLiteStorage.databasePath(in: directory)) else {
            throw BackupError.noDatabase(directory: directory.path)
        }
        let summary = try await SQLiteStorage(directory: directory).backup(to: output, replacing: force)
        print(AdminMessage.backedUp.text(["path": summary.path]))
        print(AdminMessage.backupChangeSets.text(["count": String(summary.changeSets), "cursor": String(summary.cursor)]))
        print(AdminMessage.backupSize.text(["size": Self.size(summary.bytes)]))
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
        let exact = AdminMessage.sizeBytes.text(["count": String(bytes)])
        guard unit >= 0 else { return exact }
        return "\(String(format: "%.1f", value)) \(units[unit]) (\(exact))"
    }
}
