import FieldVisitClient
import FieldVisitCore
import FieldVisitProtocol
import Foundation
import GRDB
import Synchronization
import Testing
@testable import FieldVisitServer

/// `fieldvisit-server backup`: a copy of a running server's database, taken while
/// laptops push, from which a server starts again and laptops sync.
@Suite(.serialized) struct BackupTests {
    let server: ServerProcess
    let api: APIClient

    init() throws {
        server = try ServerProcess()
        try server.provision(
            branches: [("morioka", "盛岡支店")],
            users: [("sato", "field", ["morioka"]), ("suzuki", "field", ["morioka"]), ("takahashi", "field", ["morioka"])]
        )
        api = try APIClient(server: server)
    }

    @Test func aBackupTakenDuringPushesHoldsEachPushWholeAndServesLaptops() async throws {
        // A laptop that synced before the backup and not after it.
        let existing = try LaptopProcess.enrolled("takahashi", on: server)
        let company = try existing.create(["company", "add", "--name", "株式会社高橋製作所", "--branch", "morioka"])
        try existing.succeed(["sync"])

        // Two replicas push pages of change sets without pause; the backup is taken
        // once the log holds a few thousand, and they go on after it.
        let progress = PushProgress()
        let pushers = ["sato", "suzuki"].map { user in
            Task { try await Self.pushContinuously(api: api, user: user, progress: progress) }
        }
        try await progress.wait(untilPushed: 3000)
        let folder = TemporaryDirectory()
        try FileManager.default.createDirectory(at: folder.url, withIntermediateDirectories: true)
        let file = folder.url.appendingPathComponent("fieldvisit-backup.sqlite")
        let pushedBefore = progress.pushed.load(ordering: .relaxed)
        let run = try server.admin(["backup", "--output", file.path])
        let pushedAfter = progress.pushed.load(ordering: .relaxed)
        try await progress.wait(untilPushed: pushedAfter + 200)
        progress.stop.store(true, ordering: .relaxed)
        var pages: [[PushResult]] = []
        for pusher in pushers { pages += try await pusher.value }

        #expect(run.status == 0, "backup failed: \(run.error)")
        #expect(run.lines.first == "Backed up to \(file.path)")
        let printed = try #require(run.lines.first { $0.hasPrefix("change sets: ") })
        let backedUp = try #require(Int(printed.dropFirst("change sets: ".count).prefix { $0.isNumber }))
        // Pushes went on around the command (how many while it ran depends on the
        // machine's load), and the copy is of one moment in it: the laptop's change set,
        // those answered before, perhaps a page per pusher in flight.
        #expect(backedUp >= pushedBefore + 1 && backedUp <= pushedAfter + 1 + 2 * 20, "\(pushedBefore) … \(backedUp) … \(pushedAfter)")
        #expect(try Self.permissions(file) == 0o600)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.url.path) == [file.lastPathComponent])

        // The copy is a server database of its own: a fresh data directory with the
        // old one's TLS files, on the same address, as a restore on a new machine.
        server.kill()
        let restoredData = FileManager.default.temporaryDirectory.appendingPathComponent("fieldvisit-restored-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: restoredData, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: file, to: URL(fileURLWithPath: SQLiteStorage.databasePath(in: restoredData)))
        try FileManager.default.copyItem(at: server.data.appendingPathComponent("tls"), to: restoredData.appendingPathComponent("tls"))
        let copy = try SQLiteStorage(directory: restoredData)
        #expect(try await copy.logCount() == backedUp)

        // Each push is one transaction: in the copy whole, at the sequence numbers the
        // server answered, or not at all; and nothing after a push left out is in.
        let logged = try await Self.log(of: copy)
        func isInCopy(_ result: PushResult) -> Bool { result.sequence.flatMap { logged[$0] } == result.dot }
        var includedUpTo: Int64 = 0
        var excludedFrom = Int64.max
        for page in pages {
            let sequences = page.compactMap(\.sequence)
            let included = page.filter(isInCopy)
            #expect(included.isEmpty || included.count == page.count, "a push of \(page.count) is in the copy with \(included.count)")
            if included.isEmpty { excludedFrom = min(excludedFrom, sequences.min() ?? .max) } else { includedUpTo = max(includedUpTo, sequences.max() ?? 0) }
        }
        #expect(includedUpTo < excludedFrom)
        #expect(logged.count == pages.joined().filter(isInCopy).count + 1)

        // The records are the log applied, and every change set has its audit entry.
        try await Self.expectRecordsAreTheLogApplied(copy)
        let verdict = try await copy.verifyAudit()
        #expect(verdict.broken == nil, "\(verdict)")
        let accepted = try await copy.auditTrail(since: .distantPast, user: nil).filter { $0.kind == .changeSetAccepted }
        #expect(accepted.count == backedUp)

        // Laptops sync with the restored server: a new one from its snapshot, and the one
        // that last synced before the backup, with an edit made since.
        let restored = try ServerProcess(data: restoredData, port: server.port)
        let fresh = try LaptopProcess.enrolled("suzuki", on: restored)
        try fresh.succeed(["sync"])
        try existing.succeed(["company", "edit", company, "--employees", "42"])
        let synced = try existing.succeed(["sync"])
        #expect(synced.output.contains("pushed: 1 change sets"), "\(synced.output)")
        try fresh.succeed(["sync"])
        let storage = try SQLiteStorage(directory: restoredData)
        #expect(try await storage.logCount() == backedUp + 1)
        let records = try fresh.records()
        #expect(records.count == (try await Self.recordCount(storage)))
        #expect(try existing.records() == records)
        for (key, state) in records { #expect(try await storage.state(of: key) == state) }
        #expect(try await storage.verifyAudit().broken == nil)
        restored.kill()
    }

    @Test func theCommandRefusesToOverwriteAndWritesOwnerOnly() async throws {
        let folder = TemporaryDirectory()
        try FileManager.default.createDirectory(at: folder.url, withIntermediateDirectories: true)
        let file = folder.url.appendingPathComponent("backup.sqlite")
        let first = try server.admin(["backup", "--output", file.path])
        #expect(first.status == 0, "\(first.error)")
        #expect(first.lines.count == 3, "\(first.output)")
        #expect(first.lines.first == "Backed up to \(file.path)")
        #expect(first.lines.dropFirst().first == "change sets: 0 (last sequence number 0)")
        #expect(first.lines.last?.hasPrefix("size: ") == true && first.lines.last?.hasSuffix(" bytes)") == true, "\(first.output)")
        #expect(try Self.permissions(file) == 0o600)

        // An existing file stays as it is without --force.
        let before = try Data(contentsOf: file)
        try server.admin(["branch", "add", "miyako", "--name", "宮古支店"])
        let again = try server.admin(["backup", "--output", file.path])
        #expect(again.status == 2)
        #expect(again.error.contains("exists already") && again.error.contains("--force"), "\(again.error)")
        #expect(try Data(contentsOf: file) == before)

        // With --force it is replaced, owner-only whatever it was.
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: file.path)
        let forced = try server.admin(["backup", "--output", file.path, "--force"])
        #expect(forced.status == 0, "\(forced.error)")
        #expect(try Self.permissions(file) == 0o600)
        #expect(try await SQLiteStorage(directory: Self.dataDirectory(holding: file)).branches().map(\.code) == ["miyako", "morioka"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.url.path).sorted() == ["backup.sqlite", "data"])

        // A folder, a folder that does not exist, the live database: refused, nothing written.
        let intoFolder = try server.admin(["backup", "--output", folder.url.path, "--force"])
        #expect(intoFolder.status == 2 && intoFolder.error.contains("is a folder"), "\(intoFolder.error)")
        let missing = try server.admin(["backup", "--output", folder.url.appendingPathComponent("nowhere/backup.sqlite").path])
        #expect(missing.status == 2 && missing.error.contains("does not exist"), "\(missing.error)")
        let live = try server.admin(["backup", "--output", SQLiteStorage.databasePath(in: server.data), "--force"])
        #expect(live.status == 2 && live.error.contains("live database"), "\(live.error)")
        let sidecar = try server.admin(["backup", "--output", server.data.appendingPathComponent("fieldvisit-server.sqlite-wal").path, "--force"])
        #expect(sidecar.status == 2 && sidecar.error.contains("live database"), "\(sidecar.error)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.url.path).sorted() == ["backup.sqlite", "data"])

        // A mistyped data directory is not made into an empty database and backed up.
        let empty = TemporaryDirectory()
        try FileManager.default.createDirectory(at: empty.url, withIntermediateDirectories: true)
        let nothing = try BuiltProgram.server.run(["backup", "--output", folder.url.appendingPathComponent("other.sqlite").path, "--data-dir", empty.url.path])
        #expect(nothing.status == 2 && nothing.error.contains("holds no server database"), "\(nothing.error)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: empty.url.path).isEmpty)
    }

    @Test func aCopyThatFailsItsCheckIsRefused() async throws {
        let folder = TemporaryDirectory()
        try FileManager.default.createDirectory(at: folder.url, withIntermediateDirectories: true)
        let storage = try SQLiteStorage(directory: server.data)
        var replica = Replica(id: .random(), schema: .fieldVisit)
        let token = try #require(try await api.enrol("sato", replica: replica.id).token)
        var changes: [ChangeSet] = []
        for index in 0..<200 {
            let key = EntityKey(.company, .random())
            changes.append(try replica.commit([.set(key, field: "name", value: .text("株式会社\(index)" + String(repeating: "あ", count: 150))),
                                               .set(key, field: "branch", value: "morioka")], author: "sato", now: Self.now()))
        }
        #expect(try await api.push(changes, token: token).status == 200)
        let file = folder.url.appendingPathComponent("good.sqlite").path
        let summary = try await storage.backup(to: file)
        #expect(summary == BackupSummary(path: file, changeSets: 200, cursor: 200, bytes: summary.bytes))
        #expect(summary.bytes == (try FileManager.default.attributesOfItem(atPath: file)[.size] as? NSNumber)?.int64Value)
        // One file: no journal beside it, not in WAL mode.
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.url.path) == ["good.sqlite"])
        #expect(try await DatabaseQueue(path: file).read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") } == "delete")
        await #expect(throws: BackupError.outputExists(path: file)) { try await storage.backup(to: file) }

