import Foundation
import Synchronization

/// Slows down guessing: after a few failed logins for a user name or from an address,
/// each further attempt must wait, doubling up to a limit. A success clears the user's
/// and the address's count.
public final class LoginThrottle: Sendable {
    private struct Failures {
        var count: Int
        var last: Date
    }

    /// Failed attempts allowed before any wait.
    public let freeAttempts: Int
    /// The wait after the first counted failure; it doubles with each further one.
    public let baseDelay: TimeInterval
    /// The longest wait.
    public let maxDelay: TimeInterval
    private let failures = Mutex<[String: Failures]>([:])

    public init(freeAttempts: Int = 3, baseDelay: TimeInterval = 1, maxDelay: TimeInterval = 300) {
        self.freeAttempts = freeAttempts
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
    }

    /// How long the caller must still wait before trying the user name from the
    /// address; zero when it may try now.
    public func wait(user: String, address: String?, now: Date = Date()) -> TimeInterval {
        failures.withLock { table in
            [Self.userKey(user), address.map(Self.addressKey)].compactMap { $0 }.map { key in
                guard let entry = table[key], entry.count >= freeAttempts else { return 0 }
                let delay = min(maxDelay, baseDelay * pow(2, Double(entry.count - freeAttempts)))
                return max(0, entry.last.addingTimeInterval(delay).timeIntervalSince(now))
            }.max() ?? 0
        }
    }

    /// Counts a failed attempt.
    public func failed(user: String, address: String?, now: Date = Date()) {
        failures.withLock { table in
            for key in [Self.userKey(user), address.map(Self.addressKey)].compactMap({ $0 }) {
                table[key] = Failures(count: (table[key]?.count ?? 0) + 1, last: now)
            }
            if table.count > 100_000 { table = table.filter { now.timeIntervalSince($0.value.last) < maxDelay } }
        }
    }

    /// Clears the counts after a successful login.
    public func succeeded(user: String, address: String?) {
        failures.withLock { table in
            table[Self.userKey(user)] = nil
            if let address { table[Self.addressKey(address)] = nil }
        }
    }

    private static func userKey(_ user: String) -> String { "user:" + user }
    private static func addressKey(_ address: String) -> String { "address:" + address }
}
