import FieldVisitCore
import FieldVisitProtocol
import Foundation
import Testing

/// The hand-written push and pull bodies are the canonical JSON the types describe.
@Suite struct WireBodyTests {
    @Test func aPushBodyIsCanonicalAndReadsBack() throws {
        var replica = Replica(id: .random(), schema: .fieldVisit)
        let company = EntityKey(.company, .random())
        let changes = [
            try replica.commit([.set(company, field: "name", value: "株式会社\"カワムラ\""), .set(company, field: "branch", value: "morioka")], author: "佐藤 花子", now: 1),
            try replica.commit([.add(company, field: "cohortTags", element: "disasterAffectedOther")], author: "佐藤 花子", now: 2),
        ]
        let request = PushRequest(changeSets: changes)
        #expect(request.encoded() == (try CanonicalJSON.encode(request)))
        #expect(try PushRequest.read(request.encoded()) == request)
        #expect(PushRequest(changeSets: []).encoded() == Data(#"{"changeSets":[]}"#.utf8))
    }

    @Test func pushResultsAreWrittenCanonically() throws {
        let replica = ReplicaID.random()
        let response = PushResponse(results: [
            PushResult(dot: Dot(replica: replica, counter: 1), status: .accepted, sequence: 41),
            PushResult(dot: Dot(replica: replica, counter: 2), status: .duplicate, sequence: 7),
            .refused(Dot(replica: replica, counter: 3), .missingDependencies, "依存する変更 \"x\" がありません", missing: [Dot(replica: replica, counter: 9)]),
        ])
        #expect(try response.encoded() == (try CanonicalJSON.encode(response)))
        #expect(try PushResponse(results: []).encoded() == (try CanonicalJSON.encode(PushResponse(results: []))))
    }

    @Test func aSnapshotIsWrittenCanonicallyAndReadsBackEitherWay() throws {
        var sato = Replica(id: .random(), schema: .fieldVisit)
        var suzuki = Replica(id: .random(), schema: .fieldVisit)
        let company = EntityKey(.company, .random())
        let visit = EntityKey(.visit, .random())
        let created = try sato.commit([
            .set(company, field: "name", value: "株式会社\"カワムラ\""), .set(company, field: "branch", value: "morioka"),
            .set(visit, field: "notes", value: "社長と面談。\n資金繰りの相談。"), .add(visit, field: "issues", element: "cashFlow"),
        ], author: "佐藤 花子", now: 1)
        try suzuki.apply(created)
        // Concurrent notes (a conflict), an approval and a deletion.
        let theirs = try suzuki.commit([.set(visit, field: "notes", value: "設備更新"), .approve(visit)], author: "suzuki", now: 2)
        _ = try sato.commit([.set(visit, field: "notes", value: "決算書を受領"), .add(visit, field: "issues", element: "noSuccessor")], author: "佐藤 花子", now: 3)
        try sato.apply(theirs)
        _ = try sato.commit([.delete(company)], author: "佐藤 花子", now: 4)
        let snapshot = Snapshot(records: [company, visit].map { Snapshot.Record(type: $0.type, id: $0.id, state: sato.entities[$0]!) }, cursor: 42)
        #expect(sato.entities[visit]!.fields["notes"]!.siblings.count == 2)
        #expect(snapshot.encoded() == (try CanonicalJSON.encode(snapshot)))
        #expect(try Snapshot.read(snapshot.encoded()) == snapshot)
        #expect(Snapshot(records: [], cursor: 0).encoded() == (try CanonicalJSON.encode(Snapshot(records: [], cursor: 0))))
        // Another spelling reads the general way; a body that is not a snapshot is refused.
        let pretty = JSONEncoder()
        pretty.outputFormatting = [.prettyPrinted]
        #expect(try Snapshot.read(pretty.encode(snapshot)) == snapshot)
        #expect(throws: (any Error).self) { try Snapshot.read(Data(#"{"records":[]}"#.utf8)) }
    }

