import Foundation
import Testing
@testable import FieldVisitCore

/// The ways a field staff member could try to decide what only a reviewer decides,
/// each with a hand-made change set: the policy refuses every one, lets the honest
/// concurrent edit through, and lets a reviewer do all of it.
@Suite struct ReviewPolicyTests {
    let note = SyncTestSchema.key(1)
    let now: Int64 = 1_732_000_000_000
    let policy = ReviewPolicy(schema: SyncTestSchema.schema)

    func replica(_ number: Int) -> Replica {
        Replica(id: ReplicaID(UUID(uuidString: String(format: "00000000-0000-4000-8000-%012d", number))!), schema: SyncTestSchema.schema)
    }

    /// A change set of `writer`'s next counter that depends on exactly `seen`.
    func handMade(_ writer: Replica, counter: UInt64, seen: [Dot], _ operations: [ChangeSet.Operation]) -> ChangeSet {
        var dependencies = VectorClock(covering: seen)
        if counter > 1 { dependencies.include(Dot(replica: writer.id, counter: counter - 1)) }
        return ChangeSet(dot: Dot(replica: writer.id, counter: counter), author: "sato", timestamp: HybridTimestamp(time: now + 100),
                         dependencies: dependencies, operations: operations)
    }

    func refusal(_ change: ChangeSet, on state: EntityState?, reviewer: Bool = false) -> ReviewPolicy.Refusal? {
        #expect(throws: Never.self) { try change.checkShape() }
        return policy.refusal(of: change, isReviewer: reviewer, state: { $0 == note ? state : nil })
    }

    /// A note whose title sato (replica 1) and suzuki (replica 2) wrote concurrently.
    func conflictedTitle() throws -> (server: Replica, sato: Replica, satoDot: Dot, suzukiDot: Dot) {
        var sato = replica(1), suzuki = replica(2), server = replica(9)
        let created = try sato.commit([.set(note, field: "title", value: "訪問")], author: "sato", now: now)
        try suzuki.apply(created)
        try server.apply(created)
        let fromSato = try sato.commit([.set(note, field: "title", value: "見積依頼")], author: "sato", now: now + 10)
        let fromSuzuki = try suzuki.commit([.set(note, field: "title", value: "返済相談")], author: "suzuki", now: now + 20)
        try server.apply(fromSato)
        try server.apply(fromSuzuki)
        #expect(server.conflicts().count == 1)
        return (server, sato, fromSato.dot, fromSuzuki.dot)
    }

    @Test("writing the other side's value over one's own conflicting value would end the conflict: refused")
    func conflictEndedByCopyingTheOtherValue() throws {
        let (server, sato, satoDot, _) = try conflictedTitle()
        let copy = handMade(sato, counter: 3, seen: [satoDot], [.set(note, field: "title", value: "返済相談")])
        #expect(refusal(copy, on: server.entities[note]) != nil)
        #expect(refusal(copy, on: server.entities[note], reviewer: true) == nil)
        // The honest edit made offline, not knowing of the conflict, joins it.
        let honest = handMade(sato, counter: 3, seen: [satoDot], [.set(note, field: "title", value: "見積依頼（再）")])
        #expect(refusal(honest, on: server.entities[note]) == nil)
    }

    @Test("covering both conflicting values is a resolution: refused for field staff, allowed for a reviewer")
    func directResolution() throws {
        let (server, sato, satoDot, suzukiDot) = try conflictedTitle()
        let resolution = handMade(sato, counter: 3, seen: [satoDot, suzukiDot], [.set(note, field: "title", value: "決着")])
        #expect(refusal(resolution, on: server.entities[note])?.reason.contains("in conflict") == true)
        #expect(refusal(resolution, on: server.entities[note], reviewer: true) == nil)
    }

