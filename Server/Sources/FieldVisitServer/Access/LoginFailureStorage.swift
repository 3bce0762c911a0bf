import Foundation
import Synchronization

/// The failed logins counted for one key: a user name or an address.
public struct LoginFailures: Sendable, Hashable {
    /// Attempts counted as failed.
    public var count: Int
    /// When the last one was counted.
    public var last: Date
    /// Attempts refused during the current wait: recorded once, not one by one.
    public var refusedWhileWaiting = 0

    public init(count: Int, last: Date, refusedWhileWaiting: Int = 0) {
        self.count = count
        self.last = last
        self.refusedWhileWaiting = refusedWhileWaiting
    }
}

/// Where a ``LoginThrottle`` keeps its counts: in memory for a server alone on its
/// database (``InMemoryLoginFailures``), in the database when several servers share
/// it, so that a guesser gains nothing by being spread across them.
public protocol LoginFailureStorage: Sendable {
    /// Runs `change` on the counts of `keys` (a key without any is absent) with no other
    /// change to them in between, on any server, and keeps what it leaves: a key
    /// removed is forgotten. Counts older than `forgetBefore` may be forgotten meanwhile.
    func withFailures<Result: Sendable>(
        of keys: [String], forgetBefore: Date, _ change: @Sendable (inout [String: LoginFailures]) -> Result
    ) async throws -> Result
}

/// Counts kept in this process's memory: for a server that is alone on its database,
/// as the embedded SQLite server always is.
public final class InMemoryLoginFailures: LoginFailureStorage {
    private let table = Mutex<[String: LoginFailures]>([:])

    public init() {}

    public func withFailures<Result: Sendable>(
        of keys: [String], forgetBefore: Date, _ change: @Sendable (inout [String: LoginFailures]) -> Result
    ) async throws -> Result {
        table.withLock { table in
            var entries: [String: LoginFailures] = [:]
            for key in keys { entries[key] = table[key] }
            let result = change(&entries)
            for key in keys { table[key] = entries[key] }
            // Bounded: a flood of made-up user names forgets what is old.
            if table.count > 100_000 { table = table.filter { $0.value.last >= forgetBefore } }
            return result
        }
    }
}
