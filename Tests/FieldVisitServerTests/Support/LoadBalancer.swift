import FieldVisitServer
import Foundation

/// A real haproxy on loopback in front of several servers, with the configuration the
/// docs show (``HAProxyConfiguration``).
final class LoadBalancer: @unchecked Sendable {
    let port: Int
    private let process: Process
    private let directory: URL

    /// Starts haproxy for servers on `servers` ports; fails when haproxy is missing.
    init(servers: [Int]) throws {
        guard let haproxy = HAProxyConfiguration.installedProgram else {
            throw ServerFailure(message: "haproxy is not installed: apt-get install haproxy (bash .ci/run installs it)")
        }
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("fieldvisit-haproxy-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        port = try LoopbackPort.free()
        let file = directory.appendingPathComponent("haproxy.cfg")
        try Data(HAProxyConfiguration.text(listen: "127.0.0.1:\(port)", servers: servers.map { "127.0.0.1:\($0)" }).utf8).write(to: file)
        process = Process()
        process.executableURL = URL(fileURLWithPath: haproxy)
        process.arguments = ["-f", file.path, "-db"]
        process.standardOutput = try FileHandle(forWritingTo: { _ = FileManager.default.createFile(atPath: $0.path, contents: nil); return $0 }(directory.appendingPathComponent("log")))
        process.standardError = process.standardOutput
        try process.run()
        try LoopbackPort.waitUntilListening(port, process: process, name: "haproxy")
    }

    /// The address laptops sync with.
    var url: String { "https://127.0.0.1:\(port)" }

    deinit {
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
        try? FileManager.default.removeItem(at: directory)
    }
}
