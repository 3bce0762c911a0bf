import FieldVisitCompression
import FieldVisitCore
import FieldVisitProtocol
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// The routes of the sync protocol, as `Protocol/openapi.yaml` describes them.
public enum SyncRoutes {
    /// Every route as (method, path); a test checks this list against the OpenAPI document.
    public static let all: [(method: String, path: String)] = [
        ("GET", Endpoint.health), ("GET", Endpoint.metrics),
        ("POST", Endpoint.devices), ("DELETE", Endpoint.currentDevice), ("POST", Endpoint.wipeReport),
        ("POST", Endpoint.changes), ("GET", Endpoint.changes), ("GET", Endpoint.snapshot),
    ]

    /// A router serving the protocol from `service`, and the review console
    /// (``ConsoleRoutes``) under `/console`.
    ///
    /// Hummingbird's `MetricsMiddleware` counts and times every request with the
    /// metrics factory of the task that serves it: ``SyncServer`` binds
    /// `service.metrics.factory`; elsewhere, run the application inside
    /// `withMetricsFactory(service.metrics.factory)` for `/metrics` to show requests.
    /// It is first, so that it sees the status of every answer, problems included. Its
    /// route label is the matched route's template, or `NotFound`: never a path a client
    /// made up.
    ///
    /// - Parameter consoleDirectory: where the console keeps its reports' stores
    ///   (``ConsoleService/init(sync:readingDirectory:)``).
    ///   - snapshotDirectory: where snapshots are kept for their laptops to finish
    ///     (``SnapshotFiles``); a temporary folder when not given.
    public static func router(_ service: SyncService, consoleDirectory: URL? = nil, snapshotDirectory: URL? = nil) -> Router<SyncRequestContext> {
        let router = Router(context: SyncRequestContext.self)
        router.add(middleware: MetricsMiddleware())
        router.add(middleware: LogRequestsMiddleware(.info))
        router.add(middleware: ProblemMiddleware())

        router.get(RouterPath(Endpoint.health)) { _, _ in
            try json(["status": "ok", "version": ServerInfo.version])
        }
        router.get(RouterPath(Endpoint.metrics)) { _, _ in
            var headers = HTTPFields()
            headers[.contentType] = "text/plain; version=0.0.4; charset=utf-8"
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: service.metrics.render())))
        }
        router.post(RouterPath(Endpoint.devices)) { request, context in
            let enrolment = try await decode(EnrolmentRequest.self, from: request, context: context)
            return try json(await service.enrol(enrolment, address: context.address), status: .created)
        }
        router.delete(RouterPath(Endpoint.currentDevice)) { request, context in
            try await service.logout(service.caller(authorization: request.headers[.authorization], address: context.address))
            return Response(status: .noContent)
        }
        router.post(RouterPath(Endpoint.wipeReport)) { request, context in
            try await service.reportWipe(authorization: request.headers[.authorization], address: context.address)
            return Response(status: .noContent)
        }
        router.post(RouterPath(Endpoint.changes)) { request, context in
            var caller = try await service.caller(authorization: request.headers[.authorization], address: context.address)
            caller.language = Language.accepting(request.headers[.acceptLanguage])
            let body = try await jsonBody(of: request, context: context)
            let push: PushRequest
            let canonicalBodies: [Data?]
            do {
                (push, canonicalBodies) = try PushRequest.readKeepingCanonicalBodies(body)
            } catch {
                throw Problem(.malformedRequest, status: 400, title: "Malformed push", detail: ProblemMessage.malformedPush.localized(["error": "\(error)"]))
            }
            let results = try await service.push(push, canonicalBodies: canonicalBodies, by: caller)
            return try answer(try results.encoded(), to: request)
        }
        router.get(RouterPath(Endpoint.changes)) { request, context in
            let caller = try await service.caller(authorization: request.headers[.authorization], address: context.address)
            let after = try integer(request, "after") ?? 0
            let limit = try integer(request, "limit") ?? Int64(SyncLimits.defaultPullPage)
            let page = try await service.pull(after: after, limit: Int(clamping: limit), by: caller)
            return try answer(page.json, to: request)
        }
        let snapshots = SnapshotFiles(directory: snapshotDirectory
            ?? FileManager.default.temporaryDirectory.appendingPathComponent("fieldvisit-snapshots-\(UUID().uuidString)"))
        router.get(RouterPath(Endpoint.snapshot)) { request, context in
            let caller = try await service.caller(authorization: request.headers[.authorization], address: context.address)
            let file: SnapshotFiles.File
            var start = 0
            if let id = request.uri.queryParameters["id"].map(String.init) {
                // The rest of a snapshot the link dropped.
                guard SnapshotFiles.isWellFormed(id) else {
                    throw Problem(.invalidParameter, status: 400, title: "Invalid parameter",
                                  detail: ProblemMessage.badSnapshotID.localized())
                }
                guard let kept = await snapshots.file(id: id, device: caller.device.id) else {
                    throw Problem(.notFound, status: 404, title: "Snapshot not kept", detail: ProblemMessage.snapshotNotKept.localized(["id": id]))
                }
                file = kept
                start = try rangeStart(request.headers[.range], length: kept.length)
            } else {
                // Written whole first, compressed part by part as it is read: one
                // consistent view the laptop can ask the rest of.
                let snapshot = try await service.snapshot(for: caller)
                file = try await snapshots.create(for: caller.device.id, coding: BodyCoding.accepted(by: request.headers[.acceptEncoding]),
                                                  records: snapshot.count) { sink in
                    try await SyncService.writeSnapshot(snapshot, to: sink)
                }
            }
            var fields = headers(file.coding)
            fields[snapshotHeader] = file.id
            if let records = file.records { fields[snapshotRecordsHeader] = String(records) }
            fields[.acceptRanges] = "bytes"
            fields[.contentLength] = String(file.length - start)
            if start > 0 { fields[.contentRange] = "bytes \(start)-\(file.length - 1)/\(file.length)" }
            let from = start
            return Response(status: from > 0 ? .partialContent : .ok, headers: fields, body: ResponseBody { writer in
                let handle = try FileHandle(forReadingFrom: file.url)
                defer { try? handle.close() }
                try handle.seek(toOffset: UInt64(from))
                while let part = try handle.read(upToCount: 256 << 10), !part.isEmpty {
                    try await writer.write(ByteBuffer(data: part))
                }
                try await writer.finish(nil)
            })
        }
        ConsoleRoutes.add(to: router, console: ConsoleService(sync: service, readingDirectory: consoleDirectory))
        return router
    }

    /// The header naming a snapshot, to ask for its rest with `?id=`.
    static let snapshotHeader = HTTPField.Name("FieldVisit-Snapshot")!
    /// The header giving how many records a snapshot holds, for the laptop's progress.
    static let snapshotRecordsHeader = HTTPField.Name("FieldVisit-Snapshot-Records")!

    /// Where a `Range: bytes=N-` asks a snapshot of `length` bytes to start; 0 without
    /// one. Other forms of range are not asked by laptops and are refused.
    static func rangeStart(_ header: String?, length: Int) throws -> Int {
        guard let header else { return 0 }
        let text = header.trimmingCharacters(in: .whitespaces)
        guard text.hasPrefix("bytes="), text.hasSuffix("-"), let start = Int(text.dropFirst(6).dropLast()), start >= 0, start < length else {
            throw Problem(.invalidParameter, status: 400, title: "Invalid range",
                          detail: ProblemMessage.badRange.localized(["last": "\(max(0, length - 1))"]))
        }
        return start
    }

    static func decode<T: Decodable>(_ type: T.Type, from request: Request, context: SyncRequestContext) async throws -> T {
        try JSONDecoder().decode(T.self, from: await jsonBody(of: request, context: context))
    }

    /// The body, read up to the size limit, of a request that says it is JSON in UTF-8,
    /// decompressed when it says it is gzip (`Content-Encoding`, ``BodyCoding``). The
    /// limit holds for the body as sent and as decompressed: a small body that would
    /// expand past it is refused with 413 part way, never expanded whole. The type and
    /// coding are judged before the body is read: a wrong one costs no upload.
    static func jsonBody(of request: Request, context: SyncRequestContext) async throws -> Data {
        guard let type = request.headers[.contentType], isJSONInUTF8(type) else {
            throw Problem(.malformedRequest, status: 400, title: "Wrong content type",
                          detail: ProblemMessage.wrongContentType.localized())
        }
        guard let coding = BodyCoding(contentEncoding: request.headers[.contentEncoding]) else {
            throw Problem(.malformedRequest, status: 400, title: "Unknown content encoding",
                          detail: ProblemMessage.unknownContentEncoding.localized())
        }
        let buffer = try await request.body.collect(upTo: context.maxUploadSize)
        do {
            return try coding.decode(Data(buffer.readableBytesView), limit: context.maxUploadSize)
        } catch .tooLarge {
            throw Problem(.bodyTooLarge, status: 413, title: "Body too large",
                          detail: ProblemMessage.bodyTooLargeDecompressed.localized(["max": "\(context.maxUploadSize)"]))
        } catch {
            throw Problem(.malformedRequest, status: 400, title: "Malformed body", detail: ProblemMessage.malformedBody.localized(["error": error.description]))
        }
    }

    /// A JSON answer, compressed when the request accepts gzip (`Accept-Encoding`).
    static func answer(_ json: Data, to request: Request) throws -> Response {
        let coding = BodyCoding.accepted(by: request.headers[.acceptEncoding])
        return Response(status: .ok, headers: headers(coding), body: .init(byteBuffer: ByteBuffer(data: try coding.encode(json))))
    }

    /// The headers of a JSON answer coded with `coding`: caches keep the two codings apart.
    static func headers(_ coding: BodyCoding) -> HTTPFields {
        var headers: HTTPFields = [.contentType: "application/json", .vary: "Accept-Encoding"]
        if let value = coding.headerValue { headers[.contentEncoding] = value }
        return headers
    }

    /// Whether a `Content-Type` is `application/json`, with no parameter but an
    /// optional `charset=utf-8`.
    static func isJSONInUTF8(_ contentType: String) -> Bool {
        let parts = contentType.split(separator: ";", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        guard parts.first == "application/json" else { return false }
        return parts.dropFirst().allSatisfy { $0 == "charset=utf-8" || $0 == "charset=\"utf-8\"" }
    }

    static func integer(_ request: Request, _ name: String) throws -> Int64? {
        guard let text = request.uri.queryParameters[Substring(name)] else { return nil }
        guard let value = Int64(text) else {
            throw Problem(.invalidParameter, status: 400, title: "Invalid parameter", detail: ProblemMessage.notWholeNumber.localized(["name": name, "text": String(text)]))
        }
        return value
    }

    static func json<T: Encodable>(_ value: T, status: HTTPResponse.Status = .ok) throws -> Response {
        Response(status: status, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(data: try CanonicalJSON.encode(value))))
    }
}
