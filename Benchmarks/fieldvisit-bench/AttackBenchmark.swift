import AsyncHTTPClient
import FieldVisitCore
import FieldVisitProtocol
import FieldVisitServer
import Foundation
import NIOCore
import NIOHTTP1

/// `fieldvisit-bench attack`: honest laptops sync while the server is attacked, and the
/// same laptops without the attack in the same invocation as the baseline.
///
/// Each laptop has its device token before anything starts (logins are throttled by
/// address, and everything here comes from 127.0.0.1) and, for `seconds`, syncs over
/// and over: it pushes a page of new visits and pulls until it is up to date, which
/// brings it the other laptops' visits too. The attack, on 127.0.0.1 only, stops by
/// itself: `connections` silent connections held open (reopened as the server closes
/// them after its idle timeout) and `loginTasks` tasks sending wrong passwords for
/// existing and unknown users as fast as the server answers. Every run has a server of
/// its own. The attacker runs in this process, on the same two cores as the server and
/// the laptops: what it costs the server and what it costs to send are both counted
/// against the laptops.
struct AttackBenchmark {
    var seconds = 20
    var laptops = 8
    var connections = 1000
    var loginTasks = 8
    var idleTimeout = 5
    /// New visits a laptop pushes in each sync.
    var visitsPerSync = 20

