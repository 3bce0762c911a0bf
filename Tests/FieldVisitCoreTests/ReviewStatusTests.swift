import Foundation
import Testing
@testable import FieldVisitCore

/// Whether a record waits for a manager and why, from its registers alone: the rule
/// the laptop's queue and the server's queue table share.
@Suite struct ReviewStatusTests {
    let company = EntityKey(.company, RecordID(rawValue: "c0000000-0000-4000-8000-000000000001"))
    let visit = EntityKey(.visit, RecordID(rawValue: "v0000000-0000-4000-8000-000000000001"))
    let now: Int64 = 1_732_000_000_000

    func replica(_ number: Int) -> Replica {
        Replica(id: ReplicaID(UUID(uuidString: String(format: "00000000-0000-4000-8000-%012d", number))!), schema: .fieldVisit)
    }

    func status(_ key: EntityKey, in replica: Replica) throws -> ReviewStatus {
        try ReviewStatus(key, state: try #require(replica.entities[key]), schema: .fieldVisit)
    }

    /// A company and a visit to it by sato, in `state`.
    func recorded(state: ReviewState?) throws -> (Replica, [ChangeSet]) {
        var sato = replica(1)
        var edits: [Edit] = [
            .set(company, field: "name", value: "株式会社カワムラ"), .set(company, field: "branch", value: "morioka"),
            .set(visit, field: "company", value: .text(company.id.rawValue)), .set(visit, field: "date", value: "2026-11-20"),
            .set(visit, field: "mode", value: "onSite"), .set(visit, field: "purpose", value: "companyVisit"),
            .add(visit, field: "staff", element: "sato"), .add(visit, field: "staff", element: "ito"),
            .set(visit, field: "notes", value: "社長と面談。"),
        ]
        if let state { edits.append(.set(visit, field: "reviewState", value: .text(state.rawValue))) }
        let change = try sato.commit(edits, author: "sato", now: now)
        return (sato, [change])
    }

    @Test func aDraftDoesNotWaitAndCarriesItsColumns() throws {
        let (sato, _) = try recorded(state: nil)
        let status = try status(visit, in: sato)
        #expect(status.reasons.isEmpty)
        #expect(!status.isWaiting)
        #expect(status.isReviewed)
        #expect(status.reviewState == nil)
        #expect(status.shownReviewState == "draft")
        #expect(status.date == "2026-11-20")
        #expect(status.staff == ["ito", "sato"])
        #expect(status.companyID == company.id)
        #expect(status.changedSinceApproval == nil)
        #expect(status.conflictCount == 0)
        let companyStatus = try self.status(company, in: sato)
        #expect(companyStatus.companyID == company.id)
        #expect(companyStatus.date == nil)
        #expect(!companyStatus.isReviewed)
    }

    @Test func aSubmittedRecordWaitsUntilApprovedAndAnEditAfterBringsItBack() throws {
        var sato = try recorded(state: .submitted).0
        #expect(try status(visit, in: sato).reasons == [.submitted])
        _ = try sato.commit([.set(visit, field: "reviewState", value: "approved"), .approve(visit)], author: "kanri", now: now + 1)
        let approved = try status(visit, in: sato)
        #expect(approved.reasons.isEmpty)
        #expect(approved.changedSinceApproval == [])
        // A workflow field does not count as a change of content.
        _ = try sato.commit([.set(visit, field: "reviewComment", value: "確認済み")], author: "kanri", now: now + 2)
        #expect(try status(visit, in: sato).reasons.isEmpty)
        _ = try sato.commit([.set(visit, field: "notes", value: "決算書を受領。"), .add(visit, field: "staff", element: "suzuki")], author: "sato", now: now + 3)
        let changed = try status(visit, in: sato)
        #expect(changed.reasons == [.changed])
        #expect(changed.changedSinceApproval == ["notes", "staff"])
        // Deleted, it waits no longer.
        _ = try sato.commit([.delete(visit)], author: "sato", now: now + 4)
        #expect(try status(visit, in: sato).reasons.isEmpty)
    }

    @Test func concurrentValuesAreAConflictOfAnyType() throws {
        let (first, changes) = try recorded(state: .submitted)
        var sato = first
        var suzuki = replica(2)
        for change in changes { try suzuki.apply(change) }
        let left = try sato.commit([.set(company, field: "representativeName", value: "川村 一郎"), .set(visit, field: "notes", value: "A")],
                                   author: "sato", now: now + 1)
        let right = try suzuki.commit([.set(company, field: "representativeName", value: "川村 太郎"), .set(visit, field: "notes", value: "B")],
                                      author: "suzuki", now: now + 2)
        try sato.apply(right)
        try suzuki.apply(left)
        let companyStatus = try status(company, in: sato)
        #expect(companyStatus.reasons == [.conflict])
        #expect(companyStatus.conflicts == ["representativeName"])
        let visitStatus = try status(visit, in: sato)
        #expect(visitStatus.reasons == [.submitted, .conflict])
        #expect(visitStatus.conflicts == ["notes"])
        #expect(visitStatus.conflictCount == 1)
        // Both replicas say the same.
        #expect(try status(visit, in: suzuki) == visitStatus)
    }

    @Test func anEditWhileDeletedAndADeletionWithARestoreAreDeletionConflicts() throws {
        let (first, changes) = try recorded(state: .submitted)
        var sato = first
        var suzuki = replica(2)
        for change in changes { try suzuki.apply(change) }
        let deleted = try sato.commit([.delete(visit)], author: "sato", now: now + 1)
        let edited = try suzuki.commit([.set(visit, field: "notes", value: "追記")], author: "suzuki", now: now + 2)
        try sato.apply(edited)
        let status = try status(visit, in: sato)
        #expect(status.reasons == [.deleted])
        #expect(status.fieldsEditedWhileDeleted == ["notes"])
        #expect(status.deletionConflict)
        #expect(status.conflictCount == sato.conflicts(in: visit).count)

        // One restores while the other, having restored it, deletes it again.
        let (second, start) = try recorded(state: .submitted)
        var ito = second
        var kato = replica(4)
        let removed = try ito.commit([.delete(visit)], author: "ito", now: now + 1)
        for change in start + [removed] { try kato.apply(change) }
        let restoredByIto = try ito.commit([.restore(visit)], author: "ito", now: now + 2)
        let deletedAgain = try ito.commit([.delete(visit)], author: "ito", now: now + 3)
        _ = try kato.commit([.restore(visit)], author: "kato", now: now + 4)
        try kato.apply(restoredByIto)
        try kato.apply(deletedAgain)
        let both = try self.status(visit, in: kato)
        #expect(both.deletedAndRestored)
        #expect(both.fieldsEditedWhileDeleted.isEmpty)
        // Shown restored or deleted as every replica picks; the deletion waits either way.
        #expect(both.reasons.last == .deleted)
        #expect(both.reasons == (both.isDeleted ? [.deleted] : [.submitted, .deleted]))
        #expect(both.conflictCount == kato.conflicts(in: visit).count)
    }

    @Test func reasonsKeepTheirStoredNames() {
        #expect(ReviewReason.allCases.map(\.rawValue) == ["submitted", "changed", "conflict", "deleted"])
    }
}