    @Test func aPullPageReadsAsItsCodableFormDoes() throws {
        var replica = Replica(id: .random(), schema: .fieldVisit)
        let company = EntityKey(.company, .random())
        let change = try replica.commit([.set(company, field: "name", value: "宮古水産")], author: "ito", now: 1)
        let page = PullPage(changeSets: [change], cursor: 17, more: true)
        let body = try CanonicalJSON.encode(page)
        #expect(try PullPage.read(body) == page)
        // Written whole, or by a server from the change sets' stored bytes: the same bytes.
        #expect(page.encoded() == body)
        #expect(PullPage.encoded(canonicalBodies: [CanonicalJSONWriter.encode(change)], cursor: 17, more: true) == body)
        #expect(PullPage(changeSets: [], cursor: 0, more: false).encoded() == (try CanonicalJSON.encode(PullPage(changeSets: [], cursor: 0, more: false))))
        #expect(throws: JSONReadFailure.self) { try PullPage.read(Data(#"{"changeSets":[]}"#.utf8)) }
    }
}

/// The fast reader of push results reads what `JSONDecoder` reads.
@Suite struct PushResponseReaderTests {
    static func response() -> PushResponse {
        let replica = ReplicaID.random()
        let other = ReplicaID.random()
        return PushResponse(results: [
            PushResult(dot: Dot(replica: replica, counter: 1), status: .accepted, sequence: 41),
            PushResult(dot: Dot(replica: replica, counter: 2), status: .duplicate, sequence: 7),
            .refused(Dot(replica: replica, counter: 3), .missingDependencies, "依存する変更 \"x\" がありません\n\\ / \u{01} 🏭",
                     missing: [Dot(replica: other, counter: 9), Dot(replica: replica, counter: 2)]),
            .refused(Dot(replica: replica, counter: UInt64.max), .forbidden, "盛岡支店の記録は変更できません"),
            PushResult(dot: Dot(replica: other, counter: 4), status: .accepted, sequence: .max),
        ])
    }

