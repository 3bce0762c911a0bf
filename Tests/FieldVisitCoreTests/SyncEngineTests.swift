import Foundation
import Testing
@testable import FieldVisitCore

/// Worked examples of the sync engine's rules, one scenario each.
@Suite struct SyncEngineTests {
    let note = SyncTestSchema.key(1)
    let now: Int64 = 1_732_000_000_000
    let aYear: Int64 = 365 * 86_400_000

    func replica(_ number: Int) -> Replica {
        Replica(id: ReplicaID(UUID(uuidString: String(format: "00000000-0000-4000-8000-%012d", number))!), schema: SyncTestSchema.schema)
    }

    /// Applies every change of `changes` not yet on `replica`, in order.
    func sync(_ replica: inout Replica, _ changes: [ChangeSet]) throws {
        for change in changes { try replica.apply(change) }
    }

    @Test("sequential writes by different people never conflict, even from a laptop a year ahead")
    func sequentialWritesWithSkewedClocks() throws {
        var ahead = replica(1), office = replica(2)
        let first = try ahead.commit([.set(note, field: "title", value: "見積依頼")], author: "sato", now: now + aYear)
        try office.apply(first)
        // The office writes after seeing the first write, with a wall clock a year behind it.
        let second = try office.commit([.set(note, field: "title", value: "社長と面談")], author: "tanaka", now: now)
        try ahead.apply(second)
        let third = try ahead.commit([.set(note, field: "body", value: "返済相談")], author: "sato", now: now + aYear + 1)
        try office.apply(third)
        for side in [ahead, office] {
            #expect(side.conflicts().isEmpty)
            #expect(side.entities[note]?.visibleValues["title"] == "社長と面談")
            #expect(side.entities[note]?.fields["title"]?.siblings.count == 1)
        }
        // The later write carries a later hybrid timestamp despite the slower wall clock.
        #expect(second.timestamp > first.timestamp)
    }

    @Test("concurrent edits of one field conflict on both sides; a resolution clears it everywhere")
    func concurrentEditsAndResolution() throws {
        var a = replica(1), b = replica(2)
        let created = try a.commit([.set(note, field: "title", value: "訪問")], author: "sato", now: now)
        try b.apply(created)
        let fromA = try a.commit([.set(note, field: "title", value: "見積依頼")], author: "sato", now: now + 10)
        let fromB = try b.commit([.set(note, field: "title", value: "返済相談")], author: "suzuki", now: now + 20)
        try a.apply(fromB)
        try b.apply(fromA)
        #expect(a.entities == b.entities)
        let conflict = try #require(a.conflicts().first)
        #expect(conflict.kind == .concurrentValues && conflict.fields == ["title"])
        #expect(Set(conflict.siblings.map(\.value)) == ["見積依頼", "返済相談"])
        #expect(Set(conflict.siblings.map(\.author)) == ["sato", "suzuki"])
        // Both sides show the same value while the conflict waits.
        #expect(a.entities[note]?.visibleValues == b.entities[note]?.visibleValues)

        let resolution = try a.commit([.set(note, field: "title", value: "見積依頼と返済相談")], author: "manager", now: now + 30)
        try b.apply(resolution)
        #expect(a.conflicts().isEmpty && b.conflicts().isEmpty)
        #expect(b.entities[note]?.visibleValues["title"] == "見積依頼と返済相談")
    }

    @Test("an edit made before a resolution arrived is a new conflict, not a silent overwrite")
    func editConcurrentWithResolution() throws {
        var a = replica(1), b = replica(2), c = replica(3)
        let created = try a.commit([.set(note, field: "body", value: "初回")], author: "sato", now: now)
        try b.apply(created); try c.apply(created)
        let x = try a.commit([.set(note, field: "body", value: "A案")], author: "sato", now: now + 1)
        let y = try b.commit([.set(note, field: "body", value: "B案")], author: "suzuki", now: now + 2)
        try c.apply(x); try c.apply(y)
        let resolved = try c.commit([.set(note, field: "body", value: "A案")], author: "manager", now: now + 3)
        // Meanwhile b, not having seen the resolution, edits again.
        let late = try b.commit([.set(note, field: "body", value: "B案改")], author: "suzuki", now: now + 4)
        try b.apply(x); try b.apply(resolved)
        try c.apply(late)
        try a.apply(y); try a.apply(resolved); try a.apply(late)
        for side in [a, b, c] {
            let conflict = try #require(side.conflicts().first)
            #expect(Set(conflict.siblings.map(\.value)) == ["A案", "B案改"])
        }
    }

