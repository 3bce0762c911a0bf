import FieldVisitCore
import Foundation

/// How often and how patiently to retry a request that failed for a passing reason
/// (connection refused or reset, timeouts, HTTP 502, 503, 504), such as a server
/// restarting in the middle of a sync. Every request of the protocol is safe to retry.
public struct RetryPolicy: Sendable, Hashable {
    /// Attempts in all, the first one included.
    public var attempts: Int
    /// The wait before the second attempt; each later wait doubles.
    public var initialDelay: Duration

    public init(attempts: Int, initialDelay: Duration) {
        self.attempts = max(1, attempts)
        self.initialDelay = initialDelay
    }

    /// Seven attempts over about 12 seconds: 0.2 s, then doubling.
    public static let standard = RetryPolicy(attempts: 7, initialDelay: .milliseconds(200))

    /// The wait after failed attempt `attempt` (from 1).
    public func delay(after attempt: Int) -> Duration {
        initialDelay * (1 << min(max(attempt - 1, 0), 16))
    }
}

extension RetryPolicy {
    /// A retry about to happen, for progress on a terminal.
    public struct Notice: Sendable, Hashable {
        /// The attempt that failed (from 1).
        public var failedAttempt: Int
        /// Attempts in all.
        public var attempts: Int
        /// The wait before the next attempt.
        public var delay: Duration
        /// What went wrong.
        public var reason: String
    }
}

extension RetryPolicy.Notice: CustomStringConvertible {
    /// The notice in the process's language. The reason quotes the network's or the
    /// server's words: cut to 80 characters and neutralised, as the line may follow a
    /// progress line's own escape sequence.
    public var description: String {
        let seconds = Double(delay.components.seconds) + Double(delay.components.attoseconds) / 1e18
        return ConnectionMessage.retrying.text([
            "reason": TerminalText(String(reason.prefix(80))).description, "seconds": String(format: "%.1f", seconds),
            "attempt": String(failedAttempt + 1), "attempts": String(attempts),
        ])
    }
}
