import FieldVisitClient
import FieldVisitCore
import FieldVisitProtocol
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// The review console's routes under `/console`, on the sync server's listener. Pages
/// are rendered on the server and work without JavaScript; every form that changes
/// anything carries the session's form token (CSRF), and every response carries the
/// headers that keep a browser from framing, caching or leaking a page.
enum ConsoleRoutes {
    /// The session cookie: `Secure; HttpOnly; SameSite=Strict`, for `/console` only.
    static let sessionCookie = "fv_session"
    /// The login form's own token, before there is a session (login CSRF).
    static let loginCookie = "fv_login"
    /// The largest form body read.
    static let maxFormBytes = 64 * 1024

    /// Adds the console's routes to `router`.
    static func add(to router: Router<SyncRequestContext>, console: ConsoleService) {
        let group = router.group(RouterPath(ConsolePaths.root)).add(middleware: ConsoleHeadersMiddleware())
        group.get { request, _ in
            try await console.signedIn(token: request.cookies[sessionCookie]?.value) == nil ? redirect(ConsolePaths.login) : redirect(ConsolePaths.review)
        }
        group.get("static/console.css") { _, _ in
            Response(status: .ok, headers: [.contentType: "text/css; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: ConsoleTemplates.stylesheet)))
        }
        group.get("login") { request, _ in
            if try await console.signedIn(token: request.cookies[sessionCookie]?.value) != nil { return redirect(ConsolePaths.review) }
            return loginPage(request: request, status: .ok)
        }
        group.post("login") { request, context in
            let form = try await ConsoleForm(request, context: context)
            guard let expected = request.cookies[loginCookie]?.value, !expected.isEmpty, form["csrf"].map({ constantTimeEqual($0, expected) }) == true else {
                return loginPage(request: request, status: .forbidden, error: ConsoleText.formExpired)
            }
            do {
                let (token, _) = try await console.login(user: form["user"] ?? "", password: form["password"] ?? "", address: context.address)
                var response = redirect(ConsolePaths.review)
                response.setCookie(Cookie(name: sessionCookie, value: token, path: ConsolePaths.root, secure: true, httpOnly: true, sameSite: .strict))
                return response
            } catch ConsoleService.Refusal.fieldStaff {
                return loginPage(request: request, status: .forbidden, error: ConsoleText.fieldStaff, userName: form["user"])
            } catch let problem as Problem {
                let text = switch problem.code {
                case .tooManyAttempts: ConsoleText.tooManyAttempts
                case .userDisabled: ConsoleText.userDisabled
                case .unavailable: ConsoleText.unavailable
                default: ConsoleText.wrongPassword
                }
                return loginPage(request: request, status: HTTPResponse.Status(code: problem.status), error: text, userName: form["user"])
            }
        }
        group.post("logout") { request, context in
            let form = try await ConsoleForm(request, context: context)
            guard let signedIn = try await console.signedIn(token: request.cookies[sessionCookie]?.value) else { return redirect(ConsolePaths.login) }
            guard form.carries(signedIn) else { return formExpired(signedIn) }
            try await console.logout(signedIn, address: context.address)
            var response = redirect(ConsolePaths.login)
            response.setCookie(Cookie(name: sessionCookie, value: "", maxAge: 0, path: ConsolePaths.root, secure: true, httpOnly: true, sameSite: .strict))
            return response
        }
        group.get("review") { request, _ in
            guard let signedIn = try await console.signedIn(token: request.cookies[sessionCookie]?.value) else { return redirect(ConsolePaths.login) }
            return try await ConsoleQueue.page(request: request, console: console, signedIn: signedIn)
        }
        ConsoleReports.add(to: group, console: console)
        ConsoleTargets.add(to: group, console: console)
        group.get("records/:type/:id") { request, context in
            guard let signedIn = try await console.signedIn(token: request.cookies[sessionCookie]?.value) else { return redirect(ConsolePaths.login) }
            let key = try recordKey(context)
            let notice = request.uri.queryParameters["done"].flatMap { ConsoleText.done[String($0)] }
            return try await recordPage(key, console: console, signedIn: signedIn, notice: notice)
        }
        ConsoleAdministration.add(to: group, console: console)
        for action in ["approve", "return", "resolve", "restore", "confirm-deletion"] {
            group.post(RouterPath("records/:type/:id/\(action)")) { request, context in
                let form = try await ConsoleForm(request, context: context)
                guard let signedIn = try await console.signedIn(token: request.cookies[sessionCookie]?.value) else { return redirect(ConsolePaths.login) }
                guard form.carries(signedIn) else { return formExpired(signedIn) }
                let key = try recordKey(context)
                do {
                    let state = try await console.record(key, for: signedIn)
                    let decision = try decision(action, form: form, key: key, state: state, schema: console.schema)
                    try await console.decide(decision, on: key, seenVersion: form["version"] ?? "", by: signedIn, address: context.address)
                    return redirect(ConsolePaths.record(key) + "?done=" + action)
                } catch let refusal as ConsoleService.Refusal {
                    if refusal == .recordNotFound { return notFound(signedIn) }
                    let status: HTTPResponse.Status = refusal == .changedSinceShown ? .conflict : .unprocessableContent
                    return try await recordPage(key, console: console, signedIn: signedIn, error: ConsoleText.refusal(refusal, schema: console.schema, type: key.type), status: status)
                }
            }
        }
    }

    // MARK: Pages

    static func recordPage(_ key: EntityKey, console: ConsoleService, signedIn: ConsoleService.SignedIn, notice: String? = nil, error: String? = nil,
                           status: HTTPResponse.Status = .ok) async throws -> Response {
        let state: EntityState
        do {
            state = try await console.record(key, for: signedIn)
        } catch ConsoleService.Refusal.recordNotFound {
            return notFound(signedIn)
        }
        let companyName = try await console.companyName(of: key, state: state)
        let dots = state.fields.values.filter { $0.siblings.count > 1 }.flatMap { $0.siblings.map(\.dot) }
        let origins = dots.isEmpty ? [:] : try await console.storage.origins(of: dots)
        // The history is read from the store kept for the reader's branches (ConsoleReadingReplicas).
        let store = try await console.readings.store(for: signedIn.scope)
        let history = try store.history(of: key)
        var page = RecordPage(key: key, state: state, companyName: companyName, origins: origins, history: history, schema: console.schema,
                              frame: ConsoleFrame(title: "", signedIn: signedIn, notice: notice, error: error), csrf: signedIn.session.formToken)
        if key.type == .company {
            page.benchmark = ConsoleBenchmark(try BenchmarkReport(store: store, company: key.id))
        }
        return html(ConsoleTemplates.render(page, "record"), status: status)
    }

    static func loginPage(request: Request, status: HTTPResponse.Status, error: String? = nil, userName: String? = nil) -> Response {
        // The login form's token: the cookie's when the browser has one, else a new one.
        let token = request.cookies[loginCookie]?.value.nonEmpty ?? DeviceToken.random().text
        let page = LoginPage(frame: ConsoleFrame(title: "ログイン", signedIn: nil, error: error), csrf: token, userName: userName ?? "")
        var response = html(ConsoleTemplates.render(page, "login"), status: status)
        response.setCookie(Cookie(name: loginCookie, value: token, path: ConsolePaths.root, secure: true, httpOnly: true, sameSite: .strict))
        return response
    }

    static func notFound(_ signedIn: ConsoleService.SignedIn) -> Response {
        message(ConsoleFrame(title: "記録が見つかりません", signedIn: signedIn, error: ConsoleText.recordNotFound), status: .notFound)
    }

    static func formExpired(_ signedIn: ConsoleService.SignedIn) -> Response {
        message(ConsoleFrame(title: "送信できませんでした", signedIn: signedIn, error: ConsoleText.formExpired), status: .forbidden)
    }

    static func message(_ frame: ConsoleFrame, status: HTTPResponse.Status) -> Response {
        html(ConsoleTemplates.render(MessagePage(frame: frame), "message"), status: status)
    }

    static func html(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: "text/html; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    static func redirect(_ location: String) -> Response {
        Response(status: .seeOther, headers: [.location: location])
    }

    // MARK: Reading requests

    static func recordKey(_ context: SyncRequestContext) throws -> EntityKey {
        guard let type = context.parameters.get("type"), let id = context.parameters.get("id"),
              type.utf8.count <= 64, id.utf8.count <= 128, !type.containsControlCharacters, !id.containsControlCharacters
        else { throw HTTPError(.notFound) }
        return EntityKey(RecordType(rawValue: type), RecordID(rawValue: id))
    }

    /// The decision a form asks for.
    static func decision(_ action: String, form: ConsoleForm, key: EntityKey, state: EntityState, schema: Schema) throws -> ReviewDecision {
        switch action {
        case "approve":
            return .approve(comment: form["comment"])
        case "return":
            return .returnForCorrection(comment: form["comment"] ?? "")
        case "restore":
            return .restore
        case "confirm-deletion":
            return .confirmDeletion
        default:
            guard let record = schema.records[key.type] else { throw ConsoleService.Refusal.recordNotFound }
            var resolutions: [ConflictResolution] = []
            for conflict in state.conflicts(of: key, schema: record) where conflict.kind == .concurrentValues {
                guard let field = conflict.fields.first, let spec = record.spec(for: field), let choice = form["choice-\(field)"] else { continue }
                if choice == "custom" {
                    // A typed value is a value: an empty box (or one that could not be read) clears nothing.
                    guard let typed = form["custom-\(field)"], !typed.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
                        throw ConsoleService.Refusal.decision(.invalidValue(field: field, reason: "入力欄が空です"))
                    }
                    do {
                        resolutions.append(ConflictResolution(field: field, value: try spec.parse(typed)))
                    } catch {
                        throw ConsoleService.Refusal.decision(.invalidValue(field: field, reason: error.message.japanese))
                    }
                } else if let number = Int(choice), (1...conflict.siblings.count).contains(number) {
                    resolutions.append(ConflictResolution(field: field, value: conflict.siblings[number - 1].value))
                }
            }
            return .resolve(resolutions)
        }
    }

    static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        DeviceToken.constantTimeEqual(Data(a.utf8), Data(b.utf8))
    }
}

