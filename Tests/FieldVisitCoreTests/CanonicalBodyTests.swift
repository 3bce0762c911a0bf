import Foundation
import Testing
@testable import FieldVisitCore

/// The canonical reader reads a change set's bytes exactly when they are what the
/// canonical writer writes for it: a server keeps the bytes it reads that way
/// (`PushRequest.readKeepingCanonicalBodies`) instead of encoding the change set again.
@Suite struct CanonicalBodyTests {
    static let replica = ReplicaID(UUID(uuidString: "0a000000-0000-4000-8000-00000000000a")!)
    static let other = ReplicaID(UUID(uuidString: "f1000000-0000-4000-8000-0000000000ff")!)

    /// Change sets with Japanese text, every kind of escape, every operation and clocks of several entries.
    static func changes() throws -> [ChangeSet] {
        let visit = EntityKey(.visit, RecordID(rawValue: "v1"))
        let special = ChangeSet(
            dot: Dot(replica: replica, counter: 2), author: "佐藤 \"花子\"", timestamp: HybridTimestamp(time: 1, logical: 7),
            dependencies: VectorClock(covering: [Dot(replica: replica, counter: 1), Dot(replica: other, counter: 12)]),
            operations: [
                .set(visit, field: "notes", value: "社長と面談\n🏭 \\ / \u{01}\u{1F}\u{7F}\t\r\u{08}\u{0C}\u{00} \u{2028}"),
                .set(visit, field: "amount", value: .integer(.min)),
                .set(visit, field: "count", value: .integer(.max)),
                .set(visit, field: "flag", value: .null),
                .add(visit, field: "issues", element: true),
                .remove(visit, field: "issues", element: false),
                .delete(visit, version: VectorClock(covering: [Dot(replica: replica, counter: 1), Dot(replica: other, counter: 3)])),
                .restore(visit),
                .approve(visit, version: VectorClock()),
            ]
        )
        var simulation = SyncSimulation(seed: 11, replicaCount: 4, entityCount: 3)
        for _ in 0..<200 { simulation.step() }
        var laptop = Replica(id: .random(), schema: .fieldVisit)
        let company = EntityKey(.company, .random())
        let created = try laptop.commit([.set(company, field: "name", value: "株式会社カワムラ"), .set(company, field: "branch", value: "morioka")], author: "sato", now: 1)
        return [special, created] + simulation.history
    }

    /// The change set the canonical reader reads from the whole of `bytes`, if it does.
    static func readCanonical(_ bytes: Data) -> ChangeSet? {
        var scanner = JSONScanner(bytes, subject: ChangeSetReader.subject)
        guard let change = scanner.canonicalChangeSet(), scanner.position == scanner.bytes.count else { return nil }
        return change
    }

    @Test("canonical bytes are kept, and they are the canonical encoding")
    func canonicalBytesAreKept() throws {
        let changes = try Self.changes()
        let encoded = changes.map(CanonicalJSONWriter.encode)
        #expect(encoded[0] == (try CanonicalJSON.encode(changes[0])))
        #expect(encoded.map(Self.readCanonical) == changes)
    }

