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

/// The fast writer must give exactly the canonical bytes, for every kind of register.
@Suite struct EntityStateWriterTests {
    @Test func theWriterMatchesTheCanonicalEncoder() throws {
        var random = SplitMix64(seed: 7)
        let schema = Schema.fieldVisit
        var replicas = (0..<3).map { _ in Replica(id: .random(), schema: schema) }
        let visit = EntityKey(.visit, .random())
        let texts = ["社長と面談", "\"引用\"\n改行\\", "資金繰り", "ｶﾜﾑﾗ", ""]
        for step in 0..<60 {
            let index = Int(random.next() % 3)
            let edits: [Edit] = switch random.next() % 5 {
            case 0: [.set(visit, field: "notes", value: .text(texts[Int(random.next() % 5)]))]
            case 1: [.add(visit, field: "issues", element: .text(["cashFlow", "noSuccessor"][Int(random.next() % 2)]))]
            case 2: [.set(visit, field: "nextVisitDate", value: .text("2026-12-\(10 + step % 18)"))]
            case 3: replicas[index].entities[visit].map { $0.isDeleted ? [.restore(visit)] : [.delete(visit)] } ?? []
            default: replicas[index].entities[visit] == nil ? [] : [.approve(visit)]
            }
            if !edits.isEmpty, let change = try? replicas[index].commit(edits, author: "staff\(index)", now: Int64(step)) {
                // Deliver to one other replica now and then: concurrency and conflicts.
                let other = (index + 1 + Int(random.next() % 2)) % 3
                if random.next() % 2 == 0 { _ = try? replicas[other].apply(change) }
            }
        }
        for replica in replicas {
            guard let state = replica.entities[visit] else { continue }
            #expect(CanonicalJSONWriter.encode(state) == (try CanonicalJSON.encode(state)))
        }
    }
}
