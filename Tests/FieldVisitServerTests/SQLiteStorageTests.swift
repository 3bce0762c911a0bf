import FieldVisitCore
import FieldVisitProtocol
import GRDB
import Foundation
import Testing
@testable import FieldVisitServer

/// A temporary directory, removed when the test ends.
final class TemporaryDirectory {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("fieldvisit-server-test-\(UUID().uuidString)")
    deinit { try? FileManager.default.removeItem(at: url) }
}

/// A server storage with two branches and a laptop per user, for pushing change sets
/// made by real replicas.
struct StorageFixture {
    let directory = TemporaryDirectory()
    let storage: SQLiteStorage

    init() async throws {
        storage = try SQLiteStorage(directory: directory.url)
        try await storage.addBranch(Branch(code: "morioka", name: "盛岡支店"))
        try await storage.addBranch(Branch(code: "miyako", name: "宮古支店"))
    }

    /// A user of `branches` with an enrolled device and its replica.
    func laptop(_ name: String, role: Role = .field, branches: [String]) async throws -> Laptop {
        let user = User(name: name, role: role, branches: branches)
        if try await storage.user(named: name) == nil { try await storage.addUser(user, passwordHash: "-") }
        let replica = Replica(id: .random(), schema: .fieldVisit)
        let device = Device(id: UUID().uuidString, user: name, replica: replica.id, name: "\(name)のPC", enrolledAt: Date())
        try await storage.enrol(device, tokenHash: DeviceToken.random().hash)
        return Laptop(replica: replica, caller: Caller(user: user, device: device, address: "127.0.0.1"))
    }

    /// Pushes as the service does; a whole push refused comes back as one refusal.
    func push(_ changes: [ChangeSet], from laptop: Laptop) async throws -> [PushResult] {
        let admission = ChangeAdmission(schema: .fieldVisit, caller: laptop.caller)
        for change in changes { if let refusal = admission.checkContent(change) { return [refusal] } }
        do {
            return try await storage.push(changes, admission: admission, now: Date()).results
        } catch StorageError.pushForbidden(let reason) {
            return [.refused(changes[0].dot, .forbidden, reason)]
        }
    }

    func pull(_ laptop: Laptop, after cursor: Int64 = 0, limit: Int = 100) async throws -> PullPage {
        let body = try await storage.pull(after: cursor, limit: limit, scope: laptop.caller.user.scope)
        return try JSONDecoder().decode(PullPage.self, from: body.json)
    }
}

/// A laptop: its replica and who pushes from it.
struct Laptop {
    var replica: Replica
    var caller: Caller

    mutating func commit(_ edits: [Edit]) throws -> ChangeSet {
        try replica.commit(edits, author: caller.user.name, now: Int64(Date().timeIntervalSince1970 * 1000))
    }

    mutating func addCompany(_ name: String, branch: String) throws -> (EntityKey, ChangeSet) {
        let key = EntityKey(.company, .random())
        return (key, try commit([.set(key, field: "name", value: .text(name)), .set(key, field: "branch", value: .text(branch))]))
    }

    mutating func addVisit(to company: EntityKey, notes: String) throws -> (EntityKey, ChangeSet) {
        let key = EntityKey(.visit, .random())
        return (key, try commit([
            .set(key, field: "company", value: .text(company.id.rawValue)), .set(key, field: "date", value: .text("2026-11-20")),
            .set(key, field: "mode", value: .text("onSite")), .set(key, field: "purpose", value: .text("companyVisit")),
            .add(key, field: "staff", element: .text(caller.user.name)), .set(key, field: "notes", value: .text(notes)),
        ]))
    }
}