    @Test("concurrent writes of the same value agree and are no conflict")
    func concurrentSameValue() throws {
        var a = replica(1), b = replica(2)
        let created = try a.commit([.set(note, field: "amount", value: 100)], author: "sato", now: now)
        try b.apply(created)
        let x = try a.commit([.set(note, field: "amount", value: 1_200_000)], author: "sato", now: now + 1)
        let y = try b.commit([.set(note, field: "amount", value: 1_200_000)], author: "suzuki", now: now + 2)
        try a.apply(y); try b.apply(x)
        #expect(a.conflicts().isEmpty)
        #expect(a.entities[note]?.fields["amount"]?.siblings.count == 2)
    }

    @Test("last-writer-wins fields pick the same winner everywhere and report no conflict")
    func lastWriterWins() throws {
        var a = replica(1), b = replica(2)
        let x = try a.commit([.set(note, field: "colour", value: "赤")], author: "sato", now: now + 500)
        let y = try b.commit([.set(note, field: "colour", value: "青")], author: "suzuki", now: now)
        try a.apply(y); try b.apply(x)
        #expect(a.conflicts().isEmpty && b.conflicts().isEmpty)
        #expect(a.entities[note]?.visibleValues["colour"] == "赤")
        #expect(b.entities[note]?.visibleValues["colour"] == "赤")
    }

    @Test("an add concurrent with a remove of the same element wins")
    func addWins() throws {
        var a = replica(1), b = replica(2)
        let created = try a.commit([.add(note, field: "tags", element: "a")], author: "sato", now: now)
        try b.apply(created)
        let removal = try a.commit([.remove(note, field: "tags", element: "a")], author: "sato", now: now + 1)
        let readd = try b.commit([.add(note, field: "tags", element: "a"), .add(note, field: "tags", element: "b")], author: "suzuki", now: now + 2)
        try a.apply(readd); try b.apply(removal)
        #expect(a.entities[note]?.visibleSets["tags"] == ["a", "b"])
        #expect(a.entities == b.entities)
        let later = try a.commit([.remove(note, field: "tags", element: "a")], author: "sato", now: now + 3)
        try b.apply(later)
        #expect(b.entities[note]?.visibleSets["tags"] == ["b"])
    }

    @Test("an edit concurrent with a deletion is a conflict and loses nothing")
    func editWhileDeleted() throws {
        var a = replica(1), b = replica(2)
        let created = try a.commit([.set(note, field: "title", value: "訪問"), .set(note, field: "body", value: "メモ")], author: "sato", now: now)
        try b.apply(created)
        let deletion = try a.commit([.delete(note)], author: "sato", now: now + 1)
        let edit = try b.commit([.set(note, field: "body", value: "追記あり")], author: "suzuki", now: now + 2)
        try a.apply(edit); try b.apply(deletion)
        for side in [a, b] {
            #expect(side.entities[note]?.isDeleted == true)
            #expect(side.conflicts() == [Conflict(entity: note, kind: .editedWhileDeleted, fields: ["body"])])
            #expect(side.entities[note]?.visibleValues["body"] == "追記あり")
        }
        // Editing a deleted record locally is refused and changes nothing.
        let before = a.entities
        #expect(throws: SyncError.self) { try a.commit([.set(note, field: "title", value: "x")], author: "sato", now: now + 3) }
        #expect(a.entities == before && a.counter == 2)
        // Restoring resolves it: an ordinary change made after seeing both.
        let restore = try a.commit([.restore(note)], author: "manager", now: now + 4)
        try b.apply(restore)
        #expect(b.conflicts().isEmpty && b.entities[note]?.isDeleted == false)
    }

    @Test("a deletion that saw every edit is no conflict")
    func sequentialDelete() throws {
        var a = replica(1), b = replica(2)
        let created = try a.commit([.set(note, field: "title", value: "訪問")], author: "sato", now: now)
        try b.apply(created)
        let edit = try b.commit([.set(note, field: "title", value: "再訪問"), .add(note, field: "tags", element: "c")], author: "suzuki", now: now + 1)
        try a.apply(edit)
        let deletion = try a.commit([.delete(note)], author: "sato", now: now + 2)
        try b.apply(deletion)
        #expect(b.conflicts().isEmpty && b.entities[note]?.isDeleted == true)
    }

    @Test("an approval names its version; a later or concurrent edit shows exactly which fields changed")
    func changedSinceApproval() throws {
        var field = replica(1), manager = replica(2)
        let created = try field.commit([
            .set(note, field: "title", value: "訪問"), .set(note, field: "amount", value: 5_000_000),
            .set(note, field: "reviewState", value: "submitted"),
        ], author: "sato", now: now)
        try manager.apply(created)
        #expect(manager.changedSinceApproval(note) == nil)
        let approval = try manager.commit([.approve(note), .set(note, field: "reviewState", value: "approved")], author: "manager", now: now + 1)
        guard case .approve(_, let version) = approval.operations[0] else { Issue.record("not an approval"); return }
        #expect(version == VectorClock(covering: [created.dot]))
        #expect(manager.changedSinceApproval(note) == [])

        // Concurrently with the approval, the field laptop corrects the amount.
        let correction = try field.commit([.set(note, field: "amount", value: 5_500_000)], author: "sato", now: now + 2)
        try field.apply(approval)
        try manager.apply(correction)
        #expect(manager.changedSinceApproval(note) == ["amount"])
        #expect(field.changedSinceApproval(note) == ["amount"])
        // Approving again names the new version and the approval stands.
        let again = try manager.commit([.approve(note)], author: "manager", now: now + 3)
        try field.apply(again)
        #expect(field.changedSinceApproval(note) == [])
        #expect(field.entities[note]?.approval.siblings.count == 1)
    }

