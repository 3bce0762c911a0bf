import FieldVisitCore
import Foundation
import Logging
import PostgresNIO

/// The PostgreSQL database's schema, as ordered named steps like `ServerMigrations`
/// for SQLite; a step once shipped never changes. Applied steps are listed in
/// `fieldvisit_migration`.
///
/// The tables mirror SQLite's, as they are after all of `ServerMigrations`: times are
/// milliseconds since 1970 in `bigint` (`StoredTime`), blobs are `bytea`. Sequence
/// numbers (`change_set.seq`, `audit.seq`) have no default: the writer gives them, in
/// order, under its lock.
enum PostgresMigrations {
    /// A named step: statements run in one transaction, then `fill`, in the same
    /// transaction, for what SQL alone cannot compute.
    struct Migration: Sendable {
        var identifier: String
        var statements: [String]
        var fill: (@Sendable (PostgresConnection, Schema, Logger) async throws -> Void)? = nil
    }

    static let all: [Migration] = [
        Migration(identifier: "v1-accounts", statements: [
            "CREATE TABLE branch (code text PRIMARY KEY, name text NOT NULL, created_at bigint NOT NULL)",
            """
            CREATE TABLE account (
                name text PRIMARY KEY,
                password_hash text NOT NULL,
                role text NOT NULL CHECK (role IN ('field', 'manager', 'admin')),
                disabled boolean NOT NULL DEFAULT false,
                created_at bigint NOT NULL
            )
            """,
            """
            CREATE TABLE account_branch (
                account text NOT NULL REFERENCES account (name),
                branch text NOT NULL REFERENCES branch (code),
                PRIMARY KEY (account, branch)
            )
            """,
            """
            CREATE TABLE device (
                id text PRIMARY KEY,
                account text NOT NULL REFERENCES account (name),
                replica text NOT NULL UNIQUE,
                name text NOT NULL,
                token_hash bytea NOT NULL UNIQUE,
                enrolled_at bigint NOT NULL,
                last_seen_at bigint,
                revoked_at bigint,
                wipe_ordered_at bigint
            )
            """,
            // Revoking a user's devices finds them without reading every device.
            "CREATE INDEX device_by_account ON device (account)",
            // Failed logins, counted for every server alike (`PostgresLoginFailures`).
            """
            CREATE TABLE login_failure (
                key text PRIMARY KEY,
                count integer NOT NULL,
                last bigint NOT NULL,
                refused_while_waiting integer NOT NULL
            )
            """,
            "CREATE INDEX login_failure_by_time ON login_failure (last)",
        ]),
        Migration(identifier: "v1-log", statements: [
            // A pull reads one branch's run of `(branch, seq)` from the cursor, so its
            // cost follows what it returns, not the log's size.
            """
            CREATE TABLE change_set (
                seq bigint PRIMARY KEY,
                replica text NOT NULL,
                counter bigint NOT NULL,
                author text NOT NULL,
                device text NOT NULL,
                branch text NOT NULL,
                received_at bigint NOT NULL,
                body bytea NOT NULL,
                UNIQUE (replica, counter)
            )
            """,
            "CREATE INDEX change_set_by_branch ON change_set (branch, seq)",
            // Registers as their canonical JSON (`PostgresRecordState`), which any server
            // reads without a table of replica numbers.
            """
            CREATE TABLE record (
                type text NOT NULL,
                id text NOT NULL,
                branch text NOT NULL,
                state bytea NOT NULL,
                conflicts integer NOT NULL,
                updated_seq bigint NOT NULL,
                PRIMARY KEY (type, id)
            )
            """,
            "CREATE INDEX record_by_branch ON record (branch)",
            // Few records hold a conflict: listing them reads only those.
            "CREATE INDEX record_in_conflict ON record (type, id) WHERE conflicts > 0",
        ]),
        Migration(identifier: "v1-audit", statements: [
            // Each entry carries a hash chained to the one before (`AuditChain`); `hash`
            // may be NULL only for rows written around the server, which verifying names.
            """
            CREATE TABLE audit (
                seq bigint PRIMARY KEY,
                at bigint NOT NULL,
                event text NOT NULL,
                account text,
                device text,
                address text,
                detail text NOT NULL,
                hash bytea
            )
            """,
            "CREATE INDEX audit_by_time ON audit (at)",
            // Append-only, enforced by the database itself as in SQLite; the chain shows
            // it when someone drops the triggers.
            """
            CREATE FUNCTION audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                RAISE EXCEPTION 'the audit trail is append-only';
            END
            $$
            """,
            "CREATE TRIGGER audit_no_change BEFORE UPDATE OR DELETE ON audit FOR EACH ROW EXECUTE FUNCTION audit_append_only()",
            "CREATE TRIGGER audit_no_truncate BEFORE TRUNCATE ON audit FOR EACH STATEMENT EXECUTE FUNCTION audit_append_only()",
        ]),
        Migration(identifier: "v2-review-queue", statements: [
            // The records waiting for a manager (`ReviewStatus`), kept by every push in
            // its transaction, so that the console's queue reads only them. Oldest first
            // needs the sequence number at which each record first arrived: taken once
            // from the log for the records stored before, kept by pushes after. (`json`,
            // not `jsonb`: only the operations' type and id are read.)
            "ALTER TABLE record ADD COLUMN created_seq bigint",
            """
            UPDATE record r SET created_seq = first.seq FROM (
                SELECT o ->> 'type' AS type, o ->> 'id' AS id, min(c.seq) AS seq
                FROM change_set c, json_array_elements(convert_from(c.body, 'UTF8')::json -> 'operations') AS o GROUP BY 1, 2
            ) AS first WHERE r.type = first.type AND r.id = first.id
            """,
            "UPDATE record SET created_seq = updated_seq WHERE created_seq IS NULL",
            "ALTER TABLE record ALTER COLUMN created_seq SET NOT NULL",
            """
            CREATE TABLE review_item (
                type text NOT NULL,
                id text NOT NULL,
                branch text NOT NULL,
                company_id text,
                date text,
                staff text[] NOT NULL,
                review_state text NOT NULL,
                submitted boolean NOT NULL,
                changed boolean NOT NULL,
                conflict boolean NOT NULL,
                deletion_conflict boolean NOT NULL,
                changed_fields text[] NOT NULL,
                conflict_fields text[] NOT NULL,
                created_seq bigint NOT NULL,
                updated_seq bigint NOT NULL,
                PRIMARY KEY (type, id)
            )
            """,
            // A reader's branches, each in queue order; every branch in queue order; a staff member's records.
            "CREATE INDEX review_item_by_branch ON review_item (branch, date NULLS FIRST, created_seq)",
            "CREATE INDEX review_item_by_date ON review_item (date NULLS FIRST, created_seq)",
            "CREATE INDEX review_item_by_staff ON review_item USING gin (staff)",
        ], fill: { connection, schema, logger in
            try await PostgresReviewQueue.fill(on: connection, schema: schema, logger: logger)
        }),
        Migration(identifier: "v3-console-sessions", statements: [
            """
            CREATE TABLE console_session (
                token_hash bytea PRIMARY KEY,
                account text NOT NULL REFERENCES account (name),
                form_token text NOT NULL,
                address text,
                created_at bigint NOT NULL,
                last_seen_at bigint NOT NULL
            )
            """,
            "CREATE INDEX console_session_by_account ON console_session (account)",
        ]),
    ]

