import Foundation
import Synchronization

/// Keeps what an unauthenticated or refused caller can add to the audit trail bounded:
/// at most one entry per key (an address, a device) per interval, the next one saying
/// how many were left out meanwhile. The trail then grows with time, not with the
/// number of requests an attacker sends.
public final class AuditRateLimit: Sendable {
    /// The shortest time between two entries for one key.
    public let interval: TimeInterval
    private struct Window {
        var started: Date
        var suppressed: Int
    }
    private let windows = Mutex<[String: Window]>([:])

    public init(interval: TimeInterval = 60) {
        self.interval = interval
    }

    /// Whether an entry for `key` may be written now; if so, how many were left out
    /// since the last one.
    public func admit(_ key: String, now: Date = Date()) -> (admitted: Bool, leftOut: Int) {
        windows.withLock { table in
            if var window = table[key], now.timeIntervalSince(window.started) < interval {
                window.suppressed += 1
                table[key] = window
                return (false, 0)
            }
            let leftOut = table[key]?.suppressed ?? 0
            table[key] = Window(started: now, suppressed: 0)
            if table.count > 100_000 { table = table.filter { now.timeIntervalSince($0.value.started) < interval } }
            return (true, leftOut)
        }
    }
}
