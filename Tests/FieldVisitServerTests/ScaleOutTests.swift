import FieldVisitClient
import FieldVisitCore
import FieldVisitProtocol
import Foundation
import PostgresNIO
import Synchronization
import Testing
@testable import FieldVisitServer

/// Several `fieldvisit-server` processes on one PostgreSQL database, behind a real
/// haproxy: what a bank group runs when one machine is not enough.
@Suite(.serialized, .enabled(if: !PostgresCluster.isSkipped, "FIELDVISIT_SKIP_POSTGRES=1 skips the tests that need PostgreSQL"))
struct ScaleOutTests {
    /// Servers sharing one database and one certificate, and a storage of the test's
    /// own on the same database to look at what they stored.
    struct Servers {
        let url: String
        let servers: [ServerProcess]
        let storage: PostgresStorage
        var options: [String] { ["--database", url] }
        var caFile: URL { servers[0].caFile }

        static func start(_ count: Int) async throws -> Servers {
            let url = try await PostgresCluster.shared.newDatabase()
            var servers = [try ServerProcess(arguments: ["--database", url])]
            // One certificate and key for all: copied into each data directory.
            for _ in 1..<count {
                let data = FileManager.default.temporaryDirectory.appendingPathComponent("fieldvisit-server-\(UUID().uuidString)")
                try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
                try FileManager.default.copyItem(at: servers[0].data.appendingPathComponent("tls"), to: data.appendingPathComponent("tls"))
                servers.append(try ServerProcess(data: data, arguments: ["--database", url]))
            }
            return Servers(url: url, servers: servers, storage: try await PostgresStorage.connect(url: url, connections: 2))
        }

        /// Every dot of the log, in sequence order.
        func logDots() async throws -> [String] {
            try await storage.withConnection { connection in
                var dots: [String] = []
                for try await (replica, counter) in try await connection.query("SELECT replica, counter FROM change_set ORDER BY seq", logger: storage.logger)
                    .decode((String, Int64).self) { dots.append("\(replica):\(counter)") }
                return dots
            }
        }

        /// Waits until the log holds at least `count` change sets; how many it holds.
        func waitForLog(atLeast count: Int, seconds: Double = 60) async throws -> Int {
            let deadline = Date().addingTimeInterval(seconds)
            while Date() < deadline {
                let held = try await storage.logCount()
                if held >= count { return held }
                try await Task.sleep(for: .milliseconds(5))
            }
            throw ServerFailure(message: "the log did not reach \(count) change sets within \(Int(seconds)) s")
        }

        /// Cuts the database connections of server `index`, as a failing network would.
        func cutDatabaseConnections(of index: Int) async throws -> Int {
            try await storage.withConnection { connection in
                let name = PostgresStorage.applicationName(processID: servers[index].processID)
                var cut = 0
                for try await done in try await connection.query("""
                    SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = \(name)
                    """, logger: storage.logger).decode(Bool.self) where done { cut += 1 }
                return cut
            }
        }
    }

    /// Companies each laptop imports: several pushes of 500 each, so that the syncs are
    /// under way when a server dies, however loaded the machine.
    static let perLaptop = 1_500

