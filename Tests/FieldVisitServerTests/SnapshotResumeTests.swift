import FieldVisitClient
import FieldVisitCompression
import FieldVisitCore
import FieldVisitProtocol
import Foundation
import Testing
@testable import FieldVisitServer

/// A new laptop's snapshot survives a dropped link: the server keeps what it sent as a
/// file, the laptop keeps what arrived and asks for the rest (`?id=`, `Range`), and ends
/// with exactly the records of a laptop whose link never dropped.
@Suite(.serialized) struct SnapshotResumeTests {
    let server: ServerProcess
    let api: APIClient

    init() throws {
        server = try ServerProcess()
        try server.provision(branches: [("morioka", "盛岡支店"), ("miyako", "宮古支店")],
                             users: [("sato", "field", ["morioka"]), ("suzuki", "field", ["morioka"]), ("ito", "field", ["miyako"])])
        api = try APIClient(server: server)
    }

    /// A branch of companies with Japanese names and visits, pushed by sato.
    func fillBranch() async throws {
        var sato = Replica(id: .random(), schema: .fieldVisit)
        let token = try #require(try await api.enrol("sato", replica: sato.id).token)
        var changes: [ChangeSet] = []
        for number in 0..<300 {
            let company = EntityKey(.company, .random())
            changes.append(try sato.commit([.set(company, field: "name", value: .text("株式会社三陸水産加工\(number)")), .set(company, field: "branch", value: "morioka")],
                                           author: "sato", now: ChangeAdmission.now()))
            let visit = EntityKey(.visit, .random())
            changes.append(try sato.commit([.set(visit, field: "company", value: .text(company.id.rawValue)), .set(visit, field: "date", value: "2026-11-20"),
                                            .set(visit, field: "mode", value: "onSite"), .set(visit, field: "purpose", value: "companyVisit"),
                                            .set(visit, field: "notes", value: .text("被災後の再建状況を確認（\(number)）。"))],
                                           author: "sato", now: ChangeAdmission.now()))
        }
        #expect(try await api.push(changes, token: token).results.allSatisfy { $0.status == .accepted })
    }

    func snapshotReads(by device: String) async throws -> Int {
        try await SQLiteStorage(directory: server.data).auditTrail(since: .distantPast, user: nil).filter { $0.kind == .snapshotRead && $0.device == device }.count
    }

