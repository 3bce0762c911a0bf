import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A plain TCP listener on loopback that hands each connection to `handle` and closes
/// it after: a server that answers as a test needs, or a link that drops.
final class LoopbackListener: @unchecked Sendable {
    // Unchecked: `socket` and `port` are set once in `init`; `handle` is Sendable.
    let port: Int
    private let socket: Int32

    init(handle: @escaping @Sendable (Int32) -> Void) throws {
        let fd = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { generic in
                bind(fd, generic, length) == 0 && listen(fd, 16) == 0 && getsockname(fd, generic, &length) == 0
            }
        }
        guard bound else { throw POSIXError(.EADDRINUSE) }
        port = Int(UInt16(bigEndian: address.sin_port))
        socket = fd
        Thread.detachNewThread {
            while true {
                let connection = accept(fd, nil, nil)
                if connection < 0 { return }
                handle(connection)
                close(connection)
            }
        }
    }

    func stop() {
        shutdown(socket, Int32(SHUT_RDWR))
        close(socket)
    }
}
