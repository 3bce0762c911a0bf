import Foundation

/// Loopback ports for a service started beside the servers on one machine (a load
/// balancer in the tests and benchmarks), which, unlike the server, cannot be given
/// port 0 and report the one it got.
public enum LoopbackPort {
    /// A port nothing listens on now: one the kernel hands out for a moment.
    public static func free() throws -> Int {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw LoopbackPortError(message: "no socket for finding a free port") }
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, length) == 0 && getsockname(descriptor, $0, &length) == 0 }
        }
        guard bound else { throw LoopbackPortError(message: "could not find a free port") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// Waits until something accepts connections on `port`, or `process` ends.
    public static func waitUntilListening(_ port: Int, process: Process, name: String, seconds: Double = 15) throws {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            guard process.isRunning else { throw LoopbackPortError(message: "\(name) exited with \(process.terminationStatus) before listening on \(port)") }
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
        throw LoopbackPortError(message: "\(name) did not listen on \(port) within \(Int(seconds)) s")
    }
}

/// Why no port was had, or a service did not listen.
public struct LoopbackPortError: Error, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}
