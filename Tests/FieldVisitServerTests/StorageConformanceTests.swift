import FieldVisitCore
import FieldVisitProtocol
import Foundation
import Testing
@testable import FieldVisitServer

/// What every storage backend must do alike: the same tests, unchanged, against each
/// (`StorageBackend`). PostgreSQL runs in a throwaway cluster of the test process
/// (`PostgresCluster`); FIELDVISIT_SKIP_POSTGRES=1 leaves it out.
@Suite struct StorageConformanceTests {
    /// A fresh storage with the branches morioka and miyako.
    static func storage(_ backend: StorageBackend) async throws -> MadeStorage {
        let made = try await backend.make()
        try await made.storage.addBranch(Branch(code: "morioka", name: "盛岡支店"))
        try await made.storage.addBranch(Branch(code: "miyako", name: "宮古支店"))
        return made
    }

    /// `date` as the storage keeps it: to the millisecond.
    static func stored(_ date: Date) -> Date { StoredTime.date(StoredTime.millis(date)) }

    static func device(_ id: String, of user: String, replica: ReplicaID = .random(), enrolledAt: Date = Date()) -> Device {
        Device(id: id, user: user, replica: replica, name: "\(user)のPC", enrolledAt: enrolledAt)
    }

    static func event(_ kind: AuditEvent.Kind, user: String? = nil, detail: String, at time: Date = Date()) -> AuditEvent {
        AuditEvent(time: time, kind: kind, user: user, device: nil, address: "console:root", detail: detail)
    }
}

// MARK: Branches and users

extension StorageConformanceTests {
    @Test(arguments: StorageBackend.tested)
    func branchesAreAddedOnceAndListedByCode(_ backend: StorageBackend) async throws {
        let storage = try await backend.make().storage
        for (code, name) in [("morioka", "盛岡支店"), ("Kamaishi", "釜石支店"), ("miyako", "宮古支店")] {
            try await storage.addBranch(Branch(code: code, name: name))
        }
        await #expect(throws: StorageError.alreadyExists(kind: "branch", name: "miyako")) {
            try await storage.addBranch(Branch(code: "miyako", name: "別の名前"))
        }
        // By bytes, as SQLite orders them, whatever the database's collation.
        #expect(try await storage.branches() == [
            Branch(code: "Kamaishi", name: "釜石支店"), Branch(code: "miyako", name: "宮古支店"), Branch(code: "morioka", name: "盛岡支店"),
        ])
    }

    @Test(arguments: StorageBackend.tested)
    func aUserNeedsEveryBranchAndIsAddedOnce(_ backend: StorageBackend) async throws {
        let storage = try await Self.storage(backend).storage
        await #expect(throws: StorageError.notFound(kind: "branch", name: "kuji")) {
            try await storage.addUser(User(name: "sato", role: .field, branches: ["morioka", "kuji", "ninohe"]), passwordHash: "-")
        }
        #expect(try await storage.users().isEmpty)

        try await storage.addUser(User(name: "sato", role: .field, branches: ["morioka", "miyako", "morioka"]), passwordHash: "$2b$hash")
        await #expect(throws: StorageError.alreadyExists(kind: "user", name: "sato")) {
            try await storage.addUser(User(name: "sato", role: .manager, branches: []), passwordHash: "-")
        }
        let found = try #require(try await storage.user(named: "sato"))
        #expect(found.user == User(name: "sato", role: .field, branches: ["miyako", "morioka"]))
        #expect(found.passwordHash == "$2b$hash")
        #expect(try await storage.user(named: "suzuki") == nil)
        #expect(try await storage.user(named: "Sato") == nil)
    }

    @Test(arguments: StorageBackend.tested)
    func usersAreListedByNameAndDisabledAndEnabled(_ backend: StorageBackend) async throws {
        let storage = try await Self.storage(backend).storage
        try await storage.addUser(User(name: "suzuki", role: .manager, branches: ["morioka"]), passwordHash: "-")
        try await storage.addUser(User(name: "kanri", role: .admin, branches: []), passwordHash: "-")
        try await storage.addUser(User(name: "Ito", role: .field, branches: ["miyako"], disabled: true), passwordHash: "-")
        #expect(try await storage.users() == [
            User(name: "Ito", role: .field, branches: ["miyako"], disabled: true), User(name: "kanri", role: .admin, branches: []),
            User(name: "suzuki", role: .manager, branches: ["morioka"]),
        ])
        try await storage.setDisabled(true, user: "suzuki")
        try await storage.setDisabled(false, user: "Ito")
        #expect(try await storage.user(named: "suzuki")?.user.disabled == true)
        #expect(try await storage.user(named: "Ito")?.user.disabled == false)
        await #expect(throws: StorageError.notFound(kind: "user", name: "nobody")) { try await storage.setDisabled(true, user: "nobody") }
    }

    @Test(arguments: StorageBackend.tested)
    func aStoredRoleTheServerDoesNotKnowIsRefusedNotTakenForFieldStaff(_ backend: StorageBackend) async throws {
        let made = try await Self.storage(backend)
        let storage = made.storage
        try await storage.addUser(User(name: "sato", role: .manager, branches: ["morioka"]), passwordHash: "-")
        let token = DeviceToken.random()
        try await storage.enrol(Device(id: "d", user: "sato", replica: .random(), name: "satoのPC", enrolledAt: Date()), tokenHash: token.hash)
        // The table's CHECK keeps the programs from writing it; a hand on the database can.
        try await made.storeRole("auditor", user: "sato")
        let refusal = StorageError.unknownRole(user: "sato", role: "auditor")
        await #expect(throws: refusal) { try await storage.user(named: "sato") }
        await #expect(throws: refusal) { try await storage.device(tokenHash: token.hash) }
        await #expect(throws: refusal) { try await storage.users() }
        #expect(refusal.description == "the user sato has the role 'auditor', which this fieldvisit-server does not know (it knows field, manager, admin); "
            + "run the newer fieldvisit-server that wrote it, or restore the database from a backup")
    }
}