    @Test("invalid change sets are refused whole and change nothing")
    func refusals() throws {
        var a = replica(1), b = replica(2)
        let good = try a.commit([.set(note, field: "title", value: "訪問")], author: "sato", now: now)
        let next = try a.commit([.set(note, field: "body", value: "メモ")], author: "sato", now: now + 1)
        // Out of order: names what is missing.
        #expect(throws: SyncError.missingDependencies(change: next.dot, missing: [good.dot])) { try b.apply(next) }
        #expect(b.entities.isEmpty && b.context.count == 0)

        var wrongType = good
        wrongType.operations = [.set(note, field: "title", value: "正しい"), .set(note, field: "amount", value: "百万円")]
        #expect(throws: SyncError.self) { try b.apply(wrongType) }
        var unknownField = good
        unknownField.operations = [.set(note, field: "colour2", value: "赤")]
        #expect(throws: SyncError.self) { try b.apply(unknownField) }
        var setOnSet = good
        setOnSet.operations = [.set(note, field: "tags", value: "a")]
        #expect(throws: SyncError.self) { try b.apply(setOnSet) }
        var badCode = good
        badCode.operations = [.add(note, field: "tags", element: "z")]
        #expect(throws: SyncError.self) { try b.apply(badCode) }
        var unknownType = good
        unknownType.operations = [.set(EntityKey(RecordType(rawValue: "invoice"), RecordID(rawValue: "1")), field: "title", value: "x")]
        #expect(throws: SyncError.self) { try b.apply(unknownType) }
        var brokenChain = next
        brokenChain.dependencies = VectorClock()
        #expect(throws: SyncError.self) { try b.apply(brokenChain) }
        var noAuthor = good
        noAuthor.author = ""
        #expect(throws: SyncError.self) { try b.apply(noAuthor) }
        #expect(b.entities.isEmpty && b.context.count == 0)

        #expect(try b.apply(good) == .applied)
        #expect(try b.apply(good) == .duplicate)
        #expect(try b.apply(next) == .applied)
        #expect(b.entities == a.entities)
    }

    @Test("a change set's metadata lists only its direct dependencies")
    func compactClocks() throws {
        var replicas = (1...50).map(replica)
        var history: [ChangeSet] = []
        // Fifty replicas take turns writing one field, each after seeing every earlier write.
        for index in replicas.indices {
            try sync(&replicas[index], history)
            history.append(try replicas[index].commit([.set(note, field: "title", value: .text("版\(index)"))], author: "user\(index)", now: now + Int64(index)))
        }
        let change = try #require(history.last)
        // Its own first change (no predecessor) plus the one value it overwrote.
        #expect(change.dependencies.dots == [Dot(replica: replicas[48].id, counter: 1)])
    }

    @Test("the hybrid logical clock never goes back and stays ahead of what it saw")
    func hybridLogicalClock() {
        var clock = HybridLogicalClock()
        let first = clock.tick(now: 1_000)
        let second = clock.tick(now: 900)   // the wall clock stepped back
        #expect(second > first)
        clock.observe(HybridTimestamp(time: 5_000, logical: 3))
        let third = clock.tick(now: 1_100)
        #expect(third > HybridTimestamp(time: 5_000, logical: 3))
    }

    @Test("a change set may edit a record and then delete or approve it; it depends on its replica's past only")
    func editThenDeleteInOneChange() throws {
        var laptop = Replica(id: .random(), schema: .fieldVisit)
        var office = Replica(id: .random(), schema: .fieldVisit)
        let visit = EntityKey(.visit, .random())
        let created = try laptop.commit([.set(visit, field: "notes", value: "面談")], author: "sato", now: 1)
        let edited = try laptop.commit([.set(visit, field: "notes", value: "面談の訂正"), .delete(visit)], author: "sato", now: 2)
        #expect(edited.dependencies[laptop.id] == 1)
        let restored = try laptop.commit([.restore(visit)], author: "sato", now: 3)
        let approved = try laptop.commit([.set(visit, field: "notes", value: "再開"), .approve(visit)], author: "sato", now: 4)
        #expect(approved.dependencies[laptop.id] == 3)
        for change in [created, edited, restored, approved] { try office.apply(change) }
        #expect(office.entities[visit] == laptop.entities[visit])
        #expect(office.changedSinceApproval(visit) == [])
    }
}
