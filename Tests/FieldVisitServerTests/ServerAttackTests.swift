import FieldVisitClient
import FieldVisitCore
import FieldVisitProtocol
import Foundation
import Testing
@testable import FieldVisitServer

/// The server as an attacker with a valid field-staff login meets it (and one who has
/// none): a real `fieldvisit-server` over HTTPS, sent what no laptop would send. Each
/// request is refused with a problem, the server keeps serving, and nothing is stored.
@Suite(.serialized) struct ServerAttackTests {
    let server: ServerProcess
    let api: APIClient

    init() throws {
        server = try ServerProcess(arguments: ["--idle-timeout", "2"])
        try server.provision(
            branches: [("morioka", "盛岡支店"), ("miyako", "宮古支店")],
            users: [("sato", "field", ["morioka"]), ("suzuki", "field", ["morioka"]), ("ito", "field", ["miyako"]), ("kanri", "manager", ["morioka"])]
        )
        api = try APIClient(server: server)
    }

    func logCount() async throws -> Int {
        try await SQLiteStorage(directory: server.data).logCount()
    }

    func audit() async throws -> [AuditEvent] {
        try await SQLiteStorage(directory: server.data).auditTrail(since: .distantPast, user: nil)
    }

    /// A laptop of `user`, enrolled, with a company of `branch` pushed.
    func laptop(_ user: String, branch: String = "morioka") async throws -> (replica: Replica, token: String, company: EntityKey) {
        var replica = Replica(id: .random(), schema: .fieldVisit)
        let token = try #require(try await api.enrol(user, replica: replica.id).token)
        let company = EntityKey(.company, .random())
        let created = try replica.commit([.set(company, field: "name", value: "株式会社カワムラ"), .set(company, field: "branch", value: .text(branch))],
                                         author: user, now: ChangeAdmission.now())
        #expect(try await api.push([created], token: token).results.map(\.status) == [.accepted])
        return (replica, token, company)
    }

