import AsyncHTTPClient
import FieldVisitCompression
import FieldVisitCore
import FieldVisitProtocol
import Foundation
import NIOCore
import NIOHTTP1
import NIOSSL

/// The HTTPS connection to the sync server: one method per request of the protocol.
///
/// It speaks TLS 1.2 or later, trusts the system's root certificates or only the CA file
/// it is given (the office's own CA), and never turns certificate verification off. Requests that
/// fail for a passing reason are retried (``RetryPolicy``); problem responses become
/// ``SyncFailure/refused(_:step:)``.
///
/// Call ``shutdown()`` when done, or use ``using(_:caFile:token:retryPolicy:onRetry:body:)``.
public struct ServerConnection: Sendable {
    /// The server.
    public let address: ServerAddress
    /// The CA file trusted instead of the system's roots, if any.
    public let caFile: String?
    /// How failed requests are retried.
    public let retryPolicy: RetryPolicy
    /// The language the server is asked to answer in (`Accept-Language`): its problems'
    /// `detail`, which ``SyncFailure`` messages quote, then reads in the client's language.
    public let language: Language
    /// Whether bodies travel compressed (gzip both ways, ``BodyCoding``); off only to
    /// measure what compression saves.
    public var compresses = true
    /// How many requests this connection has sent, each attempt counted: what a slow
    /// link makes people wait for, besides bytes.
    public var requestsSent: Int { requests.value }
    private let requests = RequestCounter()
    private let token: String?
    private let onRetry: @Sendable (RetryPolicy.Notice) -> Void
    private let client: HTTPClient

    /// Prepares a connection; nothing is sent yet.
    ///
    /// - Parameters:
    ///   - caFile: a PEM file of CA certificates to trust instead of the system's.
    ///   - token: the device token, for every request but enrolment.
    ///   - language: the language of the server's answers; the process's unless told.
    /// - Throws: ``SyncFailure/unreadableCAFile(path:reason:)`` for a missing file or
    ///   one without a certificate.
    public init(
        _ address: ServerAddress, caFile: String? = nil, token: String? = nil, retryPolicy: RetryPolicy = .standard,
        language: Language = .current, onRetry: @escaping @Sendable (RetryPolicy.Notice) -> Void = { _ in }
    ) throws(SyncFailure) {
        var configuration = HTTPClient.Configuration(
            tlsConfiguration: try Self.tlsConfiguration(caFile: caFile), redirectConfiguration: .disallow, timeout: .init(connect: .seconds(10), read: .seconds(120))
        )
        // Fail at once when the server cannot be reached: the retries here say so on
        // the terminal, and a certificate error is reported, not retried.
        configuration.connectionPool.retryConnectionEstablishment = false
        self.address = address
        self.caFile = caFile
        self.token = token
        self.retryPolicy = retryPolicy
        self.language = language
        self.onRetry = onRetry
        // Made last: a client must be shut down once made.
        client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }

    /// Runs `body` with a connection and shuts it down afterwards, whatever happens.
    public static func using<Result: Sendable>(
        _ address: ServerAddress, caFile: String? = nil, token: String? = nil, retryPolicy: RetryPolicy = .standard,
        onRetry: @escaping @Sendable (RetryPolicy.Notice) -> Void = { _ in },
        body: (ServerConnection) async throws -> Result
    ) async throws -> Result {
        let connection = try ServerConnection(address, caFile: caFile, token: token, retryPolicy: retryPolicy, onRetry: onRetry)
        do {
            let result = try await body(connection)
            await connection.shutdown()
            return result
        } catch {
            await connection.shutdown()
            throw error
        }
    }

    /// Closes the connections and releases their resources.
    public func shutdown() async {
        try? await client.shutdown()
    }

    /// The TLS settings of every connection: TLS 1.2 or later, the server's certificate
    /// verified against `caFile` alone when given (else the system's roots), its name checked.
    static func tlsConfiguration(caFile: String?) throws(SyncFailure) -> TLSConfiguration {
        var tls = TLSConfiguration.makeClientConfiguration()
        // TLS 1.0 and 1.1 are broken and deprecated (RFC 8996); the server offers 1.2 and 1.3.
        tls.minimumTLSVersion = .tlsv12
        tls.certificateVerification = .fullVerification
        if let caFile { tls.trustRoots = .certificates(try loadCertificates(caFile).certificates) }
        return tls
    }

