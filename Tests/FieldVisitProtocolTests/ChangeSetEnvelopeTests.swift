import FieldVisitCore
import FieldVisitProtocol
import Foundation
import Testing

/// The object around change sets in a push body and a pull page (`ChangeSetEnvelope`).
@Suite struct ChangeSetEnvelopeTests {
    @Test func anEnvelopeReadsItsChangeSetsNumbersAndFlags() throws {
        var replica = Replica(id: .random(), schema: .fieldVisit)
        let company = EntityKey(.company, .random())
        let first = try replica.commit([.set(company, field: "name", value: "株式会社カワムラ")], author: "sato", now: 1)
        let second = try replica.commit([.set(company, field: "nameKana", value: "カワムラ")], author: "sato", now: 2)
        let body = Data(#"{"more":true,"changeSets":["#.utf8) + CanonicalJSONWriter.encode(first) + Data(",".utf8)
            + CanonicalJSONWriter.encode(second) + Data(#"],"cursor":42}"#.utf8)
        let envelope = try PullPage.read(body)
        #expect(envelope == PullPage(changeSets: [first, second], cursor: 42, more: true))
    }

    @Test func aBadEnvelopeIsRefusedNamingTheChangeSet() throws {
        // Unknown members are ignored, as the contract says.
        #expect(try PushRequest.read(Data(#"{"changeSets":[],"note":"x","client":{"v":[1]}}"#.utf8)).changeSets.isEmpty)
        for text in [#"{"changeSets":5}"#, #"[]"#, #"{"cursor":1}"#, #"{"changeSets":[{"dot":1}]}"#] {
            #expect(throws: JSONReadFailure.self) { try PushRequest.read(Data(text.utf8)) }
        }
        do {
            _ = try PushRequest.read(Data(#"{"changeSets":[{"dot":1}]}"#.utf8))
        } catch {
            #expect(error.reason.hasPrefix("changeSets[0]: "))
        }
    }

    @Test func anEnvelopeReportsItsFaultsInDocumentOrder() throws {
        var replica = Replica(id: .random(), schema: .fieldVisit)
        let valid = CanonicalJSONWriter.encode(try replica.commit([.set(EntityKey(.company, .random()), field: "name", value: "株式会社カワムラ")], author: "sato", now: 1))
        func reason(_ body: Data) -> String? {
            do {
                _ = try PullPage.read(body)
                return nil
            } catch {
                return error.reason
            }
        }
        // Broken JSON after a bad change set: the JSON is what is wrong first.
        #expect(reason(Data(#"{"changeSets":[{"dot":1},"#.utf8) + valid + Data("]".utf8)) == "the object is not closed")
        // The first bad change set is named, whatever follows it.
        #expect(reason(Data(#"{"changeSets":["#.utf8) + valid + Data(#",{"dot":1},{"dot":2}]}"#.utf8))?.hasPrefix("changeSets[1]: ") == true)
        // A repeated member is refused before the change sets are judged.
        #expect(reason(Data(#"{"changeSets":[{"dot":1}],"changeSets":[]}"#.utf8)) == #"the body has "changeSets" twice"#)
        // Whitespace around the envelope is JSON like any other.
        let spaced = Data(" \n{ \"changeSets\" : [ ".utf8) + valid + Data(" ] } \n".utf8)
        #expect(try PushRequest.read(spaced).changeSets.count == 1)
    }

    @Test func hostileEnvelopesAreRefusedOrReadInBoundedWork() throws {
        // Nesting past the bound inside a member nobody reads: refused, not recursed into.
        let deep = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        #expect { try PushRequest.read(Data(#"{"x":\#(deep),"changeSets":[]}"#.utf8)) } throws: { ($0 as? JSONReadFailure)?.reason == "nested too deeply" }
        // Fifty thousand members, the last one a repeat: found through a set, not pairwise.
        let members = (0..<50_000).map { #""k\#($0)":0"# }.joined(separator: ",")
        #expect { try PushRequest.read(Data(#"{\#(members),"changeSets":[],"k7":1}"#.utf8)) } throws: { ($0 as? JSONReadFailure)?.reason == #"the body has "k7" twice"# }
        #expect(try PushRequest.read(Data(#"{\#(members),"changeSets":[]}"#.utf8)).changeSets.isEmpty)
        // Control characters, numbers past every range, a lone surrogate: refused, never a trap.
        for text in ["{\"changeSets\":[],\"a\":\"\u{01}\"}", #"{"changeSets":[],"cursor":1e999999}"#, #"{"changeSets":[],"more":99999999999999999999999}"#,
                     #"{"changeSets":[],"a":"\ud800"}"#, #"{"changeSets":["#, ""] {
            if text.contains("1e999999") || text.contains("9999999999") {
                #expect(throws: JSONReadFailure.self) { try PullPage.read(Data(text.utf8)) }
            } else {
                #expect(throws: JSONReadFailure.self) { try PushRequest.read(Data(text.utf8)) }
            }
        }
    }

    @Test func replicaIDsReadAsUUIDsRead() {
        for _ in 0..<200 {
            let uuid = UUID()
            for text in [uuid.uuidString, uuid.uuidString.lowercased()] {
                #expect(ReplicaID(text) == ReplicaID(uuid))
            }
        }
        let valid = "0a000000-0000-4000-8000-00000000000a"
        for text in [valid, valid.uppercased(), "", "0a000000000040008000000000000000a", "0a000000-0000-4000-8000-00000000000g", "0a000000-0000-4000-8000_00000000000a",
                     "0a000000-0000-4000-8000-00000000000", "0a000000-0000-4000-8000-00000000000aa", "{0a000000-0000-4000-8000-00000000000a}",
                     "0a000000-0000-4000-8000-0000000000０a", "ｇa000000-0000-4000-8000-00000000000"] {
            #expect(ReplicaID(text) == UUID(uuidString: text).map(ReplicaID.init), "\(text)")
        }
    }

    @Test func replicaIDsPrintAsLowercaseUUIDs() {
        for _ in 0..<200 {
            let uuid = UUID()
            #expect(ReplicaID(uuid).description == uuid.uuidString.lowercased())
        }
        let edge = UUID(uuidString: "FFFFFFFF-0000-0A0A-F0F0-0123456789AB")!
        #expect(ReplicaID(edge).description == "ffffffff-0000-0a0a-f0f0-0123456789ab")
    }
}