extension StorageConformanceTests {
    /// PostgreSQL's text cannot hold U+0000, SQLite's is read back cut at it; a name
    /// tried at login may hold it.
    @Test(arguments: StorageBackend.tested)
    func aNameHoldingNULIsFoundNowhereAndAuditedReadably(_ backend: StorageBackend) async throws {
        let storage = try await Self.storage(backend).storage
        let name = "sa\u{0}to"
        #expect(try await storage.user(named: name) == nil)
        await #expect(throws: StorageError.notFound(kind: "user", name: name)) { try await storage.setDisabled(true, user: name) }
        await #expect(throws: StorageError.notFound(kind: "user", name: name)) { _ = try await storage.revokeDevices(of: name) }
        await #expect(throws: StorageError.notFound(kind: "device", name: "d\u{0}")) { try await storage.revoke(device: "d\u{0}", wipe: false) }
        try await storage.touch(device: "d\u{0}", at: Date())

        try await storage.audit(Self.event(.loginFailed, user: name, detail: "unknown user \u{0}"))
        let trail = try await storage.auditTrail(since: .distantPast, user: name)
        // Recorded with U+FFFD in its place, which reads back whole and hashes alike.
        #expect(trail.map(\.detail) == ["unknown user \u{FFFD}"])
        #expect(trail.map(\.user) == ["sa\u{FFFD}to"])
        #expect(try await storage.verifyAudit().verified == 1)
    }
}

// MARK: Devices

