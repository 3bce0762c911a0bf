import Foundation
import Synchronization

/// Slows down guessing: after a few failed logins for a user name or from an address,
/// each further attempt must wait, doubling up to a limit.
///
/// An attempt is counted when it is admitted, before its password is checked, in the
/// same step as the check of the wait: two hundred guesses sent at once are admitted
/// only as far as the free attempts go, and the rest are refused without a password
/// hash. A success takes back its own attempt and clears the user's count; it clears
/// nothing else, so logging into one's own account does not reset an address that is
/// guessing at others. At most ``maxConcurrentChecks`` password checks run at once,
/// whoever asks, so that no flood of logins takes the processor from syncing laptops.
///
/// The counts are kept in a ``LoginFailureStorage``: in the database when several
/// servers share it, so that every server refuses a guesser alike.
public final class LoginThrottle: Sendable {
    /// Where the counts are kept.
    public let failures: any LoginFailureStorage
    /// Failed attempts allowed before any wait.
    public let freeAttempts: Int
    /// The wait after the first counted failure; it doubles with each further one.
    public let baseDelay: TimeInterval
    /// The longest wait.
    public let maxDelay: TimeInterval
    /// The most password checks running at once.
    public let maxConcurrentChecks: Int
    /// Password checks running in this process: a limit on its processor, not on guessing.
    private let checking = Mutex(0)

    public init(failures: any LoginFailureStorage = InMemoryLoginFailures(), freeAttempts: Int = 3, baseDelay: TimeInterval = 1,
                maxDelay: TimeInterval = 300, maxConcurrentChecks: Int = 4) {
        self.failures = failures
        self.freeAttempts = freeAttempts
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
        self.maxConcurrentChecks = maxConcurrentChecks
    }

    /// Whether a login attempt may check its password now.
    public enum Admission: Sendable, Hashable {
        /// It may: its attempt is counted as failed until ``LoginThrottle/succeeded(user:address:)``.
        /// Call ``LoginThrottle/finishedCheck()`` when the password check is over.
        case admitted
        /// It must wait this many seconds. `firstRefusal` is true for the first attempt
        /// refused in this wait: the one worth an audit entry.
        case wait(TimeInterval, firstRefusal: Bool)
        /// Too many passwords are being checked at once: try again in a moment.
        case busy
    }

    /// Admits an attempt for the user name from the address, counting it, or says how
    /// long to wait. Checked and counted in one step.
    public func admit(user: String, address: String?, now: Date = Date()) async throws -> Admission {
        let keys = Self.keys(user: user, address: address)
        let (freeAttempts, baseDelay, maxDelay) = (freeAttempts, baseDelay, maxDelay)
        let admission: Admission = try await failures.withFailures(of: keys, forgetBefore: now.addingTimeInterval(-maxDelay)) { table in
            var longest: TimeInterval = 0
            for key in keys {
                guard let entry = table[key], entry.count >= freeAttempts else { continue }
                let delay = min(maxDelay, baseDelay * pow(2, Double(min(entry.count - freeAttempts, 62))))
                longest = max(longest, entry.last.addingTimeInterval(delay).timeIntervalSince(now))
            }
            if longest > 0 {
                var first = false
                for key in keys where table[key] != nil {
                    first = first || table[key]!.refusedWhileWaiting == 0
                    table[key]!.refusedWhileWaiting += 1
                }
                return .wait(longest, firstRefusal: first)
            }
            for key in keys {
                table[key] = LoginFailures(count: (table[key]?.count ?? 0) + 1, last: now)
            }
            return .admitted
        }
        guard admission == .admitted else { return admission }
        let started = checking.withLock { running in
            guard running < maxConcurrentChecks else { return false }
            running += 1
            return true
        }
        if !started {
            try await takeBack(keys, now: now)
            return .busy
        }
        return .admitted
    }

    /// Ends a password check that ``admit(user:address:now:)`` admitted.
    public func finishedCheck() {
        checking.withLock { $0 -= 1 }
    }

    /// After a successful login: clears the user's count and takes back the address's
    /// count for this attempt only.
    public func succeeded(user: String, address: String?, now: Date = Date()) async throws {
        try await failures.withFailures(of: [Self.userKey(user)], forgetBefore: now.addingTimeInterval(-maxDelay)) { table in
            table[Self.userKey(user)] = nil
        }
        if let address { try await takeBack([Self.addressKey(address)], now: now) }
    }

    private func takeBack(_ keys: [String], now: Date) async throws {
        try await failures.withFailures(of: keys, forgetBefore: now.addingTimeInterval(-maxDelay)) { table in
            for key in keys {
                guard let entry = table[key] else { continue }
                if entry.count <= 1 { table[key] = nil } else { table[key]!.count -= 1 }
            }
        }
    }

    private static func keys(user: String, address: String?) -> [String] {
        [userKey(user)] + (address.map { [addressKey($0)] } ?? [])
    }

    private static func userKey(_ user: String) -> String { "user:" + user }
    private static func addressKey(_ address: String) -> String { "address:" + address }
}
