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
        } catch {
            // The detail in the language the request asked for; the code stays the same.
            let language = Language.accepting(request.headers[.acceptLanguage])
            return Self.response(Self.problem(for: error, request: request, context: context).speaking(language), language: language)
        }
    }

    /// The problem that answers `error`, its detail in both languages.
    static func problem(for error: any Error, request: Request, context: Context) -> Problem {
        switch error {
        case let problem as Problem:
            return problem
        case is NIOTooManyBytesError:
            return Problem(.bodyTooLarge, status: 413, title: "Body too large",
                           detail: ProblemMessage.bodyTooLargeInPages.localized(["max": "\(SyncLimits.maxBodyBytes)"]))
        case let error as HTTPError:
            return switch error.status.code {
            // The router answers a path it serves with another method as 404 too.
            case 404, 405:
                Problem(.notFound, status: 404, title: "Not found",
                        detail: ProblemMessage.notAnEndpoint.localized(["method": "\(request.method)", "path": request.uri.path]))
            case 413: Problem(.bodyTooLarge, status: 413, title: "Body too large", detail: ProblemMessage.bodyTooLarge.localized(["max": "\(SyncLimits.maxBodyBytes)"]))
            default:
                Problem(.malformedRequest, status: 400, title: "Bad request",
                        detail: ProblemMessage.unreadable.localized(["error": error.body ?? "the request could not be read"]))
            }
        case let error as DecodingError:
            return Problem(.malformedRequest, status: 400, title: "Malformed request", detail: ProblemMessage.malformedBody.localized(["error": describe(error)]))
        default:
            context.logger.error("request failed", metadata: ["error": "\(error)"])
            return Problem(.unavailable, status: 503, title: "Unavailable", detail: ProblemMessage.unavailable.localized())
        }
    }

    static func response(_ problem: Problem, language: Language) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = Problem.mediaType
        headers[.contentLanguage] = language.tag
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