    /// A change set body with a dependency counter spliced in.
    func pushBody(_ change: ChangeSet, splicing old: String, with new: String) -> Data {
        let text = String(decoding: CanonicalJSONWriter.encode(change), as: UTF8.self).replacingOccurrences(of: old, with: new)
        return Data(#"{"changeSets":[\#(text)]}"#.utf8)
    }

    @Test func hugeCountersAndClocksAreRefusedAndTheServerLives() async throws {
        var (replica, token, company) = try await laptop("sato")
        let before = try await logCount()
        let next = try replica.commit([.set(company, field: "representativeName", value: "川村 一郎")], author: "sato", now: ChangeAdmission.now())
        let own = "\"\(replica.id)\":1"
        for counter in ["9223372036854775808", "18446744073709551615", "9007199254740992"] {
            let foreign = pushBody(next, splicing: own, with: own + ",\"11111111-2222-4333-8444-555555555555\":\(counter)")
            let response = try await api.send(.POST, Endpoint.changes, body: foreign, token: token)
            #expect([400, 422].contains(response.status), "\(counter): \(response.status)")
            #expect((try? JSONDecoder().decode(Problem.self, from: response.body)) != nil)
            let dot = pushBody(next, splicing: "\"counter\":2", with: "\"counter\":\(counter)")
            #expect([400, 422].contains(try await api.send(.POST, Endpoint.changes, body: dot, token: token).status))
        }
        // A time in the year 9999 and beyond, and one two days ahead of the server's clock.
        let future = pushBody(next, splicing: "\"time\":\(next.timestamp.time)", with: "\"time\":9223372036854775807")
        #expect(try await api.send(.POST, Endpoint.changes, body: future, token: token).status == 400)
        var ahead = next
        ahead.timestamp = HybridTimestamp(time: ChangeAdmission.now() + 2 * 86_400_000)
        let refused = try await api.push([ahead], token: token)
        #expect(refused.status == 422)
        #expect(refused.problem?.code == .clockAhead)
        #expect(refused.problem?.detail.contains("clock") == true)
        // Forty thousand dependencies: refused by count, at once.
        let many = (0..<40_000).map { #""\#(String(format: "%08x-0000-4000-8000-000000000000", $0))":1"# }.joined(separator: ",")
        let wide = pushBody(next, splicing: own, with: own + "," + many)
        let started = ContinuousClock.now
        #expect([400, 422].contains(try await api.send(.POST, Endpoint.changes, body: wide, token: token).status))
        #expect(ContinuousClock.now - started < .seconds(10), "a wide clock took \(ContinuousClock.now - started)")

        #expect(try await api.send(.GET, Endpoint.health).status == 200)
        #expect(try await logCount() == before)
        #expect(try await api.push([next], token: token).results.map(\.status) == [.accepted])
    }

    @Test func contentTypesAreCheckedAndUnknownKeysIgnored() async throws {
        var (replica, token, company) = try await laptop("sato")
        let next = try replica.commit([.set(company, field: "representativeName", value: "川村 一郎")], author: "sato", now: ChangeAdmission.now())
        let body = try CanonicalJSON.encode(PushRequest(changeSets: [next]))
        for type in [nil, "application/jsonx", "application/json; charset=utf-16", "text/json", "application/json; boundary=x"] as [String?] {
            let response = try await api.send(.POST, Endpoint.changes, body: body, token: token, contentType: type)
            #expect(response.status == 400, "\(type ?? "none"): \(response.status)")
            #expect(try JSONDecoder().decode(Problem.self, from: response.body).code == .malformedRequest)
        }
        let withExtra = Data(String(decoding: body, as: UTF8.self).replacingOccurrences(of: #"{"changeSets""#, with: #"{"client":{"name":"試験","build":[1,2]},"changeSets""#).utf8)
        let accepted = try await api.send(.POST, Endpoint.changes, body: withExtra, token: token, contentType: "Application/JSON; charset=UTF-8")
        #expect(accepted.status == 200)
        #expect(try JSONDecoder().decode(PushResponse.self, from: accepted.body).results.map(\.status) == [.accepted])
        // NUL in text.
        var nul = try replica.prepare([.set(company, field: "address", value: "盛岡市中央通")], author: "sato", now: ChangeAdmission.now())
        nul.operations = [.set(company, field: "address", value: "盛岡市\u{0}中央通")]
        #expect(try await api.push([nul], token: token).status == 422)
    }

    @Test func refusalsDoNotTellWhichRecordsOrBranchesExistElsewhere() async throws {
        let ito = try await laptop("ito", branch: "miyako")
        let (replica, token, _) = try await laptop("sato")
        let before = try await logCount()
        func visitNaming(_ company: RecordID) throws -> ChangeSet {
            let visit = EntityKey(.visit, .random())
            let probe = Replica(id: replica.id, schema: .fieldVisit, counter: replica.counter, clock: replica.clock, entities: [:])
            return try probe.prepare([.set(visit, field: "company", value: .text(company.rawValue)), .set(visit, field: "date", value: "2026-12-01"),
                                      .set(visit, field: "purpose", value: "companyVisit")], author: "sato", now: ChangeAdmission.now())
        }
        let existing = try await api.push([try visitNaming(ito.company.id)], token: token)
        let absent = try await api.push([try visitNaming(.random())], token: token)
        #expect(existing.results.first?.code == absent.results.first?.code)
        #expect(existing.problem?.code == absent.problem?.code)
        #expect(existing.status == absent.status)
        let words = { (text: String?) in (text ?? "").replacingOccurrences(of: #"[0-9a-f-]{36}|[0-9]+:[0-9]+"#, with: "ID", options: .regularExpression) }
        #expect(words(existing.results.first?.reason ?? existing.problem?.detail) == words(absent.results.first?.reason ?? absent.problem?.detail))
        let told = existing.results.first?.reason ?? existing.problem?.detail ?? ""
        #expect(!told.contains("miyako"))
        // A branch that exists and one that does not, outside sato's.
        func companyIn(_ branch: String) throws -> ChangeSet {
            let probe = Replica(id: replica.id, schema: .fieldVisit, counter: replica.counter, clock: replica.clock, entities: [:])
            let company = EntityKey(.company, .random())
            return try probe.prepare([.set(company, field: "name", value: "探り"), .set(company, field: "branch", value: .text(branch))], author: "sato", now: ChangeAdmission.now())
        }
        let real = try await api.push([try companyIn("miyako")], token: token)
        let made = try await api.push([try companyIn("kuji")], token: token)
        #expect(real.status == made.status)
        #expect(real.problem?.code == made.problem?.code)
        #expect(words(real.problem?.detail).replacingOccurrences(of: "miyako", with: "X") == words(made.problem?.detail).replacingOccurrences(of: "kuji", with: "X"))
        #expect(try await logCount() == before)
    }

    @Test func fieldStaffCannotSettleAConflictOrWriteTheReviewersFields() async throws {
        var (sato, satoToken, company) = try await laptop("sato")
        var suzuki = Replica(id: .random(), schema: .fieldVisit)
        let suzukiToken = try #require(try await api.enrol("suzuki", replica: suzuki.id).token)
        let pulled = try await api.pull(token: suzukiToken)
        for change in pulled.changeSets { try suzuki.apply(change) }
        let fromSato = try sato.commit([.set(company, field: "representativeName", value: "川村 一郎")], author: "sato", now: ChangeAdmission.now())
        let fromSuzuki = try suzuki.commit([.set(company, field: "representativeName", value: "川村 次郎")], author: "suzuki", now: ChangeAdmission.now())
        #expect(try await api.push([fromSato], token: satoToken).results.map(\.status) == [.accepted])
        #expect(try await api.push([fromSuzuki], token: suzukiToken).results.map(\.status) == [.accepted])
        let before = try await logCount()
        // Sato, without pulling, writes suzuki's value over his own: the conflict would vanish.
        let copy = try sato.commit([.set(company, field: "representativeName", value: "川村 次郎")], author: "sato", now: ChangeAdmission.now())
        let refused = try await api.push([copy], token: satoToken)
        #expect(refused.status == 403)
        #expect(refused.problem?.code == .forbidden)
        // A review comment written by field staff.
        var other = Replica(id: .random(), schema: .fieldVisit)
        let otherToken = try #require(try await api.enrol("sato", replica: other.id).token)
        let visit = EntityKey(.visit, .random())
        let comment = try other.commit([.set(visit, field: "company", value: .text(company.id.rawValue)), .set(visit, field: "date", value: "2026-12-01"),
                                        .set(visit, field: "purpose", value: "companyVisit"), .set(visit, field: "reviewComment", value: "確認しました（課長）")],
                                       author: "sato", now: ChangeAdmission.now())
        #expect(try await api.push([comment], token: otherToken).problem?.code == .forbidden)
        #expect(try await logCount() == before)
        let conflicts = try await SQLiteStorage(directory: server.data).conflicts()
        #expect(conflicts.map(\.fields) == [["representativeName"]])
    }

    @Test func pagesAreBoundedInBytes() async throws {
        var (replica, token, company) = try await laptop("sato")
        let note = String(repeating: "面", count: 3990)   // 11,970 bytes
        // Visits of long notes: more than a page's bytes in all.
        var visits: [ChangeSet] = []
        for index in 0..<400 {
            let visit = EntityKey(.visit, .random())
            visits.append(try replica.commit([.set(visit, field: "company", value: .text(company.id.rawValue)), .set(visit, field: "date", value: "2026-11-01"),
                                              .set(visit, field: "purpose", value: "companyVisit"), .set(visit, field: "notes", value: .text(note + String(index)))],
                                             author: "sato", now: ChangeAdmission.now()))
        }
        for page in stride(from: 0, to: visits.count, by: 200) {
            #expect(try await api.push(Array(visits[page..<page + 200]), token: token).results.allSatisfy { $0.status == .accepted })
        }
        var cursor: Int64 = 0
        var received = 0
        var pages = 0
        while true {
            let response = try await api.send(.GET, "\(Endpoint.changes)?after=\(cursor)&limit=2000", token: token)
            #expect(response.body.count <= SyncLimits.maxPageBytes + 64 * 1024)
            let page = try JSONDecoder().decode(PullPage.self, from: response.body)
            received += page.changeSets.count
            cursor = page.cursor
            pages += 1
            if !page.more { break }
        }
        #expect(received == 401)
        #expect(pages >= 2)
    }

    @Test func headersTooLargeToReadGetAProblemToo() async throws {
        let huge = String(repeating: "A", count: 100_000)
        let response = try await api.send(.GET, "\(Endpoint.changes)?after=0", token: huge)
        #expect(response.status == 400)
        let problem = try JSONDecoder().decode(Problem.self, from: response.body)
        #expect(problem.code == .malformedRequest)
        #expect(problem.detail.contains("80 KB"))
        #expect(try await api.send(.GET, Endpoint.health).status == 200)
    }

    @Test func idleConnectionsAreClosed() async throws {
        let port = try #require(URL(string: server.url)?.port)
        let sockets = try (0..<200).map { _ in try RawConnection(port: port) }
        try await Task.sleep(for: .seconds(4))
        let closed = sockets.filter(\.isClosedByPeer).count
        #expect(closed == sockets.count)
        // The server still serves.
        #expect(try await api.send(.GET, Endpoint.health).status == 200)
    }

    @Test func loginGuessesAreBoundedBeforeAnyPasswordIsCheckedAndAuditedCompactly() async throws {
        let api = api
        let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<60 { group.addTask { try await api.enrol("sato", replica: .random(), password: "wrong").status } }
            return try await group.reduce(into: [Int]()) { $0.append($1) }
        }
        // Only the free attempts reach a password check.
        // (A wait of a second starts after the third; a slow run may see one or two more.)
        #expect(statuses.filter { $0 == 401 }.count <= 5)
        #expect(statuses.filter { $0 == 429 || $0 == 503 }.count >= 55)
        let trail = try await audit()
        #expect(trail.filter { $0.kind == .loginFailed }.count <= 8)

        // A name of one letter and a million combining marks: refused before anything is written.
        let flood = "a" + String(repeating: "\u{0301}", count: 1_000_000)
        let sizeBefore = try await audit().count
        let response = try await api.send(.POST, Endpoint.devices,
                                          body: try CanonicalJSON.encode(EnrolmentRequest(user: flood, password: "x", replica: .random(), deviceName: "PC")))
        #expect(response.status == 400 || response.status == 413)
        #expect(response.body.count < 4096)
        #expect(try await audit().count == sizeBefore)
    }
}

/// A TCP connection that sends nothing: what an idle client, or one that never
/// finishes its handshake, holds open.
struct RawConnection {
    let descriptor: Int32

    init(port: Int) throws {
        descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard result == 0 else { throw POSIXError(.ECONNREFUSED) }
    }

    /// Whether the server has closed the connection: a read finds its end.
    var isClosedByPeer: Bool {
        var byte: UInt8 = 0
        let read = recv(descriptor, &byte, 1, Int32(MSG_DONTWAIT))
        defer { close(descriptor) }
        return read == 0 || (read < 0 && errno == ECONNRESET)
    }
}

/// A record cannot grow past its bound, however many replicas write to it at once:
/// concurrent values are all kept, so many devices writing long answers concurrently
/// would otherwise make a record, its pages and its snapshot of any size.
@Suite struct RecordSizeTests {
    @Test func concurrentLongAnswersFromManyDevicesStopAtTheRecordBound() async throws {
        let fixture = try await StorageFixture()
        var first = try await fixture.laptop("sato", branches: ["morioka"])
        let company = EntityKey(.company, .random())
        let sheet = EntityKey(.hearingSheet, .random())
        let created = try first.commit([.set(company, field: "name", value: "株式会社カワムラ"), .set(company, field: "branch", value: "morioka"),
                                        .set(sheet, field: "company", value: .text(company.id.rawValue))])
        #expect(try await fixture.push([created], from: first).map(\.status) == [.accepted])
        let questions = ["managementVision", "mainProducts", "strengths", "declineReason", "itUsage", "mainCustomers", "mainSuppliers", "organisationNotes"]
        let answer = String(repeating: "面", count: 3990)
        var statuses: [PushResult.Status] = []
        for device in 0..<14 {
            var laptop = try await fixture.laptop("sato", branches: ["morioka"])
            try laptop.replica.apply(created)
            let change = try laptop.commit(questions.map { .set(sheet, field: "answer." + $0, value: .text(answer + String(device))) })
            statuses += try await fixture.push([change], from: laptop).map(\.status)
        }
        // About 96 KB a device: the first ten fit in a mebibyte, the rest are refused.
        #expect(statuses.prefix(9).allSatisfy { $0 == .accepted })
        #expect(statuses.suffix(3).allSatisfy { $0 == .refused })
        let stored = try #require(try await fixture.storage.state(of: sheet))
        #expect(stored.approximateBytes <= ChangeSetLimits.maxRecordBytes)
    }
}

/// A laptop whose clock is wrong: the server refuses what it stamped days ahead, and
/// the laptop stamps it again with the server's time, syncs, and says so.
@Suite struct ClockAheadTests {
    @Test func aLaptopWhoseClockIsAheadStillSyncsAndIsToldSo() async throws {
        let server = try ServerProcess()
        try server.provision(branches: [("morioka", "盛岡支店")], users: [("sato", "field", ["morioka"]), ("suzuki", "field", ["morioka"])])
        let laptop = try LaptopProcess.enrolled("sato", on: server)
        let ahead = LocalStore.now() + 3 * 86_400_000
        let company = EntityKey(.company, .random())
        do {
            let store = try laptop.store()
            try store.commit([.set(company, field: "name", value: "株式会社カワムラ"), .set(company, field: "branch", value: "morioka")], now: ahead)
            try store.commit([.set(company, field: "representativeName", value: "川村 一郎")], now: ahead + 1_000)
        }
        let synced = try laptop.run(["sync"])
        #expect(synced.status == 0, "\(synced.error)")
        #expect(synced.error.contains("hours ahead of the server's"))
        #expect(synced.output.contains("pushed: 2 change sets"))

        let body = try await SQLiteStorage(directory: server.data).pull(after: 0, limit: 10, scope: .all).json
        let stored = try JSONDecoder().decode(PullPage.self, from: body).changeSets
        #expect(stored.count == 2)
        #expect(stored.allSatisfy { $0.timestamp.time <= LocalStore.now() + 60_000 })
        #expect(stored[0].timestamp < stored[1].timestamp)
        // The laptop holds what the server holds, and a colleague receives it as it is.
        #expect(try laptop.records()[company] == (try await SQLiteStorage(directory: server.data).state(of: company)))
        let colleague = try LaptopProcess.enrolled("suzuki", on: server)
        try colleague.succeed(["sync"])
        #expect(try colleague.records()[company]?.visibleValues["representativeName"] == "川村 一郎")
    }
}

/// The storage, called without the admission's content checks, still never traps on a
/// counter no laptop makes.
@Suite struct StorageCounterTests {
    @Test func hugeCountersGivenStraightToTheStorageAreRefused() async throws {
        let fixture = try await StorageFixture()
        let sato = try await fixture.laptop("sato", branches: ["morioka"])
        let company = EntityKey(.company, .random())
        for counter: UInt64 in [1 << 63, .max, ChangeSetLimits.maxCounter + 1] {
            let change = ChangeSet(dot: Dot(replica: sato.replica.id, counter: counter), author: "sato", timestamp: HybridTimestamp(time: 1),
                                   dependencies: VectorClock(covering: [Dot(replica: sato.replica.id, counter: counter - 1)]),
                                   operations: [.set(company, field: "name", value: "x"), .set(company, field: "branch", value: "morioka")])
            let admission = ChangeAdmission(schema: .fieldVisit, caller: sato.caller)
            let results = try await fixture.storage.push([change], admission: admission, now: Date()).results
            #expect(results.map(\.status) == [.refused])
        }
        #expect(try await fixture.storage.logCount() == 0)
    }
}

extension ServerAttackTests {
    /// A name with a control character would be stored cut (SQLite reads up to U+0000)
    /// or not at all (PostgreSQL): refused at the door, as bad input.
    @Test func namesWithControlCharactersAreRefusedAtEnrolment() async throws {
        let server = try ServerProcess()
        try server.provision(branches: [("morioka", "盛岡支店")], users: [(name: "sato", role: "field", branches: ["morioka"])])
        let api = try APIClient(server: server)
        for (user, device) in [("sa\u{0}to", "ノートPC"), ("sato", "ノート\u{0}PC"), ("sato\u{7}", "ノートPC"), ("sato", "ノート\u{1B}PC")] {
            let body = try CanonicalJSON.encode(EnrolmentRequest(user: user, password: "password-sato", replica: .random(), deviceName: device))
            #expect(try await api.send(.POST, Endpoint.devices, body: body).status == 400)
        }
        #expect(try await api.enrol("sato", replica: .random()).status == 201)
    }
}

extension ServerAttackTests {
    /// What an administrator types for the database is refused with a reason, exit 2,
    /// without the password, before anything is opened.
    @Test func badDatabaseOptionsAreRefusedWithoutShowingThePassword() throws {
        let data = TemporaryDirectory()
        for arguments in [["--database", "postgres://u:secret-pw@/db"], ["--database", "mysql://u:secret-pw@host/db"],
                          ["--database", "postgres://u:secret-pw@host:99999999999999999999/db"],
                          ["--database", "postgres://u:secret-pw@host/db\u{7}\u{1B}", "--database-connections", "1"],
                          ["--database", "postgres://u:secret-pw@host/d%07b"], ["--database", "postgres://u:secret%00pw@host/db"],
                          ["--database", "postgres://u:secret-pw@host/" + String(repeating: "d", count: 5_000)],
                          ["--database", "postgres://u:secret-pw@host/db", "--database-connections", "0"],
                          ["--database", "postgres://u:secret-pw@host/db", "--database-connections", "99999999999999999999"]] {
            let run = try BuiltProgram.server.run(["branch", "list", "--data-dir", data.url.path] + arguments)
            #expect(run.status == 2, "\(arguments): \(run.status) \(run.error)")
            #expect(!run.error.isEmpty && !run.error.contains("secret-pw"), "\(arguments): \(run.error)")
        }
        let backup = try BuiltProgram.server.run(["backup", "--output", data.url.appendingPathComponent("b.sqlite").path,
                                                  "--data-dir", data.url.path, "--database", "postgres://u:secret-pw@host/db"])
        #expect(backup.status == 2 && backup.error.contains("pg_dump") && !backup.error.contains("secret-pw"))
        #expect(!FileManager.default.fileExists(atPath: SQLiteStorage.databasePath(in: data.url)), "nothing made in the data directory")
    }
}
