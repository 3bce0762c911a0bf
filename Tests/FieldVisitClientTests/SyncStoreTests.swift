import FieldVisitCore
import FieldVisitProtocol
import Foundation
import GRDB
import Testing
@testable import FieldVisitClient

/// What sync reads from and writes to the store: the change sets waiting to be pushed,
/// pulled pages applied with their cursor, and snapshots as the base of records.
@Suite struct SyncStoreTests {
    static let office = ReplicaID(UUID(uuidString: "0b000000-0000-4000-8000-00000000000b")!)
    static let colleague = ReplicaID(UUID(uuidString: "0c000000-0000-4000-8000-00000000000c")!)
    static let otherBranch = ReplicaID(UUID(uuidString: "0d000000-0000-4000-8000-00000000000d")!)
    let visit = EntityKey(.visit, RecordID(rawValue: "5d7c1b1e-2f0a-4c1e-9a53-6f0b8e2d4a10"))
    let company = EntityKey(.company, RecordID(rawValue: "c0a1b2c3-d4e5-4f60-8a7b-9c0d1e2f3a4b"))

    func newVisit(_ key: EntityKey, staff: String = "佐藤") -> [Edit] {
        [
            .set(key, field: "company", value: .text(company.id.rawValue)), .set(key, field: "date", value: "2024-05-14"),
            .set(key, field: "mode", value: "onSite"), .set(key, field: "purpose", value: "pushTypeInterview"),
            .add(key, field: "staff", element: .text(staff)), .set(key, field: "notes", value: "社長と面談。"),
        ]
    }

    @Test("only this laptop's unacknowledged change sets wait to be pushed, in counter order, page by page")
    func pendingChangeSets() throws {
        let temporary = TemporaryHome()
        let store = try LocalStore.create(home: temporary.home, user: "佐藤")
        var made: [ChangeSet] = []
        for index in 0..<5 {
            made.append(try store.commit([.set(company, field: "name", value: .text("株式会社カワムラ\(index)"))], now: 1_715_000_000_000 + Int64(index)))
        }
        var colleague = Replica(id: Self.colleague, schema: .fieldVisit)
        try store.apply(try colleague.commit(newVisit(visit, staff: "鈴木"), author: "suzuki", now: 1_715_000_001_000))

        #expect(try store.pendingCount() == 5)
        #expect(try store.pendingChangeSets(limit: 2) == Array(made[0..<2]))
        try store.markPushed(through: 2)
        #expect(try store.pendingChangeSets(limit: 10).map(\.dot.counter) == [3, 4, 5])
        try store.markPushed(through: 1)
        #expect(try store.pendingCount() == 3, "the acknowledged position never moves back")
        try store.markPushed(through: 5)
        #expect(try store.pendingChangeSets(limit: 10).isEmpty)
        #expect(try store.syncState().pushedCounter == 5)
        #expect(try !store.canStartFromSnapshot(), "the log holds a colleague's change set: a snapshot would not include it")
    }

    @Test("a pulled page applies remote change sets, skips own ones, ignores dependencies on changes it cannot see, and records its cursor")
    func applyPulledPage() throws {
        let temporary = TemporaryHome()
        let store = try LocalStore.create(home: temporary.home, user: "佐藤")
        let own = try store.commit(newVisit(visit), now: 1_715_000_000_000)
        try store.markPushed(through: 1)

        // A colleague first records a company of another branch, which this laptop
        // never receives; every later change of the colleague depends on it.
        var colleague = Replica(id: Self.colleague, schema: .fieldVisit)
        let elsewhere = EntityKey(.company, RecordID(rawValue: "e1f2a3b4-c5d6-4e7f-8a9b-0c1d2e3f4a5b"))
        let unseen = try colleague.commit([.set(elsewhere, field: "name", value: "株式会社他支所")], author: "suzuki", now: 1_715_000_002_000)
        try colleague.apply(own)
        let edit = try colleague.commit([.set(visit, field: "notes", value: "後継者候補（長男）と面談。")], author: "suzuki", now: 1_715_000_003_000)
        let overwrite = try colleague.commit([.set(visit, field: "purpose", value: "expertDispatch")], author: "suzuki", now: 1_715_000_004_000)
        #expect(edit.dependencies.covers(unseen.dot) && edit.foreignDependencies.contains(own.dot))

        let outcome = try store.applyPulled(PullPage(changeSets: [own, edit, overwrite], cursor: 42, more: false))
        #expect(outcome.applied == 2 && outcome.duplicates == 1 && outcome.cursor == 42)
        #expect(try store.syncState().pullCursor == 42)
        #expect(try store.state(of: visit) == colleague.entities[visit])
        #expect(try store.logCounts().total == 3 && store.logCounts().local == 1)
        #expect(try store.pendingCount() == 0)

        // The same page again (a sync killed after applying it but before hearing more)
        // changes nothing.
        let before = try dump(store)
        let again = try store.applyPulled(PullPage(changeSets: [own, edit, overwrite], cursor: 42, more: false))
        #expect(again.applied == 0 && again.duplicates == 3)
        #expect(try dump(store) == before)

        let live = try dump(store)
        try store.rebuildFromLog()
        #expect(try dump(store) == live)
    }