extension StorageConformanceTests {
    @Test(arguments: StorageBackend.tested)
    func aDeviceIsFoundByItsTokenWithItsUser(_ backend: StorageBackend) async throws {
        let storage = try await Self.storage(backend).storage
        let sato = User(name: "sato", role: .field, branches: ["morioka"])
        try await storage.addUser(sato, passwordHash: "-")
        let enrolledAt = Date(timeIntervalSince1970: 1_764_000_000.1234)
        let device = Self.device("d1", of: "sato", enrolledAt: enrolledAt)
        let token = DeviceToken.random()
        try await storage.enrol(device, tokenHash: token.hash)

        let found = try #require(try await storage.device(tokenHash: token.hash))
        #expect(found.user == sato)
        #expect(found.device.id == "d1")
        #expect(found.device.replica == device.replica)
        #expect(found.device.name == "satoのPC")
        #expect(found.device.enrolledAt == Self.stored(enrolledAt))
        #expect(found.device.lastSeenAt == nil && found.device.revokedAt == nil && found.device.wipeOrderedAt == nil)
        #expect(try await storage.device(tokenHash: DeviceToken.random().hash) == nil)

        // Seen: kept to the millisecond.
        let seen = Date(timeIntervalSince1970: 1_764_000_100.5678)
        try await storage.touch(device: "d1", at: seen)
        #expect(try await storage.device(tokenHash: token.hash)?.device.lastSeenAt == Self.stored(seen))
        try await storage.touch(device: "unknown", at: seen)
    }

    @Test(arguments: StorageBackend.tested)
    func aReplicaBelongsToOneUserAndEnrollingItAgainReplacesTheToken(_ backend: StorageBackend) async throws {
        let storage = try await Self.storage(backend).storage
        for name in ["sato", "suzuki"] { try await storage.addUser(User(name: name, role: .field, branches: ["morioka"]), passwordHash: "-") }
        let replica = ReplicaID.random()
        let first = DeviceToken.random(), second = DeviceToken.random()
        try await storage.enrol(Self.device("d1", of: "sato", replica: replica), tokenHash: first.hash)
        await #expect(throws: StorageError.replicaTaken(replica: replica.description)) {
            try await storage.enrol(Self.device("d2", of: "suzuki", replica: replica), tokenHash: DeviceToken.random().hash)
        }
        try await storage.revoke(device: "d1", wipe: false)
        // The same laptop logging in again after its revocation: a new device.
        try await storage.enrol(Self.device("d3", of: "sato", replica: replica), tokenHash: second.hash)
        #expect(try await storage.device(tokenHash: first.hash) == nil)
        let found = try #require(try await storage.device(tokenHash: second.hash))
        #expect(found.device.id == "d3")
        #expect(found.device.revokedAt == nil)
        #expect(try await storage.devices().map(\.id) == ["d3"])
    }

    @Test(arguments: StorageBackend.tested)
    func devicesAreListedNewestFirstAndRevokedOnceWithOrWithoutWipe(_ backend: StorageBackend) async throws {
        let storage = try await Self.storage(backend).storage
        try await storage.addUser(User(name: "sato", role: .field, branches: ["morioka"]), passwordHash: "-")
        let day = Date(timeIntervalSince1970: 1_764_000_000)
        try await storage.enrol(Self.device("b", of: "sato", enrolledAt: day), tokenHash: DeviceToken.random().hash)
        try await storage.enrol(Self.device("c", of: "sato", enrolledAt: day.addingTimeInterval(60)), tokenHash: DeviceToken.random().hash)
        try await storage.enrol(Self.device("a", of: "sato", enrolledAt: day), tokenHash: DeviceToken.random().hash)
        #expect(try await storage.devices().map(\.id) == ["c", "a", "b"])

        try await storage.revoke(device: "a", wipe: false)
        try await storage.revoke(device: "b", wipe: true)
        let revoked = try await storage.devices()
        let a = try #require(revoked.first { $0.id == "a" }), b = try #require(revoked.first { $0.id == "b" })
        #expect(a.revokedAt != nil && a.wipeOrderedAt == nil)
        #expect(b.revokedAt != nil && b.wipeOrderedAt != nil)
        // Revoking again keeps the first time, and a wipe ordered later is ordered then.
        try await Task.sleep(for: .milliseconds(5))
        try await storage.revoke(device: "a", wipe: true)
        let again = try #require(try await storage.devices().first { $0.id == "a" })
        #expect(again.revokedAt == a.revokedAt)
        #expect(again.wipeOrderedAt != nil)
        await #expect(throws: StorageError.notFound(kind: "device", name: "z")) { try await storage.revoke(device: "z", wipe: false) }
    }

    @Test(arguments: StorageBackend.tested)
    func aUsersDevicesAreRevokedTogetherAndWithANewPassword(_ backend: StorageBackend) async throws {
        let storage = try await Self.storage(backend).storage
        for name in ["sato", "suzuki"] { try await storage.addUser(User(name: name, role: .field, branches: ["morioka"]), passwordHash: "old") }
        for (id, user) in [("s2", "sato"), ("s1", "sato"), ("s3", "sato"), ("k1", "suzuki"), ("k2", "suzuki")] {
            try await storage.enrol(Self.device(id, of: user), tokenHash: DeviceToken.random().hash)
        }
        try await storage.revoke(device: "s3", wipe: false)
        #expect(try await storage.revokeDevices(of: "sato") == ["s1", "s2"])
        #expect(try await storage.revokeDevices(of: "sato") == [])
        await #expect(throws: StorageError.notFound(kind: "user", name: "nobody")) { _ = try await storage.revokeDevices(of: "nobody") }

        #expect(try await storage.setPassword("new", user: "suzuki") == ["k1", "k2"])
        #expect(try await storage.user(named: "suzuki")?.passwordHash == "new")
        #expect(try await storage.devices().allSatisfy { $0.revokedAt != nil })
        await #expect(throws: StorageError.notFound(kind: "user", name: "nobody")) { _ = try await storage.setPassword("new", user: "nobody") }
        #expect(try await storage.user(named: "sato")?.passwordHash == "old")
    }
}

