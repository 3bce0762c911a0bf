import CoreMetrics
import Prometheus

/// The server's figures, rendered for `GET /metrics` in the Prometheus text format.
///
/// Everything is kept in one `PrometheusCollectorRegistry` per server, through
/// swift-metrics:
/// - Hummingbird's `MetricsMiddleware` records every request (by route template, method
///   and status) and its duration. It makes its metrics with swift-metrics' factory of
///   the task, and ``SyncServer`` binds ``factory`` to its tasks, so they land here.
/// - The project's own counters (change sets accepted, pushed again, refused and pulled,
///   records that gained a conflict) are swift-metrics counters made on the same registry.
///
/// No global `MetricsSystem.bootstrap`: it may happen only once per process, and a
/// process may run several servers (the benchmarks start several), each with its own
/// figures.
public final class ServerMetrics: Sendable {
    /// The buckets of the request duration histogram. Finer at the low end than
    /// swift-prometheus' default (which starts at 5 ms): on the office network most
    /// requests take a few milliseconds.
    public static let durationBuckets: [Duration] = [
        .milliseconds(1), .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50), .milliseconds(100),
        .milliseconds(250), .milliseconds(500), .seconds(1), .milliseconds(2500), .seconds(5), .seconds(10),
    ]

    /// Where every figure is kept and rendered from.
    public let registry: PrometheusCollectorRegistry
    /// The swift-metrics factory that makes metrics on ``registry``.
    public let factory: PrometheusMetricsFactory

    private let accepted: CoreMetrics.Counter
    private let duplicates: CoreMetrics.Counter
    private let refused: CoreMetrics.Counter
    private let conflicts: CoreMetrics.Counter
    private let pulledChangeSets: CoreMetrics.Counter

    /// Figures kept in `registry`, by default a registry of their own.
    public init(registry: PrometheusCollectorRegistry = PrometheusCollectorRegistry()) {
        self.registry = registry
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.defaultDurationHistogramBuckets = Self.durationBuckets
        self.factory = factory
        // Made on the registry so that each has its HELP line (swift-metrics' factory
        // takes no help text), and used as swift-metrics counters. Made now, so that
        // /metrics shows them at 0 before the first push.
        func counter(_ name: String, _ help: String) -> CoreMetrics.Counter {
            CoreMetrics.Counter(label: name, dimensions: [], handler: registry.makeCounter(name: name, help: help), factory: factory)
        }
        accepted = counter("fieldvisit_change_sets_accepted_total", "Change sets stored.")
        duplicates = counter("fieldvisit_change_sets_duplicate_total", "Change sets pushed again after being stored.")
        refused = counter("fieldvisit_change_sets_refused_total", "Change sets refused.")
        conflicts = counter("fieldvisit_conflicts_total", "Records that gained a conflict.")
        pulledChangeSets = counter("fieldvisit_change_sets_pulled_total", "Change sets sent to laptops.")
    }

    /// Counts a push's results.
    public func pushed(accepted: Int, duplicates: Int, refused: Int, newConflicts: Int) {
        if accepted > 0 { self.accepted.increment(by: accepted) }
        if duplicates > 0 { self.duplicates.increment(by: duplicates) }
        if refused > 0 { self.refused.increment(by: refused) }
        if newConflicts > 0 { conflicts.increment(by: newConflicts) }
    }

    /// Counts change sets sent by a pull.
    public func pulled(_ count: Int) {
        if count > 0 { pulledChangeSets.increment(by: count) }
    }

    /// The Prometheus text exposition (format 0.0.4) of every figure.
    public func render() -> String {
        registry.emitToString()
    }
}