    @Test func resultsReadBackAsJSONDecoderReadsThem() throws {
        let response = Self.response()
        let body = try response.encoded()
        #expect(try PushResponse.read(body) == response)
        #expect(try PushResponse.read(body) == JSONDecoder().decode(PushResponse.self, from: body))
        #expect(try PushResponse.read(try PushResponse(results: []).encoded()) == PushResponse(results: []))
        // Any valid JSON form: whitespace, members in another order, escapes, nulls, unknown members.
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted]
        #expect(try PushResponse.read(try encoder.encode(response)) == response)
        let replica = response.results[0].dot.replica.description
        let other = #"""
             { "server" : {"version": [1, 2.5e3, true, null, "x"]}, "results" : [ {"status":"refused", "reason": "\u4f9d\u5b58 \/ \ud83c\udfed",
               "missing": null, "sequence": null, "code": "missing-dependencies", "dot": {"replica": "\#(replica.uppercased())", "counter": 3, "x": -0.5}} ] }
            """#
        let expected = PushResponse(results: [.refused(Dot(replica: response.results[0].dot.replica, counter: 3), .missingDependencies, "依存 / 🏭")])
        #expect(try PushResponse.read(Data(other.utf8)) == expected)
        #expect(try JSONDecoder().decode(PushResponse.self, from: Data(other.utf8)) == expected)
    }

    @Test func badResultsAreRefusedNeverATrap() throws {
        let body = [UInt8](try Self.response().encoded())
        for length in 0..<body.count {
            #expect(throws: JSONReadFailure.self) { try PushResponse.read(Data(body[0..<length])) }
        }
        let dot = #""dot":{"counter":1,"replica":"0a000000-0000-4000-8000-00000000000a"}"#
        for text in [
            #"[]"#, #"{}"#, #"{"results":{}}"#, #"{"results":[{}]}"#, #"{"results":[{\#(dot)}]}"#,
            #"{"results":[{\#(dot),"status":"lost"}]}"#, #"{"results":[{\#(dot),"status":"refused","code":"nonsense"}]}"#,
            #"{"results":[{\#(dot),"status":"accepted","sequence":1.5}]}"#, #"{"results":[{\#(dot),"status":"accepted","sequence":01}]}"#,
            #"{"results":[{\#(dot),"status":"accepted","sequence":9223372036854775808}]}"#,
            #"{"results":[{"dot":{"counter":-1,"replica":"0a000000-0000-4000-8000-00000000000a"},"status":"accepted"}]}"#,
            #"{"results":[{"dot":{"counter":1,"replica":"nope"},"status":"accepted"}]}"#,
            #"{"results":[{\#(dot),"status":"accepted"}]} x"#, #"{"results":[{\#(dot),"status":"accepted",}]}"#,
            #"{"results":[{\#(dot),"status":"refused","reason":"\x"}]}"#, #"{"results":[{\#(dot),"status":"refused","reason":"\ud800"}]}"#,
            String(repeating: "[", count: 100) + String(repeating: "]", count: 100),
        ] {
            #expect(throws: JSONReadFailure.self, "\(text)") { try PushResponse.read(Data(text.utf8)) }
        }
        var random = SplitMix64(seed: 9)
        let alphabet = Array("{}[]\":,\\u0123456789-.eEtrufalsn x".utf8) + [0x00, 0xFF, 0xE3]
        for _ in 0..<3_000 {
            var mutated = body
            for _ in 0..<Int.random(in: 1...3, using: &random) {
                mutated[Int.random(in: 0..<mutated.count, using: &random)] = alphabet.randomElement(using: &random)!
            }
            let fast = try? PushResponse.read(Data(mutated))
            let reference = try? JSONDecoder().decode(PushResponse.self, from: Data(mutated))
            if let fast, let reference { #expect(fast == reference) }
        }
    }

    @Test func aPushBodyKeepsItsCanonicalChangeSets() throws {
        var replica = Replica(id: .random(), schema: .fieldVisit)
        let company = EntityKey(.company, .random())
        let changes = [
            try replica.commit([.set(company, field: "name", value: "株式会社\"カワムラ\"\n本社"), .set(company, field: "branch", value: "morioka")], author: "佐藤 花子", now: 1),
            try replica.commit([.add(company, field: "cohortTags", element: "disasterAffectedOther")], author: "佐藤 花子", now: 2),
        ]
        let body = PushRequest(changeSets: changes).encoded()
        let (request, bodies) = try PushRequest.readKeepingCanonicalBodies(body)
        #expect(request == PushRequest(changeSets: changes))
        #expect(bodies == changes.map { CanonicalJSONWriter.encode($0) })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        #expect(try PushRequest.readKeepingCanonicalBodies(try encoder.encode(PushRequest(changeSets: changes))).canonicalBodies == [nil, nil])
    }

    @Test func aPushBodyIgnoresUnknownMembersOfAnyKind() throws {
        var replica = Replica(id: .random(), schema: .fieldVisit)
        let company = EntityKey(.company, .random())
        let change = try replica.commit([.set(company, field: "name", value: "株式会社カワムラ"), .set(company, field: "branch", value: "morioka")], author: "佐藤 花子", now: 1)
        let changeSet = String(decoding: CanonicalJSONWriter.encode(change), as: UTF8.self)
        for unknown in [#""cursor":5"#, #""more":true"#, #""x":-1"#, #""note":"text""#, #""nested":{"a":[1,2]}"#, #""gone":null"#] {
            let body = Data("{\(unknown),\"changeSets\":[\(changeSet)]}".utf8)
            let (request, bodies) = try PushRequest.readKeepingCanonicalBodies(body)
            #expect(request == PushRequest(changeSets: [change]), "with \(unknown)")
            #expect(bodies == [CanonicalJSONWriter.encode(change)], "with \(unknown)")
            #expect(try JSONDecoder().decode(PushRequest.self, from: body) == request, "with \(unknown)")
        }
    }
}