    /// Migrates the database forward on `connection`, holding
    /// ``PostgresAdvisoryLock/migrations`` meanwhile: a server started at the same time
    /// waits, then finds every step applied. Throws
    /// ``StorageError/newerThanProgram(path:unknownMigrations:)`` when the database has
    /// a step this program does not know, before changing anything.
    static func migrate(on connection: PostgresConnection, database: String, schema: Schema = .fieldVisit, logger: Logger) async throws {
        let key = PostgresAdvisoryLock.migrations.rawValue
        try await connection.send("SELECT pg_advisory_lock(\(key))", logger: logger)
        do {
            try await migrateLocked(on: connection, database: database, schema: schema, logger: logger)
        } catch {
            _ = try? await connection.send("SELECT pg_advisory_unlock(\(key))", logger: logger)
            throw error
        }
        try await connection.send("SELECT pg_advisory_unlock(\(key))", logger: logger)
    }

    private static func migrateLocked(on connection: PostgresConnection, database: String, schema: Schema, logger: Logger) async throws {
        try await connection.send("""
            CREATE TABLE IF NOT EXISTS fieldvisit_migration (identifier text PRIMARY KEY, applied_at bigint NOT NULL)
            """, logger: logger)
        var applied: Set<String> = []
        for try await identifier in try await connection.send("SELECT identifier FROM fieldvisit_migration", logger: logger).decode(String.self) {
            applied.insert(identifier)
        }
        let unknown = applied.subtracting(all.map(\.identifier))
        guard unknown.isEmpty else { throw StorageError.newerThanProgram(path: database, unknownMigrations: unknown.sorted()) }
        for migration in all where !applied.contains(migration.identifier) {
            try await PostgresStorage.transaction(on: connection, logger: logger) { connection in
                for statement in migration.statements {
                    try await connection.send(PostgresQuery(unsafeSQL: statement), logger: logger)
                }
                try await migration.fill?(connection, schema, logger)
                try await connection.send("""
                    INSERT INTO fieldvisit_migration (identifier, applied_at) VALUES (\(migration.identifier), \(StoredTime.millis(Date())))
                    """, logger: logger)
            }
            logger.info("migrated the database", metadata: ["migration": "\(migration.identifier)"])
        }
    }
}
