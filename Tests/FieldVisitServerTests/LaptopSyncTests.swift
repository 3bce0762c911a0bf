import FieldVisitClient
import FieldVisitCore
import Foundation
import Testing
@testable import FieldVisitServer

/// A field laptop: the real `fieldvisit` executable on a home of its own.
struct LaptopProcess {
    let home = TemporaryDirectory()
    let user: String

    /// Runs `fieldvisit ARGUMENTS --home HOME`.
    @discardableResult
    func run(_ arguments: [String], input: String = "", environment: [String: String] = [:]) throws -> BuiltProgram.Run {
        try BuiltProgram.fieldvisit.run(arguments + ["--home", home.url.path], input: input, environment: environment)
    }

    /// Runs a command that must succeed.
    @discardableResult
    func succeed(_ arguments: [String], input: String = "", sourceLocation: SourceLocation = #_sourceLocation) throws -> BuiltProgram.Run {
        let result = try run(arguments, input: input)
        #expect(result.status == 0, "fieldvisit \(arguments.joined(separator: " ")) failed: \(result.error)", sourceLocation: sourceLocation)
        return result
    }

    /// A laptop of `user`, initialised and logged in to `server`.
    static func enrolled(_ user: String, on server: ServerProcess) throws -> LaptopProcess {
        try enrolled(user, at: server.url, caFile: server.caFile)
    }

    /// A laptop of `user`, initialised and logged in to the server at `url`.
    static func enrolled(_ user: String, at url: String, caFile: URL) throws -> LaptopProcess {
        let laptop = LaptopProcess(user: user)
        try laptop.succeed(["init", "--user", user])
        try laptop.succeed(["login", "--server", url, "--user", user, "--ca-file", caFile.path, "--password-stdin"], input: "password-\(user)\n")
        return laptop
    }

    /// Starts `fieldvisit sync` without waiting.
    func startSync(scratch: URL) throws -> Process {
        try BuiltProgram.fieldvisit.start(["sync", "--home", home.url.path], scratch: scratch)
    }

    func store() throws -> LocalStore { try LocalStore.open(home: StoreHome(option: home.url.path)) }

    /// Every record this laptop holds, with its registers.
    func records() throws -> [EntityKey: EntityState] {
        let store = try store()
        var states: [EntityKey: EntityState] = [:]
        for type in [RecordType.company, .visit, .hearingSheet, .successionDiagnosis] {
            for summary in try store.list(type) { states[summary.key] = try store.state(of: summary.key) }
        }
        return states
    }

    /// The id printed on the first line by a command that creates a record.
    func create(_ arguments: [String]) throws -> String {
        let result = try succeed(arguments)
        return String(result.output.split(separator: "\n").first ?? "")
    }
}

/// Laptops that work offline and reconcile through a real server over HTTPS.
@Suite(.serialized) struct LaptopSyncTests {
    let server: ServerProcess

    init() throws {
        server = try ServerProcess()
        try server.provision(
            branches: [("morioka", "盛岡支店"), ("miyako", "宮古支店")],
            users: [("佐藤 花子", "field", ["morioka"]), ("suzuki", "field", ["morioka"]), ("ito", "field", ["miyako"])]
        )
    }

    func serverStorage() throws -> SQLiteStorage { try SQLiteStorage(directory: server.data) }

