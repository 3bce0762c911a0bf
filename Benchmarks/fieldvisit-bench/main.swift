// fieldvisit-bench: speed and size figures, printed. Run in release mode:
//
//     swift run -c release fieldvisit-bench core client sync report nta wire link console
//     swift run -c release fieldvisit-bench sync sync-postgres     # PostgreSQL 15 and haproxy installed
//     swift run -c release fieldvisit-bench attack --seconds 10
//
// `attack` takes --seconds (each run's length, default 20), --laptops (8),
// --connections (silent connections held, 1000), --login-tasks (8) and
// --idle-timeout (the server's, in seconds, 5).
var suites: [String] = []
var options: [String: Int] = [:]
let knownOptions: Set = ["seconds", "laptops", "connections", "login-tasks", "idle-timeout"]
var arguments = CommandLine.arguments.dropFirst()
while let argument = arguments.popFirst() {
    guard argument.hasPrefix("--") else { suites.append(argument); continue }
    let parts = argument.dropFirst(2).split(separator: "=", maxSplits: 1).map(String.init)
    guard let name = parts.first, knownOptions.contains(name), let value = Int(parts.count == 2 ? parts[1] : (arguments.popFirst() ?? "")),
          value > 0 || (value == 0 && ["connections", "login-tasks"].contains(name)) else {
        print("fieldvisit-bench: \(argument) wants a whole number (above 0, or 0 for --connections and --login-tasks to leave that part of the attack out); options: \(knownOptions.sorted().map { "--" + $0 }.joined(separator: ", "))")
        exit(2)
    }
    options[name] = value
}
if suites.isEmpty { suites = ["core"] }

do {
    for suite in suites {
        switch suite {
        case "core": try CoreBenchmark().run()
        case "sync":
            let count = ProcessInfo.processInfo.environment["FIELDVISIT_BENCH_CHANGE_SETS"].flatMap(Int.init) ?? 100_000
            try await SyncBenchmark(changeSetCount: count).run()
        case "sync-postgres":
            // A cluster of its own for the run, stopped after.
            let database = try BenchDatabase.startCluster()
            defer { database.stop() }
            let count = ProcessInfo.processInfo.environment["FIELDVISIT_BENCH_CHANGE_SETS"].flatMap(Int.init) ?? 100_000
            try await SyncBenchmark(changeSetCount: count, database: database).run()
            if case .postgres(let cluster) = database { try await ScaleOutBenchmark(cluster: cluster, changeSetsPerLaptop: max(1, count * 3 / 10)).run() }
        case "client":
            // FIELDVISIT_BENCH_VISITS scales the run down for profiling.
            let visits = ProcessInfo.processInfo.environment["FIELDVISIT_BENCH_VISITS"].flatMap(Int.init) ?? 100_000
            try ClientBenchmark(companyCount: max(1, visits / 10), visitCount: visits).run()
        case "nta":
            let rows = ProcessInfo.processInfo.environment["FIELDVISIT_BENCH_NTA_ROWS"].flatMap(Int.init) ?? 100_000
            try CorporateNumberBenchmark(rowCount: rows).run()
        case "wire": try WireBenchmark().run()
        case "link":
            // FIELDVISIT_BENCH_VISITS scales the branch down for a quick look.
            let visits = ProcessInfo.processInfo.environment["FIELDVISIT_BENCH_VISITS"].flatMap(Int.init) ?? 50_000
            try await LinkBenchmark(companyCount: max(40, visits / 5), visitCount: visits).run()
        case "console": try await ConsoleBenchmark().run()
        case "report":
            let visits = ProcessInfo.processInfo.environment["FIELDVISIT_BENCH_VISITS"].flatMap(Int.init) ?? 100_000
            try ReportBenchmark(companyCount: max(1, visits / 10), visitCount: visits).run()
        case "attack":
            var benchmark = AttackBenchmark()
            benchmark.seconds = options["seconds"] ?? benchmark.seconds
            benchmark.laptops = options["laptops"] ?? benchmark.laptops
            benchmark.connections = options["connections"] ?? benchmark.connections
            benchmark.loginTasks = options["login-tasks"] ?? benchmark.loginTasks
            benchmark.idleTimeout = options["idle-timeout"] ?? benchmark.idleTimeout
            try await benchmark.run()
        default:
            print("fieldvisit-bench: unknown benchmark \"\(suite)\"; available: core, client, sync, sync-postgres, report, nta, wire, link, console, attack")
            exit(2)
        }
    }
} catch {
    print("fieldvisit-bench: \(error)")
    exit(1)
}

import Foundation
