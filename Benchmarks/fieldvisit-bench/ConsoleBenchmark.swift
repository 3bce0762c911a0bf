import AsyncHTTPClient
import FieldVisitCore
import FieldVisitProtocol
import FieldVisitServer
import Foundation
import HummingbirdBcrypt
import NIOCore
import NIOHTTP1
import NIOSSL

/// The review console's pages over HTTPS, served by a server in this process from a
/// branch of 10,000 companies and 100,000 visits, 10,000 of them waiting (submitted):
/// the time from request to the last byte of the page, on loopback.
struct ConsoleBenchmark {
    var companyCount = 10_000
    var visitCount = 100_000
    var waitingCount = 10_000

    func run() async throws {
        print("== console: \(companyCount.formatted()) companies, \(visitCount.formatted()) visits, \(waitingCount.formatted()) waiting")
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("fieldvisit-bench-console-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let server = try await BenchServer.start(directory: directory)
        defer { server.stop() }
        let storage = server.storage
        let staff = "佐藤 花子"
        _ = try await server.enrol(staff)
        try await storage.addUser(User(name: "高橋 課長", role: .manager, branches: ["morioka"]), passwordHash: Bcrypt.hash("pw-manager-1", cost: 4))
        guard let device = try await storage.devices().first(where: { $0.user == staff }),
              let user = try await storage.user(named: staff)?.user else { throw BenchFailure("the staff member was not enrolled") }
        let admission = ChangeAdmission(schema: .fieldVisit, caller: Caller(user: user, device: device, address: nil))

        let fill = try await measureAsync {
            var replica = Replica(id: device.replica, schema: .fieldVisit)
            var pending: [ChangeSet] = []
            var companies: [EntityKey] = []
            var conflicted: EntityKey?
            func flush() async throws {
                _ = try await storage.push(pending, admission: admission, now: Date())
                pending.removeAll(keepingCapacity: true)
            }
            for number in 0..<companyCount {
                let key = EntityKey(.company, .random())
                companies.append(key)
                // One company in five follows a cohort, so that each cohort has a funnel to draw.
                var edits = BranchRecords.company(key, number: number)
                if number % 5 == 0 { edits.append(.add(key, field: "cohortTags", element: .text(CohortTag.allCases[number / 5 % CohortTag.allCases.count].rawValue))) }
                pending.append(try replica.commit(edits, author: staff, now: 1_764_000_000_000))
                if pending.count == 500 { try await flush() }
            }
            for number in 0..<visitCount {
                let key = EntityKey(.visit, .random())
                var edits = BranchRecords.visit(key, company: companies[number % companyCount], staff: staff)
                if number % (visitCount / waitingCount) == 0 { edits.append(.set(key, field: "reviewState", value: .text("submitted"))) }
                pending.append(try replica.commit(edits, author: staff, now: 1_764_000_000_000 + Int64(number)))
                if pending.count == 500 { try await flush() }
                conflicted = conflicted ?? key
            }
            try await flush()
            return (conflicted, companies.first)
        }
        print(row("filling the server (pushes of 500)", String(format: "%.1f", fill.seconds), "s"))
        guard let record = fill.result.0, let company = fill.result.1 else { throw BenchFailure("no visit was made") }

        // A browser's requests, each answered as it is: the login's redirect carries the cookie.
        var tls = TLSConfiguration.makeClientConfiguration()
        tls.trustRoots = .file(server.caFile.path)
        var configuration = HTTPClient.Configuration(tlsConfiguration: tls)
        configuration.redirectConfiguration = .disallow
        let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        let cookie = try await login(client, server: server)
        // The first report builds the reading store from the log, as a new laptop's first sync would.
        let first = try await measureAsync { try await get(client, server.url + "/console/reports?year=2026", cookie: cookie) }
        print(row("the first report after the server starts (builds its store from the log)", String(format: "%.1f", first.seconds), "s"))
        let pages: [(String, String)] = [
            ("the review queue, first page (10,000 waiting)", "/console/review"),
            ("the review queue, page 100, submitted only", "/console/review?state=submitted&page=100"),
            ("the review queue filtered by staff and dates", "/console/review?staff=%E4%BD%90%E8%97%A4%20%E8%8A%B1%E5%AD%90&from=2026-11-01&to=2026-11-30"),
            ("a record page", "/console/records/visit/\(record.id.rawValue)"),
            ("reports: visits by purpose over 100,000 visits", "/console/reports?year=2026&report=visits"),
            ("reports: support and referrals", "/console/reports?year=2026&report=outcomes"),
            ("reports: the funnels of the five cohorts", "/console/reports?year=2026&report=funnel"),
            ("reports: succession", "/console/reports?year=2026&report=succession"),
            ("the visits report as CSV", "/console/reports/visits.csv?year=2026"),
            ("the support report as CSV (Shift_JIS)", "/console/reports/outcomes.csv?year=2026&encoding=shift_jis"),
            ("a company page (its benchmark read, no hearing sheet)", "/console/records/company/\(company.id.rawValue)"),
        ]
        for (label, path) in pages {
            _ = try await get(client, server.url + path, cookie: cookie) // warm
            var times: [Double] = []
            for _ in 0..<20 { times.append(try await measureAsync { try await get(client, server.url + path, cookie: cookie) }.seconds) }
            times.sort()
            print(row(label + " (best, median of 20)", String(format: "%.1f / %.1f", times[0] * 1000, times[10] * 1000), "ms"))
        }
        try await client.shutdown()
    }

    /// Logs in as the manager; returns the session cookie.
    private func login(_ client: HTTPClient, server: BenchServer) async throws -> String {
        var request = HTTPClientRequest(url: server.url + "/console/login")
        let response = try await client.execute(request, timeout: .seconds(30))
        let page = String(buffer: try await response.body.collect(upTo: 1 << 20))
        guard let loginCookie = response.headers["Set-Cookie"].first?.split(separator: ";").first,
              let range = page.range(of: #"name="csrf" value=""#) else { throw BenchFailure("no login form") }
        let csrf = page[range.upperBound...].prefix { $0 != "\"" }
        request = HTTPClientRequest(url: server.url + "/console/login")
        request.method = .POST
        request.headers.add(name: "Cookie", value: String(loginCookie))
        request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
        request.body = .bytes(ByteBuffer(string: "csrf=\(csrf)&user=%E9%AB%98%E6%A9%8B%20%E8%AA%B2%E9%95%B7&password=pw-manager-1"))
        let answer = try await client.execute(request, timeout: .seconds(30))
        guard let session = answer.headers["Set-Cookie"].first(where: { $0.hasPrefix("fv_session=") })?.split(separator: ";").first else {
            throw BenchFailure("the manager could not log in: \(answer.status)")
        }
        return String(session)
    }

    @discardableResult
    private func get(_ client: HTTPClient, _ url: String, cookie: String) async throws -> Int {
        var request = HTTPClientRequest(url: url)
        request.headers.add(name: "Cookie", value: cookie)
        let response = try await client.execute(request, timeout: .seconds(60))
        let body = try await response.body.collect(upTo: 16 << 20)
        guard response.status == .ok else { throw BenchFailure("GET \(url): \(response.status) \(String(buffer: body).prefix(300))") }
        return body.readableBytes
    }
}
