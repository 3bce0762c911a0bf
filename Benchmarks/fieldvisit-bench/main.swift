// fieldvisit-bench: speed and size figures, printed. Run in release mode:
//
//     swift run -c release fieldvisit-bench core
let arguments = Array(CommandLine.arguments.dropFirst())
let suites = arguments.isEmpty ? ["core"] : arguments

do {
    for suite in suites {
        switch suite {
        case "core": try CoreBenchmark().run()
        default:
            print("fieldvisit-bench: unknown benchmark \"\(suite)\"; available: core")
            exit(2)
        }
    }
} catch {
    print("fieldvisit-bench: \(error)")
    exit(1)
}

import Foundation
