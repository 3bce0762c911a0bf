import FieldVisitCore
import FieldVisitProtocol
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// The administrators' pages of the console: users, devices, branches and the audit
/// trail. Every action goes through ``Administration``, as the commands do; a manager
/// reaching these addresses gets 403.
enum ConsoleAdministration {
    /// The most audit entries a page shows; the CSV holds every one of the filter.
    static let auditPageSize = 500

    static func add(to group: RouterGroup<SyncRequestContext>, console: ConsoleService) {
        let admin = group.group("admin")
        admin.get("users") { request, context in
            try await page(request, console) { signedIn in try await usersPage(console, signedIn) }
        }
        admin.get("devices") { request, context in
            try await page(request, console) { signedIn in try await devicesPage(console, signedIn) }
        }
        admin.get("branches") { request, context in
            try await page(request, console) { signedIn in try await branchesPage(console, signedIn) }
        }
        admin.get("audit") { request, context in
            try await page(request, console) { signedIn in
                let (filter, events) = try await audit(request, console)
                let shown = events.suffix(auditPageSize).reversed().map { $0.tableRow(timeZone: ConsoleClock.timeZone) }
                let page = AuditPage(frame: ConsoleFrame(title: "監査ログ", signedIn: signedIn), since: filter.since.description, user: filter.user ?? "",
                                     total: events.count, rows: shown.map { AuditPage.Row(cells: $0) }, csv: "/console/admin/audit.csv?" + filter.query)
                return ConsoleRoutes.html(ConsoleTemplates.render(page, "audit"))
            }
        }
        admin.get("audit.csv") { request, context in
            try await page(request, console) { _ in
                let (_, events) = try await audit(request, console)
                let shiftJIS = request.uri.queryParameters["encoding"] == "shift_jis"
                let writer = CSVWriter(encoding: shiftJIS ? .cp932 : .utf8WithBOM, guardsFormulas: true)
                let data = try writer.data([AuditEvent.tableHeader] + events.map { $0.tableRow(timeZone: ConsoleClock.timeZone) })
                return Response(status: .ok, headers: [
                    .contentType: "text/csv; charset=\(shiftJIS ? "Shift_JIS" : "utf-8")",
                    .contentDisposition: "attachment; filename=\"audit.csv\"",
                ], body: .init(byteBuffer: ByteBuffer(data: data)))
            }
        }
        // Actions: each a form with the session's token, answered by the page again.
        action(admin, "users/add", console, back: "users") { form, administration in
            let role = try Role(rawValue: form["role"] ?? "").orThrow("役割を選んでください")
            let branches = (form["branches"] ?? "").split(whereSeparator: { $0 == "," || $0 == " " || $0 == "、" }).map(String.init)
            let user = try await administration.addUser(name: form["name"] ?? "", role: role, branches: branches, password: form["password"] ?? "")
            return "\(user.name) を追加しました。"
        }
        action(admin, "users/disable", console, back: "users") { form, administration in
            let name = form["name"] ?? ""
            try await administration.disable(user: name)
            return "\(name) を無効にしました。ノートPCとコンソールからは直ちに使えなくなります。"
        }
        action(admin, "users/password", console, back: "users") { form, administration in
            let name = form["name"] ?? ""
            let revoked = try await administration.setPassword(form["password"] ?? "", of: name)
            return "\(name) のパスワードを変更しました。端末 \(revoked.count) 台の登録を取り消しました。"
        }
        action(admin, "devices/revoke", console, back: "devices") { form, administration in
            let id = form["id"] ?? ""
            try await administration.revoke(device: id, wipe: form["wipe"] == "on")
            return "端末 \(id) の登録を取り消しました。"
        }
        action(admin, "branches/add", console, back: "branches") { form, administration in
            let branch = try await administration.addBranch(code: form["code"] ?? "", name: form["name"] ?? "")
            return "支店 \(branch.name)（\(branch.code)）を追加しました。"
        }
    }

    // MARK: Pages

    static func usersPage(_ console: ConsoleService, _ signedIn: ConsoleService.SignedIn, notice: String? = nil, error: String? = nil,
                          status: HTTPResponse.Status = .ok) async throws -> Response {
        let users = try await console.storage.users().map { user in
            UsersPage.Row(name: user.name, role: user.role.japaneseLabel, branches: user.branches.joined(separator: "、"),
                          state: user.disabled ? "無効" : "", active: !user.disabled)
        }
        let page = UsersPage(frame: ConsoleFrame(title: "ユーザー", signedIn: signedIn, notice: notice, error: error),
                             csrf: signedIn.session.formToken, users: users)
        return ConsoleRoutes.html(ConsoleTemplates.render(page, "users"), status: status)
    }

    static func devicesPage(_ console: ConsoleService, _ signedIn: ConsoleService.SignedIn, notice: String? = nil, error: String? = nil,
                            status: HTTPResponse.Status = .ok) async throws -> Response {
        let devices = try await console.storage.devices().map { device in
            DevicesPage.Row(id: device.id, user: device.user, name: device.name, enrolled: ConsoleClock.text(device.enrolledAt),
                            lastSeen: device.lastSeenAt.map(ConsoleClock.text) ?? "",
                            state: device.wipeOrderedAt != nil ? "取消済み・消去指示" : device.revokedAt == nil ? "" : "取消済み",
                            active: device.revokedAt == nil)
        }
        let page = DevicesPage(frame: ConsoleFrame(title: "端末", signedIn: signedIn, notice: notice, error: error),
                               csrf: signedIn.session.formToken, devices: devices)
        return ConsoleRoutes.html(ConsoleTemplates.render(page, "devices"), status: status)
    }

