import AsyncHTTPClient
import FieldVisitCore
import FieldVisitProtocol
import FieldVisitServer
import Foundation
import HummingbirdBcrypt
import Logging
import NIOCore
import NIOHTTP1
import NIOSSL

// What the benchmarks that run a server share: the server, its users and laptops,
// requests over HTTPS, and timing of async work.

/// A server in this process on a free loopback port, with a branch and a user per laptop.
struct BenchServer {
    let storage: any SyncStorage
    let url: String
    let caFile: URL
    let task: Task<Void, any Error>

    /// `idleTimeout`: how long the server lets a connection stay silent before closing it.
    /// `addingBranch`: whether to add the branch (not again on a database shared with a server that did).
    static func start(directory: URL, database: BenchDatabase = .sqlite, addingBranch: Bool = true,
                      idleTimeout: Duration = SyncServer.defaultIdleTimeout) async throws -> BenchServer {
        let storage = try await database.storage(directory: directory)
        if addingBranch { try await storage.addBranch(Branch(code: "morioka", name: "盛岡支店")) }
        let files = try LocalCertificateAuthority.prepare(directory: directory.appendingPathComponent("tls"), hostNames: ["127.0.0.1"])
        var logger = Logger(label: "bench")
        logger.logLevel = .critical
        let server = try SyncServer(host: "127.0.0.1", port: 0, transport: .tls(try ServerTLS.configuration(certificateChain: files.certificate, privateKey: files.privateKey)),
                                    service: SyncService(storage: storage), logger: logger, idleTimeout: idleTimeout)
        let (stream, continuation) = AsyncStream.makeStream(of: String.self)
        let task = Task { try await server.run { url in continuation.yield(url) } }
        var iterator = stream.makeAsyncIterator()
        guard let url = await iterator.next() else { throw BenchFailure("the server did not start") }
        return BenchServer(storage: storage, url: url, caFile: files.caCertificate, task: task)
    }

    func stop() { task.cancel() }

    /// A field user of the branch and their enrolled device. Without a password the
    /// user cannot log in; with one, it is hashed as the server's own tools hash it.
    func enrol(_ name: String, password: String? = nil) async throws -> (token: String, replica: ReplicaID) {
        let hash = password.map { Bcrypt.hash($0, cost: SyncService.bcryptCost) } ?? "-"
        try await storage.addUser(User(name: name, role: .field, branches: ["morioka"]), passwordHash: hash)
        let replica = ReplicaID.random()
        return (try await enrolDevice(user: name, replica: replica), replica)
    }

    /// Another device of an existing user; returns its token.
    func enrolDevice(user: String, replica: ReplicaID) async throws -> String {
        let token = DeviceToken.random()
        try await storage.enrol(Device(id: UUID().uuidString, user: user, replica: replica, name: user, enrolledAt: Date()), tokenHash: token.hash)
        return token.text
    }

    func client() -> HTTPClient {
        var tls = TLSConfiguration.makeClientConfiguration()
        tls.trustRoots = .file(caFile.path)
        return HTTPClient(eventLoopGroupProvider: .singleton, configuration: HTTPClient.Configuration(tlsConfiguration: tls))
    }

    func send(_ client: HTTPClient, _ method: HTTPMethod, _ path: String, body: Data? = nil, token: String) async throws -> Data {
        var request = HTTPClientRequest(url: url + path)
        request.method = method
        request.headers.add(name: "Authorization", value: "Bearer \(token)")
        if let body {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(data: body))
        }
        let response = try await client.execute(request, timeout: .seconds(120))
        let bytes = try await response.body.collect(upTo: 256 * 1024 * 1024)
        guard response.status.code < 300 else { throw BenchFailure("\(method) \(path): \(response.status) \(String(buffer: bytes))") }
        return Data(bytes.readableBytesView)
    }
}

/// What a branch records: companies, and visits to them by a member of staff.
enum BranchRecords {
    static func company(_ key: EntityKey, number: Int) -> [Edit] {
        [.set(key, field: "name", value: .text("株式会社カワムラ\(number)")), .set(key, field: "branch", value: "morioka"),
         .set(key, field: "industry", value: "manufacturing")]
    }

    static func visit(_ key: EntityKey, company: EntityKey, staff: String) -> [Edit] {
        [.set(key, field: "company", value: .text(company.id.rawValue)), .set(key, field: "date", value: "2026-11-20"),
         .set(key, field: "mode", value: "onSite"), .set(key, field: "purpose", value: "companyVisit"),
         .add(key, field: "staff", element: .text(staff)), .set(key, field: "notes", value: .text(ClientBenchmark.notes))]
    }
}

/// Reads a pull page with the fast change-set reader.
enum PullPageReader {
    static func read(_ data: Data) throws -> PullPage {
        try PullPage.read(data)
    }
}

struct BenchFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

func measureAsync<Result>(_ work: () async throws -> Result) async rethrows -> Timing<Result> {
    let start = DispatchTime.now().uptimeNanoseconds
    let result = try await work()
    return Timing(seconds: Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9, result: result)
}

func medianAsync<Result>(runs: Int, _ work: () async throws -> Result) async rethrows -> Double {
    var seconds: [Double] = []
    for _ in 0..<runs { seconds.append(try await measureAsync(work).seconds) }
    return seconds.sorted()[runs / 2]
}
