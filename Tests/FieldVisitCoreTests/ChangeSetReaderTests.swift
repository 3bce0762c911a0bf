import Foundation
import Testing
@testable import FieldVisitCore

/// The fast change-set reader must read what the canonical encoder writes, accept any
/// valid JSON form of a change set, and refuse everything else without trapping.
@Suite struct ChangeSetReaderTests {
    static func history() -> [ChangeSet] {
        var simulation = SyncSimulation(seed: 7, replicaCount: 5, entityCount: 3)
        for _ in 0..<300 { simulation.step() }
        return simulation.history
    }

    @Test("every change set of a random history reads back equal")
    func roundTrip() throws {
        let changes = Self.history()
        #expect(changes.count > 50)
        for change in changes {
            #expect(try ChangeSetReader.read(CanonicalJSONWriter.encode(change)) == change)
        }
    }

    @Test("pretty-printed JSON with escapes reads like the canonical form")
    func anyValidForm() throws {
        let replica = ReplicaID(UUID(uuidString: "0a000000-0000-4000-8000-00000000000a")!)
        let change = ChangeSet(
            dot: Dot(replica: replica, counter: 2), author: "佐藤 \"花子\"", timestamp: HybridTimestamp(time: 1, logical: 7),
            dependencies: VectorClock(covering: [Dot(replica: replica, counter: 1)]),
            operations: [
                .set(EntityKey(.visit, RecordID(rawValue: "v1")), field: "notes", value: "社長と面談\n🏭 \\ / \u{01}"),
                .set(EntityKey(.visit, RecordID(rawValue: "v1")), field: "amount", value: .integer(.min)),
                .set(EntityKey(.visit, RecordID(rawValue: "v1")), field: "flag", value: .null),
                .add(EntityKey(.visit, RecordID(rawValue: "v1")), field: "issues", element: true),
                .delete(EntityKey(.visit, RecordID(rawValue: "v1")), version: VectorClock(covering: [Dot(replica: replica, counter: 1)])),
            ]
        )
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted]
        #expect(try ChangeSetReader.read(encoder.encode(change)) == change)
        let escaped = String(decoding: try CanonicalJSON.encode(change), as: UTF8.self)
            .replacingOccurrences(of: "社長", with: "\\u793e\\u9577").replacingOccurrences(of: "🏭", with: "\\ud83c\\udfed")
        #expect(try ChangeSetReader.read(Data(escaped.utf8)) == change)
    }

    @Test("every truncation and thousands of corruptions are refused or read like JSONDecoder reads them, never a trap")
    func hostileInput() throws {
        let bytes = [UInt8](CanonicalJSONWriter.encode(Self.history()[40]))
        for length in 0..<bytes.count {
            #expect(throws: JSONReadFailure.self) { try ChangeSetReader.read(Data(bytes[0..<length])) }
        }
        var random = SplitMix64(seed: 3)
        let alphabet = Array("{}[]\":,\\u0123456789-.eEtrufalsn x".utf8) + [0x00, 0xFF, 0xE3]
        for _ in 0..<3_000 {
            var mutated = bytes
            for _ in 0..<Int.random(in: 1...3, using: &random) {
                mutated[Int.random(in: 0..<mutated.count, using: &random)] = alphabet.randomElement(using: &random)!
            }
            let fast = try? ChangeSetReader.read(Data(mutated))
            let reference = try? JSONDecoder().decode(ChangeSet.self, from: Data(mutated))
            if let fast, let reference { #expect(fast == reference) }
        }
    }

    @Test("what the Codable form refuses is refused, with a reason")
    func refusals() throws {
        let replica = "0a000000-0000-4000-8000-00000000000a"
        func change(_ operation: String, dependencies: String = "{}", counter: String = "1") -> Data {
            Data(#"{"author":"a","dependencies":\#(dependencies),"dot":{"counter":\#(counter),"replica":"\#(replica)"},"operations":[\#(operation)],"timestamp":{"logical":0,"time":1}}"#.utf8)
        }
        let valid = #"{"field":"notes","id":"v1","op":"set","type":"visit","value":"x"}"#
        #expect(throws: Never.self) { try ChangeSetReader.read(change(valid)) }
        let cases: [(Data, String)] = [
            (change(#"{"field":"notes","id":"v1","op":"set","type":"visit"}"#), "value"),
            (change(#"{"field":"notes","id":"v 1","op":"set","type":"visit","value":1}"#), "record id"),
            (change(#"{"id":"v1","op":"explode","type":"visit"}"#), "not an operation"),
            (change(valid, dependencies: #"{"\#(replica)":0}"#), "at least 1"),
            (change(valid, dependencies: #"{"not-a-uuid":1}"#), "replica id"),
            (change(valid, counter: "-1"), "0 or more"),
            (change(#"{"field":"notes","id":"v1","op":"set","type":"visit","value":1.5}"#), "whole number"),
            (change(#"{"field":"notes","id":"v1","id":"v2","op":"set","type":"visit","value":1}"#), "twice"),
            (Data((String(repeating: "[", count: 100) + String(repeating: "]", count: 100)).utf8), "nested"),
        ]
        for (data, reason) in cases {
            #expect { try ChangeSetReader.read(data) } throws: { "\($0)".contains(reason) }
        }
    }
}

@Suite struct FieldValuesReadingTests {
    @Test("a record's values read back as the canonical writer wrote them, like JSONDecoder reads them")
    func valuesRoundTrip() throws {
        let values: [String: FieldValue] = [
            "notes": "社長と面談\n🏭 \\ \"引用\" \u{01}", "employees": .integer(.min), "consent": true, "closedOn": .null, "": "",
        ]
        let data = CanonicalJSONWriter.encode(values)
        #expect(try FieldValue.readValues(data) == values)
        #expect(try FieldValue.readValues(data) == CanonicalJSON.decode([String: FieldValue].self, from: data))
        for text in [#"[]"#, #"{"a":1.5}"#, #"{"a":[1]}"#, #"{"a":1,"a":2}"#, #"{"a":"#] {
            #expect(throws: JSONReadFailure.self) { try FieldValue.readValues(Data(text.utf8)) }
        }
    }
}