// MARK: The audit trail

extension StorageConformanceTests {
    @Test(arguments: StorageBackend.tested)
    func theAuditTrailIsChainedAndReadBySinceAndUser(_ backend: StorageBackend) async throws {
        let storage = try await backend.make().storage
        #expect(try await storage.verifyAudit().description == "the audit trail is empty")
        let start = Date(timeIntervalSince1970: 1_764_000_000.0004)
        var written: [AuditEvent] = []
        for index in 0..<6 {
            let event = Self.event(index.isMultiple(of: 2) ? .login : .logout, user: index < 4 ? "sato" : nil,
                                   detail: "第\(index)回 — \"quoted\" \\ 改行\nつき", at: start.addingTimeInterval(Double(index) * 60))
            try await storage.audit(event)
            written.append(event)
        }
        let trail = try await storage.auditTrail(since: .distantPast, user: nil)
        #expect(trail.map(\.sequence) == Array(1...6))
        #expect(trail.map(\.kind) == written.map(\.kind))
        #expect(trail.map(\.detail) == written.map(\.detail))
        #expect(trail.map(\.time) == written.map { Self.stored($0.time) })
        #expect(trail.map(\.address) == Array(repeating: "console:root", count: 6))
        #expect(trail[4].user == nil && trail[4].device == nil)

        #expect(try await storage.auditTrail(since: start.addingTimeInterval(120), user: nil).map(\.sequence) == [3, 4, 5, 6])
        #expect(try await storage.auditTrail(since: start.addingTimeInterval(120), user: "sato").map(\.sequence) == [3, 4])

        let verdict = try await storage.verifyAudit()
        #expect(verdict.broken == nil)
        #expect(verdict.verified == 6)
        #expect(verdict.headText?.hasPrefix("6:") == true)
        let partial = try await storage.verifyAudit(upTo: 4)
        #expect(partial.verified == 4)
        // The same entries give the same chain in every backend.
        var previous = AuditChain.genesis
        for event in trail { previous = AuditChain.hash(event, previous: previous) }
        #expect(verdict.head?.hash == previous)
    }

