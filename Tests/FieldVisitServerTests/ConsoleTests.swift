import FieldVisitCore
import FieldVisitProtocol
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdBcrypt
import HummingbirdTesting
import NIOCore
import Testing
@testable import FieldVisitServer

/// The review console over HTTP, on both storage backends: sessions, the form token,
/// the headers, branch scope by URL, escaping, and decisions stored as change sets of
/// the manager's console replica. (`Tests/Console` drives the same pages in Chromium.)
@Suite struct ConsoleTests {
    /// A browser's cookies and the requests it sends.
    struct Browser {
        let client: any TestClientProtocol
        var cookies: [String: String] = [:]

        mutating func send(_ method: HTTPRequest.Method, _ uri: String, form: [(String, String)]? = nil) async throws -> TestResponse {
            var headers: HTTPFields = [:]
            if !cookies.isEmpty { headers[.cookie] = cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; ") }
            var body: ByteBuffer?
            if let form {
                headers[.contentType] = "application/x-www-form-urlencoded"
                let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-_.~"))
                body = ByteBuffer(string: form.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")" }.joined(separator: "&"))
            }
            let response = try await client.executeRequest(uri: uri, method: method, headers: headers, body: body)
            for field in response.headers where field.name == .setCookie {
                let pair = field.value.split(separator: ";")[0].split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                cookies[String(pair[0])] = pair.count > 1 ? String(pair[1]) : ""
                if field.value.contains("Max-Age=0") { cookies[String(pair[0])] = nil }
            }
            return response
        }

        /// The value of the hidden input `name` in a page.
        static func hidden(_ name: String, in page: String) -> String? {
            guard let range = page.range(of: #"name="\#(name)" value=""#) else { return nil }
            return String(page[range.upperBound...].prefix { $0 != "\"" })
        }

        mutating func login(_ user: String, password: String) async throws -> TestResponse {
            let page = String(buffer: try await send(.get, "/console/login").body)
            return try await send(.post, "/console/login", form: [("csrf", Self.hidden("csrf", in: page) ?? ""), ("user", user), ("password", password)])
        }
    }

    /// Two staff of 盛岡 with a visit in conflict, a manager of each branch.
    struct Office {
        let fixture: StorageFixture
        var sato: Laptop
        var suzuki: Laptop
        let visit: EntityKey
        let service: SyncService

        init(_ backend: StorageBackend, notes: (String, String) = ("佐藤のメモ", "鈴木のメモ")) async throws {
            fixture = try await StorageFixture(backend)
            sato = try await fixture.laptop("佐藤 花子", branches: ["morioka"])
            suzuki = try await fixture.laptop("鈴木 一郎", branches: ["morioka"])
            _ = try await fixture.laptop("高橋 課長", role: .manager, branches: ["morioka"])
            _ = try await fixture.laptop("田中 次長", role: .manager, branches: ["miyako"])
            _ = try await fixture.laptop("管理者", role: .admin, branches: [])
            for user in ["佐藤 花子", "鈴木 一郎", "高橋 課長", "田中 次長", "管理者"] {
                _ = try await fixture.storage.setPassword(Bcrypt.hash("pw-\(user)", cost: 4), user: user)
            }
            let (company, created) = try sato.addCompany("株式会社カワムラ", branch: "morioka")
            let (visit, recorded) = try sato.addVisit(to: company, notes: "初回")
            self.visit = visit
            #expect(try await fixture.push([created, recorded], from: sato).allSatisfy { $0.status == .accepted })
            try suzuki.replica.apply(created)
            try suzuki.replica.apply(recorded)
            let mine = try sato.commit([.set(visit, field: "notes", value: .text(notes.0))])
            let theirs = try suzuki.commit([.set(visit, field: "notes", value: .text(notes.1))])
            #expect(try await fixture.push([mine], from: sato).map(\.status) == [.accepted])
            #expect(try await fixture.push([theirs], from: suzuki).map(\.status) == [.accepted])
            service = SyncService(storage: fixture.storage)
        }

        func test(_ body: @escaping @Sendable (any TestClientProtocol) async throws -> Void) async throws {
            let app = Application(router: SyncRoutes.router(service))
            try await app.test(.router) { client in try await body(client) }
        }
    }

