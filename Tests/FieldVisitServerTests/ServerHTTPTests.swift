import FieldVisitCore
import FieldVisitProtocol
import Foundation
import Testing
@testable import FieldVisitServer

/// The server as a laptop meets it: a real `fieldvisit-server` process over HTTPS on
/// loopback, spoken to with raw requests, including ones no laptop would send.
@Suite(.serialized) struct ServerHTTPTests {
    let server: ServerProcess
    let api: APIClient

    init() throws {
        server = try ServerProcess()
        try server.provision(
            branches: [("morioka", "盛岡支店"), ("miyako", "宮古支店")],
            users: [("sato", "field", ["morioka"]), ("ito", "field", ["miyako"]), ("kanri", "manager", ["morioka"])]
        )
        api = try APIClient(server: server)
    }

    /// The change sets in the server's log, read from its database.
    func logCount() async throws -> Int {
        try await SQLiteStorage(directory: server.data).logCount()
    }

    @Test func healthMetricsAndUnknownPathsAnswerAsDocumented() async throws {
        let health = try await api.send(.GET, "/health")
        #expect(health.status == 200)
        let missing = try await api.send(.GET, "/v1/nothing")
        #expect(missing.status == 404)
        #expect(try JSONDecoder().decode(Problem.self, from: missing.body).code == .notFound)
        let wrongMethod = try await api.send(.PUT, Endpoint.changes, body: Data("{}".utf8))
        #expect(wrongMethod.status == 404)
        let metrics = try PrometheusText(String(decoding: try await api.send(.GET, "/metrics").body, as: UTF8.self))
        #expect(metrics.value("hb_requests", ["http_route": "/health", "http_request_method": "GET", "http_response_status_code": "200"]) == 1)
        #expect(metrics.value("hb_requests", ["http_route": "NotFound", "http_request_method": "PUT", "http_response_status_code": "404"]) == 1)
        #expect(metrics.value("fieldvisit_change_sets_accepted_total") == 0)
    }

