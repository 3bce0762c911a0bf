import FieldVisitClient
import FieldVisitCompression
import FieldVisitCore
import FieldVisitProtocol
import FieldVisitServer
import Foundation

/// `fieldvisit-bench link`: the real client and server through a link shaped in user
/// space (``LinkShapingProxy``), at 1 Mbit/s with 300 ms round trips and at 10 Mbit/s
/// with 50 ms. For each: a staff member's day pushed (30 visits with notes, 5 hearing
/// sheets, 2 diagnoses) and the branch's day (20 staff) pulled; a new laptop's first sync
/// of a branch of 10,000 companies and 50,000 visits, whole and with the link dropped
/// twice; and the bytes of a change set on the wire, compressed and not.
struct LinkBenchmark {
    var companyCount = 10_000
    var visitCount = 50_000
    var shapes = [LinkShapingProxy.Shape(bitsPerSecond: 1e6, roundTrip: .milliseconds(300)),
                  LinkShapingProxy.Shape(bitsPerSecond: 10e6, roundTrip: .milliseconds(50))]

    func run() async throws {
        print("== link: the client and the server through a shaped link ==")
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("fieldvisit-bench-link-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let server = try await BenchServer.start(directory: directory.appendingPathComponent("server"))
        defer { server.stop() }
        let port = Int(server.url.split(separator: ":").last ?? "") ?? 0

        // The branch, pushed on loopback by the office's importer.
        let seed = try await server.enrol("seed")
        var office = Replica(id: seed.replica, schema: .fieldVisit)
        var companies: [EntityKey] = []
        var batch: [ChangeSet] = []
        let client = server.client()
        func flush() async throws {
            guard !batch.isEmpty else { return }
            let answer = try await server.send(client, .POST, Endpoint.changes, body: PushRequest(changeSets: batch).encoded(), token: seed.token)
            guard try PushResponse.read(answer).results.allSatisfy({ $0.status == .accepted }) else { throw BenchFailure("the branch was refused") }
            batch = []
        }
        let now = ChangeAdmission.now()
        for number in 0..<companyCount {
            let key = EntityKey(.company, .random())
            companies.append(key)
            batch.append(try office.commit(BranchRecords.company(key, number: number), author: "seed", now: now))
            if batch.count == 1000 { try await flush() }
        }
        for number in 0..<visitCount {
            batch.append(try office.commit(Self.visit(company: companies[number % companies.count], staff: "seed", number: number), author: "seed", now: now))
            if batch.count == 1000 { try await flush() }
        }
        try await flush()
        try await client.shutdown()
        print(row("branch on the server: \(companyCount) companies, \(visitCount) visits", "\(companyCount + visitCount)", "records"))

        // Bytes of a visit's change set on the wire, as pushed and pulled.
        var sampler = Replica(id: .random(), schema: .fieldVisit)
        let sample = try (0..<1000).map { number in
            try sampler.commit(Self.visit(company: companies[number % companies.count], staff: "seed", number: number), author: "seed", now: now)
        }
        let plain = PushRequest(changeSets: sample).encoded()
        let compressed = try BodyCoding.gzip.encode(plain)
        print(row("bytes per change set on the wire, plain JSON (a visit with notes, pages of 1,000)", "\(plain.count / sample.count)", "B"))
        print(row("  compressed (gzip)", "\(compressed.count / sample.count)", "B"))
        print(row("  fewer bytes, compressed", String(format: "%.1f", Double(plain.count) / Double(compressed.count)), "×"))

        for shape in shapes {
            let proxy = try await LinkShapingProxy(shape: shape, upstreamHost: "127.0.0.1", upstreamPort: port)
            defer { Task { await proxy.stop() } }
            print("-- \(shape)")
            // A staff member's day, then the branch's day pulled by a colleague.
            let staff = try await laptop("staff\(Int(shape.bitsPerSecond / 1e6))", server: server, directory: directory, through: nil)
            let colleague = try await laptop("colleague\(Int(shape.bitsPerSecond / 1e6))", server: server, directory: directory, through: nil)
            try recordDay(in: staff.store, companies: companies)
            let pushed = try await sync(staff, server: server, proxy: proxy)
            print(row("a staff member's day pushed (30 visits, 5 sheets, 2 diagnoses)", String(format: "%.1f", pushed.seconds), "s")
                  + "  \(pushed.bytes / 1024) KiB, \(pushed.requests) requests")
            var others = office
            for member in 0..<19 {
                for number in 0..<37 {
                    batch.append(try others.commit(Self.visit(company: companies[(member * 37 + number) % companies.count], staff: "staff\(member)", number: number),
                                                   author: "seed", now: ChangeAdmission.now()))
                }
            }
            let seeding = server.client()
            let answer = try await server.send(seeding, .POST, Endpoint.changes, body: PushRequest(changeSets: batch).encoded(), token: seed.token)
            try await seeding.shutdown()
            guard try PushResponse.read(answer).results.allSatisfy({ $0.status == .accepted }) else { throw BenchFailure("the branch's day was refused") }
            batch = []
            office = others
            let pulled = try await sync(colleague, server: server, proxy: proxy)
            print(row("the branch's day pulled (20 staff)", String(format: "%.1f", pulled.seconds), "s")
                  + "  \(pulled.bytes / 1024) KiB, \(pulled.requests) requests")
            print(row("  together (target on 1 Mbit/s: under 10 s)", String(format: "%.1f", pushed.seconds + pulled.seconds), "s"))

            // A new laptop's first sync, whole and cut twice; plain only on the faster link.
            let fresh = try await laptop("new\(Int(shape.bitsPerSecond / 1e6))", server: server, directory: directory, through: proxy)
            let first = try await sync(fresh, server: server, proxy: proxy)
            print(row("a new laptop's first sync (target on 1 Mbit/s: under 180 s)", String(format: "%.1f", first.seconds), "s")
                  + "  \(String(format: "%.1f", Double(first.bytes) / 1_048_576)) MiB, \(first.requests) requests")
            let cut = try await laptop("cut\(Int(shape.bitsPerSecond / 1e6))", server: server, directory: directory, through: proxy)
            proxy.cut(afterDownstreamBytes: [first.bytes / 3, first.bytes * 2 / 3])
            let dropped = try await sync(cut, server: server, proxy: proxy)
            print(row("  the link dropped twice (target on 1 Mbit/s: under 210 s)", String(format: "%.1f", dropped.seconds), "s")
                  + "  \(String(format: "%.1f", Double(dropped.bytes) / 1_048_576)) MiB, \(dropped.requests) requests")
            if shape.bitsPerSecond >= 10e6 {
                var plainLaptop = try await laptop("plain\(Int(shape.bitsPerSecond / 1e6))", server: server, directory: directory, through: proxy)
                plainLaptop.compresses = false
                let uncompressed = try await sync(plainLaptop, server: server, proxy: proxy)
                print(row("  the same, not compressed", String(format: "%.1f", uncompressed.seconds), "s")
                      + "  \(String(format: "%.1f", Double(uncompressed.bytes) / 1_048_576)) MiB, \(uncompressed.requests) requests")
            }
        }
    }

    /// A visit with notes that differ as real notes do.
    static func visit(company: EntityKey, staff: String, number: Int) -> [Edit] {
        let key = EntityKey(.visit, .random())
        let notes = "社長と面談（\(number)回目）。" + ["設備更新の資金繰りについて相談あり。", "売上は前年並み、原材料高の価格転嫁が課題。", "後継者の長男が同席。",
                                                "受注が増え人手が足りない。", "次回、決算書を受領予定。"][number % 5] + "借入残高は\(number % 90 + 10)百万円。"
        return [.set(key, field: "company", value: .text(company.id.rawValue)), .set(key, field: "date", value: "2026-11-20"),
                .set(key, field: "mode", value: "onSite"), .set(key, field: "purpose", value: "companyVisit"),
                .add(key, field: "staff", element: .text(staff)), .set(key, field: "notes", value: .text(notes))]
    }

    /// A staff member's day on the laptop: 30 visits, 5 hearing sheets, 2 diagnoses.
    func recordDay(in store: LocalStore, companies: [EntityKey]) throws {
        for number in 0..<30 { try store.commit(Self.visit(company: companies[number], staff: store.user, number: number)) }
        for number in 0..<7 {
            let kind: FormRecordType = number < 5 ? .hearingSheet : .successionDiagnosis
            let key = EntityKey(kind.recordType, .random())
            var edits: [Edit] = [.set(key, field: "company", value: .text(companies[number].id.rawValue)), .set(key, field: "date", value: "2026-11-20"),
                                 .set(key, field: "formID", value: .text(kind.formID)), .set(key, field: "formVersion", value: 1),
                                 .add(key, field: "staff", element: .text(store.user))]
            let answers: [String: FieldValue] = kind == .hearingSheet
                ? ["fiscalPeriodEnd": "2026-03-31", "sales": 120_000_000, "hasPreviousPeriod": true, "previousSales": 100_000_000,
                   "operatingProfit": 6_000_000, "depreciation": 2_000_000, "employees": 15, "borrowings": 50_000_000, "cashAndDeposits": 10_000_000,
                   "receivables": 20_000_000, "inventory": 8_000_000, "payables": 6_000_000, "netAssets": 30_000_000, "totalAssets": 90_000_000,
                   "managementVision": "地域のものづくりを次の世代へ", "mainProducts": "自動車部品の精密切削加工"]
                : ["ownerBirthYear": 1955, "diagnosisDate": "2026-11-20", "hasSuccessorCandidate": false, "consideredThirdPartyTransfer": true,
                   "hasAdvisor": true, "consideredClosure": false, "consentToShareWithCentre": true]
            for (question, value) in answers { edits.append(.set(key, field: "answer." + question, value: value)) }
            try store.commit(edits)
        }
    }

    /// A laptop of the branch, logged in; synced on loopback first unless it is to make
    /// its first sync through `proxy`.
    func laptop(_ name: String, server: BenchServer, directory: URL, through proxy: LinkShapingProxy?) async throws -> Laptop {
        let store = try LocalStore.create(home: StoreHome(option: directory.appendingPathComponent(name).path), user: name)
        _ = try await server.enrol(name)
        let token = try await server.enrolDevice(user: name, replica: store.replicaID)
        var laptop = Laptop(store: store, token: token, caFile: server.caFile.path)
        if proxy == nil {
            _ = try await ServerConnection.using(try ServerAddress(server.url), caFile: laptop.caFile, token: token) { connection in
                try await SyncAgent(store: store, connection: connection).run()
            }
        }
        laptop.compresses = true
        return laptop
    }

    struct Laptop {
        var store: LocalStore
        var token: String
        var caFile: String
        var compresses = true
    }

    /// One `fieldvisit sync` of `laptop` through `proxy`: seconds, bytes both ways, requests.
    func sync(_ laptop: Laptop, server: BenchServer, proxy: LinkShapingProxy) async throws -> (seconds: Double, bytes: Int, requests: Int) {
        let before = proxy.counts
        let address = try ServerAddress(proxy.url)
        // Retried quickly: the drops are the link's, not the server's.
        let retry = RetryPolicy(attempts: 5, initialDelay: .milliseconds(200))
        let (seconds, requests) = try await ServerConnection.using(address, caFile: laptop.caFile, token: laptop.token, retryPolicy: retry) { connection in
            var connection = connection
            connection.compresses = laptop.compresses
            let timing = try await measureAsync { try await SyncAgent(store: laptop.store, connection: connection).run() }
            return (timing.seconds, connection.requestsSent)
        }
        let after = proxy.counts
        return (seconds, after.up - before.up + after.down - before.down, requests)
    }
}