    @Test func twoLaptopsWorkOfflineAndEndIdentical() async throws {
        let sato = try LaptopProcess.enrolled("佐藤 花子", on: server)
        let suzuki = try LaptopProcess.enrolled("suzuki", on: server)
        let ito = try LaptopProcess.enrolled("ito", on: server)
        let company = try sato.create(["company", "add", "--name", "株式会社カワムラ", "--kana", "カワムラ", "--branch", "morioka", "--employees", "12"])
        let visit = try sato.create(["visit", "record", "--company", company, "--date", "2026-11-20", "--purpose", "pushTypeInterview", "--mode", "onSite",
                                     "--staff", "佐藤 花子", "--notes", "社長と面談。設備更新の資金繰りについて相談あり。"])
        try sato.succeed(["sync"])
        try suzuki.succeed(["sync"])
        #expect(try suzuki.records() == sato.records())

        // Offline: the same field on both laptops, and different fields of the visit.
        try sato.succeed(["company", "edit", company, "--representative", "川村 一郎"])
        try suzuki.succeed(["company", "edit", company, "--representative", "川村 太郎"])
        try sato.succeed(["visit", "edit", visit, "--notes", "社長と面談。設備更新は来春。"])
        try suzuki.succeed(["visit", "edit", visit, "--next-visit", "2026-12-15"])
        let first = try sato.succeed(["sync"])
        // suzuki's laptop speaks Japanese (LANG=ja_JP.UTF-8): the summary reads so, the
        // conflicts command named as it is typed.
        let second = try suzuki.run(["sync"], environment: ["FIELDVISIT_LANG": "", "LANG": "ja_JP.UTF-8"])
        #expect(second.status == 0)
        #expect(second.output.hasPrefix("同期が完了しました。\n送信: 2 件\n受信: 2 件\n新しい競合: 1 件（fieldvisit conflicts で確認してください）\n差し戻し: 0 件\n"),
                "\(first.output)\n\(second.output)")
        #expect(first.output.hasPrefix("Sync finished.\npushed: 2 change sets\npulled: 0 change sets\nnew conflicts: 0\n"), "\(first.output)")
        try sato.succeed(["sync"])
        #expect(try suzuki.records() == sato.records())

        for laptop in [sato, suzuki] {
            let conflicts = try laptop.succeed(["conflicts", "--json"]).output
            #expect(conflicts.contains("representativeName"))
            #expect(!conflicts.contains("notes") && !conflicts.contains("nextVisitDate"))
        }
        let onServer = try await serverStorage().conflicts()
        #expect(onServer.map(\.fields) == [["representativeName"]])
        // Field staff leave the conflict to a manager: overwriting it is refused on the laptop.
        let overwrite = try sato.run(["company", "edit", company, "--representative", "川村 一郎"])
        #expect(overwrite.status == 2)
        #expect(overwrite.error.contains("conflict"))

        // Sequential edits, each made after syncing the other's: never a conflict.
        try suzuki.succeed(["company", "edit", company, "--employees", "14"])
        try suzuki.succeed(["sync"])
        try sato.succeed(["sync"])
        try sato.succeed(["company", "edit", company, "--employees", "15"])
        try sato.succeed(["sync"])
        try suzuki.succeed(["sync"])
        #expect(try suzuki.records() == sato.records())
        #expect(try await serverStorage().conflicts().count == 1)

