import FieldVisitServer
import Foundation
import GRDB

/// Where a benchmark's server keeps its data: SQLite in its directory, or a new database
/// of a PostgreSQL cluster (`Tests/Postgres/cluster`, started for the run, or the one
/// `$FIELDVISIT_BENCH_DATABASE_URL` names, whose own databases are then made beside it).
enum BenchDatabase: Sendable {
    case sqlite
    /// A new database of a cluster made by `Tests/Postgres/cluster start DIR`.
    case postgres(cluster: String)
    /// The database at this URL, as it is: for several servers sharing one.
    case postgresDatabase(url: String)

    var name: String {
        switch self {
        case .sqlite: "SQLite"
        case .postgres, .postgresDatabase: "PostgreSQL"
        }
    }

    /// A storage, empty, for a server whose files are in `directory`.
    func storage(directory: URL) async throws -> any SyncStorage {
        switch self {
        case .sqlite: return try SQLiteStorage(directory: directory)
        case .postgres(let cluster): return try await PostgresStorage.connect(url: try Self.newDatabase(in: cluster), connections: 8)
        case .postgresDatabase(let url): return try await PostgresStorage.connect(url: url, connections: 8)
        }
    }

    /// A new database's URL.
    static func newDatabase(in cluster: String) throws -> String {
        try script(["createdb", cluster, "bench_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(12)])
    }

    /// Starts a cluster for the run (stopped by ``stop()``); run from the package's folder.
    static func startCluster() throws -> BenchDatabase {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("fieldvisit-bench-pg-\(UUID().uuidString.prefix(8))").path
        _ = try script(["start", directory])
        return .postgres(cluster: directory)
    }

    func stop() {
        if case .postgres(let cluster) = self { _ = try? Self.script(["stop", cluster]) }
    }

    /// Runs `Tests/Postgres/cluster`; its output's last line.
    private static func script(_ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = ["Tests/Postgres/cluster"] + arguments
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw BenchFailure("Tests/Postgres/cluster \(arguments.joined(separator: " ")) failed (run from the package's folder, with postgresql-15 installed)")
        }
        return String(decoding: data, as: UTF8.self).split(separator: "\n").last.map(String.init) ?? ""
    }

    /// Leaves the database at rest after a burst of pushes, as its background work soon
    /// does: PostgreSQL's autovacuum would otherwise be vacuuming the tables the pushes
    /// filled while the pulls after them are measured. SQLite's checkpoints already run
    /// during the pushes.
    func settle(_ storage: any SyncStorage) async throws {
        guard let postgres = storage as? PostgresStorage else { return }
        try await postgres.execute("VACUUM ANALYZE change_set")
        try await postgres.execute("VACUUM ANALYZE record")
    }

    /// Fills the log with `count` change sets of other branches, straight into the table:
    /// what is measured is the pull, and a million rows through HTTPS would take minutes.
    /// Left at rest, as a running server's background work keeps it.
    func fill(_ storage: any SyncStorage, count: Int) async throws {
        let body = #"{"author":"x","dependencies":{},"dot":{"counter":1,"replica":"00000000-0000-0000-0000-000000000000"},"operations":[],"timestamp":{"logical":0,"time":0}}"#
        switch self {
        case .sqlite:
            let sqlite = storage as! SQLiteStorage
            try await sqlite.write { db in
                let insert = try db.makeStatement(sql: """
                    INSERT INTO change_set (replica, counter, author, device, branch, received_at, body) VALUES (?, ?, 'x', 'x', ?, 0, ?)
                    """)
                for index in 0..<count { try insert.execute(arguments: ["filler-\(index % 97)", index, "other-\(index % 7)", Data(body.utf8)]) }
            }
            // The filling transaction left every row in the write-ahead log, which readers
            // would search and a checkpoint would be copying: copied back first. The
            // server's own background checkpoint may be copying it: wait for it.
            var waiting = Configuration()
            waiting.busyMode = .timeout(60)
            let database = try DatabaseQueue(path: sqlite.path, configuration: waiting)
            for attempt in 1...1_200 {
                do {
                    try await database.writeWithoutTransaction { db in _ = try db.checkpoint(.truncate) }
                    break
                } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY && attempt < 1_200 {
                    try await Task.sleep(for: .milliseconds(50))
                }
            }
            try database.close()
        case .postgres, .postgresDatabase:
            let postgres = storage as! PostgresStorage
            try await postgres.execute("""
                INSERT INTO change_set (seq, replica, counter, author, device, branch, received_at, body)
                SELECT g, 'filler-' || (g % 97), g, 'x', 'x', 'other-' || (g % 7), 0, convert_to('\(body)', 'UTF8')
                FROM generate_series(1, \(count)) AS g
                """)
            try await postgres.execute("VACUUM ANALYZE change_set")
        }
    }
}