    @Test func loginsAreCheckedSlowedDownAndAudited() async throws {
        let replica = ReplicaID.random()
        #expect(try await api.enrol("sato", replica: replica, password: "wrong").status == 401)
        #expect(try await api.enrol("nobody", replica: replica).status == 401)
        let enrolled = try await api.enrol("sato", replica: replica)
        #expect(enrolled.status == 201)
        let token = try #require(enrolled.token)
        #expect(Data(base64Encoded: token.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/") + "=")?.count == 32)
        // Another user cannot take over sato's replica.
        #expect(try await api.enrol("kanri", replica: replica).status == 409)
        // Guesses until the throttle answers: the wait doubles with each one counted, so
        // it soon outlasts how slowly a loaded machine checks the passwords.
        func attempt(_ password: String) async throws -> (status: Int, wait: Double?) {
            let body = try CanonicalJSON.encode(EnrolmentRequest(user: "ito", password: password, replica: .random(), deviceName: "itoのノートPC"))
            let response = try await api.send(.POST, Endpoint.devices, body: body)
            let detail = (try? JSONDecoder().decode(Problem.self, from: response.body))?.detail ?? ""
            let wait = detail.firstMatch(of: /wait (\d+) seconds/).flatMap { Double($0.1) }
            return (response.status, wait)
        }
        // Guesses until the throttle answers; then, each time its wait runs out, one
        // more, counted, which doubles it, until it is long enough to test within.
        var guesses: [Int] = []
        var refusedAt = Date(), wait: Double = 0
        for _ in 0..<16 {
            let guess = try await attempt("guess")
            guesses.append(guess.status)
            guard guess.status == 429 else { continue }
            (refusedAt, wait) = (Date(), guess.wait ?? 0)
            if wait >= 4 { break }
            try await Task.sleep(for: .seconds(wait))
        }
        let firstRefusal = try #require(guesses.firstIndex(of: 429), "\(guesses)")
        #expect(firstRefusal >= 1 && guesses[..<firstRefusal].allSatisfy { $0 == 401 }, "\(guesses)")
        #expect(wait >= 4, "\(guesses)")
        // Even the right password waits its turn. The wait is told rounded up, and the
        // request takes a moment to arrive: sent within it less 1.5 s, it is refused.
        let sentAt = Date()
        let throttled = try await attempt("password-ito")
        if sentAt.timeIntervalSince(refusedAt) < wait - 1.5 { #expect(throttled.status == 429) }

        let trail = try await SQLiteStorage(directory: server.data).auditTrail(since: .distantPast, user: nil)
        // The address's guesses count too, so which of ito's guesses are checked or
        // refused depends on timing; each kind of failure is in the trail.
        let failures = trail.filter { $0.kind == .loginFailed }
        #expect(failures.contains { $0.user == "sato" && $0.detail == "wrong password" })
        #expect(failures.contains { $0.user == "nobody" && $0.detail == "unknown user" })
        #expect(failures.contains { $0.user == "ito" && $0.detail.hasPrefix("refused") })
        #expect(trail.contains { $0.kind == .deviceEnrolled && $0.user == "sato" && $0.address == "127.0.0.1" })
    }

    @Test func disabledUsersAndRevokedDevicesAreRefused() async throws {
        let sato = try #require(try await api.enrol("sato", replica: .random()).token)
        let kanri = try #require(try await api.enrol("kanri", replica: .random()).token)
        #expect(try await api.send(.GET, "\(Endpoint.changes)?after=0", token: sato).status == 200)
        #expect(try server.admin(["user", "disable", "sato"]).status == 0)
        let disabled = try await api.send(.GET, "\(Endpoint.changes)?after=0", token: sato)
        #expect(disabled.status == 403)
        #expect(try JSONDecoder().decode(Problem.self, from: disabled.body).code == .userDisabled)
        #expect(try await api.enrol("sato", replica: .random()).status == 403)

        let devices = try JSONDecoder().decode([Device].self, from: Data(try server.admin(["device", "list", "--json"]).output.utf8))
        let kanriDevice = try #require(devices.first { $0.user == "kanri" })
        #expect(try server.admin(["device", "revoke", kanriDevice.id]).status == 0)
        let revoked = try await api.send(.GET, "\(Endpoint.changes)?after=0", token: kanri)
        #expect(revoked.status == 403)
        #expect(try JSONDecoder().decode(Problem.self, from: revoked.body).code == .deviceRevoked)
        #expect(try await api.send(.GET, Endpoint.snapshot, token: "not-a-token").status == 401)
        #expect(try await api.send(.GET, Endpoint.snapshot).status == 401)
    }

    @Test func badInputGetsAProblemAndStoresNothing() async throws {
        var laptop = Replica(id: .random(), schema: .fieldVisit)
        let token = try #require(try await api.enrol("sato", replica: laptop.id).token)
        func problem(_ body: Data, contentType: String = "application/json") async throws -> (Int, ProblemCode?) {
            let response = try await api.send(.POST, Endpoint.changes, body: body, token: token, contentType: contentType)
            return (response.status, try? JSONDecoder().decode(Problem.self, from: response.body).code)
        }
        #expect(try await problem(Data("{\"changeSets\": [".utf8)) == (400, .malformedRequest))
        #expect(try await problem(Data("{\"changeSets\": 5}".utf8)) == (400, .malformedRequest))
        #expect(try await problem(Data("[]".utf8)) == (400, .malformedRequest))
        #expect(try await problem(Data("{}".utf8), contentType: "text/plain") == (400, .malformedRequest))

        let company = EntityKey(.company, .random())
        let valid = try laptop.commit([.set(company, field: "name", value: "株式会社カワムラ"), .set(company, field: "branch", value: "morioka")], author: "sato", now: 1)
        // A wrongly typed value and an unknown record type, each beside a valid change set.
        var wrongType = valid
        wrongType.operations = [.set(company, field: "employees", value: .text("たくさん"))]
        #expect(try await api.push([valid, wrongType], token: token).status == 422)
        var unknownType = valid
        unknownType.operations = [.set(EntityKey(RecordType(rawValue: "spaceship"), .random()), field: "name", value: "x")]
        let unknown = try await api.push([valid, unknownType], token: token)
        #expect(unknown.status == 422)
        #expect(unknown.problem?.code == .invalidChangeSet)
        // Too large a body, too many change sets, too large a value.
        let huge = Data(repeating: UInt8(ascii: " "), count: SyncLimits.maxBodyBytes + 1)
        #expect(try await problem(huge) == (413, .bodyTooLarge))
        let many = Array(repeating: valid, count: SyncLimits.maxChangeSetsPerPush + 1)
        #expect(try await api.push(many, token: token).problem?.code == .tooManyChangeSets)
        var bulky = valid
        bulky.operations = [.set(company, field: "answer.q1", value: .text(String(repeating: "あ", count: SyncLimits.maxValueBytes)))]
        #expect(try await api.push([bulky], token: token).status == 422)
        // Pull parameters.
        #expect(try await api.send(.GET, "\(Endpoint.changes)?after=abc", token: token).status == 400)
        #expect(try await api.send(.GET, "\(Endpoint.changes)?after=0&limit=0", token: token).status == 400)
        #expect(try await api.send(.GET, "\(Endpoint.changes)?after=-1", token: token).status == 400)
        #expect(try await logCount() == 0)
        #expect(try await api.push([valid], token: token).results.map(\.status) == [.accepted])
        #expect(try await logCount() == 1)
    }

    @Test func theLogHoldsCanonicalJSONWhateverFormAPushCameIn() async throws {
        var laptop = Replica(id: .random(), schema: .fieldVisit)
        let token = try #require(try await api.enrol("sato", replica: laptop.id).token)
        let company = EntityKey(.company, .random())
        let notes = "社長と面談。\"後継者\"は未定\n\t/ \\ \u{01}\u{7F} 🏭"
        let created = try laptop.commit([.set(company, field: "name", value: .text("株式会社カワムラ \(notes)")), .set(company, field: "branch", value: "morioka")],
                                        author: "sato", now: 1)
        let edited = try laptop.commit([.set(company, field: "representativeName", value: .text(notes))], author: "sato", now: 2)
        let renamed = try laptop.commit([.set(company, field: "nameKana", value: "カワムラ")], author: "sato", now: 3)
        // Canonical bytes, a pretty-printed body, and escapes the canonical form does not use.
        #expect(try await api.push([created], token: token).results.map(\.status) == [.accepted])
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted]
        let pretty = try await api.send(.POST, Endpoint.changes, body: try encoder.encode(PushRequest(changeSets: [edited])), token: token)
        #expect(try JSONDecoder().decode(PushResponse.self, from: pretty.body).results.map(\.status) == [.accepted])
        let escaped = String(decoding: PushRequest(changeSets: [renamed]).encoded(), as: UTF8.self)
            .replacingOccurrences(of: "カワムラ", with: #"\u30ab\u30ef\u30e0\u30e9"#)
        #expect(try await api.push([renamed], token: token).status == 200)
        let again = try await api.send(.POST, Endpoint.changes, body: Data(escaped.utf8), token: token)
        #expect(try JSONDecoder().decode(PushResponse.self, from: again.body).results.map(\.status) == [.duplicate])

        let stored = try await SQLiteStorage(directory: server.data).pull(after: 0, limit: 10, scope: .all).json
        let expected = Data(#"{"changeSets":["#.utf8) + CanonicalJSONWriter.encode(created) + Data(",".utf8) + CanonicalJSONWriter.encode(edited)
            + Data(",".utf8) + CanonicalJSONWriter.encode(renamed) + Data(#"],"cursor":3,"more":false}"#.utf8)
        #expect(stored == expected)
    }

    @Test func forgedChangeSetsAndOtherBranchesAreRefused() async throws {
        var sato = Replica(id: .random(), schema: .fieldVisit)
        var ito = Replica(id: .random(), schema: .fieldVisit)
        let satoToken = try #require(try await api.enrol("sato", replica: sato.id).token)
        let itoToken = try #require(try await api.enrol("ito", replica: ito.id).token)
        let morioka = EntityKey(.company, .random())
        let miyako = EntityKey(.company, .random())
        let mine = try sato.commit([.set(morioka, field: "name", value: "盛岡の会社"), .set(morioka, field: "branch", value: "morioka")], author: "sato", now: 1)
        let theirs = try ito.commit([.set(miyako, field: "name", value: "宮古の会社"), .set(miyako, field: "branch", value: "miyako")], author: "ito", now: 1)
        #expect(try await api.push([mine], token: satoToken).results.map(\.status) == [.accepted])
        #expect(try await api.push([theirs], token: itoToken).results.map(\.status) == [.accepted])

        // ito's change set replayed through sato's token; one of sato's claiming ito wrote it.
        #expect(try await api.push([theirs], token: satoToken).problem?.code == .wrongReplica)
        var forged = try sato.commit([.set(morioka, field: "representativeName", value: "x")], author: "sato", now: 2)
        forged.author = "ito"
        #expect(try await api.push([forged], token: satoToken).problem?.code == .wrongAuthor)
        // sato writing into ito's branch.
        let intruder = Replica(id: sato.id, schema: .fieldVisit, counter: 1, clock: sato.clock, entities: [:])
        let intrusion = try intruder.prepare([.set(miyako, field: "name", value: "乗っ取り")], author: "sato", now: 3)
        let refused = try await api.push([intrusion], token: satoToken)
        #expect(refused.status == 403)
        #expect(refused.problem?.code == .forbidden)
        #expect(try await logCount() == 2)

        // Each sees only their branch.
        #expect(try await api.pull(token: satoToken).changeSets.map(\.dot) == [mine.dot])
        #expect(try await api.pull(token: itoToken).changeSets.map(\.dot) == [theirs.dot])
        let snapshot = try JSONDecoder().decode(Snapshot.self, from: try await api.send(.GET, Endpoint.snapshot, token: itoToken).body)
        #expect(snapshot.records.map(\.key) == [miyako])
    }

    @Test("problems and refused change sets answer in the language the request asks for; the code is the same in both")
    func problemsSpeakTheAskedLanguage() async throws {
        let japanese = [("Accept-Language", "ja-JP,ja;q=0.9,en;q=0.5")]
        func problem(_ response: (status: Int, body: Data, headers: some Sendable)) throws -> Problem {
            try JSONDecoder().decode(Problem.self, from: response.body)
        }
        let noToken = try await api.send(.GET, "\(Endpoint.changes)?after=0", headers: japanese)
        #expect(noToken.status == 401)
        #expect(try problem(noToken).code == .unauthenticated)
        #expect(try problem(noToken).detail == "端末の認証情報を `Authorization: Bearer <token>` で送ってください。先に fieldvisit login を実行してください")
        #expect(noToken.headers.first(name: "Content-Language") == "ja")
        let inEnglish = try await api.send(.GET, "\(Endpoint.changes)?after=0")
        #expect(try problem(inEnglish).detail == "send the device token as `Authorization: Bearer <token>`; run `fieldvisit login` first")
        #expect(inEnglish.headers.first(name: "Content-Language") == "en")
        // A hostile header: 30 KB of weights out of range, with tabs. English, and no harm.
        let hostile = try await api.send(.GET, "\(Endpoint.changes)?after=0",
                                         headers: [("Accept-Language", String(repeating: "ja;q=2,\tja;q=nan, ", count: 1_600))])
        #expect(hostile.status == 401 && hostile.headers.first(name: "Content-Language") == "en")
        #expect(try problem(hostile).code == .unauthenticated)
        let missing = try await api.send(.GET, "/v1/nothing", headers: japanese)
        #expect(try problem(missing).detail == "GET /v1/nothing はこのサーバーの窓口ではありません")
        #expect(String(decoding: missing.body, as: UTF8.self).contains("japaneseDetail") == false)

        // A refused change set's reason, and a reviewer-only decision.
        var sato = Replica(id: .random(), schema: .fieldVisit)
        let token = try #require(try await api.enrol("sato", replica: sato.id).token)
        let company = EntityKey(.company, .random())
        let elsewhere = try sato.commit([.set(company, field: "name", value: "宮古の会社"), .set(company, field: "branch", value: "miyako")], author: "sato", now: 1)
        let refused = try await api.send(.POST, Endpoint.changes, body: try CanonicalJSON.encode(PushRequest(changeSets: [elsewhere])), token: token, headers: japanese)
        #expect(refused.status == 403)
        #expect(try problem(refused).code == .forbidden)
        #expect(try problem(refused).detail == "企業 \(company.id) の担当支所 miyako は、sato さんの担当支所ではありません")
        let fresh = Replica(id: sato.id, schema: .fieldVisit, counter: 1, clock: sato.clock, entities: [:])
        let approval = try fresh.prepare([.set(EntityKey(.visit, .random()), field: "reviewState", value: "approved")], author: "sato", now: 2)
        let decision = try await api.send(.POST, Endpoint.changes, body: try CanonicalJSON.encode(PushRequest(changeSets: [approval])), token: token, headers: japanese)
        #expect(try problem(decision).code == .forbidden)
        #expect(try problem(decision).detail.hasSuffix("記録を承認したり差し戻したりできるのは管理職か管理者だけです。担当者は下書きか提出済みにできます"))
        #expect(try await logCount() == 0)
    }

    @Test func aClientTrustingAnotherCARefusesToConnect() async throws {
        let other = try ServerProcess()
        let wrong = try APIClient(server: server, caFile: other.caFile)
        await #expect(throws: (any Error).self) { _ = try await wrong.send(.GET, "/health") }
        other.stop()
    }

    @Test func sigtermLetsAPushInFlightFinishAndStopsCleanly() async throws {
        var laptop = Replica(id: .random(), schema: .fieldVisit)
        let token = try #require(try await api.enrol("sato", replica: laptop.id).token)
        let changes = try (0..<1000).map { index in
            let company = EntityKey(.company, .random())
            return try laptop.commit([.set(company, field: "name", value: .text("株式会社停止\(index)")), .set(company, field: "branch", value: "morioka")],
                                     author: "sato", now: Int64(index))
        }
        let api = api
        let push = Task { try await api.push(changes, token: token) }
        try await Task.sleep(for: .milliseconds(150))
        kill(server.process.processIdentifier, SIGTERM)
        let response = try await push.value
        #expect(response.status == 200)
        #expect(response.results.allSatisfy { $0.status == .accepted })
        server.process.waitUntilExit()
        #expect(server.process.terminationStatus == 0)
        #expect(try await logCount() == 1000)
    }

    @Test func plainHTTPOnlyOnLoopback() async throws {
        let refused = try BuiltProgram.server.run(["serve", "--insecure-http", "--host", "0.0.0.0", "--port", "0", "--data-dir", server.data.path])
        #expect(refused.status == 2)
        #expect(refused.error.contains("loopback"))
    }
}
