import FieldVisitCore
import FieldVisitProtocol
import GRDB
import Foundation
import Testing
@testable import FieldVisitServer

/// A temporary directory, removed when the test ends.
final class TemporaryDirectory {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("fieldvisit-server-test-\(UUID().uuidString)")
    deinit { try? FileManager.default.removeItem(at: url) }
}

/// A server storage with two branches and a laptop per user, for pushing change sets
/// made by real replicas: on SQLite, or on any backend (``StorageBackend``).
struct StorageFixture {
    let made: MadeStorage
    var storage: any SyncStorage { made.storage }

    /// The SQLite storage, for the tests of what only it has.
    var sqlite: SQLiteStorage {
        guard case .sqlite(let storage, _) = made.database else { preconditionFailure("not a SQLite storage") }
        return storage
    }

    /// The SQLite storage's data directory.
    var directory: TemporaryDirectory {
        guard case .sqlite(_, let directory) = made.database else { preconditionFailure("not a SQLite storage") }
        return directory
    }

    init(_ backend: StorageBackend = .sqlite) async throws {
        made = try await backend.make()
        try await storage.addBranch(Branch(code: "morioka", name: "盛岡支店"))
        try await storage.addBranch(Branch(code: "miyako", name: "宮古支店"))
    }

    /// A user of `branches` with an enrolled device and its replica.
    func laptop(_ name: String, role: Role = .field, branches: [String]) async throws -> Laptop {
        let user = User(name: name, role: role, branches: branches)
        if try await storage.user(named: name) == nil { try await storage.addUser(user, passwordHash: "-") }
        let replica = Replica(id: .random(), schema: .fieldVisit)
        let device = Device(id: UUID().uuidString, user: name, replica: replica.id, name: "\(name)のPC", enrolledAt: Date())
        try await storage.enrol(device, tokenHash: DeviceToken.random().hash)
        return Laptop(replica: replica, caller: Caller(user: user, device: device, address: "127.0.0.1"))
    }

    /// Pushes as the service does; a whole push refused comes back as one refusal.
    func push(_ changes: [ChangeSet], from laptop: Laptop) async throws -> [PushResult] {
        let admission = ChangeAdmission(schema: .fieldVisit, caller: laptop.caller)
        for change in changes { if let refusal = admission.checkContent(change) { return [refusal] } }
        do {
            return try await storage.push(changes, admission: admission, now: Date()).results
        } catch StorageError.pushForbidden(let reason) {
            return [.refused(changes[0].dot, .forbidden, reason)]
        }
    }

    func pull(_ laptop: Laptop, after cursor: Int64 = 0, limit: Int = 100) async throws -> PullPage {
        let body = try await storage.pull(after: cursor, limit: limit, scope: laptop.caller.user.scope)
        return try JSONDecoder().decode(PullPage.self, from: body.json)
    }
}

/// A laptop: its replica and who pushes from it.
struct Laptop {
    var replica: Replica
    var caller: Caller

    mutating func commit(_ edits: [Edit]) throws -> ChangeSet {
        try replica.commit(edits, author: caller.user.name, now: Int64(Date().timeIntervalSince1970 * 1000))
    }

    mutating func addCompany(_ name: String, branch: String) throws -> (EntityKey, ChangeSet) {
        let key = EntityKey(.company, .random())
        return (key, try commit([.set(key, field: "name", value: .text(name)), .set(key, field: "branch", value: .text(branch))]))
    }

    mutating func addVisit(to company: EntityKey, notes: String) throws -> (EntityKey, ChangeSet) {
        let key = EntityKey(.visit, .random())
        return (key, try commit([
            .set(key, field: "company", value: .text(company.id.rawValue)), .set(key, field: "date", value: .text("2026-11-20")),
            .set(key, field: "mode", value: .text("onSite")), .set(key, field: "purpose", value: .text("companyVisit")),
            .add(key, field: "staff", element: .text(caller.user.name)), .set(key, field: "notes", value: .text(notes)),
        ]))
    }
}

