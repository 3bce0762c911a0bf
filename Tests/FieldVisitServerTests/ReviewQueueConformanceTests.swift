import FieldVisitCore
import FieldVisitProtocol
import Foundation
import Testing
@testable import FieldVisitServer

/// The review queue the server keeps as change sets arrive, run unchanged against every
/// backend (``StorageBackend``): what waits and why, what ends the wait, branch scope,
/// filters, paging, counts, order, bounds and the migration that fills the queue.
@Suite struct ReviewQueueConformanceTests {
    /// A page of `scope`'s queue, narrowed by `adjust`.
    func queue(_ fixture: StorageFixture, scope: BranchScope = .all,
               _ adjust: (inout ReviewQueueQuery) throws -> Void = { _ in }) async throws -> ReviewQueuePage {
        var query = ReviewQueueQuery(scope: scope)
        try adjust(&query)
        return try await fixture.storage.reviewQueue(query)
    }

    @Test(arguments: StorageBackend.tested)
    func aSubmittedRecordWaitsApprovalEndsItAndAnEditAfterBringsItBackChanged(_ backend: StorageBackend) async throws {
        let fixture = try await StorageFixture(backend)
        var sato = try await fixture.laptop("sato", branches: ["morioka"])
        var kanri = try await fixture.laptop("kanri", role: .manager, branches: ["morioka"])
        let (company, created) = try sato.addCompany("株式会社カワムラ", branch: "morioka")
        let (visit, recorded) = try sato.addVisit(to: company, notes: "社長と面談。")
        #expect(try await fixture.push([created, recorded], from: sato).allSatisfy { $0.status == .accepted })
        // A draft does not wait.
        #expect(try await queue(fixture).total == 0)

        let submitted = try sato.commit([.set(visit, field: "reviewState", value: "submitted")])
        #expect(try await fixture.push([submitted], from: sato).first?.status == .accepted)
        let page = try await queue(fixture)
        #expect(page.total == 1)
        #expect(page.counts == [.submitted: 1, .changed: 0, .conflict: 0, .deleted: 0])
        let entry = try #require(page.entries.first)
        #expect(entry.key == visit)
        #expect(entry.branch == "morioka")
        #expect(entry.companyID == company.id)
        #expect(entry.date == "2026-11-20")
        #expect(entry.staff == ["sato"])
        #expect(entry.reviewState == "submitted")
        #expect(entry.reasons == [.submitted])
        #expect(entry.changedSinceApproval.isEmpty && entry.conflicts.isEmpty && !entry.deletionConflict)
        #expect(entry.createdSeq == 2)
        #expect(entry.updatedSeq == 3)

        for change in [created, recorded, submitted] { try kanri.replica.apply(change) }
        let approval = try kanri.commit([.set(visit, field: "reviewState", value: "approved"), .approve(visit)])
        #expect(try await fixture.push([approval], from: kanri).first?.status == .accepted)
        #expect(try await queue(fixture).entries.isEmpty)

        try sato.replica.apply(approval)
        let edit = try sato.commit([.set(visit, field: "notes", value: "決算書を受領。")])
        #expect(try await fixture.push([edit], from: sato).first?.status == .accepted)
        let changed = try await queue(fixture)
        #expect(changed.entries.map(\.key) == [visit])
        #expect(changed.entries.first?.reasons == [.changed])
        #expect(changed.entries.first?.changedSinceApproval == ["notes"])
        #expect(changed.entries.first?.reviewState == "approved")
        #expect(changed.entries.first?.createdSeq == 2)
        #expect(changed.counts[.changed] == 1)
    }

    @Test(arguments: StorageBackend.tested)
    func concurrentEditsFromTwoLaptopsAreAConflictEntryUntilResolved(_ backend: StorageBackend) async throws {
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
        #expect(try await queue(fixture).total == 0)
        _ = try await fixture.push([right], from: suzuki)
        let page = try await queue(fixture)
        let entry = try #require(page.entries.first)
        #expect(page.entries.count == 1)
        #expect(entry.key == company)
        #expect(entry.companyID == company.id)
        #expect(entry.date == nil)
        #expect(entry.reasons == [.conflict])
        #expect(entry.conflicts == ["representativeName"])
        #expect(page.counts[.conflict] == 1)

        for change in [created, left, right] { try kanri.replica.apply(change) }
        let resolution = try kanri.commit([.set(company, field: "representativeName", value: "川村 一郎")])
        #expect(try await fixture.push([resolution], from: kanri).first?.status == .accepted)
        #expect(try await queue(fixture).total == 0)
    }