    @Test("a page with an invalid change set applies nothing and keeps the cursor")
    func invalidPage() throws {
        let temporary = TemporaryHome()
        let store = try LocalStore.create(home: temporary.home, user: "佐藤")
        var colleague = Replica(id: Self.colleague, schema: .fieldVisit)
        let first = try colleague.commit(newVisit(visit, staff: "鈴木"), author: "suzuki", now: 1_715_000_000_000)
        try store.applyPulled(PullPage(changeSets: [first], cursor: 7, more: true))
        let before = try dump(store)

        let good = try colleague.commit([.set(visit, field: "notes", value: "資金繰り表を受領")], author: "suzuki", now: 1_715_000_001_000)
        var unknownField = try colleague.commit([.set(visit, field: "purpose", value: "succession")], author: "suzuki", now: 1_715_000_002_000)
        unknownField.operations = [.set(visit, field: "noSuchField", value: "x")]
        var brokenChain = good
        brokenChain.dot.counter = 9
        for bad in [unknownField, brokenChain] {
            #expect(throws: SyncFailure.self) { try store.applyPulled(PullPage(changeSets: [good, bad], cursor: 12, more: false)) }
            #expect(try dump(store) == before)
            #expect(try store.syncState().pullCursor == 7)
            #expect(try store.logCounts().total == 1)
        }
    }

    @Test("a pulled return for correction of this user's visit is reported; a colleague's is not")
    func returnedForCorrection() throws {
        let temporary = TemporaryHome()
        let store = try LocalStore.create(home: temporary.home, user: "佐藤")
        let own = try store.commit(newVisit(visit), now: 1_715_000_000_000)
        var manager = Replica(id: Self.office, schema: .fieldVisit)
        try manager.apply(own)
        let colleagues = EntityKey(.visit, RecordID(rawValue: "6e8d2c2f-3a1b-4d2f-8b64-7a1c9f3e5b21"))
        let other = try manager.commit(newVisit(colleagues, staff: "鈴木"), author: "suzuki", now: 1_715_000_001_000)
        let returned = try manager.commit([
            .set(visit, field: "reviewState", value: "returned"), .set(visit, field: "reviewComment", value: "面談相手を記入してください"),
            .set(colleagues, field: "reviewState", value: "returned"),
        ], author: "manager", now: 1_715_000_002_000)
        let outcome = try store.applyPulled(PullPage(changeSets: [other, returned], cursor: 3, more: false))
        #expect(outcome.returnedForCorrection == [visit])
    }

