import FieldVisitClient
import FieldVisitCore
import FieldVisitProtocol
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The client asks the server to answer in its language, so that a refusal quoting the
/// server's `detail` reads in one language.
@Suite struct AcceptLanguageTests {
    @Test("every request says Accept-Language: ja or en, as the client speaks; the server's detail is quoted in the client's message",
          arguments: [(Language.japanese, "ja", "サーバーがこの利用者の受信を拒否しました（この支店の記録は見られません）。管理者に権限を依頼してください"),
                      (Language.english, "en", "the server refused the pull for this user (この支店の記録は見られません); ask the administrator for access")])
    func acceptLanguageIsSent(language: Language, tag: String, message: String) async throws {
        let listener = try AnsweringListener(status: "403 Forbidden", body: #"{"code":"forbidden","status":403,"title":"Forbidden","detail":"この支店の記録は見られません"}"#)
        defer { listener.stop() }
        let address = try ServerAddress("http://127.0.0.1:\(listener.port)")
        let connection = try ServerConnection(address, token: "token", retryPolicy: RetryPolicy(attempts: 1, initialDelay: .zero), language: language)
        var failure: SyncFailure?
        do {
            _ = try await connection.pull(after: 0, limit: 10)
        } catch {
            failure = error
        }
        await connection.shutdown()
        let request = try #require(listener.requests.first).lowercased()
        #expect(request.contains("\r\naccept-language: \(tag)\r\n"), "\(request)")
        #expect(failure?.description(in: language).contains(message) == true, "\(String(describing: failure))")
    }

    @Test("a connection asks in the process's language unless told")
    func followsTheProcess() async throws {
        let connection = try ServerConnection(try ServerAddress("http://127.0.0.1:1"))
        #expect(connection.language == Language.current)
        await connection.shutdown()
    }
}

/// A listener on loopback that records each request's head and answers it with one
/// fixed response.
final class AnsweringListener: @unchecked Sendable {
    let port: Int
    private let socket: Int32
    private let lock = NSLock()
    nonisolated(unsafe) private var received: [String] = []

    /// The heads of the requests received, in order.
    var requests: [String] { lock.withLock { received } }

    init(status: String, body: String) throws {
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
        let answer = Array("HTTP/1.1 \(status)\r\nContent-Type: application/problem+json\r\nContent-Length: \(body.utf8.count)\r\nConnection: close\r\n\r\n\(body)".utf8)
        Thread.detachNewThread { [self] in
            while true {
                let connection = accept(fd, nil, nil)
                if connection < 0 { return }
                var head: [UInt8] = []
                var buffer = [UInt8](repeating: 0, count: 4096)
                while !head.ends(with: Array("\r\n\r\n".utf8)) {
                    let count = read(connection, &buffer, buffer.count)
                    if count <= 0 { break }
                    head += buffer[..<count]
                }
                lock.withLock { received.append(String(decoding: head, as: UTF8.self)) }
                _ = answer.withUnsafeBytes { write(connection, $0.baseAddress, $0.count) }
                close(connection)
            }
        }
    }

    func stop() {
        shutdown(socket, Int32(SHUT_RDWR))
        close(socket)
    }
}

private extension Array where Element == UInt8 {
    func ends(with suffix: [UInt8]) -> Bool { count >= suffix.count && Array(self[(count - suffix.count)...]) == suffix }
}
