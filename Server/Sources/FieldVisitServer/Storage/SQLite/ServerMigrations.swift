import FieldVisitCore
import FieldVisitSQLite
import Foundation
import GRDB

/// The server database's schema, as ordered named steps; a step once shipped never changes.
enum ServerMigrations {
    /// The steps; `schema` says which records wait for review when the queue is filled.
    static func migrator(schema: Schema = .fieldVisit) -> DatabaseMigrator {
        var migrator = DatabaseMigrator()

        migrator.registerMigration("v1-accounts") { db in
            try db.execute(sql: """
                CREATE TABLE branch (code TEXT PRIMARY KEY NOT NULL, name TEXT NOT NULL, created_at INTEGER NOT NULL) WITHOUT ROWID;
                CREATE TABLE account (
                    name TEXT PRIMARY KEY NOT NULL,
                    password_hash TEXT NOT NULL,
                    role TEXT NOT NULL CHECK (role IN ('field', 'manager', 'admin')),
                    disabled INTEGER NOT NULL DEFAULT 0,
                    created_at INTEGER NOT NULL
                ) WITHOUT ROWID;
                CREATE TABLE account_branch (
                    account TEXT NOT NULL REFERENCES account(name),
                    branch TEXT NOT NULL REFERENCES branch(code),
                    PRIMARY KEY (account, branch)
                ) WITHOUT ROWID;
                CREATE TABLE device (
                    id TEXT PRIMARY KEY NOT NULL,
                    account TEXT NOT NULL REFERENCES account(name),
                    replica TEXT NOT NULL UNIQUE,
                    name TEXT NOT NULL,
                    token_hash BLOB NOT NULL UNIQUE,
                    enrolled_at INTEGER NOT NULL,
                    last_seen_at INTEGER,
                    revoked_at INTEGER
                ) WITHOUT ROWID;
                """)
        }

        migrator.registerMigration("v1-log") { db in
            // The log in sequence order. A pull reads one branch's run of the index from
            // the cursor, so its cost follows what it returns, not the log's size.
            try db.execute(sql: """
                CREATE TABLE change_set (
                    seq INTEGER PRIMARY KEY AUTOINCREMENT,
                    replica TEXT NOT NULL,
                    counter INTEGER NOT NULL,
                    author TEXT NOT NULL,
                    device TEXT NOT NULL,
                    branch TEXT NOT NULL,
                    received_at INTEGER NOT NULL,
                    body BLOB NOT NULL,
                    UNIQUE (replica, counter)
                );
                CREATE INDEX change_set_by_branch ON change_set (branch, seq);
                -- A rowid table: its rows hold a kilobyte or more of registers, which a
                -- WITHOUT ROWID table would move around inside its key B-tree.
                CREATE TABLE record (
                    type TEXT NOT NULL,
                    id TEXT NOT NULL,
                    branch TEXT NOT NULL,
                    state BLOB NOT NULL,
                    conflicts INTEGER NOT NULL,
                    updated_seq INTEGER NOT NULL,
                    UNIQUE (type, id)
                );
                CREATE INDEX record_by_branch ON record (branch);
                """)
        }

        migrator.registerMigration("v1-audit") { db in
            // Append-only, enforced by the database itself: no program path can edit it.
            try db.execute(sql: """
                CREATE TABLE audit (
                    seq INTEGER PRIMARY KEY AUTOINCREMENT,
                    at INTEGER NOT NULL,
                    event TEXT NOT NULL,
                    account TEXT,
                    device TEXT,
                    address TEXT,
                    detail TEXT NOT NULL
                );
                CREATE INDEX audit_by_time ON audit (at);
                CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
                CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
                """)
        }
        migrator.registerMigration("v2-packed-registers") { db in
            // Records' registers were canonical JSON, a kilobyte and more of replica ids
            // and member names per record; packed (`PackedRegisters`, replicas by
            // number) they take about a third, and read without a JSON parser.
            try db.execute(sql: "CREATE TABLE replica (no INTEGER PRIMARY KEY, uuid TEXT NOT NULL UNIQUE)")
            var numbers = try ReplicaNumbers(readingAll: db)
            let decoder = JSONDecoder()
            let update = try db.makeStatement(sql: "UPDATE record SET state = ? WHERE rowid = ?")
            let rows = try Row.fetchCursor(db, sql: "SELECT rowid, state FROM record")
            while let row = try rows.next() {
                let state = try decoder.decode(EntityState.self, from: row[1] as Data)
                try numbers.numberReplicas(of: state, in: db)
                try update.execute(arguments: [try numbers.pack(state), row[0] as Int64])
            }
        }
        migrator.registerMigration("v3-audit-chain") { db in
            // Each entry carries a hash chained to the one before (`AuditChain`): the
            // triggers alone could be dropped. Existing entries get theirs here, the
            // only time the trail is written to other than by appending.
            try db.execute(sql: """
                DROP TRIGGER audit_no_update;
                ALTER TABLE audit ADD COLUMN hash BLOB;
                """)
            var previous = AuditChain.genesis
            let rows = try Row.fetchCursor(db, sql: "SELECT seq, at, event, account, device, address, detail FROM audit ORDER BY seq")
            let update = try db.makeStatement(sql: "UPDATE audit SET hash = ? WHERE seq = ?")
            while let row = try rows.next() {
                let event = try SQLiteStorage.auditEvent(row)
                previous = AuditChain.hash(event, previous: previous)
                try update.execute(arguments: [previous, event.sequence])
            }
            try db.execute(sql: "CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;")
        }
        migrator.registerMigration("v4-device-wipe") { db in
            // `device revoke --wipe`: the laptop is told to erase its store when it next
            // reaches the server.
            try db.execute(sql: "ALTER TABLE device ADD COLUMN wipe_ordered_at INTEGER")
        }
        migrator.registerMigration("v5-review-queue") { db in
            // The records waiting for a manager (`ReviewStatus`), kept by every push in
            // its transaction, so that the console's queue reads only them. Oldest first
            // needs the sequence number at which each record first arrived: taken once
            // from the log for the records stored before, kept by pushes after.
            try db.execute(sql: """
                ALTER TABLE record ADD COLUMN created_seq INTEGER;
                UPDATE record SET created_seq = first.seq FROM (
                    SELECT json_extract(o.value, '$.type') AS type, json_extract(o.value, '$.id') AS id, min(c.seq) AS seq
                    FROM change_set c, json_each(CAST(c.body AS TEXT), '$.operations') o GROUP BY 1, 2
                ) AS first WHERE record.type = first.type AND record.id = first.id;
                UPDATE record SET created_seq = updated_seq WHERE created_seq IS NULL;
                CREATE TABLE review_item (
                    type TEXT NOT NULL,
                    id TEXT NOT NULL,
                    branch TEXT NOT NULL,
                    company_id TEXT,
                    date TEXT,
                    staff TEXT NOT NULL,              -- a JSON list of names
                    review_state TEXT NOT NULL,
                    submitted INTEGER NOT NULL,       -- the reasons it waits, one flag each (ReviewReason)
                    changed INTEGER NOT NULL,
                    conflict INTEGER NOT NULL,
                    deletion_conflict INTEGER NOT NULL,
                    changed_fields TEXT NOT NULL,     -- JSON lists of field names
                    conflict_fields TEXT NOT NULL,
                    created_seq INTEGER NOT NULL,
                    updated_seq INTEGER NOT NULL,
                    PRIMARY KEY (type, id)
                ) WITHOUT ROWID;
                -- A reader's branches, each in queue order; every branch in queue order.
                CREATE INDEX review_item_by_branch ON review_item (branch, date, created_seq);
                CREATE INDEX review_item_by_date ON review_item (date, created_seq);
                """)
            try SQLiteReviewQueueWriter.fill(db, schema: schema)
        }
        migrator.registerMigration("v6-console-sessions") { db in
            // The review console's logins: the token only as its SHA-256 hash.
            try db.execute(sql: """
                CREATE TABLE console_session (
                    token_hash BLOB PRIMARY KEY NOT NULL,
                    account TEXT NOT NULL REFERENCES account(name),
                    form_token TEXT NOT NULL,
                    address TEXT,
                    created_at INTEGER NOT NULL,
                    last_seen_at INTEGER NOT NULL
                ) WITHOUT ROWID;
                CREATE INDEX console_session_by_account ON console_session (account);
                """)
        }
        return migrator
    }
}
