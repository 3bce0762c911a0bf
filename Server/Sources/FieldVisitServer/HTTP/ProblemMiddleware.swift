import FieldVisitCore
import FieldVisitProtocol
import Foundation
import Hummingbird
import NIOCore

/// Turns every error into an `application/problem+json` response with a stable code,
/// so that no input can make the server answer with an empty or HTML error, or a 500.
/// Storage failures become 503 `unavailable`: the client retries later.
struct ProblemMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let problem as Problem {
            return Self.response(problem)
        } catch is NIOTooManyBytesError {
            return Self.response(Problem(.bodyTooLarge, status: 413, title: "Body too large",
                                         detail: "the request body is larger than \(SyncLimits.maxBodyBytes) bytes; send change sets in smaller pages"))
        } catch let error as HTTPError {
            let problem: Problem = switch error.status.code {
            // The router answers a path it serves with another method as 404 too.
            case 404, 405: Problem(.notFound, status: 404, title: "Not found", detail: "\(request.method) \(request.uri.path) is not an endpoint of this server")
            case 413: Problem(.bodyTooLarge, status: 413, title: "Body too large", detail: "the request body is larger than \(SyncLimits.maxBodyBytes) bytes")
            default: Problem(.malformedRequest, status: 400, title: "Bad request", detail: error.body ?? "the request could not be read")
            }
            return Self.response(problem)
        } catch let error as DecodingError {
            return Self.response(Problem(.malformedRequest, status: 400, title: "Malformed request", detail: Self.describe(error)))
        } catch {
            context.logger.error("request failed", metadata: ["error": "\(error)"])
            return Self.response(Problem(.unavailable, status: 503, title: "Unavailable",
                                         detail: "the server could not complete the request; nothing was stored — retry later"))
        }
    }

    static func response(_ problem: Problem) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = Problem.mediaType
        if problem.code == .tooManyAttempts { headers[.retryAfter] = "1" }
        let body = (try? CanonicalJSON.encode(problem)) ?? Data()
        return Response(status: .init(code: problem.status), headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }

    /// Where a body failed to decode, in words.
    static func describe(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            let path = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
            return path.isEmpty ? "the body" : String(path.drop { $0 == "." })
        }
        switch error {
        case .dataCorrupted(let context): return "\(path(context)): \(context.debugDescription)"
        case .keyNotFound(let key, let context): return "\(path(context)): the key \"\(key.stringValue)\" is missing"
        case .typeMismatch(let type, let context): return "\(path(context)): expected \(type): \(context.debugDescription)"
        case .valueNotFound(let type, let context): return "\(path(context)): expected \(type), found null"
        @unknown default: return "the body is not valid JSON for this endpoint"
        }
    }
}
