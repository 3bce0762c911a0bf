import FieldVisitClient
import FieldVisitCompression
import FieldVisitCore
import FieldVisitProtocol
import Foundation
import Testing
@testable import FieldVisitServer

/// Bodies compressed on the wire (`Content-Encoding`/`Accept-Encoding`, gzip), against a
/// real `fieldvisit-server`: compressed and plain clients side by side, and bodies that
/// would expand past their limit refused before they do.
@Suite(.serialized) struct CompressionTests {
    let server: ServerProcess
    let api: APIClient

    init() throws {
        server = try ServerProcess()
        try server.provision(branches: [("morioka", "盛岡支店")], users: [("sato", "field", ["morioka"]), ("suzuki", "field", ["morioka"])])
        api = try APIClient(server: server)
    }

    /// Visits with Japanese notes, as a day of field work pushes them.
    func visits(_ count: Int, by replica: inout Replica, author: String) throws -> [ChangeSet] {
        let company = EntityKey(.company, .random())
        var changes = [try replica.commit([.set(company, field: "name", value: "株式会社カワムラ精工"), .set(company, field: "branch", value: "morioka")],
                                          author: author, now: ChangeAdmission.now())]
        for index in 0..<count {
            let visit = EntityKey(.visit, .random())
            changes.append(try replica.commit([
                .set(visit, field: "company", value: .text(company.id.rawValue)), .set(visit, field: "date", value: "2026-11-20"),
                .set(visit, field: "mode", value: "onSite"), .set(visit, field: "purpose", value: "companyVisit"),
                .add(visit, field: "staff", element: .text(author)),
                .set(visit, field: "notes", value: .text("代表者と面談。受注は前年並み、原材料の値上がりを価格に転嫁できていない。（\(index)）")),
            ], author: author, now: ChangeAdmission.now()))
        }
        return changes
    }

    @Test func compressedAndPlainClientsShareOneServer() async throws {
        var sato = Replica(id: .random(), schema: .fieldVisit), suzuki = Replica(id: .random(), schema: .fieldVisit)
        let satoToken = try #require(try await api.enrol("sato", replica: sato.id).token)
        let suzukiToken = try #require(try await api.enrol("suzuki", replica: suzuki.id).token)
        // sato pushes gzip; suzuki pushes plain JSON.
        let satoBody = try CanonicalJSON.encode(PushRequest(changeSets: try visits(30, by: &sato, author: "sato")))
        let compressed = try BodyCoding.gzip.encode(satoBody)
        #expect(compressed.count * 4 < satoBody.count, "a day's visits compress at least fourfold: \(satoBody.count) → \(compressed.count)")
        let gzipPush = try await api.send(.POST, Endpoint.changes, body: compressed, token: satoToken, headers: [("Content-Encoding", "gzip")])
        #expect(gzipPush.status == 200)
        #expect(try JSONDecoder().decode(PushResponse.self, from: gzipPush.body).results.allSatisfy { $0.status == .accepted })
        #expect(try await api.push(try visits(5, by: &suzuki, author: "suzuki"), token: suzukiToken).results.allSatisfy { $0.status == .accepted })

        // The same page, asked for plain and compressed, is the same JSON.
        let plain = try await api.send(.GET, "\(Endpoint.changes)?after=0&limit=500", token: suzukiToken)
        let gzip = try await api.send(.GET, "\(Endpoint.changes)?after=0&limit=500", token: suzukiToken, headers: [("Accept-Encoding", "gzip, deflate")])
        #expect(plain.headers.first(name: "Content-Encoding") == nil && gzip.headers.first(name: "Content-Encoding") == "gzip")
        #expect(gzip.headers.first(name: "Vary") == "Accept-Encoding")
        #expect(try BodyCoding.gzip.decode(gzip.body, limit: 64 << 20) == plain.body)
        #expect(try JSONDecoder().decode(PullPage.self, from: plain.body).changeSets.count == 37)
        // q=0 refuses gzip.
        let refused = try await api.send(.GET, "\(Endpoint.changes)?after=0&limit=500", token: suzukiToken, headers: [("Accept-Encoding", "gzip;q=0")])
        #expect(refused.headers.first(name: "Content-Encoding") == nil && refused.body == plain.body)

        // The snapshot, streamed compressed part by part, is the plain snapshot.
        let snapshot = try await api.send(.GET, Endpoint.snapshot, token: suzukiToken)
        let zipped = try await api.send(.GET, Endpoint.snapshot, token: suzukiToken, headers: [("Accept-Encoding", "gzip")])
        #expect(zipped.headers.first(name: "Content-Encoding") == "gzip")
        #expect(try BodyCoding.gzip.decode(zipped.body, limit: 64 << 20) == snapshot.body)
        #expect(zipped.body.count * 4 < snapshot.body.count)

        // The real client pulls and pushes compressed, and reads the same.
        let laptop = try LaptopProcess.enrolled("sato", on: server)
        try laptop.succeed(["sync"])
        #expect(try laptop.store().list(.visit).count == 35)
    }

    @Test func aCompressionBombIsRefusedBeforeItExpandsAndNothingIsStored() async throws {
        var sato = Replica(id: .random(), schema: .fieldVisit)
        let token = try #require(try await api.enrol("sato", replica: sato.id).token)
        let before = try await SQLiteStorage(directory: server.data).logCount()
        // A valid push padded with spaces to 64 MB: a few tens of kilobytes compressed.
        let change = try visits(1, by: &sato, author: "sato")
        let json = try CanonicalJSON.encode(PushRequest(changeSets: change))
        var padded = Data(json.dropLast())
        padded.append(Data(repeating: UInt8(ascii: " "), count: 64 << 20))
        padded.append(UInt8(ascii: "}"))
        let bomb = try BodyCoding.gzip.encode(padded)
        #expect(bomb.count < SyncLimits.maxBodyBytes)
        let response = try await api.send(.POST, Endpoint.changes, body: bomb, token: token, headers: [("Content-Encoding", "gzip")])
        #expect(response.status == 413)
        let problem = try JSONDecoder().decode(Problem.self, from: response.body)
        #expect(problem.code == .bodyTooLarge && problem.detail.contains("decompressed"))
        #expect(try await SQLiteStorage(directory: server.data).logCount() == before)

        // Not gzip at all, or a coding the server does not speak: refused, nothing stored.
        let garbage = try await api.send(.POST, Endpoint.changes, body: Data("not gzip".utf8), token: token, headers: [("Content-Encoding", "gzip")])
        let garbageProblem = try JSONDecoder().decode(Problem.self, from: garbage.body)
        #expect(garbage.status == 400 && garbageProblem.code == .malformedRequest)
        let brotli = try await api.send(.POST, Endpoint.changes, body: json, token: token, headers: [("Content-Encoding", "br")])
        #expect(brotli.status == 400 && String(decoding: brotli.body, as: UTF8.self).contains("Content-Encoding: gzip"))
        #expect(try await SQLiteStorage(directory: server.data).logCount() == before)
        // The server still serves.
        let after = try await api.push(change, token: token)
        #expect(after.results.map(\.status) == [.accepted, .accepted], "\(after)")
    }
}