    @Test("a deletion and a restoration made concurrently: settling them by another deletion or restoration is refused")
    func deleteRestoreConflict() throws {
        var sato = replica(1), suzuki = replica(2), server = replica(9)
        let created = try sato.commit([.set(note, field: "title", value: "訪問")], author: "sato", now: now)
        let deleted = try sato.commit([.delete(note)], author: "sato", now: now + 1)
        for change in [created, deleted] { try suzuki.apply(change); try server.apply(change) }
        let restoredBySato = try sato.commit([.restore(note)], author: "sato", now: now + 2)
        let secondDeletion = try sato.commit([.delete(note)], author: "sato", now: now + 3)
        let restored = try suzuki.commit([.restore(note)], author: "suzuki", now: now + 4)
        try server.apply(restoredBySato)
        try server.apply(secondDeletion)
        try server.apply(restored)
        #expect(server.conflicts().map(\.kind) == [.deletedAndRestored])
        let state = server.entities[note]
        // Covering both the deletion and the colleague's restoration settles it.
        let settle = handMade(sato, counter: 5, seen: [secondDeletion.dot, restored.dot], [.restore(note)])
        #expect(refusal(settle, on: state) != nil)
        #expect(refusal(settle, on: state, reviewer: true) == nil)
        // A deletion covering only one's own: the restoration still stands beside it.
        let own = handMade(sato, counter: 5, seen: [secondDeletion.dot], [.delete(note, version: VectorClock(covering: [created.dot]))])
        #expect(refusal(own, on: state) == nil)
    }

    @Test("an edit made while the record was deleted: restoring, or deleting over the edit, would hide it: refused")
    func editedWhileDeleted() throws {
        var sato = replica(1), suzuki = replica(2), server = replica(9)
        let created = try sato.commit([.set(note, field: "title", value: "訪問")], author: "sato", now: now)
        try suzuki.apply(created)
        try server.apply(created)
        let deletion = try sato.commit([.delete(note)], author: "sato", now: now + 1)
        let edit = try suzuki.commit([.set(note, field: "body", value: "返済相談の記録")], author: "suzuki", now: now + 2)
        try server.apply(deletion)
        try server.apply(edit)
        #expect(server.conflicts().map(\.kind) == [.editedWhileDeleted])
        let state = server.entities[note]
        let restore = handMade(sato, counter: 3, seen: [deletion.dot], [.restore(note)])
        #expect(refusal(restore, on: state) != nil)
        let swallow = handMade(sato, counter: 3, seen: [deletion.dot, edit.dot], [.delete(note, version: VectorClock(covering: [created.dot, edit.dot]))])
        #expect(refusal(swallow, on: state) != nil)
        #expect(refusal(swallow, on: state, reviewer: true) == nil)
    }

    @Test("field staff submit; only a reviewer approves, returns or writes the review's fields")
    func workflowFields() throws {
        let writer = replica(1)
        let submit = handMade(writer, counter: 1, seen: [], [.set(note, field: "reviewState", value: "submitted")])
        #expect(refusal(submit, on: nil) == nil)
        let approveByState = handMade(writer, counter: 1, seen: [], [.set(note, field: "reviewState", value: "approved")])
        #expect(refusal(approveByState, on: nil) != nil)
        #expect(refusal(approveByState, on: nil, reviewer: true) == nil)
        let approve = handMade(writer, counter: 1, seen: [], [.approve(note, version: VectorClock())])
        #expect(refusal(approve, on: nil) != nil)

        let fieldVisit = ReviewPolicy(schema: .fieldVisit)
        let visit = EntityKey(.visit, RecordID(rawValue: "visit-1"))
        let comment = ChangeSet(dot: Dot(replica: writer.id, counter: 1), author: "sato", timestamp: HybridTimestamp(time: now),
                                dependencies: VectorClock(), operations: [.set(visit, field: "reviewComment", value: "確認しました（課長）")])
        #expect(fieldVisit.refusal(of: comment, isReviewer: false, state: { _ in nil })?.reason.contains("reviewComment") == true)
        #expect(fieldVisit.refusal(of: comment, isReviewer: true, state: { _ in nil }) == nil)
    }
}
