import Testing
@testable import FieldVisitCore

/// What each reviewer's decision writes, and when it cannot be made.
@Suite struct ReviewDecisionTests {
    /// Two replicas that saw the same visit; one deletes it while the other edits it.
    func deletedWhileEdited() throws -> (office: Replica, key: EntityKey) {
        var sato = Replica(id: .random(), schema: .fieldVisit)
        var suzuki = Replica(id: .random(), schema: .fieldVisit)
        let key = EntityKey(.visit, .random())
        let made = try sato.commit([.set(key, field: "notes", value: .text("初回")), .set(key, field: "date", value: "2026-11-20")], author: "佐藤", now: 1)
        try suzuki.apply(made)
        let deleted = try sato.commit([.delete(key)], author: "佐藤", now: 2)
        let edited = try suzuki.commit([.set(key, field: "notes", value: .text("追記"))], author: "鈴木", now: 3)
        var office = Replica(id: .random(), schema: .fieldVisit)
        for change in [made, deleted, edited] { try office.apply(change) }
        return (office, key)
    }

    @Test func restoringKeepsTheEditsAndConfirmingDeletesOverThem() throws {
        for decision in [ReviewDecision.restore, .confirmDeletion] {
            var (office, key) = try deletedWhileEdited()
            #expect(office.conflicts(in: key).map(\.kind) == [.editedWhileDeleted])
            let edits = try decision.edits(for: key, state: office.entities[key], schema: .fieldVisit)
            _ = try office.commit(edits, author: "高橋 課長", now: 4)
            let state = try #require(office.entities[key])
            #expect(office.conflicts(in: key).isEmpty)
            #expect(state.isDeleted == (decision == .confirmDeletion))
            #expect(state.visibleValues["notes"] == .text("追記") || decision == .confirmDeletion)
        }
    }

    @Test func aRecordNotDeletedIsNeitherRestoredNorDeletedAgain() throws {
        var office = Replica(id: .random(), schema: .fieldVisit)
        let key = EntityKey(.visit, .random())
        _ = try office.commit([.set(key, field: "notes", value: .text("初回"))], author: "高橋 課長", now: 1)
        for decision in [ReviewDecision.restore, .confirmDeletion] {
            #expect(throws: ReviewDecision.Refusal.notDeleted) { try decision.edits(for: key, state: office.entities[key], schema: .fieldVisit) }
        }
        // A deletion nothing was concurrent with stands: deleting again is refused.
        _ = try office.commit([.delete(key)], author: "高橋 課長", now: 2)
        #expect(throws: SyncError.self) { try office.commit([.delete(key)], author: "高橋 課長", now: 3) }
    }

    @Test func returningNeedsAReasonAndApprovingWaitsForConflicts() throws {
        var (office, key) = try deletedWhileEdited()
        #expect(throws: ReviewDecision.Refusal.commentRequired) { try ReviewDecision.returnForCorrection(comment: "  ").edits(for: key, state: office.entities[key], schema: .fieldVisit) }
        _ = try office.commit([.restore(key)], author: "高橋 課長", now: 4)
        let approve = try ReviewDecision.approve(comment: "確認しました").edits(for: key, state: office.entities[key], schema: .fieldVisit)
        #expect(approve.count == 3)
        #expect(throws: ReviewDecision.Refusal.notInConflict(field: "notes")) {
            try ReviewDecision.resolve([ConflictResolution(field: "notes", value: .text("x"))]).edits(for: key, state: office.entities[key], schema: .fieldVisit)
        }
    }
}