        // Another branch sees none of it.
        try ito.succeed(["sync"])
        #expect(try ito.records().isEmpty)
    }

    @Test func aNewLaptopStartsFromASnapshot() async throws {
        let sato = try LaptopProcess.enrolled("佐藤 花子", on: server)
        for index in 0..<30 {
            _ = try sato.create(["company", "add", "--name", "株式会社テスト\(index)", "--branch", "morioka"])
        }
        try sato.succeed(["sync"])
        let second = try LaptopProcess.enrolled("佐藤 花子", on: server)
        let run = try second.succeed(["sync"])
        #expect(run.output.contains("snapshot"))
        #expect(try second.records() == sato.records())
        let store = try second.store()
        #expect(try store.logCounts().total == 0)
        let before = try second.records()
        try store.rebuildFromLog()
        #expect(try second.records() == before)
        // It records and syncs like any laptop after that.
        _ = try second.create(["company", "add", "--name", "株式会社あとから"])   // in the user's one branch
        try second.succeed(["sync"])
        try sato.succeed(["sync"])
        #expect(try second.records() == sato.records())
    }

    @Test func aWrongCertificateAuthorityIsAClearError() throws {
        let other = try ServerProcess()
        let laptop = LaptopProcess(user: "suzuki")
        try laptop.succeed(["init", "--user", "suzuki"])
        let refused = try laptop.run(["login", "--server", server.url, "--user", "suzuki", "--ca-file", other.caFile.path, "--password-stdin"],
                                     input: "password-suzuki\n")
        #expect(refused.status == 1)
        #expect(refused.error.lowercased().contains("certificate"), "\(refused.error)")
        other.kill()
    }

    @Test func aRevokedLaptopIsToldToLogInAgain() throws {
        let suzuki = try LaptopProcess.enrolled("suzuki", on: server)
        try suzuki.succeed(["sync"])
        let devices = try JSONDecoder().decode([Device].self, from: Data(try server.admin(["device", "list", "--json"]).output.utf8))
        try server.admin(["device", "revoke", try #require(devices.first { $0.user == "suzuki" }).id])
        let refused = try suzuki.run(["sync"])
        #expect(refused.status == 1)
        #expect(refused.error.contains("login"), "\(refused.error)")
        try suzuki.succeed(["logout"])
        #expect(try suzuki.run(["sync"]).status != 0)
    }

    /// Imports `count` companies in one go: a large sync's worth of change sets.
    func importCompanies(_ count: Int, into laptop: LaptopProcess) throws {
        let file = laptop.home.url.appendingPathComponent("companies.csv")
        let rows = ["name,branch"] + (0..<count).map { "株式会社大量\($0),morioka" }
        try FileManager.default.createDirectory(at: laptop.home.url, withIntermediateDirectories: true)
        try Data(rows.joined(separator: "\n").utf8).write(to: file)
        try laptop.succeed(["import", "companies", file.path])
    }

    @Test func killingLaptopsDuringALargeSyncLosesAndRepeatsNothing() async throws {
        let sato = try LaptopProcess.enrolled("佐藤 花子", on: server)
        let suzuki = try LaptopProcess.enrolled("suzuki", on: server)
        try suzuki.succeed(["sync"])   // from an empty snapshot: what follows is pulled page by page
        try importCompanies(2000, into: sato)
        let scratch = sato.home.url.appendingPathComponent("sync-run")
        for laptop in [sato, suzuki] {
            for _ in 0..<20 {
                let process = try laptop.startSync(scratch: scratch)
                usleep(UInt32.random(in: 50_000...900_000))
                kill(process.processIdentifier, SIGKILL)
                process.waitUntilExit()
            }
            try laptop.succeed(["sync"])
        }
        let logCount = try await serverStorage().logCount()
        #expect(logCount == 2000)
        #expect(try sato.store().logCounts().total == 2000)
        #expect(try suzuki.store().logCounts().total == 2000)
        #expect(try suzuki.records() == sato.records())
        #expect(try suzuki.records().count == 2000)
    }

    @Test func killingTheServerDuringASyncLosesAndRepeatsNothing() async throws {
        let sato = try LaptopProcess.enrolled("佐藤 花子", on: server)
        let suzuki = try LaptopProcess.enrolled("suzuki", on: server)
        try suzuki.succeed(["sync"])
        try importCompanies(2000, into: sato)
        let scratch = sato.home.url.appendingPathComponent("sync-run")
        for laptop in [sato, suzuki] {
            let process = try laptop.startSync(scratch: scratch)
            usleep(UInt32.random(in: 200_000...800_000))
            server.kill()
            usleep(300_000)
            try server.restart()
            process.waitUntilExit()
            // Either the sync rode out the restart by retrying, or a new one finishes it.
            try laptop.succeed(["sync"])
        }
        #expect(try await serverStorage().logCount() == 2000)
        #expect(try suzuki.store().logCounts().total == 2000)
        #expect(try suzuki.records() == sato.records())
    }
}
