import AsyncHTTPClient
import FieldVisitCore
import FieldVisitProtocol
import FieldVisitServer
import Foundation

/// `fieldvisit-bench sync-postgres`, second part: three servers on one PostgreSQL
/// database behind haproxy, three laptops pushing at once through it, then three pulling.
///
/// The servers run in this process, each with its own connection pool, as three
/// processes would; on one machine they share its processors with PostgreSQL, haproxy
/// and the laptops, so the figures show what the design costs, not what three machines
/// would gain. The processor time of each part says where the time goes.
struct ScaleOutBenchmark {
    let cluster: String
    var changeSetsPerLaptop = 30_000

    func run() async throws {
        print("== several servers: three on one PostgreSQL database behind haproxy ==")
        guard let haproxy = HAProxyConfiguration.installedProgram else { throw BenchFailure("haproxy is not installed: apt-get install haproxy") }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("fieldvisit-bench-scale-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = try BenchDatabase.newDatabase(in: cluster)
        var servers: [BenchServer] = []
        for index in 0..<3 {
            let serverDirectory = directory.appendingPathComponent("server-\(index)")
            // One certificate and key for all, as the servers behind one name share them.
            if index > 0 {
                try FileManager.default.createDirectory(at: serverDirectory, withIntermediateDirectories: true)
                try FileManager.default.copyItem(at: directory.appendingPathComponent("server-0/tls"), to: serverDirectory.appendingPathComponent("tls"))
            }
            servers.append(try await BenchServer.start(directory: serverDirectory, database: .postgresDatabase(url: url), addingBranch: index == 0))
        }
        defer { for server in servers { server.stop() } }

        let port = try LoopbackPort.free()
        let configuration = directory.appendingPathComponent("haproxy.cfg")
        try Data(HAProxyConfiguration.text(listen: "127.0.0.1:\(port)", servers: servers.map { String($0.url.dropFirst("https://".count)) }).utf8)
            .write(to: configuration)
        let balancer = Process()
        balancer.executableURL = URL(fileURLWithPath: haproxy)
        balancer.arguments = ["-f", configuration.path, "-db"]
        balancer.standardOutput = FileHandle.nullDevice
        balancer.standardError = FileHandle.nullDevice
        try balancer.run()
        defer { balancer.terminate(); balancer.waitUntilExit() }
        try LoopbackPort.waitUntilListening(port, process: balancer, name: "haproxy")
        // Until haproxy has seen every server healthy (two checks 300 ms apart).
        try await Task.sleep(for: .seconds(1))
        let front = BenchServer(storage: servers[0].storage, url: "https://127.0.0.1:\(port)", caFile: servers[0].caFile, task: servers[0].task)

        var pushers: [(token: String, changes: [ChangeSet])] = []
        for index in 0..<3 {
            let name = "staff\(index)"
            let (token, replica) = try await servers[0].enrol(name)
            pushers.append((token, SyncBenchmark(changeSetCount: changeSetsPerLaptop).makeChangeSets(author: name, replica: replica)))
        }
        let total = 3 * changeSetsPerLaptop
        let postgresBefore = ProcessorTime.ofProcesses(named: "postgres")
        let balancerBefore = ProcessorTime.ofProcess(balancer.processIdentifier)
        let ownBefore = processorSeconds()
        let push = try await measureAsync {
            try await withThrowingTaskGroup(of: Void.self) { group in
                for pusher in pushers {
                    group.addTask {
                        // A client of its own: one connection, which haproxy gives one server.
                        let client = front.client()
                        for start in stride(from: 0, to: pusher.changes.count, by: 1000) {
                            let body = PushRequest(changeSets: Array(pusher.changes[start..<min(start + 1000, pusher.changes.count)])).encoded()
                            let results = try PushResponse.read(try await front.send(client, .POST, Endpoint.changes, body: body, token: pusher.token)).results
                            guard results.allSatisfy({ $0.status == .accepted }) else { throw BenchFailure("a change set was refused") }
                        }
                        try await client.shutdown()
                    }
                }
                try await group.waitForAll()
            }
        }
        print(row("three laptops push \(total.formatted(.number.grouping(.automatic))) change sets at once", rate(total, push.seconds), "change sets/s"))
        Self.printShares(total: total, own: processorSeconds() - ownBefore, postgres: ProcessorTime.ofProcesses(named: "postgres") - postgresBefore,
                         balancer: ProcessorTime.ofProcess(balancer.processIdentifier) - balancerBefore)

        try await BenchDatabase.postgresDatabase(url: url).settle(servers[0].storage)
        let pullers = try await (0..<3).asyncMap { index in try await servers[0].enrol("reader\(index)").token }
        let pgPull = ProcessorTime.ofProcesses(named: "postgres")
        let balancerPull = ProcessorTime.ofProcess(balancer.processIdentifier)
        let ownPull = processorSeconds()
        let pull = try await measureAsync {
            try await withThrowingTaskGroup(of: Int.self) { group in
                for token in pullers {
                    group.addTask {
                        let client = front.client()
                        var cursor: Int64 = 0
                        var count = 0
                        while true {
                            let page = try PullPage.read(try await front.send(client, .GET, "\(Endpoint.changes)?after=\(cursor)&limit=2000", token: token))
                            count += page.changeSets.count
                            cursor = page.cursor
                            if !page.more { break }
                        }
                        try await client.shutdown()
                        return count
                    }
                }
                var pulled = 0
                for try await count in group {
                    guard count == total else { throw BenchFailure("a laptop pulled \(count) of \(total)") }
                    pulled += count
                }
                return pulled
            }
        }
        print(row("three laptops pull them all at once (\(pull.result.formatted(.number.grouping(.automatic))) in all)", rate(pull.result, pull.seconds), "change sets/s"))
        Self.printShares(total: pull.result, own: processorSeconds() - ownPull, postgres: ProcessorTime.ofProcesses(named: "postgres") - pgPull,
                         balancer: ProcessorTime.ofProcess(balancer.processIdentifier) - balancerPull)
    }

    static func printShares(total: Int, own: Double, postgres: Double, balancer: Double) {
        func micro(_ seconds: Double) -> String { String(format: "%.1f", seconds / Double(total) * 1e6) }
        print(row("  processor time per change set: servers and laptops", micro(own), "µs"))
        print(row("  processor time per change set: PostgreSQL", micro(postgres), "µs"))
        print(row("  processor time per change set: haproxy", micro(balancer), "µs"))
    }
}

/// Processor time of other processes, from `/proc`: what PostgreSQL and haproxy spent.
enum ProcessorTime {
    /// User and system seconds of the process `pid`.
    static func ofProcess(_ pid: Int32) -> Double {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let end = stat.lastIndex(of: ")") else { return 0 }
        // Fields after the command's closing parenthesis: state is the first; utime and
        // stime are the 12th and 13th.
        let fields = stat[stat.index(after: end)...].split(separator: " ")
        guard fields.count > 12, let user = Double(fields[11]), let system = Double(fields[12]) else { return 0 }
        return (user + system) / Double(sysconf(Int32(_SC_CLK_TCK)))
    }

    /// The sum over every process whose command is `name`.
    static func ofProcesses(named name: String) -> Double {
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: "/proc") else { return 0 }
        var total = 0.0
        for entry in entries {
            guard let pid = Int32(entry), let command = try? String(contentsOfFile: "/proc/\(entry)/comm", encoding: .utf8),
                  command.trimmingCharacters(in: .whitespacesAndNewlines) == name else { continue }
            total += ofProcess(pid)
        }
        return total
    }
}

extension Sequence {
    /// The results of `transform`, one element after the other.
    func asyncMap<Result>(_ transform: (Element) async throws -> Result) async rethrows -> [Result] {
        var results: [Result] = []
        for element in self { results.append(try await transform(element)) }
        return results
    }
}