/// A form as a browser posts it (`application/x-www-form-urlencoded`), read up to
/// ``ConsoleRoutes/maxFormBytes``; a field given twice keeps its first value.
struct ConsoleForm {
    private var fields: [String: String] = [:]

    init(_ request: Request, context: SyncRequestContext) async throws {
        let type = request.headers[.contentType]?.split(separator: ";").first?.trimmingCharacters(in: .whitespaces).lowercased()
        guard type == "application/x-www-form-urlencoded" else { return }
        let body = try await request.body.collect(upTo: ConsoleRoutes.maxFormBytes)
        for pair in String(decoding: body.readableBytesView, as: UTF8.self).split(separator: "&").prefix(200) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = Self.decode(parts[0]) else { continue }
            let value = parts.count > 1 ? Self.decode(parts[1]) : ""
            // U+0000 cannot be stored (PostgreSQL refuses it in text): such a field counts as not sent.
            if fields[name] == nil, let value, !value.unicodeScalars.contains("\u{0}") { fields[name] = value }
        }
    }

    subscript(name: String) -> String? { fields[name] }

    /// Whether the form carries the session's form token.
    func carries(_ signedIn: ConsoleService.SignedIn) -> Bool {
        guard let token = fields["csrf"] else { return false }
        return ConsoleRoutes.constantTimeEqual(token, signedIn.session.formToken)
    }

    private static func decode(_ part: Substring) -> String? {
        part.replacingOccurrences(of: "+", with: " ").removingPercentEncoding
    }
}

