import FieldVisitCore
import FieldVisitProtocol
import Foundation
import Testing
@testable import FieldVisitServer

/// The change log's rules, run unchanged against every backend (``StorageBackend``):
/// numbering and duplicates, dependencies, branches and roles, paging, conflicts,
/// reused dots and the audit of what was accepted.
@Suite struct ChangeLogConformanceTests {
    @Test(arguments: StorageBackend.tested)
    func acceptedChangeSetsAreNumberedAndDuplicatesAcknowledged(_ backend: StorageBackend) async throws {
        let fixture = try await StorageFixture(backend)
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

    @Test(arguments: StorageBackend.tested)
    func missingDependenciesAreRefusedWithTheirDotsAndNothingIsStored(_ backend: StorageBackend) async throws {
        let fixture = try await StorageFixture(backend)
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

    @Test(arguments: StorageBackend.tested)
    func staffWriteOnlyTheirBranchAndSeeOnlyTheirBranch(_ backend: StorageBackend) async throws {
        let fixture = try await StorageFixture(backend)
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

    @Test(arguments: StorageBackend.tested)
    func aVisitTakesItsCompanysBranchAndAnUnknownCompanyIsRefused(_ backend: StorageBackend) async throws {
        let fixture = try await StorageFixture(backend)
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

    @Test(arguments: StorageBackend.tested)
    func pullPagesFollowTheCursorAndSayWhetherMoreIsWaiting(_ backend: StorageBackend) async throws {
        let fixture = try await StorageFixture(backend)
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

    @Test(arguments: StorageBackend.tested)
    func concurrentEditsAreAConflictOnTheServer(_ backend: StorageBackend) async throws {
        let fixture = try await StorageFixture(backend)
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

    @Test(arguments: StorageBackend.tested)
    func identityAndRoleAreCheckedBeforeAnythingIsStored(_ backend: StorageBackend) async throws {
        let fixture = try await StorageFixture(backend)
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
    @Test(arguments: StorageBackend.tested)
    func onlyAManagerResolvesAConflictAndAForbiddenPushStoresNothing(_ backend: StorageBackend) async throws {
        let fixture = try await StorageFixture(backend)
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

    @Test(arguments: StorageBackend.tested)
    func aDotReusedForDifferentContentIsRefused(_ backend: StorageBackend) async throws {
        let fixture = try await StorageFixture(backend)
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

    @Test(arguments: StorageBackend.tested)
    func recordsDoNotMoveBetweenBranches(_ backend: StorageBackend) async throws {
        let fixture = try await StorageFixture(backend)
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

    @Test(arguments: StorageBackend.tested)
    func anAcceptedChangeSetIsAudited(_ backend: StorageBackend) async throws {
        let fixture = try await StorageFixture(backend)
        var sato = try await fixture.laptop("sato", branches: ["morioka"])
        let (_, created) = try sato.addCompany("株式会社カワムラ", branch: "morioka")
        _ = try await fixture.push([created], from: sato)
        let trail = try await fixture.storage.auditTrail(since: .distantPast, user: "sato")
        #expect(trail.map(\.kind) == [.changeSetAccepted])
        #expect(trail.first?.detail.contains(created.dot.description) == true)
        #expect(try await fixture.storage.verifyAudit().verified == 1)
    }

    @Test(arguments: StorageBackend.tested)
    func aChangeSetMayNameTheVisitBeforeItsNewCompany(_ backend: StorageBackend) async throws {
        let fixture = try await StorageFixture(backend)
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

    /// Whatever a caller asks, a pull answers within its bounds and never traps.
    @Test(arguments: StorageBackend.tested)
    func extremeCursorsAndLimitsAreAnsweredWithinBounds(_ backend: StorageBackend) async throws {
        let fixture = try await StorageFixture(backend)
        var sato = try await fixture.laptop("sato", branches: ["morioka"])
        let (_, created) = try sato.addCompany("株式会社カワムラ", branch: "morioka")
        _ = try await fixture.push([created], from: sato)
        for (cursor, limit) in [(Int64.min, Int.max), (-1, Int.min), (0, 0), (Int64.max, Int.max), (Int64.max - 1, 1)] {
            let page = try await fixture.storage.pull(after: cursor, limit: limit, scope: sato.caller.user.scope)
            #expect(page.bodies.count == (cursor < 1 ? 1 : 0), "after \(cursor), limit \(limit)")
            #expect(page.cursor == max(cursor, 1))
            #expect(!page.more)
        }
    }
}