    func run() async throws {
        print("== attack: honest laptops sync while the server is attacked (HTTPS on loopback) ==")
        let wanted = UInt64(2 * connections + 1024)
        let limit = raiseOpenFileLimit(to: max(4096, wanted))
        print("open files: soft limit \(limit.soft), hard limit \(limit.hard)")
        guard limit.soft >= wanted else {
            throw BenchFailure("\(connections) connections need about \(wanted) open files, both ends being in this process; the limit is \(limit.soft)")
        }
        print("\(laptops) laptops, \(seconds) s a run, each sync pushes \(visitsPerSync) visits and pulls until up to date; server idle timeout \(idleTimeout) s")
        print("attack: \(connections) silent connections held (half stalled in a TLS ClientHello), \(loginTasks) tasks sending wrong passwords (0: left out)")

        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("fieldvisit-bench-attack-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let baseline = try await measureRun(underAttack: false, directory: directory.appendingPathComponent("baseline"))
        let attacked = try await measureRun(underAttack: true, directory: directory.appendingPathComponent("attacked"))

        print("")
        let headings = ["syncs", "syncs/s", "p50 ms", "p99 ms", "max ms", "failed", "pushed"]
        print(String(repeating: " ", count: 16) + headings.map { $0.leftPadded(10) }.joined())
        for (label, measured) in [("baseline", baseline), ("under attack", attacked)] {
            let sorted = measured.latencies.sorted()
            let columns = [String(sorted.count), String(format: "%.1f", Double(sorted.count) / measured.seconds),
                           milliseconds(percentile(sorted, 0.50)), milliseconds(percentile(sorted, 0.99)), milliseconds(sorted.last),
                           String(measured.failures.count), String(measured.changeSetsPushed)]
            print(label.padding(toLength: 16, withPad: " ", startingAt: 0) + columns.map { $0.leftPadded(10) }.joined())
        }
        print("(pushed: change sets, \(visitsPerSync) a sync; a sync pulls until up to date)")
        if let held = attacked.connections, connections > 0 {
            print("")
            print(row("attacker: silent connections held while the laptops synced (fewest–most)", "\(held.fewestHeld)–\(held.mostHeld)", "of \(connections)"))
            print(row("  opened in all / closed by the server / failed to connect", "\(held.opened) / \(held.closedByServer) / \(held.failed)", ""))
        }
        if loginTasks > 0 {
            let attempts = attacked.logins.values.reduce(0, +)
            print(row("attacker: wrong-password logins (\(attempts) in \(String(format: "%.1f", attacked.loginSeconds)) s)", rate(attempts, attacked.loginSeconds), "/s"))
            for (status, count) in attacked.logins.sorted(by: { $0.key < $1.key }) {
                print(row("  \(status)", String(count), ""))
            }
        }

        let failures = baseline.failures + attacked.failures
        if !failures.isEmpty {
            for failure in Set(failures).sorted().prefix(10) { print("honest sync failed: \(failure)") }
            throw BenchFailure("\(failures.count) honest syncs failed (\(baseline.failures.count) in the baseline, \(attacked.failures.count) under attack)")
        }
    }

    /// What one run measured.
    struct Run {
        /// Seconds each completed sync took.
        var latencies: [Double] = []
        /// Why syncs failed.
        var failures: [String] = []
        var changeSetsPushed = 0
        /// How long the laptops synced.
        var seconds = 0.0
        /// The silent connections, under attack.
        var connections: IdleConnections.Figures?
        /// Login attempts by answer, under attack.
        var logins: [String: Int] = [:]
        var loginSeconds = 0.0
    }

    /// A server of its own, the laptops enrolled, the attack started if asked and, once
    /// its connections are held, the laptops syncing for `seconds`.
    func measureRun(underAttack: Bool, directory: URL) async throws -> Run {
        let server = try await BenchServer.start(directory: directory, idleTimeout: .seconds(idleTimeout))
        defer { server.stop() }
        // The account the attacker guesses at has a real password, so a wrong guess costs a bcrypt check.
        _ = try await server.enrol("sato", password: "the right password")
        var honest: [Laptop] = []
        for number in 1...laptops {
            let name = "field\(number)"
            let device = try await server.enrol(name)
            honest.append(Laptop(user: name, token: device.token, replica: device.replica))
        }
        guard let port = URLComponents(string: server.url)?.port.flatMap(UInt16.init) else { throw BenchFailure("no port in \(server.url)") }
        // The attack stops by itself at the latest here, whatever happens to the run.
        let attackDeadline = ContinuousClock.now + .seconds(seconds + 60)

        var idle: IdleConnections?
        var idleTask: Task<Void, Never>?
        var loginTask: Task<(counts: [String: Int], seconds: Double), Never>?
        if underAttack {
            let held = IdleConnections(port: port, target: connections, deadline: attackDeadline)
            idle = held
            idleTask = Task { await held.run() }
            let tasks = loginTasks
            loginTask = Task { await Self.guessPasswords(server: server, tasks: tasks, users: ["sato", "field1", "nobody", "admin"], until: attackDeadline) }
            // The laptops start once the connections are held (or after 15 s at most).
            let ready = ContinuousClock.now + .seconds(15)
            while held.figures.held < connections * 95 / 100, ContinuousClock.now < ready {
                try await Task.sleep(for: .milliseconds(50))
            }
            held.startCounting()
        }

        var run = Run()
        let syncing = try await measureAsync {
            await withTaskGroup(of: LaptopResult.self) { group in
                for laptop in honest {
                    group.addTask { await syncRepeatedly(laptop, server: server) }
                }
                var results: [LaptopResult] = []
                for await result in group { results.append(result) }
                return results
            }
        }
        run.seconds = syncing.seconds
        for result in syncing.result {
            run.latencies += result.latencies
            run.failures += result.failures
            run.changeSetsPushed += result.changeSetsPushed
        }
        run.connections = idle?.figures
        idle?.stop()
        loginTask?.cancel()
        await idleTask?.value
        if let logins = await loginTask?.value {
            run.logins = logins.counts
            run.loginSeconds = logins.seconds
        }
        return run
    }

    struct Laptop: Sendable {
        var user: String
        var token: String
        var replica: ReplicaID
    }

    struct LaptopResult: Sendable {
        var latencies: [Double] = []
        var failures: [String] = []
        var changeSetsPushed = 0
    }

    /// One laptop syncing over and over for `seconds`, over a connection of its own. A
    /// page that failed is pushed again in the next sync, as a laptop would.
    func syncRepeatedly(_ laptop: Laptop, server: BenchServer) async -> LaptopResult {
        let client = server.client()
        var result = LaptopResult()
        var writer = VisitWriter(replica: Replica(id: laptop.replica, schema: .fieldVisit), author: laptop.user)
        var cursor: Int64 = 0
        var pending: [ChangeSet] = []
        let deadline = ContinuousClock.now + .seconds(seconds)
        while ContinuousClock.now < deadline {
            do {
                if pending.isEmpty { pending = try writer.next(visitsPerSync) }
                let page = pending
                let sync = try await measureAsync {
                    let response = try await server.send(client, .POST, Endpoint.changes, body: PushRequest(changeSets: page).encoded(), token: laptop.token)
                    let results = try PushResponse.read(response).results
                    if let refused = results.first(where: { $0.status == .refused }) { throw BenchFailure("a change set was refused: \(refused)") }
                    while true {
                        let body = try await server.send(client, .GET, "\(Endpoint.changes)?after=\(cursor)&limit=500", token: laptop.token)
                        let pulled = try PullPageReader.read(body)
                        cursor = pulled.cursor
                        if !pulled.more { break }
                    }
                }
                result.changeSetsPushed += page.count
                pending = []
                result.latencies.append(sync.seconds)
            } catch {
                result.failures.append("\(laptop.user): \(error)")
            }
        }
        try? await client.shutdown()
        return result
    }

    /// `tasks` tasks sending wrong passwords for `users` (existing and not) until
    /// cancelled or `deadline`, each as soon as the previous answer came; the answers by
    /// status (or the error, if none came).
    static func guessPasswords(server: BenchServer, tasks: Int, users: [String], until deadline: ContinuousClock.Instant) async -> (counts: [String: Int], seconds: Double) {
        let client = server.client()
        let timing = await measureAsync {
            await withTaskGroup(of: [String: Int].self) { group in
                for task in 0..<tasks {
                    group.addTask {
                        var counts: [String: Int] = [:]
                        var attempt = 0
                        while !Task.isCancelled, ContinuousClock.now < deadline {
                            attempt += 1
                            let guess = EnrolmentRequest(user: users[(task + attempt) % users.count], password: "guess-\(task)-\(attempt)",
                                                         replica: .random(), deviceName: "intruder")
                            var request = HTTPClientRequest(url: server.url + Endpoint.devices)
                            request.method = .POST
                            request.headers.add(name: "Content-Type", value: "application/json")
                            request.body = .bytes(ByteBuffer(data: (try? JSONEncoder().encode(guess)) ?? Data()))
                            do {
                                let response = try await client.execute(request, timeout: .seconds(30))
                                _ = try await response.body.collect(upTo: 1024 * 1024)
                                counts["HTTP \(response.status.code)", default: 0] += 1
                            } catch {
                                if Task.isCancelled { break }
                                counts["no answer: \(error)", default: 0] += 1
                            }
                        }
                        return counts
                    }
                }
                var total: [String: Int] = [:]
                for await counts in group { total.merge(counts, uniquingKeysWith: +) }
                return total
            }
        }
        try? await client.shutdown()
        return (timing.result, timing.seconds)
    }

    func milliseconds(_ seconds: Double?) -> String { seconds.map { String(format: "%.1f", $0 * 1000) } ?? "-" }
}

/// A laptop's new visits, a page at a time: the first page also records the company
/// they are visits to.
struct VisitWriter {
    var replica: Replica
    let author: String
    private var company: EntityKey?

    init(replica: Replica, author: String) {
        self.replica = replica
        self.author = author
    }

    mutating func next(_ count: Int) throws -> [ChangeSet] {
        let now = Int64(Date().timeIntervalSince1970 * 1000)
        var page: [ChangeSet] = []
        let company: EntityKey
        if let known = self.company {
            company = known
        } else {
            company = EntityKey(.company, .random())
            self.company = company
            page.append(try replica.commit(BranchRecords.company(company, number: 0), author: author, now: now))
        }
        while page.count < count {
            page.append(try replica.commit(BranchRecords.visit(EntityKey(.visit, .random()), company: company, staff: author), author: author, now: now))
        }
        return page
    }
}

private extension String {
    func leftPadded(_ width: Int) -> String { String(repeating: " ", count: max(0, width - count)) + self }
}