    @Test func theRestOfASnapshotComesByRangeAndNobodyElseGetsIt() async throws {
        try await fillBranch()
        let suzuki = Replica(id: .random(), schema: .fieldVisit)
        let token = try #require(try await api.enrol("suzuki", replica: suzuki.id).token)
        let whole = try await api.send(.GET, Endpoint.snapshot, token: token, headers: [("Accept-Encoding", "gzip")])
        #expect(whole.status == 200 && whole.headers.first(name: "Accept-Ranges") == "bytes")
        let id = try #require(whole.headers.first(name: "FieldVisit-Snapshot"))
        #expect(Int(whole.headers.first(name: "Content-Length") ?? "") == whole.body.count)
        // Cut anywhere, the rest asked by range completes exactly what was sent.
        for start in [1, 17, whole.body.count / 3, whole.body.count - 1] + (0..<5).map({ _ in Int.random(in: 1..<whole.body.count) }) {
            let rest = try await api.send(.GET, "\(Endpoint.snapshot)?id=\(id)", token: token, headers: [("Range", "bytes=\(start)-")])
            #expect(rest.status == 206, "from \(start)")
            #expect(rest.headers.first(name: "Content-Range") == "bytes \(start)-\(whole.body.count - 1)/\(whole.body.count)")
            #expect(whole.body.prefix(start) + rest.body == whole.body, "from \(start)")
        }
        #expect(try Snapshot.read(try BodyCoding.gzip.decode(whole.body, limit: 64 << 20)).records.count == 600)

        // Another device, a made-up id, a malformed id or range: refused, nothing told.
        let ito = try #require(try await api.enrol("ito", replica: .random()).token)
        #expect(try await api.send(.GET, "\(Endpoint.snapshot)?id=\(id)", token: ito, headers: [("Range", "bytes=10-")]).status == 404)
        #expect(try await api.send(.GET, "\(Endpoint.snapshot)?id=\(String(repeating: "0", count: 32))", token: token).status == 404)
        for bad in ["../../etc/passwd", "ABCDEF", String(repeating: "g", count: 32), String(repeating: "a", count: 33)] {
            let refused = try await api.send(.GET, "\(Endpoint.snapshot)?id=\(bad.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)", token: token)
            let problem = try JSONDecoder().decode(Problem.self, from: refused.body)
            #expect(refused.status == 400 && problem.code == .invalidParameter, "\(bad)")
        }
        for range in ["bytes=-5", "bytes=0-10", "bytes=\(whole.body.count)-", "items=3-", "bytes=x-", "bytes=99999999999999999999999-",
                      "bytes=\(String(repeating: "9", count: 5000))-", "bytes=１-"] {
            #expect(try await api.send(.GET, "\(Endpoint.snapshot)?id=\(id)", token: token, headers: [("Range", range)]).status == 400, "\(range.prefix(40))")
        }
        // A device asking again and again holds one snapshot on the server, not one per request.
        for _ in 0..<5 { #expect(try await api.send(.GET, Endpoint.snapshot, token: token).status == 200) }
        #expect(try await api.send(.GET, "\(Endpoint.snapshot)?id=\(id)", token: token).status == 404)
        let kept = try FileManager.default.contentsOfDirectory(atPath: server.data.appendingPathComponent("snapshots").path)
        #expect(kept.count == 1, "\(kept)")
    }

    @Test func aLaptopCutAtRandomPointsResumesAndEndsAsOneNeverCut() async throws {
        try await fillBranch()
        let uncut = try LaptopProcess.enrolled("suzuki", on: server)
        try uncut.succeed(["sync"])
        let expected = try uncut.records()
        #expect(expected.count == 600)

        for cut in (0..<3).map({ _ in Double.random(in: 0.05..<0.95) }) + [-1] {
            let laptop = try LaptopProcess.enrolled("suzuki", on: server)
            let store = try laptop.store()
            let token = try String(contentsOfFile: store.home.deviceTokenPath, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
            let device = try #require(try await SQLiteStorage(directory: server.data).auditTrail(since: .distantPast, user: "suzuki").last?.device)
            // What arrived before the link dropped, as the laptop keeps it.
            let sent = try await api.send(.GET, Endpoint.snapshot, token: token, headers: [("Accept-Encoding", "gzip")])
            let folder = store.home.snapshotDownload
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            // -1: a snapshot the server no longer keeps; the laptop starts again.
            let id = cut < 0 ? String(repeating: "f", count: 32) : try #require(sent.headers.first(name: "FieldVisit-Snapshot"))
            let kept = cut < 0 ? 100 : Int(Double(sent.body.count) * cut)
            try sent.body.prefix(kept).write(to: folder.appendingPathComponent("snapshot.body"))
            try Data(#"{"id":"\#(id)","coding":"gzip","length":\#(sent.body.count)}"#.utf8).write(to: folder.appendingPathComponent("snapshot.json"))
            let reads = try await snapshotReads(by: device)

            try laptop.succeed(["sync"])
            #expect(try laptop.records() == expected, "cut at \(cut)")
            // Resumed: the server read no new snapshot; expired: it made one.
            #expect(try await snapshotReads(by: device) == reads + (cut < 0 ? 1 : 0), "cut at \(cut)")
            #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("snapshot.body").path))
        }
    }

    @Test func theConnectionReportsBytesRecordsAndAResumption() async throws {
        try await fillBranch()
        let token = try #require(try await api.enrol("suzuki", replica: .random()).token)
        let folder = TemporaryDirectory().url.appendingPathComponent("download")
        let events = ProgressLog()
        func fetch() async throws -> Snapshot {
            try await ServerConnection.using(try ServerAddress(server.url), caFile: server.caFile.path, token: token) { connection in
                try await connection.snapshot(resumingIn: folder, progress: events.append)
            }
        }
        let whole = try await fetch()
        #expect(whole.records.count == 600)
        guard case .receivingSnapshot(let received, let total, let records, false)? = events.all.last else {
            Issue.record("no progress in bytes: \(events.all)")
            return
        }
        #expect(received == total && records == 600)
        // Cut in the middle: the rest only, reported as resumed, the same records.
        let body = folder.appendingPathComponent("snapshot.body")
        let kept = try Data(contentsOf: body)
        try kept.prefix(kept.count / 2).write(to: body)
        events.clear()
        #expect(try await fetch() == whole)
        #expect(events.all.first == .receivingSnapshot(received: kept.count / 2, total: kept.count, records: 600, resumed: true))
        ServerConnection.removeSnapshotDownload(in: folder)
        #expect(!FileManager.default.fileExists(atPath: body.path))
    }
}

/// Progress events collected from another task.
final class ProgressLog: @unchecked Sendable {
    private let lock = NSLock()
    private var events: [SyncProgress] = []

    func append(_ event: SyncProgress) { lock.withLock { events.append(event) } }
    func clear() { lock.withLock { events = [] } }
    var all: [SyncProgress] { lock.withLock { events } }
}