    /// Reads a CA file: its certificates and its PEM text, to keep a copy.
    ///
    /// - Throws: ``SyncFailure/unreadableCAFile(path:reason:)`` saying what is wrong.
    public static func loadCertificates(_ path: String) throws(SyncFailure) -> (certificates: [NIOSSLCertificate], pem: Data) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw .unreadableCAFile(path: path, reason: TextFileMessage.noSuchFile.text())
        }
        guard !isDirectory.boolValue else { throw .unreadableCAFile(path: path, reason: TextFileMessage.isDirectory.text()) }
        guard let pem = FileManager.default.contents(atPath: path) else {
            throw .unreadableCAFile(path: path, reason: ConnectionMessage.caUnreadable.text())
        }
        let certificates: [NIOSSLCertificate]
        do {
            certificates = try NIOSSLCertificate.fromPEMBytes(Array(pem))
        } catch {
            throw .unreadableCAFile(path: path, reason: ConnectionMessage.caNotPEM.text())
        }
        guard !certificates.isEmpty else {
            throw .unreadableCAFile(path: path, reason: ConnectionMessage.caNoCertificate.text())
        }
        return (certificates, pem)
    }

    // MARK: The protocol

    /// `POST /v1/devices`: enrols this laptop and returns its device token.
    public func enrol(_ enrolment: EnrolmentRequest) async throws(SyncFailure) -> EnrolmentResponse {
        let body = try await send(.POST, Endpoint.devices, body: try encode(enrolment), step: .login)
        return try decode(EnrolmentResponse.self, from: body, step: .login)
    }

    /// `DELETE /v1/devices/current`: revokes this laptop's device token.
    public func revokeCurrentDevice() async throws(SyncFailure) {
        _ = try await send(.DELETE, Endpoint.currentDevice, step: .logout)
    }

    /// `POST /v1/devices/current/wiped`: reports that this laptop erased its store as ordered.
    public func reportWipe() async throws(SyncFailure) {
        _ = try await send(.POST, Endpoint.wipeReport, step: .wipe)
    }

    /// `POST /v1/changes`: pushes change sets, oldest first; one result each.
    public func push(_ changeSets: [ChangeSet]) async throws(SyncFailure) -> PushResponse {
        let body = try await send(.POST, Endpoint.changes, body: PushRequest(changeSets: changeSets).encoded(), step: .push)
        let response: PushResponse
        do {
            response = try PushResponse.read(body)
        } catch {
            throw unreadable(.push, error)
        }
        guard response.results.map(\.dot) == changeSets.map(\.dot) else {
            throw .unexpectedResponse(server: address.description, status: 200,
                                      detail: ConnectionMessage.pushResultsMismatch.text(["count": String(changeSets.count)], in: language))
        }
        return response
    }

    /// `GET /v1/changes?after=&limit=`: the change sets after `cursor`.
    public func pull(after cursor: Int64, limit: Int) async throws(SyncFailure) -> PullPage {
        let body = try await send(.GET, Endpoint.changes, query: "after=\(cursor)&limit=\(limit)", step: .pull)
        do {
            return try PullPage.read(body)
        } catch {
            throw unreadable(.pull, error)
        }
    }

    /// `GET /v1/snapshot`: every visible record's registers and the cursor they are
    /// current at, received into `folder` as it comes.
    ///
    /// The server keeps each snapshot it sends as a file for an hour. When the link drops,
    /// the request is tried again (``RetryPolicy``) for the rest only (`?id=` and
    /// `Range: bytes=N-`); a later sync continues it too, since what arrived stays in
    /// `folder` until ``removeSnapshotDownload(in:)``. A snapshot the server no longer
    /// keeps (404: expired, or another server behind the load balancer) starts again.
    public func snapshot(resumingIn folder: URL, progress: @Sendable (SyncProgress) -> Void = { _ in }) async throws(SyncFailure) -> Snapshot {
        let download = SnapshotDownload(folder: folder)
        var attempt = 1
        while true {
            let reason: String
            do {
                if let complete = try await receive(into: download, progress: progress) {
                    guard let coding = BodyCoding(rawValue: complete.coding) else { throw BodyCodingError.corrupt }
                    let body = try coding.decode(try Data(contentsOf: download.body), limit: Self.maxSnapshotBytes)
                    return try Snapshot.read(body)
                }
                reason = ConnectionMessage.detailEndedEarly.text(in: language)
            } catch let failure as SyncFailure {
                throw failure
            } catch let error where error is BodyCodingError || error is DecodingError || error is JSONReadFailure {
                download.remove()
                throw unreadable(.snapshot, error)
            } catch {
                reason = try retryReason(for: error, attempt: attempt)
            }
            guard attempt < retryPolicy.attempts else {
                throw .linkDropped(server: address.description, attempts: attempt, detail: reason)
            }
            await pause(after: attempt, reason: reason)
            attempt += 1
        }
    }

    /// The largest snapshot received, as sent and decompressed: a branch's records are a
    /// few tens of megabytes; more is a server gone wrong, not a reason to fill the disk.
    static let maxSnapshotBytes = 2 << 30

    /// Forgets a snapshot received into `folder`: once it is loaded, or when it cannot be.
    public static func removeSnapshotDownload(in folder: URL) {
        SnapshotDownload(folder: folder).remove()
    }

    /// One request for the snapshot, or for its rest: its bytes appended to the
    /// download. Returns what the download holds once it is whole, `nil` when the answer
    /// ended early.
    private func receive(into download: SnapshotDownload, progress: @Sendable (SyncProgress) -> Void) async throws -> SnapshotDownload.Description? {
        var kept = download.description()
        var held = kept.map { _ in download.bodyLength() } ?? 0
        if let description = kept, held >= description.length { return description }
        var request = HTTPClientRequest(url: address.endpoint(Endpoint.snapshot, query: kept.map { "id=\($0.id)" }))
        request.headers = headers
        if kept != nil, held > 0 { request.headers.add(name: "Range", value: "bytes=\(held)-") }
        requests.add()
        let response = try await client.execute(request, timeout: .minutes(30))
        switch response.status.code {
        case 200:
            // A new snapshot, or the whole of the one asked for: from the start.
            // An id not of the server's form is not asked for again (it goes into a query).
            guard let id = response.headers.first(name: "FieldVisit-Snapshot"), id.count == 32, id.allSatisfy({ $0.isASCII && $0.isHexDigit }),
                  let length = response.headers.first(name: "Content-Length").flatMap(Int.init), (0...Self.maxSnapshotBytes).contains(length) else {
                // A server from before snapshots were kept: read whole, as it comes.
                let body = try await response.body.collect(upTo: Self.maxSnapshotBytes)
                let coding = BodyCoding(contentEncoding: response.headers.first(name: "Content-Encoding")) ?? .identity
                try download.start(SnapshotDownload.Description(id: "", coding: coding.rawValue, length: body.readableBytes))
                try download.append(Data(body.readableBytesView))
                return download.description()
            }
            let coding = BodyCoding(contentEncoding: response.headers.first(name: "Content-Encoding")) ?? .identity
            kept = SnapshotDownload.Description(id: id, coding: coding.rawValue, length: length,
                                                records: response.headers.first(name: "FieldVisit-Snapshot-Records").flatMap(Int.init))
            try download.start(kept!)
            held = 0
        case 206:
            guard let description = kept else { throw BodyCodingError.corrupt }
            progress(.receivingSnapshot(received: held, total: description.length, records: description.records, resumed: true))
        case 404 where kept != nil:
            // Not kept any more: start again.
            download.remove()
            return try await receive(into: download, progress: progress)
        default:
            let body = try await response.body.collect(upTo: 1 << 20)
            throw answer(status: Int(response.status.code), body: Data(body.readableBytesView), step: .snapshot)
        }
        guard let description = kept else { return nil }
        var lastShown = held
        for try await part in response.body {
            try download.append(Data(part.readableBytesView))
            held += part.readableBytes
            guard held <= description.length else { throw BodyCodingError.corrupt }
            if held - lastShown >= 64 << 10 || held == description.length {
                progress(.receivingSnapshot(received: held, total: description.length, records: description.records, resumed: false))
                lastShown = held
            }
        }
        return held == description.length ? description : nil
    }

    // MARK: Sending

    /// The headers of every request: what answers it takes, in which language, and the
    /// device token.
    var headers: HTTPHeaders {
        var headers = HTTPHeaders()
        headers.add(name: "Accept", value: "application/json")
        if compresses { headers.add(name: "Accept-Encoding", value: "gzip") }
        headers.add(name: "Accept-Language", value: language.tag)
        headers.add(name: "User-Agent", value: "fieldvisit/\(ClientInfo.version)")
        if let token { headers.add(name: "Authorization", value: "Bearer \(token)") }
        return headers
    }

    private func encode<T: Encodable>(_ value: T) throws(SyncFailure) -> Data {
        do {
            return try CanonicalJSON.encode(value)
        } catch {
            throw .invalidFromServer(ConnectionMessage.whatRequest.text(), reason: ConnectionMessage.cannotEncode.text(["error": "\(error)"]))
        }
    }

    private func decode<T: Decodable>(_ type: T.Type, from data: Data, step: SyncFailure.Step) throws(SyncFailure) -> T {
        do {
            return try CanonicalJSON.decode(type, from: data)
        } catch {
            throw unreadable(step, error)
        }
    }

    /// An answer of `step` that is not what this client reads.
    private func unreadable(_ step: SyncFailure.Step, _ error: any Error) -> SyncFailure {
        .unexpectedResponse(server: address.description, status: 200,
                            detail: ConnectionMessage.unreadableAnswer.text(["step": step.label(in: language), "error": "\(error)"], in: language))
    }

    /// Bodies at least this large are sent compressed: below it gzip's header costs more
    /// than it saves.
    static let compressionThreshold = 1024

    /// Sends a request, retrying passing failures, and returns the body of a 2xx answer.
    ///
    /// Answers are asked for compressed (`Accept-Encoding: gzip`) and decompressed here,
    /// `maxBytes` bounding them as sent and as decompressed. A body of
    /// ``compressionThreshold`` bytes or more is sent compressed; a server from before
    /// compression refuses it as malformed, and it is sent again as it is.
    private func send(
        _ method: HTTPMethod, _ path: String, query: String? = nil, body: Data? = nil, step: SyncFailure.Step,
        maxBytes: Int = 256 << 20, timeout: TimeAmount = .minutes(5)
    ) async throws(SyncFailure) -> Data {
        func request(_ coding: BodyCoding) -> HTTPClientRequest {
            var request = HTTPClientRequest(url: address.endpoint(path, query: query))
            request.method = method
            request.headers = headers
            if let body {
                request.headers.add(name: "Content-Type", value: "application/json")
                if let encoding = coding.headerValue { request.headers.add(name: "Content-Encoding", value: encoding) }
                request.body = .bytes((try? coding.encode(body)) ?? body)
            }
            return request
        }
        var coding: BodyCoding = compresses && (body?.count ?? 0) >= Self.compressionThreshold ? .gzip : .identity
        var attempt = 1
        while true {
            let reason: String
            switch await exchange(request(coding), timeout: timeout, maxBytes: maxBytes) {
            case .answered(let status, let data):
                if (200..<300).contains(status) { return data }
                if status == 400, coding == .gzip {
                    coding = .identity
                    continue
                }
                guard [502, 503, 504].contains(status), attempt < retryPolicy.attempts else {
                    throw answer(status: status, body: data, step: step)
                }
                reason = "HTTP \(status)"
            case .failed(let error):
                reason = try retryReason(for: error, attempt: attempt)
            }
            await pause(after: attempt, reason: reason)
            attempt += 1
        }
    }

    /// Why attempt `attempt` failed, when trying again may help; otherwise the failure
    /// to report: a certificate refused, a link that kept dropping, a server out of reach.
    private func retryReason(for error: any Error, attempt: Int) throws(SyncFailure) -> String {
        if let failure = certificateFailure(error) { throw failure }
        guard Self.isPassing(error), attempt < retryPolicy.attempts else {
            if Self.isLinkDrop(error) { throw .linkDropped(server: address.description, attempts: attempt, detail: Self.describe(error)) }
            throw .unreachable(server: address.description, attempts: attempt, detail: Self.describe(error))
        }
        return Self.describe(error)
    }

    /// Waits before attempt `attempt + 1`, telling ``onRetry`` why.
    private func pause(after attempt: Int, reason: String) async {
        let delay = retryPolicy.delay(after: attempt)
        onRetry(RetryPolicy.Notice(failedAttempt: attempt, attempts: retryPolicy.attempts, delay: delay, reason: reason))
        try? await Task.sleep(for: delay)
    }

    private enum Exchange {
        case answered(status: Int, body: Data)
        case failed(any Error)
    }

    /// One attempt: the answer's status and whole body, decompressed, or why there was none.
    private func exchange(_ request: HTTPClientRequest, timeout: TimeAmount, maxBytes: Int) async -> Exchange {
        requests.add()
        do {
            let response = try await client.execute(request, timeout: timeout)
            let body = try await response.body.collect(upTo: maxBytes)
            guard let coding = BodyCoding(contentEncoding: response.headers.first(name: "Content-Encoding")) else {
                return .failed(BodyCodingError.corrupt)
            }
            return .answered(status: Int(response.status.code), body: try coding.decode(Data(body.readableBytesView), limit: maxBytes))
        } catch {
            return .failed(error)
        }
    }

    /// The failure a non-2xx answer stands for: its problem, when it carries one.
    private func answer(status: Int, body: Data, step: SyncFailure.Step) -> SyncFailure {
        struct Body: Decodable {
            var title: String?
            var detail: String?
            var code: String?
            var serverTime: Int64?
        }
        let parsed = try? JSONDecoder().decode(Body.self, from: body)
        if let parsed, let code = parsed.code.flatMap(ProblemCode.init(rawValue:)) {
            return .refused(Problem(code, status: status, title: parsed.title ?? "", detail: parsed.detail ?? parsed.title ?? "",
                                    serverTime: parsed.serverTime), step: step)
        }
        let text = parsed?.detail ?? parsed?.title ?? String(decoding: body.prefix(200), as: UTF8.self)
        switch status {
        case 401: return .refused(Problem(.unauthenticated, status: status, title: "Unauthenticated", detail: text), step: step)
        case 503: return .refused(Problem(.unavailable, status: status, title: "Unavailable", detail: text), step: step)
        default: return .unexpectedResponse(server: address.description, status: status, detail: text.isEmpty ? ConnectionMessage.noDetail.text() : text)
        }
    }

    /// A failure of the server's certificate or of the TLS handshake, which retrying
    /// cannot mend.
    private func certificateFailure(_ error: any Error) -> SyncFailure? {
        let server = address.description
        if let error = error as? NIOSSLExtraError, error == .failedToValidateHostname {
            return .certificateNameMismatch(server: server, detail: "\(error)")
        }
        if String(describing: error).contains("CERTIFICATE_VERIFY_FAILED") {
            return .untrustedCertificate(server: server, caFile: caFile, detail: ConnectionMessage.verificationFailed.text())
        }
        switch error as? NIOSSLError {
        case nil, .uncleanShutdown?: return nil
        // The link dropped during the handshake: a passing failure, retried.
        case .handshakeFailed(let detail)? where "\(detail)".contains("EOF"): return nil
        case .unableToValidateCertificate?, .noCertificateToValidate?, .cannotMatchULabel?:
            return .untrustedCertificate(server: server, caFile: caFile, detail: Self.describe(error))
        default: return .secureConnectionFailed(server: server, detail: Self.describe(error))
        }
    }

    /// Whether retrying may help: the server restarting, a network hiccup, a timeout.
    static func isPassing(_ error: any Error) -> Bool {
        guard let error = error as? HTTPClientError else {
            // Refused or reset connections, unreachable hosts and name lookups.
            return !(error is NIOTooManyBytesError || error is BodyCodingError)
        }
        return [
            HTTPClientError.connectTimeout, .readTimeout, .writeTimeout, .remoteConnectionClosed, .deadlineExceeded,
            .getConnectionFromPoolTimeout, .tlsHandshakeTimeout, .uncleanShutdown,
        ].contains(error)
    }

    /// Whether the server was reached but the link failed under the exchange: an answer
    /// that did not come in time, a connection closed or reset part way, a handshake cut
    /// short. Refused connections and unknown hosts are not: they say nothing of the link.
    static func isLinkDrop(_ error: any Error) -> Bool {
        if let error = error as? HTTPClientError {
            return [HTTPClientError.readTimeout, .writeTimeout, .deadlineExceeded, .remoteConnectionClosed, .uncleanShutdown].contains(error)
        }
        if let error = error as? NIOSSLError {
            if case .uncleanShutdown = error { return true }
            if case .handshakeFailed(let detail) = error { return "\(detail)".contains("EOF") }
        }
        let text = String(describing: error)
        return text.contains("Connection reset") || text.contains("Broken pipe")
    }

    /// A failure in a few words: NIO's descriptions are long and can list every
    /// address tried.
    static func describe(_ error: any Error) -> String {
        if let error = error as? HTTPClientError {
            switch error {
            case .connectTimeout: return ConnectionMessage.detailConnectTimeout.text()
            case .readTimeout, .writeTimeout, .deadlineExceeded: return ConnectionMessage.detailNoAnswer.text()
            case .remoteConnectionClosed, .uncleanShutdown: return ConnectionMessage.detailServerClosed.text()
            default: break
            }
        }
        let text = String(describing: error)
        for (pattern, words) in [
            ("Connection refused", ConnectionMessage.detailConnectionRefused), ("Connection reset", .detailConnectionReset),
            ("Network is unreachable", .detailNetworkUnreachable), ("No route to host", .detailNoRoute),
            ("Broken pipe", .detailConnectionBroken),
        ] where text.contains(pattern) {
            return words.text()
        }
        return String(text.prefix(200))
    }
}

