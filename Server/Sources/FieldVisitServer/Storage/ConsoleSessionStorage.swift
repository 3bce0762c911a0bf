import FieldVisitCore
import Foundation

/// A browser's login to the review console, as stored: the session token only as its
/// hash (``DeviceToken/hash``), so that a copy of the database opens no session.
public struct ConsoleSession: Sendable, Hashable {
    /// The user logged in.
    public var user: String
    /// The token every form that changes anything must carry (CSRF): random, per session.
    public var formToken: String
    /// The address the login came from.
    public var address: String?
    /// When the session began: it ends ``ConsoleSessionPolicy/absoluteLifetime`` later whatever happens.
    public var createdAt: Date
    /// The last request: the session ends after ``ConsoleSessionPolicy/idleLifetime`` without one.
    public var lastSeenAt: Date

    public init(user: String, formToken: String, address: String?, createdAt: Date, lastSeenAt: Date) {
        self.user = user
        self.formToken = formToken
        self.address = address
        self.createdAt = createdAt
        self.lastSeenAt = lastSeenAt
    }
}

/// The console's sessions, kept in the database so that every server behind a load
/// balancer knows them, and a logout or an expiry holds on all of them at once.
public protocol ConsoleSessionStorage: Sendable {
    /// Stores a new session under its token's hash, and removes sessions that began
    /// before `expiredBefore` or were last seen before `idleBefore`.
    func openSession(_ session: ConsoleSession, tokenHash: Data, idleBefore: Date, expiredBefore: Date) async throws
    /// The session of a token's hash with its user as stored now, or `nil`.
    func session(tokenHash: Data) async throws -> (session: ConsoleSession, user: User)?
    /// Records a request of the session.
    func touchSession(tokenHash: Data, at time: Date) async throws
    /// Ends the session (logout, expiry); nothing when there is none.
    func endSession(tokenHash: Data) async throws
    /// Ends every session of `user` (disabled, password changed).
    func endSessions(of user: String) async throws
}