@Suite struct SQLiteStorageTests {
    @Test func theLogIsCopiedBackInTheBackgroundAndStartsOver() async throws {
        let directory = TemporaryDirectory()
        let storage = try SQLiteStorage(directory: directory.url, schema: .fieldVisit, checkpointPages: 40)
        try await storage.addBranch(Branch(code: "morioka", name: "盛岡支店"))
        let user = User(name: "sato", role: .field, branches: ["morioka"])
        try await storage.addUser(user, passwordHash: "-")
        var replica = Replica(id: .random(), schema: .fieldVisit)
        let device = Device(id: "d", user: "sato", replica: replica.id, name: "d", enrolledAt: Date())
        try await storage.enrol(device, tokenHash: DeviceToken.random().hash)
        let admission = ChangeAdmission(schema: .fieldVisit, caller: Caller(user: user, device: device, address: nil))
        var largestLog = 0
        for round in 0..<30 {
            var changes: [ChangeSet] = []
            for index in 0..<20 {
                let key = EntityKey(.company, .random())
                let name = "株式会社\(round)-\(index) " + String(repeating: "あ", count: 180)
                changes.append(try replica.commit([.set(key, field: "name", value: .text(name)), .set(key, field: "branch", value: "morioka")],
                                                  author: "sato", now: Int64(round * 100 + index)))
            }
            #expect(try await storage.push(changes, admission: admission, now: Date()).results.allSatisfy { $0.status == .accepted })
            largestLog = max(largestLog, try FileManager.default.attributesOfItem(atPath: storage.path + "-wal")[.size] as? Int ?? 0)
            // Time for the background checkpoint, as a laptop's next request would leave.
            try await Task.sleep(for: .milliseconds(20))
        }
        #expect(try await storage.logCount() == 600)
        // Copied back into the database file, and the log started over instead of
        // growing to the 30 pushes' 300 pages or so.
        #expect(try FileManager.default.attributesOfItem(atPath: storage.path)[.size] as? Int ?? 0 > 1_000_000)
        #expect(largestLog < 6 * 40 * 4_120)
    }