        // The same copy with the log's root page overwritten.
        let damaged = folder.url.appendingPathComponent("damaged.sqlite").path
        try FileManager.default.copyItem(atPath: file, toPath: damaged)
        let (page, size) = try await DatabaseQueue(path: damaged).read { db in
            (try Int.fetchOne(db, sql: "SELECT rootpage FROM sqlite_master WHERE name = 'change_set'")!, try Int.fetchOne(db, sql: "PRAGMA page_size")!)
        }
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: damaged))
        try handle.seek(toOffset: UInt64((page - 1) * size))
        try handle.write(contentsOf: Data(repeating: 0xA5, count: size))
        try handle.close()
        let error = #expect(throws: BackupError.self) { try SQLiteStorage.check(copy: damaged, folder: folder.url.path) }
        guard case .damagedCopy = error else {
            Issue.record("a damaged copy passed as \(String(describing: error))")
            return
        }
        #expect(error?.description.contains("integrity check") == true)
    }

    // MARK: Helpers

    /// Pushes pages of 20 change sets (new companies, visits, edits of earlier
    /// companies) from a new replica of `user` until told to stop; returns each page's results.
    static func pushContinuously(api: APIClient, user: String, progress: PushProgress) async throws -> [[PushResult]] {
        var replica = Replica(id: .random(), schema: .fieldVisit)
        let token = try #require(try await api.enrol(user, replica: replica.id).token)
        var companies: [EntityKey] = []
        var pages: [[PushResult]] = []
        var number = 0
        while !progress.stop.load(ordering: .relaxed) {
            var page: [ChangeSet] = []
            for _ in 0..<20 {
                number += 1
                if companies.count < 5 || number % 4 == 0 {
                    let key = EntityKey(.company, .random())
                    page.append(try replica.commit([.set(key, field: "name", value: .text("株式会社\(user)\(number)")), .set(key, field: "branch", value: "morioka")],
                                                   author: user, now: now()))
                    companies.append(key)
                } else if number % 4 == 1 {
                    let key = EntityKey(.visit, .random())
                    page.append(try replica.commit([
                        .set(key, field: "company", value: .text(companies.randomElement()!.id.rawValue)), .set(key, field: "date", value: "2026-11-20"),
                        .set(key, field: "mode", value: "onSite"), .set(key, field: "purpose", value: "companyVisit"), .add(key, field: "staff", element: .text(user)),
                        .set(key, field: "notes", value: .text(String(repeating: "社長と面談。設備更新の資金繰りについて相談あり。", count: 8))),
                    ], author: user, now: now()))
                } else {
                    page.append(try replica.commit([.set(companies.randomElement()!, field: "employees", value: .integer(Int64(number)))], author: user, now: now()))
                }
            }
            let response = try await api.push(page, token: token)
            #expect(response.status == 200 && response.results.allSatisfy { $0.status == .accepted }, "\(response.problem.map { "\($0)" } ?? "")")
            pages.append(response.results)
            progress.pushed.add(page.count, ordering: .relaxed)
        }
        return pages
    }

    /// Each change set in the log, by sequence number.
    static func log(of storage: SQLiteStorage) async throws -> [Int64: Dot] {
        try await DatabaseQueue(path: storage.path).read { db in
            var log: [Int64: Dot] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT seq, body FROM change_set ORDER BY seq") { log[row[0]] = try ChangeSetReader.read(row[1]).dot }
            return log
        }
    }

    /// The log applied in order to an empty replica must give exactly the records stored.
    static func expectRecordsAreTheLogApplied(_ storage: SQLiteStorage, sourceLocation: SourceLocation = #_sourceLocation) async throws {
        let bodies = try await DatabaseQueue(path: storage.path).read { db in try Data.fetchAll(db, sql: "SELECT body FROM change_set ORDER BY seq") }
        var replay = Replica(id: .random(), schema: .fieldVisit)
        for body in bodies { try replay.apply(try ChangeSetReader.read(body)) }
        #expect(try await recordCount(storage) == replay.entities.count, sourceLocation: sourceLocation)
        for (key, state) in replay.entities { #expect(try await storage.state(of: key) == state, "\(key)", sourceLocation: sourceLocation) }
    }

    static func recordCount(_ storage: SQLiteStorage) async throws -> Int {
        try await DatabaseQueue(path: storage.path).read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM record") ?? 0 }
    }

    static func permissions(_ file: URL) throws -> Int {
        (try FileManager.default.attributesOfItem(atPath: file.path)[.posixPermissions] as? NSNumber)?.intValue ?? -1
    }

    /// A data directory beside `file` holding a copy of it, to open as a server database.
    static func dataDirectory(holding file: URL) throws -> URL {
        let directory = file.deletingLastPathComponent().appendingPathComponent("data")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: file, to: URL(fileURLWithPath: SQLiteStorage.databasePath(in: directory)))
        return directory
    }

    static func now() -> Int64 { Int64(Date().timeIntervalSince1970 * 1000) }
}

/// How far the pushers got, and when they are to stop.
final class PushProgress: Sendable {
    let pushed = Atomic<Int>(0)
    let stop = Atomic<Bool>(false)

    /// Waits until `count` change sets were pushed; gives up (and stops the pushers)
    /// after two minutes, as when a pusher stopped on an error.
    func wait(untilPushed count: Int) async throws {
        let deadline = ContinuousClock.now + .seconds(120)
        while pushed.load(ordering: .relaxed) < count {
            guard ContinuousClock.now < deadline else {
                stop.store(true, ordering: .relaxed)
                throw ServerFailure(message: "the pushers stopped at \(pushed.load(ordering: .relaxed)) change sets, short of \(count)")
            }
            try await Task.sleep(for: .milliseconds(20))
        }
    }
}
