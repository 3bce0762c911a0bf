import FieldVisitCore
import Foundation
import PostgresNIO

/// The console's sessions in PostgreSQL, shared by every server.
extension PostgresStorage: ConsoleSessionStorage {
    public func openSession(_ session: ConsoleSession, tokenHash: Data, idleBefore: Date, expiredBefore: Date) async throws {
        guard ![session.user, session.address ?? ""].contains(where: StoredText.holdsNUL) else { throw StorageError.notFound(kind: "user", name: session.user) }
        let logger = logger
        try await transaction { connection in
            try await connection.send("""
                DELETE FROM console_session WHERE last_seen_at < \(StoredTime.millis(idleBefore)) OR created_at < \(StoredTime.millis(expiredBefore))
                """, logger: logger)
            try await connection.send("""
                INSERT INTO console_session (token_hash, account, form_token, address, created_at, last_seen_at)
                VALUES (\(tokenHash), \(session.user), \(session.formToken), \(session.address),
                        \(StoredTime.millis(session.createdAt)), \(StoredTime.millis(session.lastSeenAt)))
                """, logger: logger)
        }
    }

    public func session(tokenHash: Data) async throws -> (session: ConsoleSession, user: User)? {
        let logger = logger
        return try await withConnection { connection in
            let rows = try await connection.send("""
                SELECT account.name, account.role, account.disabled, \(unescaped: Self.branchesOfAccount),
                       s.form_token, s.address, s.created_at, s.last_seen_at
                FROM console_session s JOIN account ON account.name = s.account WHERE s.token_hash = \(tokenHash)
                """, logger: logger)
            for try await (name, role, disabled, branches, formToken, address, createdAt, lastSeenAt)
                in rows.decode((String, String, Bool, [String], String, String?, Int64, Int64).self) {
                let user = try Self.user(name: name, role: role, disabled: disabled, branches: branches)
                return (ConsoleSession(user: name, formToken: formToken, address: address,
                                       createdAt: StoredTime.date(createdAt), lastSeenAt: StoredTime.date(lastSeenAt)), user)
            }
            return nil
        }
    }

    public func touchSession(tokenHash: Data, at time: Date) async throws {
        try await run("UPDATE console_session SET last_seen_at = \(StoredTime.millis(time)) WHERE token_hash = \(tokenHash)")
    }

    public func endSession(tokenHash: Data) async throws {
        try await run("DELETE FROM console_session WHERE token_hash = \(tokenHash)")
    }

    public func endSessions(of user: String) async throws {
        guard !StoredText.holdsNUL(user) else { return }
        try await run("DELETE FROM console_session WHERE account = \(user)")
    }

    /// Runs one statement with its binds, outside any transaction.
    private func run(_ query: PostgresQuery) async throws {
        let logger = logger
        try await withConnection { connection in _ = try await connection.send(query, logger: logger) }
    }
}