    @Test func registersKeptAsJSONArePackedWhenAnOlderDatabaseOpens() async throws {
        let fixture = try await StorageFixture()
        var sato = try await fixture.laptop("sato", branches: ["morioka"])
        var suzuki = try await fixture.laptop("suzuki", role: .manager, branches: ["morioka"])
        let (company, created) = try sato.addCompany("株式会社カワムラ", branch: "morioka")
        let (visit, recorded) = try sato.addVisit(to: company, notes: "社長と面談。")
        #expect(try await fixture.push([created, recorded], from: sato).allSatisfy { $0.status == .accepted })
        for change in [created, recorded] { try suzuki.replica.apply(change) }
        // Both change the notes without seeing the other: a conflict. The manager approves.
        let mine = try sato.commit([.set(visit, field: "notes", value: "資金繰りの相談。")])
        let theirs = try suzuki.commit([.set(visit, field: "notes", value: "設備更新の相談。"), .approve(visit)])
        #expect(try await fixture.push([mine], from: sato).map(\.status) == [.accepted])
        #expect(try await fixture.push([theirs], from: suzuki).map(\.status) == [.accepted])
        let states = [try await fixture.storage.state(of: company), try await fixture.storage.state(of: visit)]
        let conflicts = try await fixture.storage.conflicts()
        #expect(conflicts.count == 1)

        // The database as the version before kept it: each record's registers as JSON.
        let queue = try DatabaseQueue(path: fixture.storage.path)
        try await queue.write { db in
            for (key, state) in zip([company, visit], states) {
                try db.execute(sql: "UPDATE record SET state = ? WHERE type = ? AND id = ?",
                               arguments: [try CanonicalJSON.encode(try #require(state)), key.type.rawValue, key.id.rawValue])
            }
            try db.execute(sql: "DROP TABLE replica")
            try db.execute(sql: "DELETE FROM grdb_migrations WHERE identifier = 'v2-packed-registers'")
        }
        try queue.close()
        let reopened = try SQLiteStorage(directory: fixture.directory.url)
        #expect([try await reopened.state(of: company), try await reopened.state(of: visit)] == states)
        #expect(try await reopened.conflicts() == conflicts)
        let snapshot = try await reopened.snapshot(scope: .all)
        #expect(snapshot.records.map(\.state) == states.compactMap { $0 })
        // It goes on: a later edit merges with the registers unpacked.
        let later = try sato.commit([.set(visit, field: "notes", value: "決算書を受領。")])
        let admission = ChangeAdmission(schema: .fieldVisit, caller: sato.caller)
        #expect(try await reopened.push([later], admission: admission, now: Date()).results.map(\.status) == [.accepted])
        let notes = try await reopened.state(of: visit)?.fields["notes"]?.siblings.map(\.value)
        #expect(notes?.sorted() == ["決算書を受領。", "設備更新の相談。"])
    }

    @Test func acceptedChangeSetsAreNumberedAndDuplicatesAcknowledged() async throws {
        let fixture = try await StorageFixture()
        var sato = try await fixture.laptop("sato", branches: ["morioka"])
        let (company, first) = try sato.addCompany("株式会社カワムラ", branch: "morioka")
        let (_, second) = try sato.addVisit(to: company, notes: "社長と面談。資金繰りの相談。")
        let results = try await fixture.push([first, second], from: sato)
        #expect(results.map(\.status) == [.accepted, .accepted])
        #expect(results.map(\.sequence) == [1, 2])
        let again = try await fixture.push([first, second], from: sato)
        #expect(again.map(\.status) == [.duplicate, .duplicate])
        #expect(again.map(\.sequence) == [1, 2])
        #expect(try await fixture.storage.logCount() == 2)
        let state = try #require(try await fixture.storage.state(of: company))
        #expect(state.visibleValues["name"] == .text("株式会社カワムラ"))
    }

    @Test func missingDependenciesAreRefusedWithTheirDotsAndNothingIsStored() async throws {
        let fixture = try await StorageFixture()
        var sato = try await fixture.laptop("sato", branches: ["morioka"])
        let (company, first) = try sato.addCompany("株式会社カワムラ", branch: "morioka")
        let (_, second) = try sato.addVisit(to: company, notes: "面談")
        let results = try await fixture.push([second], from: sato)
        #expect(results.first?.status == .refused)
        #expect(results.first?.code == .missingDependencies)
        #expect(results.first?.missing == [first.dot])
        #expect(try await fixture.storage.logCount() == 0)
        #expect(try await fixture.storage.state(of: company) == nil)
    }

    @Test func staffWriteOnlyTheirBranchAndSeeOnlyTheirBranch() async throws {
        let fixture = try await StorageFixture()
        var sato = try await fixture.laptop("sato", branches: ["morioka"])
        var ito = try await fixture.laptop("ito", branches: ["miyako"])
        let admin = try await fixture.laptop("kanri", role: .admin, branches: [])
        let (_, morioka) = try sato.addCompany("盛岡の会社", branch: "morioka")
        let (_, miyako) = try ito.addCompany("宮古の会社", branch: "miyako")
        #expect(try await fixture.push([morioka], from: sato).first?.status == .accepted)
        #expect(try await fixture.push([miyako], from: ito).first?.status == .accepted)
        // sato may not create a company in ito's branch.
        let (_, intruding) = try sato.addCompany("越境", branch: "miyako")
        let refused = try await fixture.push([intruding], from: sato)
        #expect(refused.first?.code == .forbidden)
        #expect(try await fixture.storage.logCount() == 2)

        let satoPage = try await fixture.pull(sato)
        #expect(satoPage.changeSets.map(\.dot) == [morioka.dot])
        #expect(satoPage.more == false)
        #expect(satoPage.cursor == 2)
        let itoPage = try await fixture.pull(ito)
        #expect(itoPage.changeSets.map(\.dot) == [miyako.dot])
        #expect(try await fixture.pull(admin).changeSets.count == 2)
        let snapshot = try await fixture.storage.snapshot(scope: sato.caller.user.scope)
        #expect(snapshot.records.count == 1)
        #expect(snapshot.cursor == 2)
    }

    @Test func aVisitTakesItsCompanysBranchAndAnUnknownCompanyIsRefused() async throws {
        let fixture = try await StorageFixture()
        var sato = try await fixture.laptop("sato", branches: ["morioka", "miyako"])
        let ito = try await fixture.laptop("ito", branches: ["miyako"])
        let (company, created) = try sato.addCompany("宮古の会社", branch: "miyako")
        let (_, visit) = try sato.addVisit(to: company, notes: "漁業の後継者の話")
        #expect(try await fixture.push([created, visit], from: sato).map(\.status) == [.accepted, .accepted])
        #expect(try await fixture.pull(ito).changeSets.map(\.dot) == [created.dot, visit.dot])

        var other = try await fixture.laptop("sasaki", branches: ["morioka"])
        let (_, orphan) = try other.addVisit(to: EntityKey(.company, .random()), notes: "どの会社？")
        #expect(try await fixture.push([orphan], from: other).first?.code == .unknownRecord)
    }

    @Test func pullPagesFollowTheCursorAndSayWhetherMoreIsWaiting() async throws {
        let fixture = try await StorageFixture()
        var sato = try await fixture.laptop("sato", branches: ["morioka"])
        var ito = try await fixture.laptop("ito", branches: ["miyako"])
        var made: [Dot] = []
        for index in 0..<7 {
            let (_, mine) = try sato.addCompany("会社\(index)", branch: "morioka")
            let (_, theirs) = try ito.addCompany("他店\(index)", branch: "miyako")
            _ = try await fixture.push([mine], from: sato)
            _ = try await fixture.push([theirs], from: ito)
            made.append(mine.dot)
        }
        var cursor: Int64 = 0
        var pulled: [Dot] = []
        var pages = 0
        while true {
            let page = try await fixture.pull(sato, after: cursor, limit: 3)
            pulled += page.changeSets.map(\.dot)
            cursor = page.cursor
            pages += 1
            if !page.more { break }
        }
        #expect(pulled == made)
        #expect(pages == 3)
        #expect(cursor == 14)
    }

    @Test func concurrentEditsAreAConflictOnTheServer() async throws {
        let fixture = try await StorageFixture()
        var sato = try await fixture.laptop("sato", branches: ["morioka"])
        var suzuki = try await fixture.laptop("suzuki", branches: ["morioka"])
        let (company, created) = try sato.addCompany("株式会社カワムラ", branch: "morioka")
        _ = try await fixture.push([created], from: sato)
        try suzuki.replica.apply(created)
        let left = try sato.commit([.set(company, field: "representativeName", value: "川村 一郎")])
        let right = try suzuki.commit([.set(company, field: "representativeName", value: "川村 太郎")])
        _ = try await fixture.push([left], from: sato)
        let outcome = try await fixture.storage.push([right], admission: ChangeAdmission(schema: .fieldVisit, caller: suzuki.caller), now: Date())
        #expect(outcome.newConflicts == 1)
        let conflicts = try await fixture.storage.conflicts()
        #expect(conflicts.map(\.fields) == [["representativeName"]])
    }

    @Test func identityAndRoleAreCheckedBeforeAnythingIsStored() async throws {
        let fixture = try await StorageFixture()
        var sato = try await fixture.laptop("sato", branches: ["morioka"])
        let suzuki = try await fixture.laptop("suzuki", branches: ["morioka"])
        let (company, created) = try sato.addCompany("株式会社カワムラ", branch: "morioka")
        // sato's change set pushed through suzuki's device: another replica.
        #expect(try await fixture.push([created], from: suzuki).first?.code == .wrongReplica)
        // A change set naming another author from sato's own replica.
        var forged = created
        forged.author = "suzuki"
        #expect(try await fixture.push([forged], from: sato).first?.code == .wrongAuthor)
        _ = try await fixture.push([created], from: sato)
        let approval = try sato.commit([.approve(company)])
        #expect(try await fixture.push([approval], from: sato).first?.code == .forbidden)
        #expect(try await fixture.storage.logCount() == 1)
    }

    // Whether the trail is append-only, and every other test of accounts and the audit
    // trail alone, is in StorageConformanceTests, against every backend.
    @Test func anAcceptedChangeSetIsAudited() async throws {
        let fixture = try await StorageFixture()
        var sato = try await fixture.laptop("sato", branches: ["morioka"])
        let (_, created) = try sato.addCompany("株式会社カワムラ", branch: "morioka")
        _ = try await fixture.push([created], from: sato)
        let trail = try await fixture.storage.auditTrail(since: .distantPast, user: "sato")
        #expect(trail.map(\.kind) == [.changeSetAccepted])
        #expect(trail.first?.detail.contains(created.dot.description) == true)
        #expect(try await fixture.storage.verifyAudit().verified == 1)
    }
}

extension SQLiteStorageTests {
    @Test func onlyAManagerResolvesAConflictAndAForbiddenPushStoresNothing() async throws {
        let fixture = try await StorageFixture()
        var sato = try await fixture.laptop("sato", branches: ["morioka"])
        var suzuki = try await fixture.laptop("suzuki", branches: ["morioka"])
        var kanri = try await fixture.laptop("kanri", role: .manager, branches: ["morioka"])
        let (company, created) = try sato.addCompany("株式会社カワムラ", branch: "morioka")
        _ = try await fixture.push([created], from: sato)
        try suzuki.replica.apply(created)
        let left = try sato.commit([.set(company, field: "representativeName", value: "川村 一郎")])
        let right = try suzuki.commit([.set(company, field: "representativeName", value: "川村 太郎")])
        _ = try await fixture.push([left], from: sato)
        _ = try await fixture.push([right], from: suzuki)
        // sato sees both values and overwrites them: a resolution, refused whole.
        try sato.replica.apply(right)
        let unrelated = try sato.commit([.set(company, field: "employees", value: 12)])
        let resolution = try sato.commit([.set(company, field: "representativeName", value: "川村 一郎")])
        let refused = try await fixture.push([unrelated, resolution], from: sato)
        #expect(refused.first?.code == .forbidden)
        #expect(try await fixture.storage.logCount() == 3)
        // A field staff member's ordinary edits still go through.
        #expect(try await fixture.push([unrelated], from: sato).first?.status == .accepted)
        // The manager may.
        for change in [created, left, right] { try kanri.replica.apply(change) }
        let managed = try kanri.commit([.set(company, field: "representativeName", value: "川村 一郎")])
        #expect(try await fixture.push([managed], from: kanri).first?.status == .accepted)
        #expect(try await fixture.storage.conflicts().isEmpty)
    }

    @Test func aDotReusedForDifferentContentIsRefused() async throws {
        let fixture = try await StorageFixture()
        var sato = try await fixture.laptop("sato", branches: ["morioka"])
        let (_, created) = try sato.addCompany("株式会社カワムラ", branch: "morioka")
        _ = try await fixture.push([created], from: sato)
        var reused = created
        reused.operations = [.set(created.operations[0].entity, field: "name", value: "別の会社"), created.operations[1]]
        let results = try await fixture.push([reused], from: sato)
        #expect(results.first?.status == .refused)
        #expect(results.first?.code == .invalidChangeSet)
        #expect(try await fixture.storage.state(of: created.operations[0].entity)?.visibleValues["name"] == .text("株式会社カワムラ"))
    }

    @Test func aChangeSetMayNameTheVisitBeforeItsNewCompany() async throws {
        let fixture = try await StorageFixture()
        var sato = try await fixture.laptop("sato", branches: ["morioka"])
        let company = EntityKey(.company, .random())
        let visit = EntityKey(.visit, .random())
        let change = try sato.commit([
            .set(visit, field: "company", value: .text(company.id.rawValue)), .set(visit, field: "date", value: "2026-11-20"),
            .set(visit, field: "mode", value: "onSite"), .set(visit, field: "purpose", value: "companyVisit"),
            .add(visit, field: "staff", element: "sato"),
            .set(company, field: "name", value: "株式会社カワムラ"), .set(company, field: "branch", value: "morioka"),
        ])
        #expect(try await fixture.push([change], from: sato).first?.status == .accepted)
    }
}

extension SQLiteStorageTests {
    @Test func recordsDoNotMoveBetweenBranches() async throws {
        let fixture = try await StorageFixture()
        var sato = try await fixture.laptop("sato", branches: ["morioka", "miyako"])
        let (morioka, first) = try sato.addCompany("盛岡の会社", branch: "morioka")
        let (miyako, second) = try sato.addCompany("宮古の会社", branch: "miyako")
        let (visit, third) = try sato.addVisit(to: morioka, notes: "面談")
        #expect(try await fixture.push([first, second, third], from: sato).map(\.status) == [.accepted, .accepted, .accepted])
        let moveCompany = try sato.commit([.set(morioka, field: "branch", value: "miyako")])
        #expect(try await fixture.push([moveCompany], from: sato).first?.code == .forbidden)
        var other = try await fixture.laptop("sato", branches: ["morioka", "miyako"])
        for change in [first, second, third] { try other.replica.apply(change) }
        let moveVisit = try other.commit([.set(visit, field: "company", value: .text(miyako.id.rawValue))])
        #expect(try await fixture.push([moveVisit], from: other).first?.code == .forbidden)
        #expect(try await fixture.storage.logCount() == 3)
    }
}
