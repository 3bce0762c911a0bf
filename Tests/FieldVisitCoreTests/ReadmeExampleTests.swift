import Testing
import FieldVisitCore

/// The README's example, kept compiling and true.
@Suite struct ReadmeExampleTests {
    @Test("a visit recorded offline reaches the office and is acknowledged once")
    func readmeExample() throws {
        var laptop = Replica(id: .random(), schema: .fieldVisit)
        var office = Replica(id: .random(), schema: .fieldVisit)
        let visit = EntityKey(.visit, .random())

        let recorded = try laptop.commit([
            .set(visit, field: "company", value: "c0a1b2c3-d4e5-4f60-8a7b-9c0d1e2f3a4b"),
            .set(visit, field: "date", value: "2024-05-14"),
            .set(visit, field: "mode", value: "onSite"),
            .set(visit, field: "purpose", value: "pushTypeInterview"),
            .add(visit, field: "staff", element: "佐藤 花子"),
            .set(visit, field: "notes", value: "社長と面談。設備更新の資金繰りについて相談あり。"),
        ], author: "sato", now: 1_715_650_000_000)

        #expect(try office.apply(recorded) == .applied)
        #expect(try office.apply(recorded) == .duplicate)
        #expect(office.conflicts().isEmpty)
        let state = try #require(office.entities[visit])
        let record = try Visit(id: visit.id, values: state.visibleValues, sets: state.visibleSets)
        #expect(record.notes == "社長と面談。設備更新の資金繰りについて相談あり。")
        #expect(record.staff == ["佐藤 花子"])
    }

    @Test("a visit with an unknown purpose code is refused and never becomes a record")
    func invalidVisitRefused() throws {
        var laptop = Replica(id: .random(), schema: .fieldVisit)
        let visit = EntityKey(.visit, .random())
        #expect(throws: SyncError.self) {
            try laptop.commit([.set(visit, field: "purpose", value: "sightseeing")], author: "sato", now: 0)
        }
        #expect(laptop.entities.isEmpty && laptop.counter == 0)
    }
}