    @Test("a store started from a snapshot equals a replica that received everything, and rebuilds the same")
    func snapshotThenPulls() throws {
        let temporary = TemporaryHome()
        let store = try LocalStore.create(home: temporary.home, user: "佐藤")
        let ownFirst = try store.commit(newVisit(visit), now: 1_715_000_000_000)

        // The office holds the laptop's pushed change set and a colleague's work.
        var office = Replica(id: Self.office, schema: .fieldVisit)
        var colleague = Replica(id: Self.colleague, schema: .fieldVisit)
        try office.apply(ownFirst)
        try colleague.apply(ownFirst)
        var received = [ownFirst]
        for edits in [
            [Edit.set(company, field: "name", value: "株式会社カワムラ"), .add(company, field: "cohortTags", element: "covidZeroInterestLoan")],
            [.set(visit, field: "notes", value: "後継者候補と面談。"), .add(visit, field: "issues", element: "noSuccessor")],
            [.set(visit, field: "nextVisitDate", value: "2024-06-14")],
        ] {
            let change = try colleague.commit(edits, author: "suzuki", now: 1_715_000_001_000 + Int64(received.count))
            try office.apply(change)
            received.append(change)
        }
        try store.markPushed(through: 1)
        #expect(try store.canStartFromSnapshot())

        let snapshot = Snapshot(
            records: office.entities.keys.sorted().map { Snapshot.Record(type: $0.type, id: $0.id, state: office.entities[$0]!) },
            cursor: 4
        )
        let loaded = try #require(try store.loadSnapshot(snapshot))
        #expect(loaded.applied == 2 && loaded.cursor == 4)
        #expect(try store.syncState().pullCursor == 4)
        #expect(try store.loadSnapshot(snapshot) == nil, "a store that pulled does not load a snapshot again")
        #expect(try !store.canStartFromSnapshot())

        // Afterwards the laptop and the colleague edit the notes concurrently and the
        // office approves the visit; the laptop's own edit comes back in the pull as a
        // duplicate, and the pulled changes depend on change sets only the snapshot holds.
        let ownEdit = try store.commit([.set(visit, field: "notes", value: "設備更新の資金繰りについて相談あり。")], now: 1_715_000_010_000)
        try office.apply(ownEdit)
        let concurrent = try colleague.commit([.set(visit, field: "notes", value: "資金繰り表を受領")], author: "suzuki", now: 1_715_000_011_000)
        try office.apply(concurrent)
        let approval = try office.commit([.approve(visit), .set(visit, field: "reviewState", value: "approved")], author: "manager", now: 1_715_000_012_000)
        try store.applyPulled(PullPage(changeSets: [ownEdit, concurrent], cursor: 6, more: true))
        try store.applyPulled(PullPage(changeSets: [approval], cursor: 7, more: false))

        for (key, state) in office.entities {
            #expect(try store.state(of: key) == state, "\(key) differs from the replica that received everything")
        }
        #expect(try store.conflicts() == office.conflicts())
        #expect(try store.conflicts().count == 1)
        #expect(try store.history(of: visit).map(\.dot) == [ownFirst.dot, ownEdit.dot, concurrent.dot, approval.dot], "history shows what the log holds")

        let live = try dump(store)
        try store.rebuildFromLog()
        #expect(try dump(store) == live, "rebuilding from the snapshot and the log gave a different store")
        for (key, state) in office.entities { #expect(try store.state(of: key) == state) }

        // The laptop's next change depends on what the snapshot brought.
        let next = try store.commit([.set(visit, field: "notes", value: "競合を解消")], now: 1_715_000_020_000)
        try office.apply(next)
        #expect(try store.state(of: visit) == office.entities[visit])
    }

    @Test("a snapshot record that does not fit the schema loads nothing")
    func invalidSnapshot() throws {
        let temporary = TemporaryHome()
        let store = try LocalStore.create(home: temporary.home, user: "佐藤")
        var colleague = Replica(id: Self.colleague, schema: .fieldVisit)
        _ = try colleague.commit(newVisit(visit, staff: "鈴木"), author: "suzuki", now: 1_715_000_000_000)
        var state = try #require(colleague.entities[visit])
        state.restore(Sibling(dot: Dot(replica: Self.colleague, counter: 9), value: "not a date", timestamp: HybridTimestamp(time: 1), author: "x"), field: "date")
        let snapshot = Snapshot(records: [.init(type: .visit, id: visit.id, state: state)], cursor: 1)
        #expect { try store.loadSnapshot(snapshot) } throws: { "\($0)".contains("snapshot record") }
        #expect(try store.syncState().pullCursor == nil)
        #expect(try store.state(of: visit) == nil)
    }

    @Test("a change stamped far after it arrived does not move this laptop's clock, and history marks its time")
    func implausibleTimesAreMarkedAndNotFollowed() throws {
        let temporary = TemporaryHome()
        let store = try LocalStore.create(home: temporary.home, user: "佐藤")
        var colleague = Replica(id: Self.colleague, schema: .fieldVisit)
        let now = LocalStore.now()
        let honest = try colleague.commit(newVisit(visit, staff: "鈴木"), author: "鈴木", now: now)
        let ahead = try colleague.commit([.set(visit, field: "notes", value: "時計が一年進んだ端末から")], author: "鈴木", now: now + 365 * 86_400_000)
        try store.apply(honest)
        try store.apply(ahead)
        #expect(try store.implausibleTimes(of: visit) == [ahead.dot])
        // This laptop's next change is stamped by its own clock, not a year ahead.
        let mine = try store.commit([.set(visit, field: "shortTermGoals", value: "資金繰り表の作成")])
        #expect(mine.timestamp.time < now + 86_400_000)
    }
}

