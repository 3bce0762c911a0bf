import FieldVisitCore
import FieldVisitProtocol
import Foundation
import GRDB
import Testing
@testable import FieldVisitServer

/// An audit trail to trust, and the administrator's answers to lost laptops and stolen
/// passwords, on a real server: the trail's hash chain found broken after the database
/// file is edited directly, refusals and reads of records audited, tokens expiring,
/// passwords changed, devices revoked by user, a lost laptop erasing its store, and a
/// role edited in the file to one the server does not know refused.
@Suite(.serialized) struct AuditTrailTests {
    let server: ServerProcess
    let api: APIClient

    init() throws {
        server = try ServerProcess()
        try server.provision(branches: [("morioka", "盛岡支店")], users: [("sato", "field", ["morioka"]), ("kanri", "manager", ["morioka"])])
        api = try APIClient(server: server)
    }

    var databasePath: String { server.data.appendingPathComponent("fieldvisit-server.sqlite").path }

    /// Edits the server's database file around the server, as someone with the file would.
    func tamper(_ sql: String) throws {
        let queue = try DatabaseQueue(path: databasePath)
        try queue.writeWithoutTransaction { db in try db.execute(sql: sql) }
    }

    func audit() async throws -> [AuditEvent] {
        try await SQLiteStorage(directory: server.data).auditTrail(since: .distantPast, user: nil)
    }

    /// Some entries: a login and a pushed company.
    func someActivity() async throws -> String {
        var laptop = Replica(id: .random(), schema: .fieldVisit)
        let token = try #require(try await api.enrol("sato", replica: laptop.id).token)
        let company = EntityKey(.company, .random())
        let change = try laptop.commit([.set(company, field: "name", value: "株式会社カワムラ"), .set(company, field: "branch", value: "morioka")],
                                       author: "sato", now: ChangeAdmission.now())
        #expect(try await api.push([change], token: token).results.map(\.status) == [.accepted])
        return token
    }

    @Test func verifyFindsAnEntryChangedDirectlyInTheFile() async throws {
        _ = try await someActivity()
        let intact = try server.admin(["audit", "verify"])
        #expect(intact.status == 0, "\(intact.error)")
        #expect(intact.output.contains("entries follow the chain; head: "))
        try tamper("DROP TRIGGER audit_no_update; UPDATE audit SET detail = '確認済み' WHERE seq = 2")
        let changed = try server.admin(["audit", "verify"])
        #expect(changed.status == 1)
        #expect(changed.error.contains("entry 2 does not follow"))
    }

    @Test func verifyFindsEntriesRemovedReorderedOrCutOff() async throws {
        _ = try await someActivity()
        _ = try await someActivity()
        let head = try #require(try server.admin(["audit", "verify"]).output.components(separatedBy: "head: ").last?.trimmingCharacters(in: .whitespacesAndNewlines))
        // Swapping two entries' contents.
        try tamper("""
            DROP TRIGGER audit_no_update;
            UPDATE audit SET seq = -1 WHERE seq = 2; UPDATE audit SET seq = 2 WHERE seq = 3; UPDATE audit SET seq = 3 WHERE seq = -1;
            """)
        #expect(try server.admin(["audit", "verify"]).error.contains("entry 2 does not follow"))
        try tamper("UPDATE audit SET seq = -1 WHERE seq = 2; UPDATE audit SET seq = 2 WHERE seq = 3; UPDATE audit SET seq = 3 WHERE seq = -1;")
        #expect(try server.admin(["audit", "verify", "--expect-head", head]).status == 0)
        // Removing one in the middle, then cutting off the last.
        try tamper("DROP TRIGGER audit_no_delete; DELETE FROM audit WHERE seq = 3")
        let removed = try server.admin(["audit", "verify"])
        #expect(removed.status == 1)
        #expect(removed.error.contains("entry 4 does not follow the chain: entries 3…3 are missing"))
        try tamper("DELETE FROM audit WHERE seq >= 3")
        #expect(try server.admin(["audit", "verify"]).status == 0)
        let cut = try server.admin(["audit", "verify", "--expect-head", head])
        #expect(cut.status == 1)
        #expect(cut.error.contains("no longer holds head"))
    }