@Suite struct SQLiteStorageTests {
    @Test func theLogIsCopiedBackInTheBackgroundAndStartsOver() async throws {
        let directory = TemporaryDirectory()
        let storage = try SQLiteStorage(directory: directory.url, schema: .fieldVisit, checkpointPages: 40)
        try await storage.addBranch(Branch(code: "morioka", name: "盛岡支店"))
        let user = User(name: "sato", role: .field, branches: ["morioka"])
        try await storage.addUser(user, passwordHash: "-")
        var replica = Replica(id: .random(), schema: .fieldVisit)
        let device = Device(id: "d", user: "sato", replica: replica.id, name: "d", enrolledAt: Date())
        try await storage.enrol(device, tokenHash: DeviceToken.random().hash)
        let admission = ChangeAdmission(schema: .fieldVisit, caller: Caller(user: user, device: device, address: nil))
        var largestLog = 0
        for round in 0..<30 {
            var changes: [ChangeSet] = []
            for index in 0..<20 {
                let key = EntityKey(.company, .random())
                let name = "株式会社\(round)-\(index) " + String(repeating: "あ", count: 180)
                changes.append(try replica.commit([.set(key, field: "name", value: .text(name)), .set(key, field: "branch", value: "morioka")],
                                                  author: "sato", now: Int64(round * 100 + index)))
            }
            #expect(try await storage.push(changes, admission: admission, now: Date()).results.allSatisfy { $0.status == .accepted })
            largestLog = max(largestLog, try FileManager.default.attributesOfItem(atPath: storage.path + "-wal")[.size] as? Int ?? 0)
            // Time for the background checkpoint, as a laptop's next request would leave.
            try await Task.sleep(for: .milliseconds(20))
        }
        #expect(try await storage.logCount() == 600)
        // Copied back into the database file, and the log started over instead of
        // growing to the 30 pushes' 300 pages or so.
        #expect(try FileManager.default.attributesOfItem(atPath: storage.path)[.size] as? Int ?? 0 > 1_000_000)
        #expect(largestLog < 6 * 40 * 4_120)
    }

    @Test func registersKeptAsJSONArePackedWhenAnOlderDatabaseOpens() async throws {
        let fixture = try await StorageFixture()
        var sato = try await fixture.laptop("sato", branches: ["morioka"])
        var suzuki = try await fixture.laptop("suzuki", role: .manager, branches: ["morioka"])
        let (company, created) = try sato.addCompany("株式会社カワムラ", branch: "morioka")
        let (visit, recorded) = try sato.addVisit(to: company, notes: "社長と面談。")
        #expect(try await fixture.push([created, recorded], from: sato).allSatisfy { $0.status == .accepted })
        for change in [created, recorded] { try suzuki.replica.apply(change) }
        // Both change the notes without seeing the other: a conflict. The manager approves.
        let mine = try sato.commit([.set(visit, field: "notes", value: "資金繰りの相談。")])
        let theirs = try suzuki.commit([.set(visit, field: "notes", value: "設備更新の相談。"), .approve(visit)])
        #expect(try await fixture.push([mine], from: sato).map(\.status) == [.accepted])
        #expect(try await fixture.push([theirs], from: suzuki).map(\.status) == [.accepted])
        let states = [try await fixture.storage.state(of: company), try await fixture.storage.state(of: visit)]
        let conflicts = try await fixture.storage.conflicts()
        #expect(conflicts.count == 1)

        // The database as the version before kept it: each record's registers as JSON.
        let queue = try DatabaseQueue(path: fixture.sqlite.path)
        try await queue.write { db in
            for (key, state) in zip([company, visit], states) {
                try db.execute(sql: "UPDATE record SET state = ? WHERE type = ? AND id = ?",
                               arguments: [try CanonicalJSON.encode(try #require(state)), key.type.rawValue, key.id.rawValue])
            }
            try db.execute(sql: "DROP TABLE replica")
            try db.execute(sql: "DELETE FROM grdb_migrations WHERE identifier = 'v2-packed-registers'")
        }
        try queue.close()
        let reopened = try SQLiteStorage(directory: fixture.directory.url)
        #expect([try await reopened.state(of: company), try await reopened.state(of: visit)] == states)
        #expect(try await reopened.conflicts() == conflicts)
        let snapshot = try await reopened.snapshot(scope: .all)
        #expect(snapshot.records.map(\.state) == states.compactMap { $0 })
        // It goes on: a later edit merges with the registers unpacked.
        let later = try sato.commit([.set(visit, field: "notes", value: "決算書を受領。")])
        let admission = ChangeAdmission(schema: .fieldVisit, caller: sato.caller)
        #expect(try await reopened.push([later], admission: admission, now: Date()).results.map(\.status) == [.accepted])
        let notes = try await reopened.state(of: visit)?.fields["notes"]?.siblings.map(\.value)
        #expect(notes?.sorted() == ["決算書を受領。", "設備更新の相談。"])
    }
}
