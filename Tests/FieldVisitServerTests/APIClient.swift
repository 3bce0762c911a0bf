import AsyncHTTPClient
import FieldVisitCore
import FieldVisitProtocol
import Foundation
import NIOCore
import NIOHTTP1
import NIOSSL
import Synchronization

/// One HTTP client per trusted CA file for the whole test run: a client must be shut
/// down before it is released, and these never are.
private let clients = Mutex<[String: HTTPClient]>([:])

/// Raw HTTPS requests to a test server, trusting only its CA: for the tests of what
/// the server answers to requests no well-behaved laptop would send.
struct APIClient: Sendable {
    let base: String
    let client: HTTPClient

    init(server: ServerProcess, caFile: URL? = nil) throws {
        try self.init(base: server.url, caFile: caFile ?? server.caFile)
    }

    /// A client of the server (or load balancer) at `base`, trusting `caFile`.
    init(base: String, caFile: URL) throws {
        let path = caFile.path
        self.base = base
        client = clients.withLock { clients in
            if let client = clients[path] { return client }
            var tls = TLSConfiguration.makeClientConfiguration()
            tls.trustRoots = .file(path)
            let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: HTTPClient.Configuration(tlsConfiguration: tls, timeout: .init(connect: .seconds(3))))
            clients[path] = client
            return client
        }
    }

    /// Sends a request, with `headers` besides those the arguments make; returns the
    /// status, the body as sent (not decompressed) and the answer's headers.
    func send(_ method: HTTPMethod, _ path: String, body: Data? = nil, token: String? = nil, contentType: String? = "application/json",
              headers: [(String, String)] = []) async throws -> (status: Int, body: Data, headers: HTTPHeaders) {
        var request = HTTPClientRequest(url: base + path)
        request.method = method
        if let token { request.headers.add(name: "Authorization", value: "Bearer \(token)") }
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        if let body {
            if let contentType { request.headers.add(name: "Content-Type", value: contentType) }
            request.body = .bytes(ByteBuffer(data: body))
        }
        let response: HTTPClientResponse
        do {
            response = try await client.execute(request, timeout: .seconds(30))
        } catch ChannelError.ioOnClosedChannel {
            // The pooled connection was closed by the server's idle timeout just as the
            // request went out (a slow test on a loaded machine): it never reached the
            // server, so it is sent once more on a new connection.
            response = try await client.execute(request, timeout: .seconds(30))
        }
        let bytes = try await response.body.collect(upTo: 64 * 1024 * 1024)
        return (Int(response.status.code), Data(bytes.readableBytesView), response.headers)
    }

    /// Enrols a device; returns the token.
    func enrol(_ user: String, replica: ReplicaID, password: String? = nil) async throws -> (status: Int, token: String?) {
        let body = try CanonicalJSON.encode(EnrolmentRequest(user: user, password: password ?? "password-\(user)", replica: replica, deviceName: "\(user)のノートPC"))
        let response = try await send(.POST, Endpoint.devices, body: body)
        return (response.status, try? JSONDecoder().decode(EnrolmentResponse.self, from: response.body).token)
    }

    /// Pushes change sets.
    func push(_ changes: [ChangeSet], token: String) async throws -> (status: Int, results: [PushResult], problem: Problem?) {
        let response = try await send(.POST, Endpoint.changes, body: try CanonicalJSON.encode(PushRequest(changeSets: changes)), token: token)
        return (response.status, (try? JSONDecoder().decode(PushResponse.self, from: response.body).results) ?? [],
                try? JSONDecoder().decode(Problem.self, from: response.body))
    }

    /// Pulls one page.
    func pull(after cursor: Int64 = 0, limit: Int = 500, token: String) async throws -> PullPage {
        let response = try await send(.GET, "\(Endpoint.changes)?after=\(cursor)&limit=\(limit)", token: token)
        return try JSONDecoder().decode(PullPage.self, from: response.body)
    }
}
