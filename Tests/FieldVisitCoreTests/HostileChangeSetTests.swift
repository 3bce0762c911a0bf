import Foundation
import Testing
@testable import FieldVisitCore

/// Change sets no honest replica makes: every one is refused with a reason, never a
/// trap, and in time that grows with its size, not with its square.
@Suite struct HostileChangeSetTests {
    let replica = "00000000-0000-4000-8000-000000000001"
    let other = "11111111-2222-4333-8444-555555555555"

    /// A change set in the canonical form with these parts spliced in.
    func body(counter: String = "2", dependencies: String? = nil, time: String = "1732000000000", logical: String = "0",
              operations: String? = nil) -> Data {
        let dependencies = dependencies ?? #"{"\#(replica)":1}"#
        let operations = operations ?? #"[{"field":"title","id":"note-1","op":"set","type":"note","value":"訪問"}]"#
        return Data(#"{"author":"sato","dependencies":\#(dependencies),"dot":{"counter":\#(counter),"replica":"\#(replica)"},"operations":\#(operations),"timestamp":{"logical":\#(logical),"time":\#(time)}}"#.utf8)
    }

    /// The same bytes, spelled with spaces, so that the general reader reads them too.
    func spaced(_ data: Data) -> Data { Data(String(decoding: data, as: UTF8.self).replacingOccurrences(of: ",\"", with: ", \"").utf8) }

    func refused(_ data: Data, sourceLocation: SourceLocation = #_sourceLocation) {
        for bytes in [data, spaced(data)] {
            do {
                let change = try ChangeSetReader.read(bytes)
                // What the reader lets through, the shape check must refuse.
                #expect(throws: SyncError.self, sourceLocation: sourceLocation) { try change.checkShape() }
            } catch {
                #expect(!error.reason.isEmpty, sourceLocation: sourceLocation)
            }
        }
    }

    @Test("the honest body reads and passes, so the refusals below are for what was spliced in")
    func honestBodyPasses() throws {
        for bytes in [body(), spaced(body())] {
            let change = try ChangeSetReader.read(bytes)
            try change.checkShape()
            #expect(change.dot.counter == 2)
        }
    }

    @Test("counters of 2^53 and beyond, up to 2^64 - 1 and past it, in dots, dependencies and versions",
          arguments: ["9007199254740992", "9223372036854775807", "9223372036854775808", "18446744073709551615", "18446744073709551616", "-1"])
    func hugeCounters(_ counter: String) {
        refused(body(counter: counter))
        refused(body(dependencies: #"{"\#(replica)":1,"\#(other)":\#(counter)}"#))
        refused(body(operations: #"[{"id":"note-1","op":"delete","type":"note","version":{"\#(other)":\#(counter)}}]"#))
    }

    @Test("times before 1970 or after the year 9999, and logical counters past 32 bits",
          arguments: [("-1", "0"), ("9223372036854775807", "0"), ("-9223372036854775808", "0"), ("253402300800000", "0"), ("1732000000000", "4294967296")])
    func implausibleTimes(_ time: String, _ logical: String) {
        refused(body(time: time, logical: logical))
    }

    @Test("a clock naming more replicas than allowed is refused without quadratic work")
    func longClocks() {
        let entries = (1...(ChangeSetLimits.maxClockEntries + 1)).map { #""\#(String(format: "%08x-0000-4000-8000-000000000000", $0))":1"# }
        let clock = "{" + entries.joined(separator: ",") + "}"
        refused(body(dependencies: clock))
        refused(body(operations: #"[{"id":"note-1","op":"delete","type":"note","version":\#(clock)}]"#))
        // Forty thousand members in one object: a clock is refused by count; unknown
        // members of an operation are ignored, their duplicates looked for by hashing,
        // not by comparing every pair (which would take minutes here).
        let many = (0..<40_000).map { #""k\#($0)":1"# }.joined(separator: ",")
        refused(body(dependencies: "{" + many + "}"))
        let padded = try? ChangeSetReader.read(body(operations: #"[{"id":"note-1","op":"restore","type":"note",\#(many)}]"#))
        #expect(padded?.operations == [.restore(SyncTestSchema.key(1))])
    }

    @Test("a deletion or approval naming changes its writer does not depend on is refused; its own dot is allowed")
    func forgedVersions() throws {
        refused(body(operations: #"[{"id":"note-1","op":"delete","type":"note","version":{"\#(other)":1000000}}]"#))
        refused(body(operations: #"[{"id":"note-1","op":"approve","type":"note","version":{"\#(replica)":5}}]"#))
        let own = try ChangeSetReader.read(body(operations: #"[{"field":"title","id":"note-1","op":"set","type":"note","value":"x"},{"id":"note-1","op":"approve","type":"note","version":{"\#(replica)":2}}]"#))
        try own.checkShape()
        let seen = try ChangeSetReader.read(body(dependencies: #"{"\#(replica)":1,"\#(other)":7}"#,
                                                 operations: #"[{"id":"note-1","op":"delete","type":"note","version":{"\#(other)":7}}]"#))
        try seen.checkShape()
    }

    @Test("clocks built from long lists agree with the one-by-one definition")
    func vectorClockOperationsAgree() {
        var random = SplitMix64(seed: 7)
        let replicas = (0..<300).map { _ in ReplicaID.random() }
        for _ in 0..<50 {
            let dots = (0..<Int(random.next() % 200)).map { _ in Dot(replica: replicas[Int(random.next() % 300)], counter: random.next() % 50 + 1) }
            let others = (0..<Int(random.next() % 200)).map { _ in Dot(replica: replicas[Int(random.next() % 300)], counter: random.next() % 50 + 1) }
            var oneByOne = VectorClock()
            for dot in dots { oneByOne.include(dot) }
            let bulk = VectorClock(covering: dots)
            #expect(bulk == oneByOne)
            var merged = bulk
            merged.merge(VectorClock(covering: others))
            var expected = oneByOne
            for dot in others { expected.include(dot) }
            #expect(merged == expected)
            for dot in dots + others {
                let highest = (dots + others).filter { $0.replica == dot.replica }.map(\.counter).max()!
                #expect(merged[dot.replica] == highest)
                #expect(merged.covers(dot))
                #expect(!merged.covers(Dot(replica: dot.replica, counter: highest + 1)))
            }
            #expect(merged.entries.map(\.replica) == merged.entries.map(\.replica).sorted())
        }
    }

    @Test("lengths count Unicode scalars: one letter with thousands of combining marks is long; NUL is refused")
    func textLengthsInScalars() throws {
        let spec = FieldSpec("title", label: "件名", kind: .text(maxLength: 100))
        let marks = "a" + String(repeating: "\u{0301}", count: 5_000)
        #expect(marks.count == 1)
        #expect(throws: ValidationError.self) { try spec.validate(.text(marks)) }
        #expect(throws: ValidationError.self) { try spec.validate(.text("社長\u{0}と面談")) }
        try spec.validate(.text(String(repeating: "面", count: 100)))
        try spec.validate(.text("ｶﾞｲﾄﾞ付き　面談（後継者：長男）"))
    }

    @Test("a clock from another replica more than a day ahead does not drag this one's clock")
    func clockIsNotDragged() {
        let now: Int64 = 1_732_000_000_000
        var clock = HybridLogicalClock(last: HybridTimestamp(time: now))
        clock.observe(HybridTimestamp(time: ChangeSetLimits.latestTime, logical: .max), now: now)
        #expect(clock.last.time == now)
        clock.observe(HybridTimestamp(time: now + 3_600_000), now: now)
        #expect(clock.last.time == now + 3_600_000)
        #expect(clock.tick(now: now).time == now + 3_600_000)
    }

    @Test("answers name only questions of some version of the record's form, with the question's label")
    func answersNameTheFormsQuestions() throws {
        let sheet = RecordSchema.hearingSheet
        #expect(throws: ValidationError.self) { try sheet.requireSpec(for: "answer.madeUp") }
        #expect(sheet.spec(for: "answer.sales")?.label == "売上高（直近期）")
        for id in FormCatalog.builtIn.formIDs {
            let schema = id == "hearing-sheet" ? RecordSchema.hearingSheet : RecordSchema.successionDiagnosis
            let versions = FormCatalog.builtIn.versions(of: id)
            for version in versions {
                for question in try FormCatalog.builtIn.definition(id: id, version: version).questions {
                    let spec = schema.spec(for: "answer." + question.id)
                    #expect(spec != nil, "\(id) v\(version) \(question.id)")
                    if version == versions.last { #expect(spec?.label == question.label) }
                }
            }
        }
    }
}