    @Test func refusalsAndReadsOfRecordsAreAuditedAndBadTokensCompactly() async throws {
        let token = try await someActivity()
        for _ in 0..<30 { #expect(try await api.send(.GET, "\(Endpoint.changes)?after=0", token: "forged-\(UUID())").status == 401) }
        #expect(try await api.pull(token: token).changeSets.count == 1)
        #expect(try await api.send(.GET, Endpoint.snapshot, token: token).status == 200)
        var forged = Replica(id: .random(), schema: .fieldVisit)
        let company = EntityKey(.company, .random())
        let other = try forged.commit([.set(company, field: "name", value: "x"), .set(company, field: "branch", value: "morioka")], author: "sato", now: 1)
        #expect(try await api.push([other], token: token).status == 403)

        let trail = try await audit()
        #expect(trail.filter { $0.kind == .tokenRefused }.count == 1)
        #expect(trail.contains { $0.kind == .pulled && $0.user == "sato" && $0.detail.hasPrefix("1 change sets after 0 of branches morioka") })
        #expect(trail.contains { $0.kind == .snapshotRead && $0.user == "sato" && $0.detail.hasPrefix("1 records of branches morioka") })
        #expect(trail.contains { $0.kind == .pushRefused && $0.user == "sato" && $0.detail.contains("wrong-replica") })
        // Administration records who ran it.
        #expect(try server.admin(["branch", "add", "miyako", "--name", "宮古支店"]).status == 0)
        #expect(try await audit().last?.address?.hasPrefix("console:") == true)
    }

    @Test func passwordsChangeAndDevicesAreRevokedByUserAndTokensExpire() async throws {
        let first = try #require(try await api.enrol("sato", replica: .random()).token)
        let second = try #require(try await api.enrol("sato", replica: .random()).token)
        let manager = try #require(try await api.enrol("kanri", replica: .random()).token)
        let changed = try server.admin(["user", "password", "sato", "--password-stdin"], input: "新しい合言葉-2026\n新しい合言葉-2026\n")
        #expect(changed.status == 0, "\(changed.error)")
        #expect(changed.output.contains("revoked 2 devices"))
        for token in [first, second] { #expect(try await api.send(.GET, "\(Endpoint.changes)?after=0", token: token).status == 403) }
        #expect(try await api.enrol("sato", replica: .random()).status == 401)
        #expect(try await api.enrol("sato", replica: .random(), password: "新しい合言葉-2026").status == 201)

        #expect(try server.admin(["device", "revoke", "--user", "kanri"]).output.contains("Revoked 1 device of kanri"))
        #expect(try await api.send(.GET, "\(Endpoint.changes)?after=0", token: manager).status == 403)

        // A laptop silent for longer than the token's life must log in again.
        let silent = try #require(try await api.enrol("kanri", replica: .random()).token)
        #expect(try await api.send(.GET, "\(Endpoint.changes)?after=0", token: silent).status == 200)
        let longAgo = StoredTime.millis(Date().addingTimeInterval(-91 * 86_400))
        try tamper("UPDATE device SET last_seen_at = \(longAgo), enrolled_at = \(longAgo) WHERE revoked_at IS NULL AND account = 'kanri'")
        let expired = try await api.send(.GET, "\(Endpoint.changes)?after=0", token: silent)
        #expect(expired.status == 401)
        #expect(String(decoding: expired.body, as: UTF8.self).contains("expired"))
    }

    @Test func aRoleEditedInTheFileToOneTheServerDoesNotKnowIsRefusedNotTakenForFieldStaff() async throws {
        let token = try #require(try await api.enrol("kanri", replica: .random()).token)
        try tamper("PRAGMA ignore_check_constraints = ON; UPDATE account SET role = 'auditor' WHERE name = 'kanri'")

        // The laptop is told to ask an administrator, not to retry or that the password is wrong.
        for response in [try await api.send(.GET, "\(Endpoint.changes)?after=0", token: token),
                         try await api.send(.POST, Endpoint.devices, body: CanonicalJSON.encode(EnrolmentRequest(
                             user: "kanri", password: "password-kanri", replica: .random(), deviceName: "kanriのノートPC")))] {
            #expect(response.status == 403)
            let problem = try JSONDecoder().decode(Problem.self, from: response.body)
            #expect(problem.code == .forbidden)
            #expect(problem.detail.contains("does not know the role stored for kanri"))
            #expect(problem.detail.contains("ask an administrator"))
        }
        let trail = try await audit()
        #expect(trail.contains { $0.kind == .tokenRefused && $0.user == "kanri" && $0.detail == "role 'auditor' unknown to this server" })
        #expect(trail.contains { $0.kind == .loginFailed && $0.user == "kanri" && $0.detail == "role 'auditor' unknown to this server" })
        // The administrator is told which user, which role, and what to do.
        let listed = try server.admin(["user", "list"])
        #expect(listed.status == 1)
        #expect(listed.error.contains("the user kanri has the role 'auditor', which this fieldvisit-server does not know"))
        #expect(listed.error.contains("restore the database from a backup"))
        // Others are unaffected.
        #expect(try await api.enrol("sato", replica: .random()).status == 201)
    }

    @Test func aLostLaptopErasesItsStoreWhenItNextReachesTheServer() async throws {
        let laptop = try LaptopProcess.enrolled("sato", on: server)
        _ = try laptop.create(["company", "add", "--name", "株式会社カワムラ", "--branch", "morioka"])
        try laptop.succeed(["sync"])
        let devices = try JSONDecoder().decode([Device].self, from: Data(try server.admin(["device", "list", "--json"]).output.utf8))
        let device = try #require(devices.first { $0.user == "sato" })
        #expect(try server.admin(["device", "revoke", device.id, "--wipe"]).status == 0)

        let home = laptop.home.url
        #expect(FileManager.default.fileExists(atPath: home.appendingPathComponent("store.sqlite").path))
        // Part of a snapshot the link cut short holds the branches' records too.
        let download = home.appendingPathComponent("snapshot-download")
        try FileManager.default.createDirectory(at: download, withIntermediateDirectories: true)
        try Data("{\"cursor\":1,\"records\":[".utf8).write(to: download.appendingPathComponent("snapshot.body"))
        try Data(#"{"id":"00000000000000000000000000000000","coding":"identity","length":100}"#.utf8).write(to: download.appendingPathComponent("snapshot.json"))
        let wiped = try laptop.run(["sync"])
        #expect(wiped.status != 0)
        #expect(wiped.error.contains("ordered its records erased"))
        #expect(wiped.error.contains("the server was told"))
        for file in ["store.sqlite", "store.sqlite-wal", "device-token", "server-ca.pem", "snapshot-download/snapshot.body", "snapshot-download/snapshot.json"] {
            #expect(!FileManager.default.fileExists(atPath: home.appendingPathComponent(file).path), "\(file) is still there")
        }
        let trail = try await audit()
        #expect(trail.contains { $0.kind == .wipeOrdered && $0.device == device.id })
        #expect(trail.contains { $0.kind == .deviceWiped && $0.device == device.id })
        // The records are safe on the server; the laptop starts over with `init` and `login`.
        #expect(try await SQLiteStorage(directory: server.data).logCount() == 1)
    }
}

/// A trail written before entries were chained gets its hashes when the server opens it.
@Suite struct AuditChainMigrationTests {
    @Test func entriesFromBeforeTheChainAreChainedByTheMigration() async throws {
        let directory = TemporaryDirectory()
        try FileManager.default.createDirectory(at: directory.url, withIntermediateDirectories: true)
        let queue = try DatabaseQueue(path: directory.url.appendingPathComponent("fieldvisit-server.sqlite").path)
        try ServerMigrations.migrator().migrate(queue, upTo: "v2-packed-registers")
        try await queue.write { db in
            for (index, detail) in ["password accepted", "佐藤のノートPC replica …", "wrong password"].enumerated() {
                try db.execute(sql: "INSERT INTO audit (at, event, account, device, address, detail) VALUES (?, 'login', 'sato', NULL, '127.0.0.1', ?)",
                               arguments: [1_732_000_000_000 + index, detail])
            }
        }
        try queue.close()
        let storage = try SQLiteStorage(directory: directory.url)
        try await storage.audit(AuditEvent(time: Date(), kind: .branchAdded, user: nil, device: nil, address: "console:root", detail: "miyako 宮古支店"))
        let verdict = try await storage.verifyAudit()
        #expect(verdict.broken == nil)
        #expect(verdict.verified == 4)
        #expect(verdict.headText?.hasPrefix("4:") == true)
    }
}