    @Test(arguments: StorageBackend.tested)
    func anEditWhileDeletedWaitsAsADeletionConflict(_ backend: StorageBackend) async throws {
        let fixture = try await StorageFixture(backend)
        var sato = try await fixture.laptop("sato", branches: ["morioka"])
        var suzuki = try await fixture.laptop("suzuki", branches: ["morioka"])
        let (company, created) = try sato.addCompany("株式会社カワムラ", branch: "morioka")
        let (visit, recorded) = try sato.addVisit(to: company, notes: "社長と面談。")
        _ = try await fixture.push([created, recorded], from: sato)
        for change in [created, recorded] { try suzuki.replica.apply(change) }
        let deleted = try sato.commit([.delete(visit)])
        let edited = try suzuki.commit([.set(visit, field: "notes", value: "追記")])
        #expect(try await fixture.push([deleted], from: sato).first?.status == .accepted)
        #expect(try await queue(fixture).total == 0)
        #expect(try await fixture.push([edited], from: suzuki).first?.status == .accepted)
        let page = try await queue(fixture)
        let entry = try #require(page.entries.first)
        #expect(entry.key == visit)
        #expect(entry.reasons == [.deleted])
        #expect(entry.deletionConflict)
        #expect(entry.conflicts.isEmpty)
        #expect(page.counts == [.submitted: 0, .changed: 0, .conflict: 0, .deleted: 1])
        #expect(try await queue(fixture) { $0.reason = .deleted }.entries.map(\.key) == [visit])
    }

    @Test(arguments: StorageBackend.tested)
    func aReaderSeesOnlyTheirBranchesWhateverTheFilter(_ backend: StorageBackend) async throws {
        let fixture = try await StorageFixture(backend)
        var sato = try await fixture.laptop("sato", branches: ["morioka"])
        var ito = try await fixture.laptop("ito", branches: ["miyako"])
        let morioka = try await submittedVisit(by: &sato, fixture, branch: "morioka", date: "2026-11-20")
        let miyako = try await submittedVisit(by: &ito, fixture, branch: "miyako", date: "2026-11-21")

        #expect(try await queue(fixture, scope: .branches(["morioka"])).entries.map(\.key) == [morioka])
        #expect(try await queue(fixture, scope: .branches(["miyako"])).entries.map(\.key) == [miyako])
        #expect(try await queue(fixture).entries.map(\.key) == [morioka, miyako])
        #expect(try await queue(fixture) { $0.branch = "miyako" }.entries.map(\.key) == [miyako])
        // A branch outside the scope, or no branch at all: nothing, not even counts.
        let outside = try await queue(fixture, scope: .branches(["morioka"])) { $0.branch = "miyako" }
        #expect(outside.entries.isEmpty)
        #expect(outside.total == 0)
        #expect(outside.counts.values.allSatisfy { $0 == 0 })
        #expect(try await queue(fixture, scope: .branches([])).total == 0)
        #expect(try await queue(fixture, scope: .branches(["morioka"])) { $0.branch = "morioka" }.total == 1)
    }

