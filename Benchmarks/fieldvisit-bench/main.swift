// fieldvisit-bench: speed and size figures, printed. Run in release mode:
//
//     swift run -c release fieldvisit-bench core client sync report
let arguments = Array(CommandLine.arguments.dropFirst())
let suites = arguments.isEmpty ? ["core"] : arguments

do {
    for suite in suites {
        switch suite {
        case "core": try CoreBenchmark().run()
        case "sync":
            let count = ProcessInfo.processInfo.environment["FIELDVISIT_BENCH_CHANGE_SETS"].flatMap(Int.init) ?? 100_000
            try await SyncBenchmark(changeSetCount: count).run()
        case "client":
            // FIELDVISIT_BENCH_VISITS scales the run down for profiling.
            let visits = ProcessInfo.processInfo.environment["FIELDVISIT_BENCH_VISITS"].flatMap(Int.init) ?? 100_000
            try ClientBenchmark(companyCount: max(1, visits / 10), visitCount: visits).run()
        case "report":
            let visits = ProcessInfo.processInfo.environment["FIELDVISIT_BENCH_VISITS"].flatMap(Int.init) ?? 100_000
            try ReportBenchmark(companyCount: max(1, visits / 10), visitCount: visits).run()
        default:
            print("fieldvisit-bench: unknown benchmark \"\(suite)\"; available: core, client, sync, report")
            exit(2)
        }
    }
} catch {
    print("fieldvisit-bench: \(error)")
    exit(1)
}

import Foundation
