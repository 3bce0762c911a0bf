import Foundation
import Synchronization

/// The server's counters, rendered for `GET /metrics` in the Prometheus text format:
/// requests by route and status, request latencies, change sets accepted, conflicts.
public final class ServerMetrics: Sendable {
    /// Latency histogram buckets, in seconds.
    static let buckets: [Double] = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]

    private struct Histogram {
        var counts = [Int](repeating: 0, count: ServerMetrics.buckets.count)
        var sum = 0.0
        var total = 0
    }

    private struct State {
        var requests: [String: Int] = [:]
        var latencies: [String: Histogram] = [:]
        var accepted = 0
        var duplicates = 0
        var refused = 0
        var conflicts = 0
        var pulled = 0
    }

    private let state = Mutex(State())

    public init() {}

    /// Counts a finished request of `route` (its path pattern) with its status.
    public func request(method: String, route: String, status: Int, seconds: Double) {
        state.withLock { state in
            state.requests[#"method="\#(method)",route="\#(route)",status="\#(status)""#, default: 0] += 1
            let key = #"route="\#(route)""#
            var histogram = state.latencies[key] ?? Histogram()
            for (index, bound) in Self.buckets.enumerated() where seconds <= bound { histogram.counts[index] += 1 }
            histogram.sum += seconds
            histogram.total += 1
            state.latencies[key] = histogram
        }
    }

    /// Counts a push's results.
    public func pushed(accepted: Int, duplicates: Int, refused: Int, newConflicts: Int) {
        state.withLock { state in
            state.accepted += accepted
            state.duplicates += duplicates
            state.refused += refused
            state.conflicts += newConflicts
        }
    }

    /// Counts change sets sent by pulls.
    public func pulled(_ count: Int) {
        state.withLock { $0.pulled += count }
    }

    /// The Prometheus text exposition.
    public func render() -> String {
        state.withLock { state in
            var lines: [String] = []
            lines.append("# HELP fieldvisit_http_requests_total HTTP requests by method, route and status.")
            lines.append("# TYPE fieldvisit_http_requests_total counter")
            for (labels, count) in state.requests.sorted(by: { $0.key < $1.key }) {
                lines.append("fieldvisit_http_requests_total{\(labels)} \(count)")
            }
            lines.append("# HELP fieldvisit_http_request_duration_seconds Request latency by route.")
            lines.append("# TYPE fieldvisit_http_request_duration_seconds histogram")
            for (labels, histogram) in state.latencies.sorted(by: { $0.key < $1.key }) {
                for (index, bound) in Self.buckets.enumerated() {
                    lines.append("fieldvisit_http_request_duration_seconds_bucket{\(labels),le=\"\(bound)\"} \(histogram.counts[index])")
                }
                lines.append("fieldvisit_http_request_duration_seconds_bucket{\(labels),le=\"+Inf\"} \(histogram.total)")
                lines.append("fieldvisit_http_request_duration_seconds_sum{\(labels)} \(histogram.sum)")
                lines.append("fieldvisit_http_request_duration_seconds_count{\(labels)} \(histogram.total)")
            }
            for (name, help, value) in [
                ("fieldvisit_change_sets_accepted_total", "Change sets stored.", state.accepted),
                ("fieldvisit_change_sets_duplicate_total", "Change sets pushed again after being stored.", state.duplicates),
                ("fieldvisit_change_sets_refused_total", "Change sets refused.", state.refused),
                ("fieldvisit_conflicts_total", "Records that gained a conflict.", state.conflicts),
                ("fieldvisit_change_sets_pulled_total", "Change sets sent to laptops.", state.pulled),
            ] {
                lines.append("# HELP \(name) \(help)")
                lines.append("# TYPE \(name) counter")
                lines.append("\(name) \(value)")
            }
            return lines.joined(separator: "\n") + "\n"
        }
    }
}