/// A count shared by the copies of a connection.
private final class RequestCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0

    func add() { lock.withLock { count += 1 } }
    var value: Int { lock.withLock { count } }
}

/// A snapshot being received into a folder: its bytes as sent, and what the server said
/// of them (id, coding, length), so that a dropped link asks for the rest only.
struct SnapshotDownload {
    /// What the server said of the snapshot.
    struct Description: Codable {
        var id: String
        var coding: String
        var length: Int
        var records: Int?
    }

    let folder: URL
    var body: URL { folder.appendingPathComponent("snapshot.body") }
    private var descriptionFile: URL { folder.appendingPathComponent("snapshot.json") }
    /// Every file it writes.
    var files: [URL] { [body, descriptionFile] }

    /// What is being received, or `nil` when nothing is.
    func description() -> Description? {
        guard let data = try? Data(contentsOf: descriptionFile), let description = try? JSONDecoder().decode(Description.self, from: data),
              description.length >= 0, FileManager.default.fileExists(atPath: body.path) else { return nil }
        return description
    }

    /// The bytes received so far.
    func bodyLength() -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: body.path)[.size]) as? Int) ?? 0
    }

    /// Begins receiving a snapshot afresh.
    func start(_ description: Description) throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try JSONEncoder().encode(description).write(to: descriptionFile, options: .atomic)
        guard FileManager.default.createFile(atPath: body.path, contents: nil) else { throw CocoaError(.fileWriteUnknown) }
    }

    /// Adds bytes received.
    func append(_ data: Data) throws {
        let handle = try FileHandle(forWritingTo: body)
        defer { try? handle.close() }
        try handle.seekToEnd()
        try handle.write(contentsOf: data)
    }

    /// Forgets the snapshot.
    func remove() {
        for file in files { try? FileManager.default.removeItem(at: file) }
    }
}
