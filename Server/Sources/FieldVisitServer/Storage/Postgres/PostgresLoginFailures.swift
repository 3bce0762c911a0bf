import Foundation
import Logging
import PostgresNIO

/// Failed logins counted in the database (`login_failure`), so that every server
/// sharing it refuses a guesser alike: the counts of the keys asked about are read and
/// written in one transaction, holding their rows.
struct PostgresLoginFailures: LoginFailureStorage {
    let storage: PostgresStorage

    func withFailures<Result: Sendable>(
        of keys: [String], forgetBefore: Date, _ change: @Sendable (inout [String: LoginFailures]) -> Result
    ) async throws -> Result {
        let logger = storage.logger
        return try await storage.transaction { connection in
            try await connection.send("DELETE FROM login_failure WHERE last < \(StoredTime.millis(forgetBefore))", logger: logger)
            // Rows made first, so that there is a row to hold for every key.
            try await connection.send("""
                INSERT INTO login_failure (key, count, last, refused_while_waiting)
                SELECT key, 0, 0, 0 FROM unnest(\(keys)::text[]) AS key ON CONFLICT (key) DO NOTHING
                """, logger: logger)
            var table: [String: LoginFailures] = [:]
            let rows = try await connection.send("""
                SELECT key, count, last, refused_while_waiting FROM login_failure WHERE key = ANY(\(keys)::text[]) ORDER BY key FOR UPDATE
                """, logger: logger)
            for try await (key, count, last, refused) in rows.decode((String, Int32, Int64, Int32).self) where count > 0 {
                table[key] = LoginFailures(count: Int(count), last: StoredTime.date(last), refusedWhileWaiting: Int(refused))
            }
            let result = change(&table)
            let kept = keys.filter { table[$0] != nil }
            try await connection.send("DELETE FROM login_failure WHERE key = ANY(\(keys.filter { table[$0] == nil })::text[])", logger: logger)
            try await connection.send("""
                UPDATE login_failure AS f SET count = v.count, last = v.last, refused_while_waiting = v.refused
                FROM unnest(\(kept)::text[], \(kept.map { Int32(clamping: table[$0]!.count) })::integer[],
                            \(kept.map { StoredTime.millis(table[$0]!.last) })::bigint[],
                            \(kept.map { Int32(clamping: table[$0]!.refusedWhileWaiting) })::integer[]) AS v(key, count, last, refused)
                WHERE f.key = v.key
                """, logger: logger)
            return result
        }
    }
}

extension PostgresStorage {
    /// Failed logins, in the database: every server sharing it counts them together.
    public var loginFailures: any LoginFailureStorage { PostgresLoginFailures(storage: self) }
}
