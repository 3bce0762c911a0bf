import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// One throwaway PostgreSQL 15 cluster for the whole test process, started by
/// `Tests/Postgres/cluster` when a test first asks for a database, stopped and deleted
/// when the process exits. Each test gets a fresh database of its own.
///
/// A test process killed before it exits leaves its cluster running: the next one
/// stops it (`cluster clean`, which any process may run).
actor PostgresCluster {
    static let shared = PostgresCluster()

    /// `FIELDVISIT_SKIP_POSTGRES=1` skips the tests that need PostgreSQL, which
    /// otherwise fail when it is not installed.
    static let isSkipped = ProcessInfo.processInfo.environment["FIELDVISIT_SKIP_POSTGRES"] == "1"

    /// Why PostgreSQL cannot be had, and what to do about it.
    struct Unavailable: Error, CustomStringConvertible {
        var detail: String
        var description: String {
            "this test needs PostgreSQL 15, which could not be started: \(detail) "
                + "(bash .ci/run installs it with `apt-get install postgresql-15`). Set FIELDVISIT_SKIP_POSTGRES=1 to skip the tests that need it."
        }
    }

    /// The script that makes clusters, beside the tests in the package.
    static let script = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Postgres/cluster").path

    private var started: Task<String, any Error>?

    /// A new, empty database's URL, with a password.
    func newDatabase() async throws -> String {
        let directory = try await directory()
        let name = "t_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(16)
        return try await Self.run(["createdb", directory, String(name)])
    }

    /// The server's self-signed TLS certificate, for 127.0.0.1 and localhost: what a
    /// URL's `sslrootcert` names to verify it.
    func certificate() async throws -> String {
        try await directory() + "/server.crt"
    }

    /// The cluster's directory, starting it the first time.
    private func directory() async throws -> String {
        if started == nil {
            started = Task {
                _ = try? await Self.run(["clean"])
                let directory = FileManager.default.temporaryDirectory.appendingPathComponent("fieldvisit-pg-\(getpid())-\(UUID().uuidString.prefix(8))").path
                Self.stopAtExit(directory)
                _ = try await Self.run(["start", directory], environment: ["FIELDVISIT_PG_OWNER": "\(getpid())"])
                return directory
            }
        }
        return try await started!.value
    }

    /// Runs the script and returns its output's last line; its error output when it fails.
    private static func run(_ arguments: [String], environment: [String: String] = [:]) async throws -> String {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("fieldvisit-pg-run-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let output = scratch.appendingPathComponent("stdout"), errors = scratch.appendingPathComponent("stderr")
        for file in [output, errors] { _ = FileManager.default.createFile(atPath: file.path, contents: nil) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [script] + arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        process.standardInput = FileHandle.nullDevice
        // Files rather than pipes: nothing blocks on a full pipe.
        process.standardOutput = try FileHandle(forWritingTo: output)
        process.standardError = try FileHandle(forWritingTo: errors)
        // Waited for without holding one of the few threads the tests share.
        let status: Int32 = try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
            do { try process.run() } catch { continuation.resume(throwing: error) }
        }
        let said = (try? String(contentsOf: errors, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        guard status == 0 else { throw Unavailable(detail: "`cluster \(arguments.joined(separator: " "))` exited with \(status): \(said)") }
        let printed = (try? String(contentsOf: output, encoding: .utf8)) ?? ""
        return printed.split(separator: "\n").last.map(String.init) ?? ""
    }

    /// The cluster to stop when the process exits; a C function reads it then, so it is
    /// a global.
    nonisolated(unsafe) private static var directoryToStop: String?

    private static func stopAtExit(_ directory: String) {
        directoryToStop = directory
        atexit {
            guard let directory = PostgresCluster.directoryToStop else { return }
            // `system` at exit: Foundation's Process may already be torn down.
            _ = system("bash '\(PostgresCluster.script)' stop '\(directory)' >/dev/null 2>&1")
        }
    }
}