    @Test("other spellings of the same change set read the same and are not kept")
    func otherSpellingsAreNotKept() throws {
        let change = try Self.changes()[0]
        let canonical = String(decoding: CanonicalJSONWriter.encode(change), as: UTF8.self)
        let lower = Self.replica.description
        func replacing(_ text: String, with other: String) -> String { canonical.replacingOccurrences(of: text, with: other) }
        var spellings: [String] = []
        spellings.append(replacing(#"{"author""#, with: #"{ "author""#)) // whitespace
        spellings.append(replacing(#"","dependencies""#, with: "\",\n\"dependencies\""))
        spellings.append(replacing(" / ", with: #" \/ "#)) // an escaped slash
        spellings.append(replacing("社長", with: #"\u793e\u9577"#)) // escaped Japanese
        spellings.append(replacing(#"\u001f"#, with: #"\u001F"#)) // uppercase hex
        spellings.append(replacing(#"\n"#, with: #"\u000a"#)) // a long escape for a short one
        spellings.append(replacing(#"\t"#, with: #"\u0009"#))
        spellings.append(replacing("佐藤", with: #"\u4f50\u85e4"#))
        spellings.append(replacing(#""time":1"#, with: #""time":1.0"#)) // not a whole number: refused
        spellings.append(replacing(#"{"logical":7,"time":1}"#, with: #"{"time":1,"logical":7}"#)) // keys out of order
        spellings.append(replacing(#""author":"#, with: #""zz":1,"author":"#)) // an unknown member
        spellings.append(replacing(#""time":1}}"#, with: #""time":1},"zz":1}"#)) // one in key order
        spellings.append(replacing(#""op":"restore","type":"visit"}"#, with: #""op":"restore","type":"visit","tz":1}"#))
        spellings.append(replacing(#""logical":7,"#, with: #""logical":7,"other":1,"#))
        spellings.append(replacing(#""op":"restore","#, with: #""op":"restore","value":1,"#)) // a member the operation ignores
        spellings.append(replacing("\"\(lower)\":1", with: "\"\(lower.uppercased())\":1")) // an uppercase replica id
        spellings.append(replacing(#""replica":"\#(lower)""#, with: #""replica":"\#(lower.uppercased())""#))
        // Two spellings of one replica in a clock: merged into one entry on reading.
        spellings.append(canonical.replacingOccurrences(of: "\"\(lower)\":1,", with: "\"\(lower.uppercased())\":1,\"\(lower)\":1,"))
        // "-0" reads as 0.
        var zero = change
        zero.timestamp = HybridTimestamp(time: 0, logical: 7)
        spellings.append(String(decoding: CanonicalJSONWriter.encode(zero), as: UTF8.self).replacingOccurrences(of: #""time":0"#, with: #""time":-0"#))
        for spelling in spellings {
            #expect(spelling != canonical)
            guard (try? ChangeSetReader.read(Data(spelling.utf8))) != nil else { continue }
            #expect(Self.readCanonical(Data(spelling.utf8)) == nil, "\(spelling)")
        }
        // The pretty-printed form, keys unsorted.
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted]
        let pretty = try encoder.encode(change)
        #expect(try ChangeSetReader.read(pretty) == change)
        #expect(Self.readCanonical(pretty) == nil)
    }

    @Test("whatever bytes are kept, thousands of corruptions included, they are the canonical encoding of what was read")
    func keptBytesAreAlwaysCanonical() throws {
        let changes = try Self.changes()
        var random = SplitMix64(seed: 5)
        let alphabet = Array("{}[]\":,\\/u0123456789abcdefABCDEF-.eEtrufalsn x\n".utf8) + [0x00, 0x1F, 0x7F, 0xFF, 0xE3]
        var kept = 0
        for round in 0..<4_000 {
            var bytes = [UInt8](CanonicalJSONWriter.encode(changes[round % changes.count]))
            for _ in 0..<Int.random(in: 1...2, using: &random) {
                let at = Int.random(in: 0..<bytes.count, using: &random)
                switch Int.random(in: 0..<4, using: &random) {
                case 0: bytes[at] = alphabet.randomElement(using: &random)!
                case 1: bytes.insert(alphabet.randomElement(using: &random)!, at: at)
                case 2: bytes.remove(at: at)
                default: if at + 1 < bytes.count { bytes.swapAt(at, at + 1) }
                }
            }
            guard let read = try? ChangeSetReader.read(Data(bytes)) else { continue }
            if let fast = Self.readCanonical(Data(bytes)) {
                kept += 1
                var general = JSONScanner(Data(bytes), subject: ChangeSetReader.subject)
                #expect(fast == (try general.anyChangeSet()))
                #expect(Data(bytes) == CanonicalJSONWriter.encode(fast), "\(String(decoding: bytes, as: UTF8.self))")
            } else {
                #expect(Data(bytes) != CanonicalJSONWriter.encode(read), "\(String(decoding: bytes, as: UTF8.self))")
            }
        }
        // Some corruptions only change a value (a digit, a letter) and stay canonical.
        #expect(kept > 100)
    }
}