    @Test func laptopsFinishThroughTheRemainingServersWhenOneIsKilledAndAnotherLosesItsDatabase() async throws {
        let shared = try await Servers.start(3)
        try shared.servers[0].provision(branches: [("morioka", "盛岡支店")],
                                        users: (1...4).map { (name: "職員\($0)", role: "field", branches: ["morioka"]) }, options: shared.options)
        let balancer = try LoadBalancer(servers: shared.servers.map(\.port))
        let laptops = try (1...4).map { try LaptopProcess.enrolled("職員\($0)", at: balancer.url, caFile: shared.caFile) }
        for laptop in laptops {
            let file = laptop.home.url.appendingPathComponent("companies.csv")
            try Data((["name,branch"] + (0..<Self.perLaptop).map { "株式会社\(laptop.user)の取引先\($0),morioka" }).joined(separator: "\n").utf8).write(to: file)
            try laptop.succeed(["import", "companies", file.path])
        }

        // Every laptop syncs at once; meanwhile one server dies and another loses its
        // database connections.
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("fieldvisit-scale-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let syncs = try laptops.enumerated().map { try $1.startSync(scratch: scratch.appendingPathComponent("\($0)")) }
        // The first pushes are in (a push is a page of 500): server 1 dies with the
        // syncs under way.
        let first = try await shared.waitForLog(atLeast: 1)
        shared.servers[0].kill()
        #expect(first < 4 * Self.perLaptop, "the servers were cut off mid-sync")
        // More came in through the others (or the pushes are over and the laptops
        // pulling): server 2 loses its database connections.
        _ = try? await shared.waitForLog(atLeast: first + 1, seconds: 10)
        _ = try await shared.cutDatabaseConnections(of: 1)
        for sync in syncs { sync.waitUntilExit() }

        // A sync cut off is run again, as a staff member would, until it finishes.
        for laptop in laptops {
            var attempts = 0
            while try laptop.run(["sync"]).status != 0 {
                attempts += 1
                #expect(attempts < 10, "\(laptop.user)'s sync kept failing")
                if attempts >= 10 { break }
                try await Task.sleep(for: .milliseconds(300))
            }
        }
        // Then once more each, so that everyone has what the last ones pushed.
        for laptop in laptops { try laptop.succeed(["sync"]) }

        let log = try await shared.logDots()
        #expect(log.count == 4 * Self.perLaptop, "the log holds every change set once")
        #expect(Set(log).count == log.count)
        // Each laptop holds every record as the servers do: its own change sets, the
        // others' (pulled, or in the snapshot a first sync starts from), nothing twice.
        let server = try await shared.storage.snapshot(scope: .all)
        let records = Dictionary(uniqueKeysWithValues: server.records.map { (EntityKey($0.type, $0.id), $0.state) })
        #expect(records.count == 4 * Self.perLaptop)
        for laptop in laptops {
            let held = try laptop.records()
            #expect(held.count == records.count, "\(laptop.user) holds \(held.count) of \(records.count) records")
            #expect(held == records, "\(laptop.user)'s records differ from the servers'")
            #expect(try laptop.store().pendingCount() == 0)
        }
    }

    @Test func pullsNeverSkipAChangeSetWhilePushesCommitOnSeveralServers() async throws {
        let shared = try await Servers.start(3)
        try shared.servers[0].provision(branches: [("morioka", "盛岡支店")],
                                        users: (1...5).map { (name: "職員\($0)", role: "field", branches: ["morioka"]) }, options: shared.options)
        // Three pushers, each through its own server, and two pullers going round the servers.
        var pushers: [(api: APIClient, token: String, replica: Replica, user: String)] = []
        for index in 0..<3 {
            let api = try APIClient(server: shared.servers[index])
            let replica = Replica(id: .random(), schema: .fieldVisit)
            let user = "職員\(index + 1)"
            let token = try #require(try await api.enrol(user, replica: replica.id).token)
            pushers.append((api, token, replica, user))
        }
        var pullers: [(apis: [APIClient], token: String)] = []
        for index in 3..<5 {
            let token = try #require(try await APIClient(server: shared.servers[0]).enrol("職員\(index + 1)", replica: .random()).token)
            pullers.append((try shared.servers.map { try APIClient(server: $0) }, token))
        }
        let pages = 30, perPage = 20
        let pushesOver = PushesOver()
        let pushing = Task {
            defer { pushesOver.flag.withLock { $0 = true } }
            try await withThrowingTaskGroup(of: Void.self) { group in
                for pusher in pushers {
                    group.addTask {
                        var pusher = pusher
                        for page in 0..<pages {
                            let changes = try (0..<perPage).map { index in
                                let key = EntityKey(.company, .random())
                                return try pusher.replica.commit([.set(key, field: "name", value: .text("\(pusher.user)の取引先\(page)-\(index)")),
                                                                  .set(key, field: "branch", value: "morioka")],
                                                                 author: pusher.user, now: Int64(Date().timeIntervalSince1970 * 1000))
                            }
                            let pushed = try await pusher.api.push(changes, token: pusher.token)
                            guard pushed.status == 200, pushed.results.allSatisfy({ $0.status == .accepted }) else {
                                throw ServerFailure(message: "push refused: \(pushed.status) \(String(describing: pushed.problem))")
                            }
                        }
                    }
                }
                try await group.waitForAll()
            }
        }
        let pulled = try await withThrowingTaskGroup(of: [String].self) { group in
            for puller in pullers {
                group.addTask {
                    var dots: [String] = []
                    var cursor: Int64 = 0
                    var round = 0
                    // Small pages, each from the next server, until the pushes are over
                    // and nothing more comes.
                    while true {
                        let finished = pushesOver.flag.withLock { $0 }
                        let page = try await puller.apis[round % puller.apis.count].pull(after: cursor, limit: 7, token: puller.token)
                        round += 1
                        dots += page.changeSets.map { "\($0.dot.replica):\($0.dot.counter)" }
                        cursor = page.cursor
                        if finished && page.changeSets.isEmpty && !page.more { break }
                    }
                    return dots
                }
            }
            var all: [[String]] = []
            for try await dots in group { all.append(dots) }
            return all
        }
        try await pushing.value
        let log = try await shared.logDots()
        #expect(log.count == 3 * pages * perPage)
        for dots in pulled {
            #expect(dots == log, "a puller received the log exactly, in order, once each")
        }
    }

    /// Set when every push is over.
    final class PushesOver: Sendable {
        let flag = Mutex(false)
    }

    @Test func loginThrottlingRevocationAndDisablingHoldOnEveryServerAtOnce() async throws {
        let shared = try await Servers.start(3)
        try shared.servers[0].provision(branches: [("morioka", "盛岡支店")],
                                        users: [(name: "佐藤", role: "field", branches: ["morioka"]), (name: "鈴木", role: "field", branches: ["morioka"])],
                                        options: shared.options)
        let apis = try shared.servers.map { try APIClient(server: $0) }

        // A revoked device and a disabled user are refused by every server at once.
        let enrolled = try await apis[2].enrol("鈴木", replica: .random())
        let token = try #require(enrolled.token)
        for api in apis { #expect(try await api.send(.GET, "\(Endpoint.changes)?after=0", token: token).status == 200) }
        let devices = try await shared.storage.devices().filter { $0.user == "鈴木" }
        #expect(try shared.servers[1].admin(["device", "revoke", devices[0].id] + shared.options).status == 0)
        for api in apis { #expect(try await api.send(.GET, "\(Endpoint.changes)?after=0", token: token).status == 403) }

        let again = try #require(try await apis[0].enrol("鈴木", replica: .random()).token)
        #expect(try await apis[1].send(.GET, "\(Endpoint.changes)?after=0", token: again).status == 200)
        // The database named by the environment, as a service's unit file would.
        let disable = try BuiltProgram.server.run(["user", "disable", "鈴木", "--data-dir", shared.servers[2].data.path],
                                                  environment: ["FIELDVISIT_DATABASE_URL": shared.url])
        #expect(disable.status == 0, "user disable with $FIELDVISIT_DATABASE_URL: \(disable.error)")
        for api in apis { #expect(try await api.send(.GET, "\(Endpoint.changes)?after=0", token: again).status == 403) }

        // Guessing spread over the servers is slowed down as on one.
        for index in 0..<3 { #expect(try await apis[index].enrol("佐藤", replica: .random(), password: "wrong-\(index)").status == 401) }
        #expect(try await apis[0].enrol("佐藤", replica: .random()).status == 429, "three failures spread over three servers make the next attempt wait")
    }
}
