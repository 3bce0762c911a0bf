import FieldVisitCore
import Foundation
import Testing

@Suite struct PackedRegistersTests {
    static let replicas = (1...4).map { ReplicaID(UUID(uuidString: String(format: "00000000-0000-4000-8000-%012d", $0))!) }
    static let numbers = Dictionary(uniqueKeysWithValues: replicas.enumerated().map { ($1, Int64($0) * 1_000 + 1) })
    static let numbered = Dictionary(uniqueKeysWithValues: numbers.map { ($1, $0) })
    static let values: [FieldValue] = [
        .null, .bool(true), .bool(false), .integer(.min), .integer(-1), .integer(0), .integer(127), .integer(128), .integer(.max),
        .text(""), .text("社長と面談。\n資金繰りの相談。"), .text("ｶﾜﾑﾗ 🏭"), .text("cashFlow"),
    ]

    /// Random states of every kind of register: concurrent siblings, set elements added
    /// by several replicas, deletions, restorations and approvals, extreme numbers.
    static func randomStates(seed: UInt64, count: Int = 200) -> [EntityState] {
        var random = SplitMix64(seed: seed)
        func dot(_ random: inout SplitMix64) -> Dot {
            Dot(replica: replicas.randomElement(using: &random)!, counter: [1, 127, 128, 16_384, ChangeSetLimits.maxCounter, .random(in: 1 ... ChangeSetLimits.maxCounter, using: &random)].randomElement(using: &random)!)
        }
        func clock(_ random: inout SplitMix64) -> VectorClock { VectorClock(covering: (0..<Int.random(in: 0...3, using: &random)).map { _ in dot(&random) }) }
        func sibling<Value>(_ value: Value, _ random: inout SplitMix64) -> Sibling<Value> {
            Sibling(dot: dot(&random), value: value,
                    timestamp: HybridTimestamp(time: .random(in: 0 ... 4_000_000_000_000, using: &random), logical: [0, 1, .max].randomElement(using: &random)!),
                    author: ["佐藤 花子", "sato", ""].randomElement(using: &random)!)
        }
        return (0..<count).map { _ in
            var state = EntityState()
            for _ in 0..<Int.random(in: 0...8, using: &random) {
                let field = ["notes", "date", "purpose", "employees", "名前"].randomElement(using: &random)!
                state.restore(sibling(values.randomElement(using: &random)!, &random), field: field)
            }
            for _ in 0..<Int.random(in: 0...6, using: &random) {
                state.restore(element: values.randomElement(using: &random)!, dot: dot(&random), field: ["issues", "staff"].randomElement(using: &random)!)
            }
            for _ in 0..<Int.random(in: 0...2, using: &random) {
                state.restoreTombstone(sibling(Tombstone(isDeleted: .random(using: &random), version: clock(&random)), &random))
            }
            for _ in 0..<Int.random(in: 0...2, using: &random) { state.restoreApproval(sibling(clock(&random), &random)) }
            return state
        }
    }

    static func pack(_ state: EntityState) throws -> Data { try PackedRegisters.pack(state) { try #require(numbers[$0]) } }

    static func unpack(_ data: Data) throws -> EntityState {
        try PackedRegisters.unpack(data) { number in
            guard let replica = numbered[number] else { throw PackedRegistersError(detail: "replica \(number) is missing") }
            return replica
        }
    }

    @Test("every state packs and unpacks to itself, the same state always to the same bytes", arguments: [1, 2, 3] as [UInt64])
    func roundTrip(seed: UInt64) throws {
        let states = Self.randomStates(seed: seed)
        #expect(states.contains { $0.fields.values.contains { $0.siblings.count > 1 } })
        #expect(states.contains { !$0.tombstone.isEmpty } && states.contains { !$0.approval.isEmpty })
        for state in states {
            let bytes = try Self.pack(state)
            #expect(try Self.unpack(bytes) == state)
            #expect(try Self.pack(state) == bytes)
        }
    }

    @Test("cut or corrupted bytes are refused, never a crash")
    func damagedBytesAreRefused() throws {
        let state = try #require(Self.randomStates(seed: 9).max { $0.fields.count + $0.sets.count < $1.fields.count + $1.sets.count })
        let bytes = try Self.pack(state)
        for length in 0..<bytes.count {
            #expect(throws: PackedRegistersError.self) { try Self.unpack(bytes.prefix(length)) }
        }
        #expect(throws: PackedRegistersError.self) { try Self.unpack(bytes + [0]) }
        var version = bytes
        version[version.startIndex] = 2
        #expect(throws: PackedRegistersError.self) { try Self.unpack(version) }
        // A changed byte either still reads as some registers or is refused.
        var random = SplitMix64(seed: 3)
        for _ in 0..<2_000 {
            var corrupted = bytes
            corrupted[Int.random(in: 1..<bytes.count, using: &random)] ^= UInt8.random(in: 1...255, using: &random)
            do { _ = try Self.unpack(corrupted) } catch is PackedRegistersError {}
        }
    }
}

/// The canonical reader of a snapshot's registers must read what `JSONDecoder` reads.
@Suite struct CanonicalSnapshotReaderTests {
    /// Registers read with the scanner's canonical reader, as a snapshot's records are:
    /// straight into values, `nil` at the first departure from the canonical form.
    static func readCanonical(_ bytes: Data) -> [EntityState]? {
        var scanner = JSONScanner(bytes, subject: "valid registers")
        var states: [EntityState] = []
        guard scanner.canonicalArray({ scanner in scanner.canonicalState().map { states.append($0) } }),
              scanner.position == scanner.bytes.count
        else { return nil }
        return states
    }

    @Test("registers in the canonical form read straight into the values JSONDecoder gives", arguments: [1, 2] as [UInt64])
    func readsWhatTheGeneralWayReads(seed: UInt64) throws {
        let states = PackedRegistersTests.randomStates(seed: seed, count: 60)
        let bytes = try CanonicalJSON.encode(states)
        #expect(try #require(Self.readCanonical(bytes)) == states)
        // Another spelling is left to the general way.
        let pretty = JSONEncoder()
        pretty.outputFormatting = [.prettyPrinted, .sortedKeys]
        #expect(Self.readCanonical(try pretty.encode(states)) == nil)
    }

    @Test("changed bytes are either left to the general way or read exactly as it reads them, never a crash")
    func changedBytes() throws {
        let bytes = try CanonicalJSON.encode(PackedRegistersTests.randomStates(seed: 5, count: 60))
        var random = SplitMix64(seed: 11)
        var readFast = 0
        for _ in 0..<1_500 {
            var changed = bytes
            for _ in 0..<Int.random(in: 1...2, using: &random) {
                changed[Int.random(in: 0..<bytes.count, using: &random)] = [UInt8(ascii: "0"), UInt8(ascii: "9"), UInt8(ascii: "a"), UInt8(ascii: "\""), UInt8(ascii: "}"), 0x20, UInt8.random(in: 0...255, using: &random)].randomElement(using: &random)!
            }
            guard let fast = Self.readCanonical(changed) else { continue }
            readFast += 1
            #expect(fast == (try JSONDecoder().decode([EntityState].self, from: changed)))
        }
        #expect(readFast > 0)
    }
}
