import FieldVisitCore
import FieldVisitProtocol
import Foundation
import Testing

/// The shared vectors under `Protocol/vectors/`: each is built here from a scenario,
/// must match the committed file byte for byte, and must replay to its expected state.
///
/// After an intended change of the wire format, rewrite them with
/// `FIELDVISIT_WRITE_VECTORS=1 swift test --filter SyncVectorTests`.
@Suite struct SyncVectorTests {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Protocol/vectors")

    @Test("every vector file is canonical JSON and replays to its expected state", arguments: SyncVectorScenarios.all.map(\.name))
    func vector(named name: String) throws {
        let built = try #require(SyncVectorScenarios.all.first { $0.name == name })
        let url = Self.directory.appendingPathComponent("\(name).json")
        let encoded = try CanonicalJSON.encode(built) + Data("\n".utf8)
        if ProcessInfo.processInfo.environment["FIELDVISIT_WRITE_VECTORS"] == "1" {
            try encoded.write(to: url)
        }
        let stored = try Data(contentsOf: url)
        #expect(stored == encoded, "\(name).json differs from what the scenario builds; rewrite the vectors if the change is intended")

        // Decoding and re-encoding gives the same bytes: the encoding is deterministic.
        let decoded = try CanonicalJSON.decode(SyncVector.self, from: stored)
        #expect(try CanonicalJSON.encode(decoded) + Data("\n".utf8) == stored)

        // A fresh replica applying the change sets reaches the expected state, and so does
        // one that receives every change set twice.
        var replica = Replica(id: .random(), schema: .fieldVisit)
        for change in decoded.changeSets {
            #expect(try replica.apply(change) == .applied)
            #expect(try replica.apply(change) == .duplicate)
        }
        #expect(SyncVector.Expected(of: replica) == decoded.expected)
    }

    @Test("the vectors cover every kind of conflict and an approval")
    func coverage() {
        let conflicts = Set(SyncVectorScenarios.all.flatMap { $0.expected.conflicts.map(\.kind) })
        #expect(conflicts == Set([.concurrentValues, .editedWhileDeleted, .deletedAndRestored]))
        #expect(SyncVectorScenarios.all.contains { $0.expected.records.contains { $0.changedSinceApproval == ["notes"] } })
    }

    @Test("Japanese text is stored as UTF-8, not escaped, and round-trips exactly")
    func japaneseText() throws {
        let text = "株式会社カワムラ　社長と面談（設備投資・ｶﾜﾑﾗ）🏭"
        let value = FieldValue.text(text)
        let encoded = try CanonicalJSON.encode([value])
        #expect(String(decoding: encoded, as: UTF8.self) == "[\"\(text)\"]")
        #expect(try CanonicalJSON.decode([FieldValue].self, from: encoded) == [value])
    }
}

/// The scenarios behind the vectors, made with fixed replica ids and clocks so that
/// they build the same bytes every time.
enum SyncVectorScenarios {
    static let laptopA = ReplicaID(UUID(uuidString: "0a000000-0000-4000-8000-00000000000a")!)
    static let laptopB = ReplicaID(UUID(uuidString: "0b000000-0000-4000-8000-00000000000b")!)
    static let office = ReplicaID(UUID(uuidString: "0f000000-0000-4000-8000-00000000000f")!)
    static let visit = EntityKey(.visit, RecordID(rawValue: "5d7c1b1e-2f0a-4c1e-9a53-6f0b8e2d4a10"))
    static let company = RecordID(rawValue: "c0a1b2c3-d4e5-4f60-8a7b-9c0d1e2f3a4b")
    static let t0: Int64 = 1_700_000_000_000   // 2023-11-14

    static var all: [SyncVector] {
        [concurrentNotes(), sequentialEditsClockAhead(), editWhileDeleted(), deleteAndRestore(), changedSinceApproval(), issuesAddWins()]
    }

    static func replica(_ id: ReplicaID) -> Replica { Replica(id: id, schema: .fieldVisit) }

    /// The edits that record the visit on laptop A.
    static var recordVisit: [Edit] {
        [
            .set(visit, field: "company", value: .text(company.rawValue)),
            .set(visit, field: "date", value: "2023-11-14"),
            .set(visit, field: "mode", value: "onSite"),
            .set(visit, field: "purpose", value: "pushTypeInterview"),
            .add(visit, field: "staff", element: "佐藤 花子"),
            .set(visit, field: "notes", value: "社長と面談。設備更新の資金繰りについて相談あり。"),
        ]
    }