    static func branchesPage(_ console: ConsoleService, _ signedIn: ConsoleService.SignedIn, notice: String? = nil, error: String? = nil,
                             status: HTTPResponse.Status = .ok) async throws -> Response {
        let branches = try await console.storage.branches().map { BranchesPage.Row(code: $0.code, name: $0.name) }
        let page = BranchesPage(frame: ConsoleFrame(title: "支店", signedIn: signedIn, notice: notice, error: error),
                                csrf: signedIn.session.formToken, branches: branches)
        return ConsoleRoutes.html(ConsoleTemplates.render(page, "branches"), status: status)
    }

    // MARK: Reading requests

    /// Runs `body` for a signed-in administrator: the login page otherwise, 403 for a manager.
    static func page(_ request: Request, _ console: ConsoleService, _ body: (ConsoleService.SignedIn) async throws -> Response) async throws -> Response {
        guard let signedIn = try await console.signedIn(token: request.cookies[ConsoleRoutes.sessionCookie]?.value) else {
            return ConsoleRoutes.redirect(ConsolePaths.login)
        }
        guard signedIn.user.role == .admin else {
            return ConsoleRoutes.message(ConsoleFrame(title: "管理者用の画面です", signedIn: signedIn, error: ConsoleText.adminOnly), status: .forbidden)
        }
        return try await body(signedIn)
    }

    static func action(_ group: RouterGroup<SyncRequestContext>, _ path: String, _ console: ConsoleService, back: String,
                       _ body: @escaping @Sendable (ConsoleForm, Administration) async throws -> String) {
        group.post(RouterPath(path)) { request, context in
            let form = try await ConsoleForm(request, context: context)
            return try await page(request, console) { signedIn in
                guard form.carries(signedIn) else { return ConsoleRoutes.formExpired(signedIn) }
                let administration = Administration(storage: console.storage, actor: signedIn.user.name, address: context.address)
                let render: (String?, String?, HTTPResponse.Status) async throws -> Response = { notice, error, status in
                    switch back {
                    case "devices": try await devicesPage(console, signedIn, notice: notice, error: error, status: status)
                    case "branches": try await branchesPage(console, signedIn, notice: notice, error: error, status: status)
                    default: try await usersPage(console, signedIn, notice: notice, error: error, status: status)
                    }
                }
                do {
                    return try await render(try await body(form, administration), nil, .ok)
                } catch let error as StorageError {
                    switch error {
                    case .invalid, .alreadyExists, .notFound: return try await render(nil, ConsoleText.administration(error), .unprocessableContent)
                    default: throw error
                    }
                }
            }
        }
    }

    /// The audit trail's filter: from a day (30 days ago by default), and a user.
    struct AuditFilter {
        var since: CalendarDate
        var user: String?

        var query: String {
            var components = URLComponents()
            components.queryItems = [URLQueryItem(name: "since", value: since.description)] + (user.map { [URLQueryItem(name: "user", value: $0)] } ?? [])
            return components.percentEncodedQuery ?? ""
        }
    }

    static func audit(_ request: Request, _ console: ConsoleService) async throws -> (AuditFilter, [AuditEvent]) {
        let parameters = request.uri.queryParameters
        let defaultSince = ConsoleClock.day(Date().addingTimeInterval(-30 * 86_400))
        let since = parameters["since"].flatMap { try? CalendarDate(String($0), field: "since") } ?? defaultSince
        let user = parameters["user"].map(String.init).flatMap { $0.isEmpty || $0.utf8.count > 200 || $0.containsControlCharacters ? nil : $0 }
        let filter = AuditFilter(since: since, user: user)
        return (filter, try await console.storage.auditTrail(since: ConsoleClock.start(of: since), user: user))
    }
}

/// The office's clock: times shown and days read in Japan's time zone.
enum ConsoleClock {
    static let timeZone = TimeZone(identifier: "Asia/Tokyo") ?? .gmt

    static var calendar: Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return calendar
    }

    static func text(_ date: Date) -> String {
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        return String(format: "%04d-%02d-%02d %02d:%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0, parts.hour ?? 0, parts.minute ?? 0)
    }

    static func day(_ date: Date) -> CalendarDate {
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        // Components of a real date always make one.
        return try! CalendarDate(year: parts.year ?? 1970, month: parts.month ?? 1, day: parts.day ?? 1)
    }

    static func start(of day: CalendarDate) -> Date {
        calendar.date(from: DateComponents(year: day.year, month: day.month, day: day.day)) ?? .distantPast
    }
}

struct UsersPage {
    var frame: ConsoleFrame
    var csrf: String
    var users: [Row]
    struct Row { var name, role, branches, state: String; var active: Bool }
}

struct DevicesPage {
    var frame: ConsoleFrame
    var csrf: String
    var devices: [Row]
    struct Row { var id, user, name, enrolled, lastSeen, state: String; var active: Bool }
}

struct BranchesPage {
    var frame: ConsoleFrame
    var csrf: String
    var branches: [Row]
    struct Row { var code, name: String }
}

struct AuditPage {
    var frame: ConsoleFrame
    var since: String
    var user: String
    var total: Int
    var rows: [Row]
    var csv: String
    struct Row { var cells: [String] }
}

extension Optional {
    /// The value, or ``StorageError/invalid(_:)`` saying what to give.
    fileprivate func orThrow(_ what: String) throws -> Wrapped {
        guard let self else { throw StorageError.invalid(LocalizedText(verbatim: what)) }
        return self
    }
}
