import FieldVisitCore
import Foundation
import Testing

/// Snapshots carry record states: decoding must give back exactly the registers.
@Suite struct EntityStateCodingTests {
    @Test func aStateWithConflictsSetsAndMarksRoundTrips() throws {
        let schema = Schema.fieldVisit
        var a = Replica(id: .random(), schema: schema)
        var b = Replica(id: .random(), schema: schema)
        let visit = EntityKey(.visit, .random())
        let first = try a.commit([.set(visit, field: "notes", value: "社長と面談"), .add(visit, field: "issues", element: "cashFlow")], author: "sato", now: 1)
        try b.apply(first)
        let left = try a.commit([.set(visit, field: "notes", value: "資金繰りの相談")], author: "sato", now: 2)
        let right = try b.commit([.set(visit, field: "notes", value: "後継者の話")], author: "suzuki", now: 3)
        let deletion = try b.commit([.delete(visit)], author: "suzuki", now: 4)
        try a.apply(right)
        try a.apply(deletion)
        try b.apply(left)
        let state = try #require(a.entities[visit])
        let decoded = try JSONDecoder().decode(EntityState.self, from: CanonicalJSON.encode(state))
        #expect(decoded == state)
        #expect(decoded == b.entities[visit])
    }
}
