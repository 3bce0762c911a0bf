import AsyncHTTPClient
import FieldVisitClient
import FieldVisitServer
import Foundation
import Hummingbird
import HummingbirdTLS
import Logging
import NIOCore
import NIOSSL
import ServiceLifecycle
import Testing

/// The laptop's connection refuses a server that offers only TLS 1.1, which another
/// client, allowed to, talks to.
@Suite struct ClientTLSVersionTests {
    @Test func theLaptopRefusesAServerOfferingOnlyTLS11() async throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("fieldvisit-tls11-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let files = try LocalCertificateAuthority.prepare(directory: root, hostNames: [])
        var old = try ServerTLS.configuration(certificateChain: files.certificate, privateKey: files.privateKey)
        old.minimumTLSVersion = .tlsv1
        old.maximumTLSVersion = .tlsv11
        // TLS 1.1 has no AEAD suites: allow the CBC one it would use.
        old.cipherSuites = "ECDHE-ECDSA-AES128-SHA"

        let router = Router()
        router.get("hello") { _, _ in "hello" }
        let (ports, portContinuation) = AsyncStream.makeStream(of: Int.self)
        var logger = Logger(label: "ClientTLSVersionTests")
        logger.logLevel = .critical
        let app = Application(
            router: router, server: try .tls(tlsConfiguration: old),
            configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { portContinuation.yield($0.localAddress?.port ?? 0) }, logger: logger
        )
        let services = ServiceGroup(configuration: .init(services: [app], gracefulShutdownSignals: [], logger: logger))
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                defer { portContinuation.finish() }
                try await services.run()
            }
            var iterator = ports.makeAsyncIterator()
            let port = try #require(await iterator.next())

            // The server works for a client that accepts TLS 1.1 ...
            var lenient = TLSConfiguration.makeClientConfiguration()
            lenient.trustRoots = .file(files.caCertificate.path)
            lenient.minimumTLSVersion = .tlsv1
            lenient.cipherSuites = "ECDHE-ECDSA-AES128-SHA"
            let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: .init(tlsConfiguration: lenient))
            do {
                let response = try await client.execute(HTTPClientRequest(url: "https://127.0.0.1:\(port)/hello"), timeout: .seconds(10))
                #expect(response.status == .ok)
            } catch {
                Issue.record(error)
            }
            try await client.shutdown()

            // ... and the laptop's connection, trusting the same CA, refuses it.
            let address = try ServerAddress("https://127.0.0.1:\(port)")
            let connection = try ServerConnection(address, caFile: files.caCertificate.path, token: "token",
                                                  retryPolicy: RetryPolicy(attempts: 1, initialDelay: .zero))
            do {
                try await connection.revokeCurrentDevice()
                Issue.record("a TLS 1.1 server was accepted")
            } catch {
                guard let failure = error as? SyncFailure, case .secureConnectionFailed = failure else {
                    Issue.record("expected a failed handshake, got \(error)")
                    await connection.shutdown()
                    await services.triggerGracefulShutdown()
                    return
                }
            }
            await connection.shutdown()
            await services.triggerGracefulShutdown()
        }
    }
}
