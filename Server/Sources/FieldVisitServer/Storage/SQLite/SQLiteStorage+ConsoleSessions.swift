import FieldVisitCore
import Foundation
import GRDB

/// The console's sessions in SQLite.
extension SQLiteStorage: ConsoleSessionStorage {
    public func openSession(_ session: ConsoleSession, tokenHash: Data, idleBefore: Date, expiredBefore: Date) async throws {
        try await pool.write { db in
            try db.execute(sql: "DELETE FROM console_session WHERE last_seen_at < ? OR created_at < ?",
                           arguments: [StoredTime.millis(idleBefore), StoredTime.millis(expiredBefore)])
            try db.execute(sql: """
                INSERT INTO console_session (token_hash, account, form_token, address, created_at, last_seen_at) VALUES (?, ?, ?, ?, ?, ?)
                """, arguments: [tokenHash, session.user, session.formToken, session.address,
                                 StoredTime.millis(session.createdAt), StoredTime.millis(session.lastSeenAt)])
        }
    }

    public func session(tokenHash: Data) async throws -> (session: ConsoleSession, user: User)? {
        try await pool.read { db in
            guard let row = try Row.fetchOne(db, sql: """
                SELECT account.name, account.role, account.disabled, s.form_token, s.address, s.created_at, s.last_seen_at
                FROM console_session s JOIN account ON account.name = s.account WHERE s.token_hash = ?
                """, arguments: [tokenHash]) else { return nil }
            let user = try Self.user(row, db)
            let session = ConsoleSession(user: user.name, formToken: row[3], address: row[4],
                                         createdAt: StoredTime.date(row[5]), lastSeenAt: StoredTime.date(row[6]))
            return (session, user)
        }
    }

    public func touchSession(tokenHash: Data, at time: Date) async throws {
        try await pool.write { db in
            try db.execute(sql: "UPDATE console_session SET last_seen_at = ? WHERE token_hash = ?", arguments: [StoredTime.millis(time), tokenHash])
        }
    }

    public func endSession(tokenHash: Data) async throws {
        try await pool.write { db in try db.execute(sql: "DELETE FROM console_session WHERE token_hash = ?", arguments: [tokenHash]) }
    }

    public func endSessions(of user: String) async throws {
        try await pool.write { db in try db.execute(sql: "DELETE FROM console_session WHERE account = ?", arguments: [user]) }
    }
}
