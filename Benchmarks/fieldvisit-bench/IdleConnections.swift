import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Holds `target` silent TCP connections to a port on 127.0.0.1, opening a new one as
/// the server closes one, until ``stop()`` or `deadline`: what an attacker who wants to
/// use up a server's connections does. Half the connections send nothing at all; the
/// other half send the first bytes of a TLS ClientHello and stall.
///
/// The sockets are non-blocking and watched with `poll` on a thread of their own, so
/// that nothing here holds a thread of the Swift concurrency pool. At most `maxOpened`
/// connections are opened in all, at most 100 at a time.
final class IdleConnections: Sendable {
    struct Figures: Sendable {
        /// Connections opened (connect called).
        var opened = 0
        /// Connections the server closed.
        var closedByServer = 0
        /// Connections refused or failed before they were established.
        var failed = 0
        /// Established connections held now.
        var held = 0
        /// The fewest and the most held since ``IdleConnections/startCounting()``.
        var fewestHeld = Int.max
        var mostHeld = 0
    }

    let port: UInt16
    let target: Int
    let maxOpened: Int
    let deadline: ContinuousClock.Instant
    private let state = Mutex((figures: Figures(), stopped: false))

    init(port: UInt16, target: Int, deadline: ContinuousClock.Instant) {
        self.port = port
        self.target = target
        self.maxOpened = target * 100
        self.deadline = deadline
    }

    var figures: Figures { state.withLock { $0.figures } }

    /// Starts the fewest/most held figures afresh.
    func startCounting() {
        state.withLock { $0.figures.fewestHeld = $0.figures.held; $0.figures.mostHeld = $0.figures.held }
    }

    func stop() { state.withLock { $0.stopped = true } }

    /// Runs until stopped or the deadline; every socket is closed when it returns.
    func run() async {
        await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
            let thread = Thread { [self] in
                hold()
                done.resume()
            }
            thread.name = "idle connections"
            thread.start()
        }
    }

    /// The start of a TLS handshake record announcing 512 bytes, and 6 of them.
    private static let partialClientHello: [UInt8] = [0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00, 0x01, 0xFC, 0x03, 0x03]

    private struct Connection {
        var socket: Int32
        var established: Bool
        var sendsPartialHello: Bool
    }

    private func hold() {
        var connections: [Connection] = []
        var opened = 0
        var buffer = [UInt8](repeating: 0, count: 4096)
        let bufferSize = buffer.count
        defer { for connection in connections { close(connection.socket) } }
        while ContinuousClock.now < deadline, !state.withLock({ $0.stopped }) {
            var failures = 0
            var newlyOpened = 0
            while connections.count < target, opened < maxOpened, newlyOpened < 100 {
                opened += 1
                newlyOpened += 1
                guard let socket = connectToLoopback() else { failures += 1; continue }
                connections.append(Connection(socket: socket, established: false, sendsPartialHello: opened % 2 == 0))
            }
            var watched = connections.map { pollfd(fd: $0.socket, events: Int16($0.established ? POLLIN : POLLOUT), revents: 0) }
            _ = poll(&watched, nfds_t(watched.count), 50)
            var closed = 0
            var kept: [Connection] = []
            kept.reserveCapacity(connections.count)
            for (index, var connection) in connections.enumerated() {
                let events = Int32(watched[index].revents)
                if !connection.established {
                    guard events != 0 else { kept.append(connection); continue }
                    var error: Int32 = 0
                    var length = socklen_t(MemoryLayout<Int32>.size)
                    getsockopt(connection.socket, SOL_SOCKET, SO_ERROR, &error, &length)
                    if error != 0 || events & (POLLERR | POLLHUP) != 0 {
                        close(connection.socket)
                        failures += 1
                        continue
                    }
                    connection.established = true
                    if connection.sendsPartialHello {
                        _ = Self.partialClientHello.withUnsafeBytes { send(connection.socket, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
                    }
                    kept.append(connection)
                    continue
                }
                guard events != 0 else { kept.append(connection); continue }
                // The server sent something (an alert) or closed: read until it is gone.
                let count = recv(connection.socket, &buffer, bufferSize, Int32(MSG_DONTWAIT))
                if count > 0 || (count < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
                    kept.append(connection)
                } else {
                    close(connection.socket)
                    closed += 1
                }
            }
            connections = kept
            let held = connections.count(where: \.established)
            state.withLock {
                $0.figures.opened = opened
                $0.figures.failed += failures
                $0.figures.closedByServer += closed
                $0.figures.held = held
                $0.figures.fewestHeld = min($0.figures.fewestHeld, held)
                $0.figures.mostHeld = max($0.figures.mostHeld, held)
            }
            if failures > 0 { usleep(10_000) }
        }
        state.withLock { $0.figures.held = 0 }
    }

    /// A non-blocking socket connecting to 127.0.0.1:`port`, or nil if it could not start.
    private func connectToLoopback() -> Int32? {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue), 0)
        guard descriptor >= 0 else { return nil }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard result == 0 || errno == EINPROGRESS else {
            close(descriptor)
            return nil
        }
        return descriptor
    }
}

/// The soft limit on open files, raised towards `wanted` (up to the hard limit) if it is
/// lower; returns the soft and hard limits in force afterwards.
func raiseOpenFileLimit(to wanted: UInt64) -> (soft: UInt64, hard: UInt64) {
    var limit = rlimit()
    guard getrlimit(__rlimit_resource_t(RLIMIT_NOFILE.rawValue), &limit) == 0 else { return (0, 0) }
    if limit.rlim_cur < wanted {
        var raised = limit
        raised.rlim_cur = min(rlim_t(wanted), limit.rlim_max)
        if setrlimit(__rlimit_resource_t(RLIMIT_NOFILE.rawValue), &raised) == 0 { limit = raised }
    }
    return (UInt64(limit.rlim_cur), UInt64(limit.rlim_max))
}
