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

    @Test func aPullPageReadsAsItsCodableFormDoes() throws {
        var replica = Replica(id: .random(), schema: .fieldVisit)
        let company = EntityKey(.company, .random())
        let change = try replica.commit([.set(company, field: "name", value: "宮古水産")], author: "ito", now: 1)
        let page = PullPage(changeSets: [change], cursor: 17, more: true)
        let body = try CanonicalJSON.encode(page)
        #expect(try PullPage.read(body) == page)
        #expect(throws: ChangeSetReader.Failure.self) { try PullPage.read(Data(#"{"changeSets":[]}"#.utf8)) }
    }
}