/// The headers of every console response: no framing, no caching of pages with
/// personal data, no referrer, no inline script or style, no guessing of types.
struct ConsoleHeadersMiddleware: RouterMiddleware {
    typealias Context = SyncRequestContext

    static let contentSecurityPolicy = "default-src 'none'; style-src 'self'; img-src 'self' data:; script-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response: Response
        do {
            response = try await next(request, context)
        } catch let error as StorageError {
            response = ConsoleRoutes.message(ConsoleFrame(title: "一時的に利用できません", signedIn: nil, error: ConsoleText.storage(error)), status: .serviceUnavailable)
        } catch let error as HTTPError where error.status == .notFound {
            response = ConsoleRoutes.message(ConsoleFrame(title: "見つかりません", signedIn: nil, error: ConsoleText.recordNotFound), status: .notFound)
        }
        response.headers[.contentSecurityPolicy] = Self.contentSecurityPolicy
        response.headers[HTTPField.Name("X-Frame-Options")!] = "DENY"
        response.headers[HTTPField.Name("Referrer-Policy")!] = "no-referrer"
        response.headers[HTTPField.Name("X-Content-Type-Options")!] = "nosniff"
        response.headers[.cacheControl] = "no-store"
        return response
    }
}

extension String {
    fileprivate var nonEmpty: String? { isEmpty ? nil : self }
}