    static func vector(_ name: String, _ description: String, _ history: [ChangeSet]) -> SyncVector {
        var replica = replica(office)
        for change in history { try! replica.apply(change) }
        return SyncVector(name: name, description: description, changeSets: history, expected: .init(of: replica))
    }

    static func concurrentNotes() -> SyncVector {
        var a = replica(laptopA), b = replica(laptopB)
        let created = try! a.commit(recordVisit, author: "sato", now: t0)
        try! b.apply(created)
        let fromA = try! a.commit([.set(visit, field: "notes", value: "社長と面談。設備更新に3,000万円の借入を検討。")], author: "sato", now: t0 + 60_000)
        let fromB = try! b.commit([
            .set(visit, field: "notes", value: "社長・後継者と面談。事業承継の意向あり。"),
            .set(visit, field: "nextVisitDate", value: "2023-12-15"),
        ], author: "suzuki", now: t0 + 90_000)
        return vector("concurrent-notes", "Two laptops edit a visit offline: the notes conflict, the next-visit date merges.", [created, fromA, fromB])
    }

    static func sequentialEditsClockAhead() -> SyncVector {
        var ahead = replica(laptopA), b = replica(laptopB)
        let year: Int64 = 365 * 86_400_000
        let created = try! ahead.commit(recordVisit, author: "sato", now: t0 + year)
        try! b.apply(created)
        let edit = try! b.commit([.set(visit, field: "notes", value: "面談内容を追記：来月、決算書を受領予定。")], author: "suzuki", now: t0)
        return vector("sequential-edits-clock-ahead", "A laptop whose clock is a year ahead records a visit; a colleague edits it after syncing: no conflict.", [created, edit])
    }

    static func editWhileDeleted() -> SyncVector {
        var a = replica(laptopA), b = replica(laptopB)
        let created = try! a.commit(recordVisit, author: "sato", now: t0)
        try! b.apply(created)
        let deletion = try! a.commit([.delete(visit)], author: "sato", now: t0 + 1_000)
        let edit = try! b.commit([.set(visit, field: "shortTermGoals", value: "試算表を毎月作成する")], author: "suzuki", now: t0 + 2_000)
        return vector("edit-while-deleted", "One laptop deletes a visit while another adds goals to it: a conflict, and the goals are kept.", [created, deletion, edit])
    }

    static func deleteAndRestore() -> SyncVector {
        var a = replica(laptopA), b = replica(laptopB)
        let created = try! a.commit(recordVisit, author: "sato", now: t0)
        let deletion = try! a.commit([.delete(visit)], author: "sato", now: t0 + 1_000)
        try! b.apply(created)
        try! b.apply(deletion)
        let restore = try! b.commit([.restore(visit)], author: "suzuki", now: t0 + 2_000)
        let again = try! a.commit([.restore(visit)], author: "sato", now: t0 + 3_000)
        let redelete = try! a.commit([.delete(visit)], author: "sato", now: t0 + 4_000)
        return vector("delete-and-restore", "A restore concurrent with a second deletion: the record's deletion is in conflict.", [created, deletion, restore, again, redelete])
    }

    static func changedSinceApproval() -> SyncVector {
        var a = replica(laptopA), manager = replica(office)
        let created = try! a.commit(recordVisit + [.set(visit, field: "reviewState", value: "submitted")], author: "sato", now: t0)
        try! manager.apply(created)
        let approval = try! manager.commit([.approve(visit), .set(visit, field: "reviewState", value: "approved")], author: "yamada", now: t0 + 3_600_000)
        let correction = try! a.commit([.set(visit, field: "notes", value: "社長と面談。設備更新の資金繰り、運転資金も相談あり。")], author: "sato", now: t0 + 3_700_000)
        return vector("changed-since-approval", "A manager approves a visit while its author corrects the notes: changed since approval, in notes only.", [created, approval, correction])
    }

    static func issuesAddWins() -> SyncVector {
        var a = replica(laptopA), b = replica(laptopB)
        let created = try! a.commit(recordVisit + [.add(visit, field: "issues", element: "cashFlow")], author: "sato", now: t0)
        try! b.apply(created)
        let removal = try! a.commit([.remove(visit, field: "issues", element: "cashFlow"), .add(visit, field: "issues", element: "noSuccessor")], author: "sato", now: t0 + 1_000)
        let added = try! b.commit([.add(visit, field: "issues", element: "cashFlow"), .add(visit, field: "issues", element: "labourShortage"), .add(visit, field: "staff", element: "鈴木 一郎")], author: "suzuki", now: t0 + 2_000)
        return vector("issues-add-wins", "Issue categories merge element by element; an add concurrent with a remove wins.", [created, removal, added])
    }
}
