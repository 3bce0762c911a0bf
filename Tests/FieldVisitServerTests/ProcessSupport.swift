import Foundation
import Testing

/// One of the package's executables, as built next to the test bundle.
struct BuiltProgram: Sendable {
    /// What one run printed and how it ended.
    struct Run: Sendable {
        var status: Int32
        var output: String
        var error: String
        /// The output's non-empty lines.
        var lines: [String] { output.split(separator: "\n").map(String.init) }
    }

    let url: URL

    static let fieldvisit = BuiltProgram(named: "fieldvisit")
    static let server = BuiltProgram(named: "fieldvisit-server")

    /// `swift test` builds every product into the directory holding the test bundle;
    /// the package's `.build/debug` is the fallback.
    init(named name: String) {
        var candidates: [URL] = []
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<4 {
            candidates.append(directory.appendingPathComponent(name))
            directory = directory.deletingLastPathComponent()
        }
        let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        candidates.append(packageRoot.appendingPathComponent(".build/debug/\(name)"))
        url = candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates.last!
    }

    /// Starts the program with its output going to files in `scratch`.
    func start(_ arguments: [String], input: String = "", environment extra: [String: String] = [:], scratch: URL) throws -> Process {
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        let inputFile = scratch.appendingPathComponent("stdin")
        try Data(input.utf8).write(to: inputFile)
        for name in ["stdout", "stderr"] { _ = FileManager.default.createFile(atPath: scratch.appendingPathComponent(name).path, contents: nil) }
        let process = Process()
        process.executableURL = url
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["FIELDVISIT_HOME"] = nil
        environment["FIELDVISIT_SERVER_DATA"] = nil
        environment["FIELDVISIT_PASSWORD"] = nil
        environment["FIELDVISIT_DATABASE_URL"] = nil
        environment["LOG_LEVEL"] = "warning"
        // English whatever this computer's locale, unless a test asks for Japanese.
        environment["FIELDVISIT_LANG"] = "en"
        for (key, value) in extra { environment[key] = value }
        process.environment = environment
        // Files rather than pipes: nothing blocks on a full pipe, whatever is printed.
        process.standardInput = try FileHandle(forReadingFrom: inputFile)
        process.standardOutput = try FileHandle(forWritingTo: scratch.appendingPathComponent("stdout"))
        process.standardError = try FileHandle(forWritingTo: scratch.appendingPathComponent("stderr"))
        try process.run()
        return process
    }

    /// Runs the program to its end.
    @discardableResult
    func run(_ arguments: [String], input: String = "", environment: [String: String] = [:]) throws -> Run {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("fieldvisit-run-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let process = try start(arguments, input: input, environment: environment, scratch: scratch)
        process.waitUntilExit()
        return Self.collect(process, scratch: scratch)
    }

    static func collect(_ process: Process, scratch: URL) -> Run {
        Run(
            status: process.terminationStatus,
            output: (try? String(contentsOf: scratch.appendingPathComponent("stdout"), encoding: .utf8)) ?? "",
            error: (try? String(contentsOf: scratch.appendingPathComponent("stderr"), encoding: .utf8)) ?? ""
        )
    }
}

/// A real `fieldvisit-server` on loopback, with its own data directory.
final class ServerProcess: @unchecked Sendable {
    let data: URL
    private(set) var process: Process
    private(set) var url: String
    private let scratch: URL
    /// The options it was started with, beyond its data directory and port.
    private let arguments: [String]

    /// The CA file the server made, which laptops trust.
    var caFile: URL { data.appendingPathComponent("tls/ca.pem") }
    /// The port it listens on.
    var port: Int { Int(url.split(separator: ":").last!)! }

    /// Starts a server (making its data directory) and waits until it listens.
    init(data: URL? = nil, port: Int = 0, arguments: [String] = []) throws {
        self.data = data ?? FileManager.default.temporaryDirectory.appendingPathComponent("fieldvisit-server-\(UUID().uuidString)")
        scratch = FileManager.default.temporaryDirectory.appendingPathComponent("fieldvisit-serve-\(UUID().uuidString)")
        self.arguments = arguments
        (process, url) = try Self.launch(data: self.data, port: port, arguments: arguments, scratch: scratch)
    }

    private static func launch(data: URL, port: Int, arguments: [String], scratch: URL) throws -> (Process, String) {
        let process = try BuiltProgram.server.start(["serve", "--data-dir", data.path, "--port", String(port)] + arguments, scratch: scratch)
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline {
            let output = (try? String(contentsOf: scratch.appendingPathComponent("stdout"), encoding: .utf8)) ?? ""
            if let line = output.split(separator: "\n").first(where: { $0.hasPrefix("listening: ") }) {
                return (process, String(line.dropFirst("listening: ".count)))
            }
            if !process.isRunning {
                let run = BuiltProgram.collect(process, scratch: scratch)
                throw ServerFailure(message: "the server exited with \(run.status): \(run.error)")
            }
            usleep(50_000)
        }
        process.terminate()
        throw ServerFailure(message: "the server did not start listening within 30 s")
    }

    /// Runs an administration command on the server's data directory.
    @discardableResult
    func admin(_ arguments: [String], input: String = "") throws -> BuiltProgram.Run {
        try BuiltProgram.server.run(arguments + ["--data-dir", data.path], input: input)
    }

    /// Adds branches and users; every password is `password-<name>`. `options` go to
    /// each command (`--database URL`).
    func provision(branches: [(String, String)], users: [(name: String, role: String, branches: [String])], options: [String] = []) throws {
        for (code, name) in branches { #expect(try admin(["branch", "add", code, "--name", name] + options).status == 0) }
        for user in users {
            let run = try admin(["user", "add", user.name, "--role", user.role, "--password-stdin"] + user.branches.flatMap { ["--branch", $0] } + options,
                                input: "password-\(user.name)\n")
            #expect(run.status == 0, "user add failed: \(run.error)")
        }
    }

    /// Stops with SIGTERM (graceful) and waits.
    func stop() {
        guard process.isRunning else { return }
        process.terminate()
        process.waitUntilExit()
    }

    /// The process id, while it runs.
    var processID: Int32 { process.processIdentifier }

    /// Kills with SIGKILL, as a power cut would, and waits.
    func kill() {
        guard process.isRunning else { return }
        Foundation.kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    /// Starts the server again on the same port and data directory.
    func restart() throws {
        (process, url) = try Self.launch(data: data, port: port, arguments: arguments, scratch: scratch)
    }

    deinit {
        // Cleanup only: a graceful stop would wait for the test client's idle connections.
        kill()
        try? FileManager.default.removeItem(at: data)
        try? FileManager.default.removeItem(at: scratch)
    }
}

struct ServerFailure: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}