    @Test(arguments: StorageBackend.tested)
    func aManagerResolvesAConflictSideBySideAndApprovesAsChangeSetsOfTheConsole(_ backend: StorageBackend) async throws {
        let office = try await Office(backend)
        let storage = office.fixture.storage, visit = office.visit
        try await office.test { client in
            var browser = Browser(client: client)
            let login = try await browser.login("高橋 課長", password: "pw-高橋 課長")
            #expect(login.status == .seeOther)
            #expect(login.headers[.location] == "/console/review")
            let cookie = login.headers[values: .setCookie].first { $0.hasPrefix("fv_session=") } ?? ""
            #expect(cookie.contains("Secure") && cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"))

            let queue = String(buffer: try await browser.send(.get, "/console/review").body)
            #expect(queue.contains(#"<tr data-record="visit/\#(visit.id.rawValue)" data-state="conflict">"#))
            #expect(queue.contains(#"<a data-state="conflict" href="/console/review?state=conflict">競合 <span class="count">1</span></a>"#))

            let path = "/console/records/visit/\(visit.id.rawValue)"
            let shown = try await browser.send(.get, path)
            #expect(shown.status == .ok)
            let page = String(buffer: shown.body)
            #expect(page.contains(#"<section class="conflict" data-field="notes">"#))
            #expect(page.components(separatedBy: #"<div class="sibling">"#).count == 3)
            #expect(page.contains("佐藤のメモ") && page.contains("鈴木のメモ") && page.contains("佐藤 花子") && page.contains("鈴木 一郎"))
            #expect(!page.contains(#"id="approve""#), "no approval while a conflict waits")
            // The history: who wrote what, newest first.
            let history = try #require(page.range(of: #"<table id="history">"#))
            let rows = page[history.upperBound...]
            #expect(rows.contains("佐藤 花子") && rows.contains("鈴木 一郎") && rows.contains("面談内容: 鈴木のメモ") && rows.contains("面談内容: 初回"))
            let csrf = try #require(Browser.hidden("csrf", in: page)), version = try #require(Browser.hidden("version", in: page))
            let before = try await storage.logCount()

            // Without the form token: refused, nothing stored.
            let forged = try await browser.send(.post, path + "/resolve", form: [("version", version), ("choice-notes", "1")])
            #expect(forged.status == .forbidden)
            #expect(String(buffer: forged.body).contains("フォームの有効期限が切れました"))
            #expect(try await storage.logCount() == before)

            // Hostile forms: choices past every range, U+0000, a huge comment. Each is
            // refused with a 4xx and stores nothing. (Other control characters are stored
            // as written; every page escapes them, and laptops print them inert.)
            for form in [
                [("csrf", csrf), ("version", version), ("choice-notes", "-9223372036854775808")],
                [("csrf", csrf), ("version", version), ("choice-notes", "9223372036854775807")],
                [("csrf", csrf), ("version", version), ("choice-notes", "custom"), ("custom-notes", "a\u{0}b")],
                [("csrf", csrf + "\u{0}"), ("version", version), ("choice-notes", "1")],
            ] {
                let status = try await browser.send(.post, path + "/resolve", form: form).status.code
                #expect((400..<500).contains(status), "\(form): \(status)")
            }
            let huge = try await browser.send(.post, path + "/return", form: [("csrf", csrf), ("version", version), ("comment", String(repeating: "差", count: 30_000))])
            #expect((400..<500).contains(huge.status.code))
            #expect(try await storage.logCount() == before)

            let resolved = try await browser.send(.post, path + "/resolve", form: [("csrf", csrf), ("version", version), ("choice-notes", "custom"), ("custom-notes", "両方を確認した内容")])
            #expect(resolved.status == .seeOther)
            let state = try #require(try await storage.state(of: visit))
            #expect(state.visibleValues["notes"] == .text("両方を確認した内容"))
            #expect(state.conflicts(of: visit, schema: .visit).isEmpty)

            // A decision on the version shown before the resolution: refused as stale.
            let stale = try await browser.send(.post, path + "/approve", form: [("csrf", csrf), ("version", version), ("comment", "")])
            #expect(stale.status == .conflict)
            #expect(String(buffer: stale.body).contains("この記録は表示した後に変更されました"))

            let again = String(buffer: try await browser.send(.get, path + "?done=resolve").body)
            #expect(again.contains("競合を解決しました"))
            let approved = try await browser.send(.post, path + "/approve", form: [("csrf", csrf), ("version", try #require(Browser.hidden("version", in: again))), ("comment", "確認しました")])
            #expect(approved.status == .seeOther)
            let final = try #require(try await storage.state(of: visit))
            #expect(final.visibleValues["reviewState"] == .text("approved"))
            #expect(final.visibleValues["reviewComment"] == .text("確認しました"))
            #expect(String(buffer: try await browser.send(.get, "/console/review").body).contains(#"<p id="empty">"#))
            #expect(!final.approval.isEmpty)

            // Ordinary change sets of the manager's console replica, which laptops pull.
            let page2 = try await storage.pull(after: Int64(before), limit: 10, scope: .branches(["morioka"]))
            let changes = try page2.bodies.map { try ChangeSetReader.read($0) }
            #expect(changes.count == 2)
            #expect(changes.allSatisfy { $0.author == "高橋 課長" })
            #expect(Set(changes.map(\.replica)).count == 1)
            #expect(changes.map(\.dot.counter) == [1, 2])
        }
    }

    @Test(arguments: StorageBackend.tested)
    func sessionsFormTokensAndHeadersHold(_ backend: StorageBackend) async throws {
        let office = try await Office(backend)
        let storage = office.fixture.storage
        try await office.test { client in
            var browser = Browser(client: client)
            #expect(try await browser.send(.get, "/console/review").headers[.location] == "/console/login")
            let loginPage = try await browser.send(.get, "/console/login")
            for (name, value) in [("Content-Security-Policy", ConsoleHeadersMiddleware.contentSecurityPolicy), ("X-Frame-Options", "DENY"),
                                  ("Referrer-Policy", "no-referrer"), ("Cache-Control", "no-store"), ("X-Content-Type-Options", "nosniff")] {
                #expect(loginPage.headers[HTTPField.Name(name)!] == value, "\(name)")
            }
            // A login without the login form's token is refused, whatever the password.
            var stranger = Browser(client: client)
            let forged = try await stranger.send(.post, "/console/login", form: [("user", "高橋 課長"), ("password", "pw-高橋 課長")])
            #expect(forged.status == .forbidden)
            #expect(stranger.cookies["fv_session"] == nil)

            let wrong = try await browser.login("高橋 課長", password: "違う")
            #expect(wrong.status == .unauthorized)
            #expect(String(buffer: wrong.body).contains("ユーザー名またはパスワードが違います"))
            let field = try await browser.login("佐藤 花子", password: "pw-佐藤 花子")
            #expect(field.status == .forbidden)
            #expect(String(buffer: field.body).contains("この画面は課長・管理者用です"))
            #expect(browser.cookies["fv_session"] == nil)
            let audit = try await storage.auditTrail(since: .distantPast, user: nil)
            #expect(audit.contains { $0.kind == .loginFailed && $0.user == "佐藤 花子" && $0.detail.contains("console") })
            #expect(audit.contains { $0.kind == .loginFailed && $0.user == "高橋 課長" })

            #expect(try await browser.login("高橋 課長", password: "pw-高橋 課長").status == .seeOther)
            let session = try #require(browser.cookies["fv_session"])
            let review = String(buffer: try await browser.send(.get, "/console/review").body)
            let csrf = try #require(Browser.hidden("csrf", in: review))
            #expect(try await browser.send(.post, "/console/logout", form: [("csrf", csrf)]).headers[.location] == "/console/login")
            // The old cookie opens nothing: the session ended on the server.
            var replay = Browser(client: client, cookies: ["fv_session": session])
            #expect(try await replay.send(.get, "/console/review").headers[.location] == "/console/login")
        }
    }

    @Test(arguments: StorageBackend.tested)
    func anotherBranchsRecordIsNotFoundAndMarkupShowsAsText(_ backend: StorageBackend) async throws {
        let office = try await Office(backend, notes: ("<script>window.__pwned=1</script><b>太字</b>", "鈴木のメモ"))
        let storage = office.fixture.storage, visit = office.visit
        try await office.test { client in
            var miyako = Browser(client: client)
            #expect(try await miyako.login("田中 次長", password: "pw-田中 次長").status == .seeOther)
            let path = "/console/records/visit/\(visit.id.rawValue)"
            let other = try await miyako.send(.get, path)
            #expect(other.status == .notFound)
            #expect(!String(buffer: other.body).contains("鈴木のメモ"))
            let review = String(buffer: try await miyako.send(.get, "/console/review").body)
            let csrf = try #require(Browser.hidden("csrf", in: review))
            let before = try await storage.logCount()
            #expect(try await miyako.send(.post, path + "/return", form: [("csrf", csrf), ("version", "x"), ("comment", "やり直し")]).status == .notFound)
            #expect(try await storage.logCount() == before)

            var morioka = Browser(client: client)
            #expect(try await morioka.login("高橋 課長", password: "pw-高橋 課長").status == .seeOther)
            let page = String(buffer: try await morioka.send(.get, path).body)
            #expect(page.contains("&lt;script&gt;window.__pwned=1&lt;/script&gt;&lt;b&gt;太字&lt;/b&gt;"))
            #expect(!page.contains("<script>"))
            #expect(!page.contains("<b>太字"))
        }
    }

    @Test(arguments: StorageBackend.tested)
    func administratorsManageUsersDevicesBranchesAndTheAuditTrail(_ backend: StorageBackend) async throws {
        let office = try await Office(backend)
        let storage = office.fixture.storage
        try await office.test { client in
            var manager = Browser(client: client)
            #expect(try await manager.login("高橋 課長", password: "pw-高橋 課長").status == .seeOther)
            for page in ["users", "devices", "branches", "audit", "audit.csv"] {
                let refused = try await manager.send(.get, "/console/admin/\(page)")
                #expect(refused.status == .forbidden, "\(page)")
                #expect(String(buffer: refused.body).contains("管理者だけ") || page == "audit.csv")
            }
            let managerCSRF = try #require(Browser.hidden("csrf", in: String(buffer: try await manager.send(.get, "/console/review").body)))
            #expect(try await manager.send(.post, "/console/admin/users/disable", form: [("csrf", managerCSRF), ("name", "佐藤 花子")]).status == .forbidden)
            #expect(try await storage.user(named: "佐藤 花子")?.user.disabled == false)

            var admin = Browser(client: client)
            #expect(try await admin.login("管理者", password: "pw-管理者").status == .seeOther)
            let users = String(buffer: try await admin.send(.get, "/console/admin/users").body)
            #expect(users.contains("佐藤 花子") && users.contains("担当者"))
            let csrf = try #require(Browser.hidden("csrf", in: users))
            // Without the token nothing happens.
            #expect(try await admin.send(.post, "/console/admin/branches/add", form: [("code", "kamaishi"), ("name", "釜石支店")]).status == .forbidden)
            #expect(try await storage.branches().count == 2)

            let added = try await admin.send(.post, "/console/admin/users/add", form: [("csrf", csrf), ("name", "伊藤 三郎"), ("role", "field"), ("branches", "miyako"), ("password", "pw-伊藤-三郎")])
            #expect(added.status == .ok)
            #expect(String(buffer: added.body).contains("伊藤 三郎 を追加しました"))
            #expect(try await storage.user(named: "伊藤 三郎")?.user.branches == ["miyako"])
            let short = try await admin.send(.post, "/console/admin/users/add", form: [("csrf", csrf), ("name", "短い"), ("role", "field"), ("branches", "miyako"), ("password", "1234")])
            #expect(short.status == .unprocessableContent)
            #expect(try await storage.user(named: "短い") == nil)
            let branch = try await admin.send(.post, "/console/admin/branches/add", form: [("csrf", csrf), ("code", "kamaishi"), ("name", "釜石支店")])
            #expect(String(buffer: branch.body).contains("釜石支店"))

            // Disabling a manager ends the manager's console session at once.
            #expect(try await admin.send(.post, "/console/admin/users/disable", form: [("csrf", csrf), ("name", "高橋 課長")]).status == .ok)
            #expect(try await manager.send(.get, "/console/review").headers[.location] == "/console/login")

            let devices = String(buffer: try await admin.send(.get, "/console/admin/devices").body)
            let device = try #require(try await storage.devices().first { $0.user == "鈴木 一郎" })
            #expect(devices.contains(device.id))
            #expect(try await admin.send(.post, "/console/admin/devices/revoke", form: [("csrf", csrf), ("id", device.id)]).status == .ok)
            #expect(try await storage.devices().first { $0.id == device.id }?.revokedAt != nil)

            let csv = try await admin.send(.get, "/console/admin/audit.csv?since=2000-01-01")
            #expect(csv.headers[.contentType] == "text/csv; charset=utf-8")
            let bytes = Array(csv.body.readableBytesView)
            #expect(bytes.starts(with: [0xEF, 0xBB, 0xBF]))
            let text = String(decoding: bytes.dropFirst(3), as: UTF8.self)
            #expect(text.hasPrefix(AuditEvent.tableHeader.joined(separator: ",")))
            #expect(text.contains("user-disabled") && text.contains("(by 管理者 in the console)"))
            let audit = String(buffer: try await admin.send(.get, "/console/admin/audit?since=2000-01-01&user=高橋%20課長").body)
            #expect(audit.contains("user-disabled") && !audit.contains("device-revoked"))
        }
    }

    @Test func aHearingSheetShowsItsFormVersionAnswersAndTheSixIndicators() async throws {
        var office = try await Office(.sqlite)
        let company = try #require(try await office.fixture.storage.state(of: office.visit)?.visibleValues["company"]?.textValue)
        let sheet = EntityKey(.hearingSheet, .random())
        let taken = try office.sato.commit([
            .set(sheet, field: "company", value: .text(company)), .set(sheet, field: "date", value: "2026-11-19"),
            .set(sheet, field: "formID", value: "hearing-sheet"), .set(sheet, field: "formVersion", value: 1),
            .add(sheet, field: "staff", element: "佐藤 花子"),
            .set(sheet, field: "answer.sales", value: 125_000_000), .set(sheet, field: "answer.hasPreviousPeriod", value: true),
            .set(sheet, field: "answer.previousSales", value: 100_000_000), .set(sheet, field: "answer.operatingProfit", value: 5_000_000),
            .set(sheet, field: "answer.employees", value: 10), .set(sheet, field: "answer.managementVision", value: "地域とともに"),
        ])
        #expect(try await office.fixture.push([taken], from: office.sato).map(\.status) == [.accepted])
        try await office.test { client in
            var browser = Browser(client: client)
            #expect(try await browser.login("高橋 課長", password: "pw-高橋 課長").status == .seeOther)
            let page = String(buffer: try await browser.send(.get, "/console/records/hearingSheet/\(sheet.id.rawValue)").body)
            #expect(page.contains("第1版"))
            #expect(page.contains(#"<tr data-field="answer.managementVision">"#) && page.contains("地域とともに"))
            #expect(page.contains(#"<table id="indicators">"#))
            #expect(page.components(separatedBy: "<tr data-indicator=").count == 7)
            // Sales grew from 100 to 125 million yen: 25%; profit 5 of 125 million: 4%.
            let growth = try #require(page.range(of: #"<tr data-indicator="salesGrowthRate"><th>売上高増加率</th><td>"#))
            #expect(page[growth.upperBound...].hasPrefix("25"))
            let margin = try #require(page.range(of: #"<tr data-indicator="operatingProfitMargin"><th>営業利益率</th><td>"#))
            #expect(page[margin.upperBound...].hasPrefix("4"))
        }
    }

    @Test(arguments: StorageBackend.tested)
    func theVisitReportShowsTheReadersBranchesWithTheYearBefore(_ backend: StorageBackend) async throws {
        var office = try await Office(backend)
        let company = try #require(try await office.fixture.storage.state(of: office.visit)?.visibleValues["company"]?.textValue)
        let earlier = EntityKey(.visit, .random())
        let lastYear = try office.sato.commit([
            .set(earlier, field: "company", value: .text(company)), .set(earlier, field: "date", value: "2025-06-10"),
            .set(earlier, field: "mode", value: "onSite"), .set(earlier, field: "purpose", value: "companyVisit"),
            .add(earlier, field: "staff", element: "佐藤 花子"), .set(earlier, field: "notes", value: "<b>昨年度</b>"),
        ])
        #expect(try await office.fixture.push([lastYear], from: office.sato).map(\.status) == [.accepted])
        let (_, later) = try office.sato.addVisit(to: EntityKey(.company, RecordID(rawValue: company)), notes: "二回目")
        let storage = office.fixture.storage, admission = ChangeAdmission(schema: .fieldVisit, caller: office.sato.caller)
        try await office.test { client in
            var morioka = Browser(client: client)
            #expect(try await morioka.login("高橋 課長", password: "pw-高橋 課長").status == .seeOther)
            let page = String(buffer: try await morioka.send(.get, "/console/reports?year=2026").body)
            #expect(page.contains("令和8年度"))
            #expect(page.contains("<tr><td>企業訪問</td><td>1 (1)</td><td>1 (1)</td></tr>"))
            #expect(page.contains(#"<svg xmlns="http://www.w3.org/2000/svg""#) && page.contains(">企業訪問</text>"))
            // One report per page, each behind its tab.
            #expect(page.contains(#"<a href="/console/reports?year=2026&amp;report=outcomes">支援実績</a>"#))
            #expect(!page.contains(#"id="outcomes""#))
            let outcomes = String(buffer: try await morioka.send(.get, "/console/reports?year=2026&report=outcomes").body)
            #expect(outcomes.contains(#"<section class="report" id="outcomes">"#) && outcomes.contains(#"class="current" aria-current="page">支援実績"#))
            let succession = String(buffer: try await morioka.send(.get, "/console/reports?year=2026&report=succession").body)
            #expect(succession.contains("<tr><td>65歳以上の経営者と面談</td><td>0 (0)</td></tr>"))
            // A visit pushed after the first report is in the next one.
            #expect(try await storage.push([later], admission: admission, now: Date()).results.map(\.status) == [.accepted])
            let again = String(buffer: try await morioka.send(.get, "/console/reports?year=2026").body)
            #expect(again.contains("<tr><td>企業訪問</td><td>1 (1)</td><td>2 (1)</td></tr>"))

            var miyako = Browser(client: client)
            #expect(try await miyako.login("田中 次長", password: "pw-田中 次長").status == .seeOther)
            let other = String(buffer: try await miyako.send(.get, "/console/reports?year=2026&branch=morioka").body)
            #expect(!other.contains("企業訪問</td>"))
        }
    }

    @Test(arguments: StorageBackend.tested)
    func theReportsDrawEachCohortAsAFunnelNarrowToABranchAndDownloadAsCSV(_ backend: StorageBackend) async throws {
        var office = try await Office(backend)
        let company = EntityKey(.company, RecordID(rawValue: try #require(try await office.fixture.storage.state(of: office.visit)?.visibleValues["company"]?.textValue)))
        let tagged = try office.sato.commit([
            .add(company, field: "cohortTags", element: "disasterAffectedOther"), .add(office.visit, field: "supportActions", element: "expertDispatch"),
        ])
        #expect(try await office.fixture.push([tagged], from: office.sato).map(\.status) == [.accepted])
        try await office.test { client in
            var manager = Browser(client: client)
            #expect(try await manager.login("高橋 課長", password: "pw-高橋 課長").status == .seeOther)
            let page = String(buffer: try await manager.send(.get, "/console/reports?year=2026&report=funnel").body)
            // The cohort with companies has its funnel; the others have none.
            #expect(page.contains(#"<section class="report" id="funnel-disasterAffectedOther">"#))
            #expect(!page.contains(#"id="funnel-overdue""#))
            #expect(page.contains(#"class="chart funnel""#) && page.contains("対象企業 1（0）") && page.contains("支援実施 1（0）"))
            let outcomes = String(buffer: try await manager.send(.get, "/console/reports?year=2026&report=outcomes").body)
            #expect(outcomes.contains("<tr><td>支援: 専門家派遣</td><td>1 (0)</td><td>1 (0)</td><td></td></tr>"))
            #expect(outcomes.contains("競合中の記録 1 件"))

            // CSV: UTF-8 with the byte order mark, two columns per count.
            let visits = try await manager.send(.get, "/console/reports/visits.csv?year=2026")
            #expect(visits.status == .ok && visits.headers[.contentType] == "text/csv; charset=utf-8")
            let bytes = Data(buffer: visits.body)
            #expect(bytes.starts(with: [0xEF, 0xBB, 0xBF]))
            let csv = String(decoding: bytes.dropFirst(3), as: UTF8.self)
            #expect(csv.hasPrefix("訪問目的,訪問企業数（令和8年度）,訪問企業数（令和7年度）,延べ訪問回数（令和8年度）,延べ訪問回数（令和7年度）\r\n"))
            #expect(csv.contains("\r\n企業訪問,1,0,1,0\r\n"))
            // Shift_JIS, for the offices whose Excel wants it.
            let funnel = try await manager.send(.get, "/console/reports/funnel.csv?year=2026&cohort=disasterAffectedOther&encoding=shift_jis")
            #expect(funnel.headers[.contentType] == "text/csv; charset=Shift_JIS")
            let funnelText = try CP932.decode(Data(buffer: funnel.body))
            // Tagged today: a member this year, not last year.
            #expect(funnelText.contains("対象企業,1,0\r\n面談実施,1,0\r\n支援実施,1,0"))
            #expect(try await manager.send(.get, "/console/reports/secrets.csv?year=2026").status == .notFound)

            // An administrator sees every branch, or one: 宮古 has no visits.
            var admin = Browser(client: client)
            #expect(try await admin.login("管理者", password: "pw-管理者").status == .seeOther)
            let all = String(buffer: try await admin.send(.get, "/console/reports?year=2026").body)
            #expect(all.contains("<tr><td>企業訪問</td><td>1 (0)</td><td>1 (0)</td></tr>"))
            let miyako = String(buffer: try await admin.send(.get, "/console/reports?year=2026&branch=miyako").body)
            #expect(!miyako.contains("企業訪問</td>"))
            let miyakoFunnels = String(buffer: try await admin.send(.get, "/console/reports?year=2026&branch=miyako&report=funnel").body)
            #expect(!miyakoFunnels.contains("funnel-disasterAffectedOther") && miyakoFunnels.contains("対象企業のあるフォローアップ区分はありません"))
            let miyakoOutcomes = String(buffer: try await admin.send(.get, "/console/reports?year=2026&branch=miyako&report=outcomes").body)
            #expect(miyakoOutcomes.contains("<tr><td>訪問企業</td><td>0 (0)</td><td>0 (0)</td><td></td></tr>"))
            let outcomesCSV = String(decoding: Data(buffer: try await admin.send(.get, "/console/reports/outcomes.csv?year=2026&branch=miyako").body).dropFirst(3), as: UTF8.self)
            #expect(outcomesCSV.contains("訪問企業,0,0,0,0") && !outcomesCSV.contains("専門家派遣"))
        }
    }

    @Test(arguments: StorageBackend.tested)
    func theTargetListsShowWhoToVisitNextInTheReadersBranches(_ backend: StorageBackend) async throws {
        var office = try await Office(backend)
        let (elder, created) = try office.sato.addCompany("株式会社高齢", branch: "morioka")
        let born = try office.sato.commit([.set(elder, field: "representativeBirthYear", value: 1950)])
        #expect(try await office.fixture.push([created, born], from: office.sato).allSatisfy { $0.status == .accepted })
        try await office.test { client in
            var manager = Browser(client: client)
            #expect(try await manager.login("高橋 課長", password: "pw-高橋 課長").status == .seeOther)
            let page = String(buffer: try await manager.send(.get, "/console/targets").body)
            #expect(page.contains(#"<tr data-reason="successionAge">"#) && page.contains(#"<a href="/console/records/company/\#(elder.id.rawValue)">株式会社高齢</a>"#))
            #expect(page.contains("事業承継診断なし"))
            let filtered = String(buffer: try await manager.send(.get, "/console/targets?list=followUpDue").body)
            #expect(!filtered.contains("株式会社高齢"))
            let csv = String(decoding: Data(buffer: try await manager.send(.get, "/console/targets.csv?list=successionAge").body).dropFirst(3), as: UTF8.self)
            #expect(csv.hasPrefix("支店,担当,企業ID,企業,区分,理由\r\n") && csv.contains("株式会社高齢,successionAge,"))

            var miyako = Browser(client: client)
            #expect(try await miyako.login("田中 次長", password: "pw-田中 次長").status == .seeOther)
            let other = String(buffer: try await miyako.send(.get, "/console/targets?branch=morioka").body)
            #expect(!other.contains("株式会社高齢"))
        }
    }

    @Test func hostileReportAndTargetParametersFallBackOrAreRefusedWithoutAnError() async throws {
        let office = try await Office(.sqlite)
        try await office.test { client in
            var manager = Browser(client: client)
            #expect(try await manager.login("高橋 課長", password: "pw-高橋 課長").status == .seeOther)
            let long = String(repeating: "あ", count: 5_000)
            for path in [
                "/console/reports?year=99999999999999999999999&branch=%3Cscript%3E&report=..%2F..%2Fadmin",
                "/console/reports?year=-1&report=funnel&branch=miyako",
                "/console/reports/funnel.csv?cohort=%00&year=abc&encoding=%FF",
                "/console/targets?list=%1B%5B2J&staff=\(long)&branch=\(long)",
                "/console/targets.csv?staff=%00%0A%0D",
            ] {
                let response = try await manager.send(.get, path)
                #expect(response.status == .ok, "\(path.prefix(60))")
                #expect(!String(buffer: response.body).contains("<script>"))
            }
            for path in ["/console/reports/benchmark.csv?company=%00", "/console/reports/benchmark.csv?company=\(String(repeating: "x", count: 500))",
                         "/console/reports/benchmark.csv", "/console/reports/%2E%2E%2Fsecrets.csv", "/console/reports/visits.txt"] {
                #expect(try await manager.send(.get, path).status == .notFound, "\(path.prefix(60))")
            }
        }
    }

    @Test func aCompanysPageDrawsItsLocalBenchmarkAsARadarChart() async throws {
        var office = try await Office(.sqlite)
        let company = try #require(try await office.fixture.storage.state(of: office.visit)?.visibleValues["company"]?.textValue)
        var sheets: [ChangeSet] = []
        for (date, sales) in [("2025-06-01", 100_000_000), ("2026-06-01", 125_000_000)] {
            let sheet = EntityKey(.hearingSheet, .random())
            sheets.append(try office.sato.commit([
                .set(sheet, field: "company", value: .text(company)), .set(sheet, field: "date", value: .text(date)),
                .set(sheet, field: "formID", value: "hearing-sheet"), .set(sheet, field: "formVersion", value: 1),
                .add(sheet, field: "staff", element: "佐藤 花子"),
                .set(sheet, field: "answer.fiscalPeriodEnd", value: .text("\(date.prefix(4))-03-31")),
                .set(sheet, field: "answer.sales", value: .integer(Int64(sales))), .set(sheet, field: "answer.hasPreviousPeriod", value: true),
                .set(sheet, field: "answer.previousSales", value: 100_000_000), .set(sheet, field: "answer.operatingProfit", value: 5_000_000),
                .set(sheet, field: "answer.employees", value: 10),
            ]))
        }
        #expect(try await office.fixture.push(sheets, from: office.sato).allSatisfy { $0.status == .accepted })
        try await office.test { client in
            var manager = Browser(client: client)
            #expect(try await manager.login("高橋 課長", password: "pw-高橋 課長").status == .seeOther)
            let page = String(buffer: try await manager.send(.get, "/console/records/company/\(company)").body)
            #expect(page.contains(#"<section id="benchmark">"#) && page.contains(#"class="chart radar""#))
            // One outline per accounting period, named by its end (決算期), and one axis
            // label per indicator; the change of a rate in points.
            #expect(page.components(separatedBy: #"fill-opacity="0.12""#).count == 3)
            #expect(page.contains("2025年3月期") && page.contains("2026年3月期"))
            #expect(page.contains(">売上高増加率</text>") && page.contains("<td>+25.0ポイント"))
            let csv = try await manager.send(.get, "/console/reports/benchmark.csv?company=\(company)&encoding=shift_jis")
            let csvText = try CP932.decode(Data(buffer: csv.body))
            #expect(csvText.contains("売上高増加率,0.0%,25.0%,+25.0ポイント"), "\(csvText)")

            // Another branch's manager gets neither the page nor the file.
            var miyako = Browser(client: client)
            #expect(try await miyako.login("田中 次長", password: "pw-田中 次長").status == .seeOther)
            #expect(try await miyako.send(.get, "/console/reports/benchmark.csv?company=\(company)").status == .notFound)
        }
    }

    @Test func aDiagnosisShowsItsResultAndNextStep() async throws {
        var office = try await Office(.sqlite)
        let company = try #require(try await office.fixture.storage.state(of: office.visit)?.visibleValues["company"]?.textValue)
        let diagnosis = EntityKey(.successionDiagnosis, .random())
        var edits: [Edit] = [
            .set(diagnosis, field: "company", value: .text(company)), .set(diagnosis, field: "date", value: "2024-06-01"),
            .set(diagnosis, field: "formID", value: "succession-diagnosis"), .set(diagnosis, field: "formVersion", value: 1),
            .add(diagnosis, field: "staff", element: "佐藤 花子"),
        ]
        let answers: [(String, FieldValue)] = [
            ("ownerBirthYear", 1954), ("diagnosisDate", "2024-06-01"), ("hasSuccessorCandidate", true), ("successorRelation", "family"),
            ("successorInformed", true), ("preparingSuccessorTraining", true), ("preparingRelationsHandover", true),
            ("preparingSharesAndAssets", true), ("preparingDebtsAndGuarantees", true), ("preparingStakeholderNotice", true),
            ("consentToShareWithCentre", true),
        ]
        edits += answers.map { .set(diagnosis, field: "answer." + $0.0, value: $0.1) }
        let taken = try office.sato.commit(edits)
        #expect(try await office.fixture.push([taken], from: office.sato).map(\.status) == [.accepted])
        let expected = try SuccessionDiagnosisResult(answers: FormAnswers(formID: "succession-diagnosis", formVersion: 1, answers: Dictionary(uniqueKeysWithValues: answers)))
        try await office.test { client in
            var browser = Browser(client: client)
            #expect(try await browser.login("高橋 課長", password: "pw-高橋 課長").status == .seeOther)
            let page = String(buffer: try await browser.send(.get, "/console/records/successionDiagnosis/\(diagnosis.id.rawValue)").body)
            #expect(page.contains(#"<p id="diagnosis">\#(expected.label)。"#))
            #expect(page.contains("第1版"))
        }
    }

    @Test(arguments: StorageBackend.tested)
    func aDeletionConcurrentWithAnEditIsRestoredOrConfirmed(_ backend: StorageBackend) async throws {
        let office = try await Office(backend)
        let storage = office.fixture.storage
        let company = try #require(try await storage.state(of: office.visit)?.visibleValues["company"]?.textValue)
        // Two more laptops of the same staff, knowing nothing of the first conflict.
        var sato = try await office.fixture.laptop("佐藤 花子", branches: ["morioka"])
        var suzuki = try await office.fixture.laptop("鈴木 一郎", branches: ["morioka"])
        var keys: [EntityKey] = []
        for _ in 0..<2 {
            let (visit, recorded) = try sato.addVisit(to: EntityKey(.company, RecordID(rawValue: company)), notes: "初回")
            #expect(try await office.fixture.push([recorded], from: sato).map(\.status) == [.accepted])
            try suzuki.replica.apply(recorded)
            let deleted = try sato.commit([.delete(visit)])
            let edited = try suzuki.commit([.set(visit, field: "notes", value: .text("削除と同時の追記"))])
            #expect(try await office.fixture.push([deleted], from: sato).map(\.status) == [.accepted])
            #expect(try await office.fixture.push([edited], from: suzuki).map(\.status) == [.accepted])
            try suzuki.replica.apply(deleted)
            try sato.replica.apply(edited)
            keys.append(visit)
        }
        let (restored, confirmed) = (keys[0], keys[1])
        try await office.test { client in
            var browser = Browser(client: client)
            #expect(try await browser.login("高橋 課長", password: "pw-高橋 課長").status == .seeOther)
            let queue = String(buffer: try await browser.send(.get, "/console/review?state=deleted").body)
            #expect(queue.contains(restored.id.rawValue) && queue.contains(confirmed.id.rawValue))

            for (key, action) in [(restored, "restore"), (confirmed, "confirm-deletion")] {
                let path = "/console/records/visit/\(key.id.rawValue)"
                let page = String(buffer: try await browser.send(.get, path).body)
                #expect(page.contains(#"<form id="restore""#) && page.contains(#"<form id="confirm-deletion""#))
                #expect(page.contains("削除と同時に編集されました"))
                let form = [("csrf", try #require(Browser.hidden("csrf", in: page))), ("version", try #require(Browser.hidden("version", in: page)))]
                #expect(try await browser.send(.post, path + "/" + action, form: form).status == .seeOther)
            }
            let back = try #require(try await storage.state(of: restored))
            #expect(!back.isDeleted && back.visibleValues["notes"] == .text("削除と同時の追記"))
            #expect(back.conflicts(of: restored, schema: .visit).isEmpty)
            let gone = try #require(try await storage.state(of: confirmed))
            #expect(gone.isDeleted && gone.conflicts(of: confirmed, schema: .visit).isEmpty)
            let after = String(buffer: try await browser.send(.get, "/console/review?state=deleted").body)
            #expect(!after.contains(restored.id.rawValue) && !after.contains(confirmed.id.rawValue))
        }
    }
}
