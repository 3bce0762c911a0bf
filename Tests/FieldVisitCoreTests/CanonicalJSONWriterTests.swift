import Foundation
import Testing
@testable import FieldVisitCore

/// The fast canonical writer must give exactly the bytes of the canonical encoder.
@Suite struct CanonicalJSONWriterTests {
    static let awkward: [String] = [
        "", "社長と面談。\n次回、決算書を受領予定。", "quote \" backslash \\ slash /", "\u{01}\u{1f}\t\r\u{08}\u{0c}\u{7f}",
        "\u{2028}絵文字🏭 ｶﾞ ＡＢＣ", String(repeating: "長", count: 300),
    ]

    @Test("change sets from random histories encode to the same bytes both ways")
    func matchesEncoder() throws {
        var simulation = SyncSimulation(seed: 99, replicaCount: 5, entityCount: 3)
        for _ in 0..<200 { simulation.step() }
        #expect(simulation.history.count > 40)
        for change in simulation.history {
            #expect(CanonicalJSONWriter.encode(change) == (try CanonicalJSON.encode(change)))
        }
    }

    @Test("awkward text, extreme numbers and every operation encode identically")
    func awkwardValues() throws {
        let replica = ReplicaID(UUID(uuidString: "ffffffff-0000-4000-8000-000000000001")!)
        let key = EntityKey(.visit, RecordID(rawValue: "v-1"))
        var operations: [ChangeSet.Operation] = Self.awkward.map { .set(key, field: "notes", value: .text($0)) }
        operations += [
            .set(key, field: "amount", value: .integer(.min)), .set(key, field: "amount", value: .integer(.max)),
            .set(key, field: "flag", value: .bool(true)), .set(key, field: "flag", value: .null),
            .add(key, field: "issues", element: "cashFlow"), .remove(key, field: "issues", element: .integer(3)),
            .delete(key, version: VectorClock(covering: [Dot(replica: replica, counter: 9)])), .restore(key),
            .approve(key, version: VectorClock()),
        ]
        let change = ChangeSet(
            dot: Dot(replica: replica, counter: .max), author: "佐藤 \"花子\"", timestamp: HybridTimestamp(time: -5, logical: .max),
            dependencies: VectorClock(covering: [Dot(replica: replica, counter: UInt64.max - 1), Dot(replica: ReplicaID(UUID()), counter: 1)]),
            operations: operations
        )
        #expect(CanonicalJSONWriter.encode(change) == (try CanonicalJSON.encode(change)))
        let values: [String: FieldValue] = Dictionary(uniqueKeysWithValues: Self.awkward.enumerated().map { ("f\($0.offset)", .text($0.element)) })
        #expect(CanonicalJSONWriter.encode(values) == (try CanonicalJSON.encode(values)))
        let sets: [String: [FieldValue]] = ["b": ["x", 1, true], "a": []]
        #expect(CanonicalJSONWriter.encode(sets) == (try CanonicalJSON.encode(sets)))
    }
}