    @Test(arguments: StorageBackend.tested)
    func everyFilterPagingCountsAndOldestFirst(_ backend: StorageBackend) async throws {
        let fixture = try await StorageFixture(backend)
        var sato = try await fixture.laptop("sato", branches: ["morioka", "miyako"])
        var suzuki = try await fixture.laptop("suzuki", branches: ["morioka"])
        // A company in conflict: no date, so first whenever it came.
        var other = try await fixture.laptop("sato", branches: ["morioka", "miyako"])
        let (company, created) = try sato.addCompany("株式会社カワムラ", branch: "morioka")
        _ = try await fixture.push([created], from: sato)
        try other.replica.apply(created)
        _ = try await fixture.push([try sato.commit([.set(company, field: "employees", value: 10)])], from: sato)
        _ = try await fixture.push([try other.commit([.set(company, field: "employees", value: 12)])], from: other)
        // Pushed out of date order: the queue is in date order, then arrival.
        let late = try await submittedVisit(by: &sato, fixture, branch: "morioka", date: "2026-12-01")
        let early = try await submittedVisit(by: &sato, fixture, branch: "morioka", date: "2026-10-01")
        let middle = try await submittedVisit(by: &suzuki, fixture, branch: "morioka", date: "2026-11-01")
        let sameDay = try await submittedVisit(by: &sato, fixture, branch: "miyako", date: "2026-11-01")

        let all = try await queue(fixture)
        #expect(all.entries.map(\.key) == [company, early, middle, sameDay, late])
        #expect(all.total == 5)
        #expect(all.counts == [.submitted: 4, .changed: 0, .conflict: 1, .deleted: 0])

        #expect(try await queue(fixture) { $0.type = .visit }.entries.map(\.key) == [early, middle, sameDay, late])
        #expect(try await queue(fixture) { $0.type = .company }.entries.map(\.key) == [company])
        #expect(try await queue(fixture) { $0.staff = "suzuki" }.entries.map(\.key) == [middle])
        #expect(try await queue(fixture) { $0.staff = "nobody" }.total == 0)
        #expect(try await queue(fixture) { $0.from = try CalendarDate("2026-11-01") }.entries.map(\.key) == [middle, sameDay, late])
        #expect(try await queue(fixture) { $0.to = try CalendarDate("2026-11-01") }.entries.map(\.key) == [early, middle, sameDay])
        #expect(try await queue(fixture) {
            $0.from = try CalendarDate("2026-11-01")
            $0.to = try CalendarDate("2026-11-01")
        }.entries.map(\.key) == [middle, sameDay])
        #expect(try await queue(fixture) { $0.branch = "miyako" }.entries.map(\.key) == [sameDay])

        // The reason narrows the entries and the total, not the counts.
        let conflicts = try await queue(fixture) { $0.reason = .conflict }
        #expect(conflicts.entries.map(\.key) == [company])
        #expect(conflicts.total == 1)
        #expect(conflicts.counts == all.counts)
        let submitted = try await queue(fixture) { $0.reason = .submitted; $0.staff = "sato" }
        #expect(submitted.entries.map(\.key) == [early, sameDay, late])
        #expect(submitted.total == 3)
        #expect(submitted.counts == [.submitted: 3, .changed: 0, .conflict: 0, .deleted: 0])

        // Pages of two, the total the same on each.
        var paged: [EntityKey] = []
        for offset in stride(from: 0, to: 6, by: 2) {
            let page = try await queue(fixture) { $0.offset = offset; $0.limit = 2 }
            #expect(page.total == 5)
            #expect(page.entries.count <= 2)
            paged += page.entries.map(\.key)
        }
        #expect(paged == all.entries.map(\.key))
    }

    @Test(arguments: StorageBackend.tested)
    func aSubmittedFormWaitsLikeAVisit(_ backend: StorageBackend) async throws {
        let fixture = try await StorageFixture(backend)
        var sato = try await fixture.laptop("sato", branches: ["morioka"])
        let visit = try await submittedVisit(by: &sato, fixture, branch: "morioka", date: "2026-11-20")
        let (company, created) = try sato.addCompany("株式会社カワムラ", branch: "morioka")
        let sheet = EntityKey(.hearingSheet, .random())
        let taken = try sato.commit([
            .set(sheet, field: "company", value: .text(company.id.rawValue)), .set(sheet, field: "date", value: "2026-11-19"),
            .set(sheet, field: "formID", value: "hearing-sheet"), .set(sheet, field: "formVersion", value: 1),
            .add(sheet, field: "staff", element: "sato"), .add(sheet, field: "staff", element: "ito"),
            .set(sheet, field: "reviewState", value: "submitted"),
        ])
        #expect(try await fixture.push([created, taken], from: sato).allSatisfy { $0.status == .accepted })
        let page = try await queue(fixture)
        #expect(page.entries.map(\.key) == [sheet, visit])
        #expect(page.entries.first?.staff == ["ito", "sato"])
        #expect(page.entries.first?.companyID == company.id)
        #expect(try await queue(fixture) { $0.type = .hearingSheet }.entries.map(\.key) == [sheet])
        #expect(try await queue(fixture) { $0.staff = "ito" }.entries.map(\.key) == [sheet])
    }

    /// Whatever a caller asks, the queue answers within its bounds and never traps.
    @Test(arguments: StorageBackend.tested)
    func hostileOffsetsAndLimitsAreClamped(_ backend: StorageBackend) async throws {
        let fixture = try await StorageFixture(backend)
        var sato = try await fixture.laptop("sato", branches: ["morioka"])
        let (company, created) = try sato.addCompany("株式会社カワムラ", branch: "morioka")
        var changes = [created]
        for index in 0..<(ReviewQueueQuery.maxLimit + 5) {
            let visit = EntityKey(.visit, .random())
            changes.append(try sato.commit([
                .set(visit, field: "company", value: .text(company.id.rawValue)), .set(visit, field: "date", value: .text("2026-11-20")),
                .set(visit, field: "mode", value: "onSite"), .set(visit, field: "purpose", value: "companyVisit"),
                .add(visit, field: "staff", element: "sato"), .set(visit, field: "notes", value: .text("面談 \(index)")),
                .set(visit, field: "reviewState", value: "submitted"),
            ]))
        }
        #expect(try await fixture.push(changes, from: sato).allSatisfy { $0.status == .accepted })
        let waiting = ReviewQueueQuery.maxLimit + 5
        for (offset, limit, expected) in [(0, Int.max, ReviewQueueQuery.maxLimit), (Int.min, 0, 1), (-1, Int.min, 1), (Int.max, Int.max, 0),
                                          (waiting - 2, 10, 2), (ReviewQueueQuery.maxOffset + 1, 1, 0)] {
            let page = try await queue(fixture) { $0.offset = offset; $0.limit = limit }
            #expect(page.entries.count == expected, "offset \(offset), limit \(limit)")
            #expect(page.total == waiting)
        }
        let keys = (0...ReviewQueueQuery.maxKeys).map { _ in EntityKey(.visit, .random()) }
        await #expect(throws: StorageError.self) { try await fixture.storage.records(keys) }
    }

    @Test(arguments: StorageBackend.tested)
    func recordsAreReadByTheBatch(_ backend: StorageBackend) async throws {
        let fixture = try await StorageFixture(backend)
        var sato = try await fixture.laptop("sato", branches: ["morioka"])
        let (first, one) = try sato.addCompany("株式会社カワムラ", branch: "morioka")
        let (second, two) = try sato.addCompany("有限会社サトウ", branch: "morioka")
        _ = try await fixture.push([one, two], from: sato)
        let unknown = EntityKey(.company, .random())
        let found = try await fixture.storage.records([first, second, unknown, first])
        #expect(Set(found.keys) == [first, second])
        #expect(found[second]?.visibleValues["name"] == .text("有限会社サトウ"))
        #expect(try await fixture.storage.records([]).isEmpty)
    }

    @Test(arguments: StorageBackend.tested)
    func theMigrationFillsTheQueueFromTheRecordsStoredBeforeIt(_ backend: StorageBackend) async throws {
        let fixture = try await StorageFixture(backend)
        var sato = try await fixture.laptop("sato", branches: ["morioka"])
        var suzuki = try await fixture.laptop("suzuki", branches: ["morioka"])
        let (company, created) = try sato.addCompany("株式会社カワムラ", branch: "morioka")
        _ = try await fixture.push([created], from: sato)
        try suzuki.replica.apply(created)
        _ = try await fixture.push([try sato.commit([.set(company, field: "employees", value: 10)])], from: sato)
        _ = try await fixture.push([try suzuki.commit([.set(company, field: "employees", value: 12)])], from: suzuki)
        let later = try await submittedVisit(by: &sato, fixture, branch: "morioka", date: "2026-12-01")
        let earlier = try await submittedVisit(by: &sato, fixture, branch: "morioka", date: "2026-10-01")
        let before = try await queue(fixture)
        #expect(before.entries.map(\.key) == [company, earlier, later])

        try await fixture.made.undoReviewQueueMigration()
        let reopened = try await fixture.made.reopen()
        let after = try await reopened.reviewQueue(ReviewQueueQuery(scope: .all))
        #expect(after == before)
        // Pushes go on keeping it.
        let approvalFree = try sato.commit([.set(company, field: "employees", value: 11)])
        #expect(try await reopened.push([approvalFree], admission: ChangeAdmission(schema: .fieldVisit, caller: sato.caller), now: Date())
            .results.first?.status == .accepted)
        #expect(try await reopened.reviewQueue(ReviewQueueQuery(scope: .all)).entries.map(\.key) == [company, earlier, later])
        if let postgres = reopened as? PostgresStorage { await postgres.shutdown() }
    }

    /// A submitted visit by `laptop` to a new company of `branch`, pushed with it.
    func submittedVisit(by laptop: inout Laptop, _ fixture: StorageFixture, branch: String, date: String) async throws -> EntityKey {
        let (company, created) = try laptop.addCompany("会社 \(date)", branch: branch)
        let visit = EntityKey(.visit, .random())
        let recorded = try laptop.commit([
            .set(visit, field: "company", value: .text(company.id.rawValue)), .set(visit, field: "date", value: .text(date)),
            .set(visit, field: "mode", value: "onSite"), .set(visit, field: "purpose", value: "companyVisit"),
            .add(visit, field: "staff", element: .text(laptop.caller.user.name)), .set(visit, field: "notes", value: "面談"),
            .set(visit, field: "reviewState", value: "submitted"),
        ])
        #expect(try await fixture.push([created, recorded], from: laptop).allSatisfy { $0.status == .accepted })
        return visit
    }
}
