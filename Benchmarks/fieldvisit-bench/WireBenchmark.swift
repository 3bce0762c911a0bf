import FieldVisitCore
import FieldVisitProtocol
import Foundation

/// The wire formats alone, without HTTP: reading a small pull page and a push body as
/// a laptop and a server do, and writing a push's results.
struct WireBenchmark {
    func run() throws {
        print("Wire formats")
        let sync = SyncBenchmark(changeSetCount: 1_000)
        let changes = sync.makeChangeSets(author: "sato", replica: .random(), count: 1_000)
        let page = try CanonicalJSON.encode(PullPage(changeSets: Array(changes.prefix(100)), cursor: 100, more: false))
        let push = try CanonicalJSON.encode(PushRequest(changeSets: changes))
        for _ in 0..<3 {
            let pages = 2_000
            let read = try measure {
                var count = 0
                for _ in 0..<pages { count += try PullPage.read(page).changeSets.count }
                return count
            }
            print(row("pull pages of 100 change sets read", rate(read.result, read.seconds), "change sets/s"))
            let bodies = 200
            let pushed = try measure {
                var count = 0
                for _ in 0..<bodies { count += try PushRequest.readKeepingCanonicalBodies(push).0.changeSets.count }
                return count
            }
            print(row("push bodies of 1,000 read, keeping canonical bodies", rate(pushed.result, pushed.seconds), "change sets/s"))
            let response = PushResponse(results: changes.enumerated().map { PushResult(dot: $1.dot, status: .accepted, sequence: Int64($0)) })
            let written = try measure {
                var bytes = 0
                for _ in 0..<bodies { bytes += try response.encoded().count }
                return bytes
            }
            print(row("push results written", rate(bodies * changes.count, written.seconds), "results/s"))
        }
    }
}
