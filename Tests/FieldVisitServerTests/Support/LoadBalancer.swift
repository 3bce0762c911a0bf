import Foundation

/// A real haproxy on loopback in front of several servers, passing TLS through (TCP
/// mode): laptops speak TLS to the servers themselves, which share one certificate.
/// It checks each server's `/health` every 300 ms and sends no new connection to one
/// that stopped answering.
final class LoadBalancer: @unchecked Sendable {
    let port: Int
    private let process: Process
    private let directory: URL

    /// The haproxy configuration for `servers`' ports, listening on `port`: the one
    /// `docs/sync-server.md` shows, with loopback addresses.
    static func configuration(port: Int, servers: [Int]) -> String {
        """
        global
            maxconn 4096

        defaults
            mode tcp
            timeout connect 2s
            timeout client 120s
            timeout server 120s
            retries 2
            option redispatch

        frontend fieldvisit
            bind 127.0.0.1:\(port)
            default_backend fieldvisit_servers

        backend fieldvisit_servers
            balance roundrobin
            option httpchk GET /health
            http-check expect status 200
        \(servers.enumerated().map { "    server s\($0.offset + 1) 127.0.0.1:\($0.element) check check-ssl verify none inter 300ms fall 1 rise 2" }.joined(separator: "\n"))

        """
    }

    /// Starts haproxy for servers on `servers` ports; fails when haproxy is missing.
    init(servers: [Int]) throws {
        guard let haproxy = ["/usr/sbin/haproxy", "/usr/bin/haproxy", "/usr/local/sbin/haproxy"].first(where: FileManager.default.isExecutableFile(atPath:)) else {
            throw ServerFailure(message: "haproxy is not installed: apt-get install haproxy (bash .ci/run installs it)")
        }
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("fieldvisit-haproxy-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        port = try FreePort.find()
        let file = directory.appendingPathComponent("haproxy.cfg")
        try Data(Self.configuration(port: port, servers: servers).utf8).write(to: file)
        process = Process()
        process.executableURL = URL(fileURLWithPath: haproxy)
        process.arguments = ["-f", file.path, "-db"]
        process.standardOutput = try FileHandle(forWritingTo: { _ = FileManager.default.createFile(atPath: $0.path, contents: nil); return $0 }(directory.appendingPathComponent("log")))
        process.standardError = process.standardOutput
        try process.run()
        try FreePort.waitUntilListening(port, process: process, name: "haproxy")
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

/// Free loopback ports for the services a test starts.
enum FreePort {
    /// A port nothing listens on now: one the kernel hands out for a moment.
    static func find() throws -> Int {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw ServerFailure(message: "no socket for finding a free port") }
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, length) == 0 && getsockname(descriptor, $0, &length) == 0 }
        }
        guard bound else { throw ServerFailure(message: "could not find a free port") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// Waits until something accepts connections on `port`, or `process` ends.
    static func waitUntilListening(_ port: Int, process: Process, name: String, seconds: Double = 15) throws {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            guard process.isRunning else { throw ServerFailure(message: "\(name) exited with \(process.terminationStatus) before listening on \(port)") }
            let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            address.sin_port = UInt16(port).bigEndian
            let connected = withUnsafePointer(to: &address) { pointer in
                pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
            }
            close(descriptor)
            if connected { return }
            usleep(50_000)
        }
        throw ServerFailure(message: "\(name) did not listen on \(port) within \(Int(seconds)) s")
    }
}
