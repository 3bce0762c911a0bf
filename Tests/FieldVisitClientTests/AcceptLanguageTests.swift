import FieldVisitClient
import FieldVisitCore
import FieldVisitProtocol
import Foundation
import Synchronization
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
final class AnsweringListener: Sendable {
    private let listener: LoopbackListener
    private let heads = RequestHeads()

    var port: Int { listener.port }
    /// The heads of the requests received, in order.
    var requests: [String] { heads.list.withLock { $0 } }

    init(status: String, body: String) throws {
        let answer = Array("HTTP/1.1 \(status)\r\nContent-Type: application/problem+json\r\nContent-Length: \(body.utf8.count)\r\nConnection: close\r\n\r\n\(body)".utf8)
        let heads = heads
        listener = try LoopbackListener { connection in
            var head: [UInt8] = []
            var buffer = [UInt8](repeating: 0, count: 4096)
            while !head.ends(with: Array("\r\n\r\n".utf8)) {
                let count = read(connection, &buffer, buffer.count)
                if count <= 0 { break }
                head += buffer[..<count]
            }
            heads.list.withLock { $0.append(String(decoding: head, as: UTF8.self)) }
            _ = answer.withUnsafeBytes { write(connection, $0.baseAddress, $0.count) }
        }
    }

    func stop() { listener.stop() }
}

/// The heads of the requests an ``AnsweringListener`` received, shared with its thread.
private final class RequestHeads: Sendable {
    let list = Mutex<[String]>([])
}

private extension Array where Element == UInt8 {
    func ends(with suffix: [UInt8]) -> Bool { count >= suffix.count && Array(self[(count - suffix.count)...]) == suffix }
}