    @Test(arguments: StorageBackend.tested)
    func appendsAtTheSameTimeMakeOneChain(_ backend: StorageBackend) async throws {
        let storage = try await backend.make().storage
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<40 {
                group.addTask { try await storage.audit(Self.event(.login, user: "user\(index)", detail: "login \(index)")) }
            }
            try await group.waitForAll()
        }
        let verdict = try await storage.verifyAudit()
        #expect(verdict.broken == nil)
        #expect(verdict.verified == 40)
        #expect(Set(try await storage.auditTrail(since: .distantPast, user: nil).map(\.detail)).count == 40)
    }

    @Test(arguments: StorageBackend.tested)
    func theAuditTrailIsAppendOnly(_ backend: StorageBackend) async throws {
        let made = try await backend.make()
        try await made.storage.audit(Self.event(.branchAdded, detail: "morioka 盛岡支店"))
        await #expect(throws: (any Error).self) { try await made.execute("UPDATE audit SET detail = 'edited'") }
        await #expect(throws: (any Error).self) { try await made.execute("DELETE FROM audit") }
        let trail = try await made.storage.auditTrail(since: .distantPast, user: nil)
        #expect(trail.map(\.detail) == ["morioka 盛岡支店"])
    }

    @Test(arguments: StorageBackend.tested)
    func verifyFindsAnEntryChangedRemovedOrWrittenAroundTheStorage(_ backend: StorageBackend) async throws {
        let made = try await backend.make()
        for index in 1...4 { try await made.storage.audit(Self.event(.login, user: "sato", detail: "login \(index)")) }
        let head = try #require(try await made.storage.verifyAudit().head)
        try await made.allowAuditEdits()

        try await made.execute("UPDATE audit SET detail = '確認済み' WHERE seq = 2")
        #expect(try await made.storage.verifyAudit().broken?.sequence == 2)
        try await made.execute("UPDATE audit SET detail = 'login 2' WHERE seq = 2")
        #expect(try await made.storage.verifyAudit().head?.hash == head.hash)

        try await made.execute("DELETE FROM audit WHERE seq = 3")
        let removed = try await made.storage.verifyAudit()
        #expect(removed.broken?.sequence == 4)
        #expect(removed.broken?.reason.english == "entries 3…3 are missing: removed")
        try await made.execute("DELETE FROM audit WHERE seq = 4")

        // A row written around the storage has no hash; the storage chains after it.
        try await made.execute("INSERT INTO audit (seq, at, event, account, device, address, detail) VALUES (3, 0, 'login', 'sato', NULL, NULL, 'forged')")
        try await made.storage.audit(Self.event(.logout, user: "sato", detail: "after"))
        let forged = try await made.storage.verifyAudit()
        #expect(forged.broken?.sequence == 3)
        #expect(forged.broken?.reason.english == "it has no hash: written around the server")
        #expect(try await made.storage.auditTrail(since: .distantPast, user: nil).map(\.sequence) == [1, 2, 3, 4])
    }

    @Test(arguments: StorageBackend.tested)
    func anAuditEntryOfAKindTheServerDoesNotKnowIsRefusedNotReadAsALogin(_ backend: StorageBackend) async throws {
        let made = try await backend.make()
        let storage = made.storage
        try await storage.audit(AuditEvent(time: Date(), kind: .branchAdded, user: nil, device: nil, address: nil, detail: "morioka"))
        try await made.execute("INSERT INTO audit (seq, at, event, account, device, address, detail) VALUES (2, 0, 'role-changed', 'sato', NULL, NULL, 'manager')")
        let refusal = StorageError.unknownAuditEvent(sequence: 2, kind: "role-changed")
        await #expect(throws: refusal) { try await storage.auditTrail(since: .distantPast, user: nil) }
        await #expect(throws: refusal) { try await storage.verifyAudit() }
        #expect(refusal.description.contains("entry 2 of the audit trail is of the kind 'role-changed'"))
    }
}
