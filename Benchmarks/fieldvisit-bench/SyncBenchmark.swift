import AsyncHTTPClient
import FieldVisitClient
import FieldVisitCore
import FieldVisitProtocol
import FieldVisitServer
import Foundation
import NIOCore
import NIOHTTP1

/// `fieldvisit-bench sync`: the sync server over HTTPS on loopback.
///
/// One laptop pushes 100,000 change sets (10,000 companies, 90,000 visits) in pages of
/// 1,000; a second laptop of the same branch pulls them in pages of 2,000. Then: a sync
/// with nothing to do, and pulling 100 change sets from a log of 10,000 and of
/// 1,000,000 (the rest belonging to other branches), which must cost the same.
struct SyncBenchmark {
    var changeSetCount = 100_000
    var database = BenchDatabase.sqlite

    func run() async throws {
        print("== sync: the server over HTTPS on loopback (\(database.name)) ==")
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("fieldvisit-bench-sync-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }

        let server = try await BenchServer.start(directory: directory.appendingPathComponent("server"), database: database)
        defer { server.stop() }
        let pusher = try await server.enrol("sato")
        let puller = try await server.enrol("suzuki")
        let client = server.client()
        let changes = makeChangeSets(author: "sato", replica: pusher.replica)
        // A laptop of the branch that synced before the records existed (an empty
        // snapshot): later it pulls every change set through the client library.
        let laptop = try LocalStore.create(home: StoreHome(option: directory.appendingPathComponent("laptop").path), user: "suzuki")
        let token = try await server.enrolDevice(user: "suzuki", replica: laptop.replicaID)
        let address = try ServerAddress(server.url)
        try laptop.saveLogin(SyncSettings(server: server.url, user: "suzuki", device: "bench", deviceName: "bench", role: .field,
                                          branches: ["morioka"], loggedInAt: 0), token: token, serverCA: try Data(contentsOf: server.caFile))
        _ = try await ServerConnection.using(address, caFile: server.caFile.path, token: token) { connection in
            try await SyncAgent(store: laptop, connection: connection).run().pulled
        }
        if ProcessInfo.processInfo.environment["FIELDVISIT_BENCH_STORAGE_ONLY"] != nil, case .sqlite = database {
            let storage = try SQLiteStorage(directory: directory.appendingPathComponent("storage-only"))
            try await storage.addBranch(Branch(code: "morioka", name: "盛岡支店"))
            let user = User(name: "sato", role: .field, branches: ["morioka"])
            try await storage.addUser(user, passwordHash: "-")
            let device = Device(id: "d", user: "sato", replica: pusher.replica, name: "d", enrolledAt: Date())
            try await storage.enrol(device, tokenHash: DeviceToken.random().hash)
            let admission = ChangeAdmission(schema: .fieldVisit, caller: Caller(user: user, device: device, address: nil))
            let bodies = try (0..<(changes.count / 1000)).map { page in try CanonicalJSON.encode(PushRequest(changeSets: Array(changes[page * 1000..<(page + 1) * 1000]))) }
            // What the server hands its storage: the change sets read and their bytes as received.
            let pages = try bodies.map { try PushRequest.readKeepingCanonicalBodies($0) }
            let storageStart = processorSeconds()
            let timing = try await measureAsync {
                for page in pages {
                    _ = try await storage.push(page.request.changeSets, canonicalBodies: page.canonicalBodies, admission: admission, now: Date())
                }
            }
            let stored = pages.count * 1000
            print(row("storage alone: push \(stored) change sets", rate(stored, timing.seconds), "change sets/s"))
            print(row("  processor time per change set", String(format: "%.1f", (processorSeconds() - storageStart) / Double(stored) * 1e6), "µs"))
            // The best of five runs: the least disturbed by other work on the machine.
            let reading = try repeated(5) { try bodies.map { try PushRequest.readKeepingCanonicalBodies($0).request.changeSets.count }.reduce(0, +) }
            print(row("reading push bodies (best of 5)", rate(stored, reading.best), "change sets/s"))
            let checking = repeated(5) { changes.filter { admission.checkContent($0) != nil }.count }
            print(row("checking content (best of 5)", rate(changes.count, checking.best), "change sets/s"))
            return
        }
        var pushedBytes = 0
        let pushStart = processorSeconds()
        let push = try await measureAsync {
            for start in stride(from: 0, to: changes.count, by: 1000) {
                let body = PushRequest(changeSets: Array(changes[start..<min(start + 1000, changes.count)])).encoded()
                pushedBytes += body.count
                let response = try await server.send(client, .POST, Endpoint.changes, body: body, token: pusher.token)
                let results = try PushResponse.read(response).results
                guard results.allSatisfy({ $0.status == .accepted }) else { throw BenchFailure("a change set was refused: \(results.first { $0.status != .accepted }!)") }
            }
        }
        print(row("push \(changes.count) change sets, pages of 1,000", rate(changes.count, push.seconds), "change sets/s"))
        print(row("  bytes on the wire per change set pushed (JSON body)", String(pushedBytes / changes.count), "B"))
        print(row("  processor time per change set pushed (client and server)", String(format: "%.1f", (processorSeconds() - pushStart) / Double(changes.count) * 1e6), "µs"))

        try await database.settle(server.storage)
        var pulledBytes = 0
        let pull = try await measureAsync {
            var cursor: Int64 = 0
            var count = 0
            while true {
                let body = try await server.send(client, .GET, "\(Endpoint.changes)?after=\(cursor)&limit=2000", token: puller.token)
                pulledBytes += body.count
                let page = try PullPageReader.read(body)
                count += page.changeSets.count
                cursor = page.cursor
                if !page.more { break }
            }
            return count
        }
        guard pull.result == changes.count else { throw BenchFailure("pulled \(pull.result) of \(changes.count) change sets") }
        print(row("pull \(pull.result) change sets, pages of 2,000", rate(pull.result, pull.seconds), "change sets/s"))
        print(row("  bytes on the wire per change set pulled (JSON body)", String(pulledBytes / pull.result), "B"))

        let cursor = Int64(changes.count)
        let noop = try await medianAsync(runs: 21) {
            let body = try await server.send(client, .GET, "\(Endpoint.changes)?after=\(cursor)&limit=500", token: puller.token)
            return try PullPageReader.read(body).changeSets.count
        }
        print(row("  one pull request with nothing new", milliseconds(noop), "ms"))
        try await client.shutdown()

        let (full, idle) = try await ServerConnection.using(address, caFile: server.caFile.path, token: token) { connection in
            var agent = SyncAgent(store: laptop, connection: connection)
            agent.pullPageSize = 2000
            let full = try await measureAsync { try await agent.run() }
            let idle = try await medianAsync(runs: 11) { try await agent.run().pulled }
            return (Timing(seconds: full.seconds, result: full.result.pulled + (full.result.snapshotRecords ?? 0)), idle)
        }
        guard full.result == changes.count else { throw BenchFailure("the laptop received \(full.result) of \(changes.count)") }
        print(row("a laptop's sync pulls them into its store (client library)", rate(full.result, full.seconds), "change sets/s"))
        print(row("sync with nothing to do (client library: push check and pull)", milliseconds(idle), "ms"))

        // A new laptop of the branch starts from a snapshot of every record.
        let newcomer = try LocalStore.create(home: StoreHome(option: directory.appendingPathComponent("newcomer").path), user: "suzuki")
        let newToken = try await server.enrolDevice(user: "suzuki", replica: newcomer.replicaID)
        try newcomer.saveLogin(SyncSettings(server: server.url, user: "suzuki", device: "bench-2", deviceName: "bench-2", role: .field,
                                            branches: ["morioka"], loggedInAt: 0), token: newToken, serverCA: try Data(contentsOf: server.caFile))
        let snapshot = try await ServerConnection.using(address, caFile: server.caFile.path, token: newToken) { connection in
            try await measureAsync { try await SyncAgent(store: newcomer, connection: connection).run().snapshotRecords ?? 0 }
        }
        print(row("a new laptop starts from a snapshot (\(snapshot.result) records)", String(format: "%.1f", snapshot.seconds), "s"))
        server.stop()

        for logSize in [10_000, 1_000_000] {
            let seconds = try await pullFromLog(of: logSize, directory: directory.appendingPathComponent("log-\(logSize)"))
            print(row("pull 100 change sets from a log of \(logSize.formatted(.number.grouping(.automatic)))", milliseconds(seconds), "ms"))
        }
    }

    /// A log of `size` change sets, the last 100 in the puller's branch and the rest in
    /// other branches; the median time to pull those 100.
    func pullFromLog(of size: Int, directory: URL) async throws -> Double {
        let server = try await BenchServer.start(directory: directory, database: database)
        defer { server.stop() }
        let puller = try await server.enrol("suzuki")
        try await database.fill(server.storage, count: size - 100)
        let pusher = try await server.enrol("sato")
        let changes = makeChangeSets(author: "sato", replica: pusher.replica, count: 100)
        let client = server.client()
        let pushed = try await server.send(client, .POST, Endpoint.changes, body: try CanonicalJSON.encode(PushRequest(changeSets: changes)), token: pusher.token)
        guard try JSONDecoder().decode(PushResponse.self, from: pushed).results.allSatisfy({ $0.status == .accepted }) else { throw BenchFailure("refused") }
        let cursor = Int64(size - 101)
        let seconds = try await medianAsync(runs: 21) {
            let body = try await server.send(client, .GET, "\(Endpoint.changes)?after=\(cursor)&limit=100", token: puller.token)
            let page = try PullPageReader.read(body)
            guard page.changeSets.count == 100 else { throw BenchFailure("pulled \(page.changeSets.count) of 100") }
            return page.changeSets.count
        }
        try await client.shutdown()
        return seconds
    }

    /// Companies, then visits to them, by one laptop: what a branch records.
    func makeChangeSets(author: String, replica id: ReplicaID, count: Int? = nil) -> [ChangeSet] {
        let total = count ?? changeSetCount
        var replica = Replica(id: id, schema: .fieldVisit)
        var companies: [EntityKey] = []
        var changes: [ChangeSet] = []
        changes.reserveCapacity(total)
        let companyCount = max(1, total / 10)
        for index in 0..<total {
            let edits: [Edit]
            if index < companyCount {
                let key = EntityKey(.company, .random())
                companies.append(key)
                edits = BranchRecords.company(key, number: index)
            } else {
                edits = BranchRecords.visit(EntityKey(.visit, .random()), company: companies[index % companyCount], staff: author)
            }
            changes.append(try! replica.commit(edits, author: author, now: 1_763_600_000_000 + Int64(index)))
        }
        return changes
    }

    func milliseconds(_ seconds: Double) -> String { String(format: "%.2f", seconds * 1000) }
}
