import GRDB

/// The local store's schema, as ordered named steps. A store written by an older
/// version runs the steps it lacks when opened; a step once shipped never changes.
enum StoreMigrations {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()

        migrator.registerMigration("v1-store-info") { db in
            // This laptop's replica id, user, counter and clock.
            try db.execute(sql: "CREATE TABLE store_info (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL) WITHOUT ROWID")
        }

        migrator.registerMigration("v1-change-set-log") { db in
            // Replica UUIDs interned as small integers: they recur in every register row.
            try db.execute(sql: "CREATE TABLE replica (no INTEGER PRIMARY KEY, uuid TEXT NOT NULL UNIQUE)")
            // The log: every change set applied here, in the order applied. The body is
            // its canonical JSON, exactly as made or received.
            try db.execute(sql: """
                CREATE TABLE change_set (
                    seq INTEGER PRIMARY KEY AUTOINCREMENT,
                    replica_no INTEGER NOT NULL REFERENCES replica(no),
                    counter INTEGER NOT NULL,
                    author TEXT NOT NULL,
                    time INTEGER NOT NULL,
                    logical INTEGER NOT NULL,
                    local INTEGER NOT NULL,
                    applied_at INTEGER NOT NULL,
                    body TEXT NOT NULL,
                    UNIQUE (replica_no, counter)
                )
                """)
            // Which records each change touched: a record's history without reading the log.
            try db.execute(sql: """
                CREATE TABLE change_record (
                    type TEXT NOT NULL, id TEXT NOT NULL, seq INTEGER NOT NULL REFERENCES change_set(seq),
                    PRIMARY KEY (type, id, seq)
                ) WITHOUT ROWID
                """)
        }

        migrator.registerMigration("v1-registers") { db in
            // One row per surviving value of a field (several while a conflict waits).
            // value_kind: 0 null, 1 boolean, 2 integer, 3 text.
            try db.execute(sql: """
                CREATE TABLE field_value (
                    type TEXT NOT NULL, id TEXT NOT NULL, field TEXT NOT NULL,
                    replica_no INTEGER NOT NULL, counter INTEGER NOT NULL,
                    value_kind INTEGER NOT NULL, value,
                    time INTEGER NOT NULL, logical INTEGER NOT NULL, author TEXT NOT NULL,
                    PRIMARY KEY (type, id, field, replica_no, counter)
                ) WITHOUT ROWID
                """)
            // One row per surviving add of a set element.
            try db.execute(sql: """
                CREATE TABLE set_element (
                    type TEXT NOT NULL, id TEXT NOT NULL, field TEXT NOT NULL,
                    element_kind INTEGER NOT NULL, element NOT NULL,
                    replica_no INTEGER NOT NULL, counter INTEGER NOT NULL,
                    PRIMARY KEY (type, id, field, element_kind, element, replica_no, counter)
                ) WITHOUT ROWID
                """)
            // Deletions/restorations ('tombstone') and approvals ('approval'), each with
            // the version of the record it named (canonical JSON).
            try db.execute(sql: """
                CREATE TABLE record_mark (
                    type TEXT NOT NULL, id TEXT NOT NULL, mark TEXT NOT NULL,
                    replica_no INTEGER NOT NULL, counter INTEGER NOT NULL,
                    deleted INTEGER NOT NULL, version TEXT NOT NULL,
                    time INTEGER NOT NULL, logical INTEGER NOT NULL, author TEXT NOT NULL,
                    PRIMARY KEY (type, id, mark, replica_no, counter)
                ) WITHOUT ROWID
                """)
        }

        migrator.registerMigration("v1-record-view") { db in
            // The current view of every record, derived from the registers after each
            // change set; never written otherwise. `search_key` holds the folded name,
            // kana and corporate number of companies.
            try db.execute(sql: """
                CREATE TABLE record_view (
                    type TEXT NOT NULL, id TEXT NOT NULL,
                    company_id TEXT, date TEXT, name TEXT, search_key TEXT,
                    purpose TEXT, review_state TEXT, next_visit_date TEXT,
                    deleted INTEGER NOT NULL, conflicts INTEGER NOT NULL, changed_since_approval TEXT,
                    created_seq INTEGER NOT NULL, updated_seq INTEGER NOT NULL,
                    field_values TEXT NOT NULL, set_values TEXT NOT NULL,
                    PRIMARY KEY (type, id)
                ) WITHOUT ROWID
                """)
            try db.execute(sql: "CREATE INDEX record_view_company ON record_view (type, company_id, date)")
            try db.execute(sql: "CREATE INDEX record_view_date ON record_view (type, date)")
            try db.execute(sql: "CREATE INDEX record_view_next_visit ON record_view (next_visit_date) WHERE next_visit_date IS NOT NULL")
            try db.execute(sql: "CREATE INDEX record_view_conflicts ON record_view (type, id) WHERE conflicts > 0")
        }
        migrator.registerMigration("v2-sync") { db in
            // The login to the sync server, one row while logged in. The device token
            // is not here but in its own owner-only file, so a copy of the store does
            // not let anyone sync.
            try db.execute(sql: """
                CREATE TABLE sync_login (
                    id INTEGER PRIMARY KEY CHECK (id = 1),
                    server TEXT NOT NULL, user TEXT NOT NULL, device TEXT NOT NULL, device_name TEXT NOT NULL,
                    role TEXT NOT NULL, branches TEXT NOT NULL, logged_in_at INTEGER NOT NULL
                )
                """)
            // How far this laptop has synced with `server`: every own change set up to
            // `pushed_counter` is on the server; `pull_cursor` is the server sequence
            // number pulled up to (NULL: never pulled).
            try db.execute(sql: """
                CREATE TABLE sync_state (
                    id INTEGER PRIMARY KEY CHECK (id = 1),
                    server TEXT, pushed_counter INTEGER NOT NULL, pull_cursor INTEGER, last_sync INTEGER
                )
                """)
            try db.execute(sql: "INSERT INTO sync_state (id, pushed_counter) VALUES (1, 0)")
            // Records received as a snapshot: their registers as they were at the
            // server's cursor, and the last log row that state already includes. The
            // log holds what came after, so the registers can be rebuilt from both.
            try db.execute(sql: """
                CREATE TABLE snapshot_record (
                    type TEXT NOT NULL, id TEXT NOT NULL, state TEXT NOT NULL, base_seq INTEGER NOT NULL,
                    PRIMARY KEY (type, id)
                ) WITHOUT ROWID
                """)
        }
        migrator.registerMigration("v3-report-index") { db in
            // The fiscal-year reports count visits by date, purpose and company: this index
            // holds every column they filter and count by, so those counts never read the
            // view rows themselves (see docs/reports.md).
            try db.execute(sql: "CREATE INDEX record_view_report ON record_view (type, date, purpose, company_id, deleted, conflicts)")
        }
        migrator.registerMigration("v4-visit-set-elements") { db in
            // The set fields the reports count (staff, banks accompanying, support
            // actions, referrals), one row per element of a visit not deleted, beside the
            // visit's date, purpose and company: a count by one of them reads these rows
            // only, not a view row per visit (see docs/reports.md).
            try db.execute(sql: """
                CREATE TABLE visit_set_element (
                    field TEXT NOT NULL, element TEXT NOT NULL, visit_id TEXT NOT NULL,
                    date TEXT, purpose TEXT, company_id TEXT,
                    PRIMARY KEY (field, element, visit_id)
                ) WITHOUT ROWID
                """)
            try db.execute(sql: """
                INSERT INTO visit_set_element (field, element, visit_id, date, purpose, company_id)
                SELECT f.key, e.value, v.id, v.date, v.purpose, v.company_id
                FROM record_view v, json_each(v.set_values) f, json_each(f.value) e
                WHERE v.type = 'visit' AND v.deleted = 0 AND e.type = 'text'
                AND f.key IN ('staff', 'accompanyingOrganisations', 'supportActions', 'referrals')
                """)
            // A company's visits are counted by year and purpose in the order of the
            // company: the index holds those columns, so that reading it is enough. The
            // date index is the report index's prefix, so it goes.
            try db.execute(sql: "DROP INDEX record_view_company")
            try db.execute(sql: "CREATE INDEX record_view_company ON record_view (type, company_id, date, purpose, deleted, conflicts)")
            try db.execute(sql: "DROP INDEX record_view_date")
        }
        migrator.registerMigration("v5-numbered-records") { db in
            // Every table was kept in the order of the records' random ids, so a new
            // record went to a random page of each: about a dozen pages read and written
            // per change set, and more as the store grew. Now each record has a number in
            // this store (`record_view.no`, given in the order records arrive) and the
            // registers, the history and the reports' set elements are kept in that
            // order: a new record's rows go at the end of those tables, and only the small
            // indexes of the view keep the order of ids, companies or dates.
            try db.execute(sql: """
                CREATE TABLE record_view_numbered (
                    no INTEGER PRIMARY KEY,
                    type TEXT NOT NULL, id TEXT NOT NULL,
                    company_id TEXT, date TEXT, name TEXT, search_key TEXT,
                    purpose TEXT, review_state TEXT, next_visit_date TEXT,
                    deleted INTEGER NOT NULL, conflicts INTEGER NOT NULL, changed_since_approval TEXT,
                    created_seq INTEGER NOT NULL, updated_seq INTEGER NOT NULL,
                    field_values TEXT NOT NULL, set_values TEXT NOT NULL
                )
                """)
            try db.execute(sql: """
                INSERT INTO record_view_numbered (type, id, company_id, date, name, search_key, purpose, review_state, next_visit_date,
                    deleted, conflicts, changed_since_approval, created_seq, updated_seq, field_values, set_values)
                SELECT type, id, company_id, date, name, search_key, purpose, review_state, next_visit_date,
                    deleted, conflicts, changed_since_approval, created_seq, updated_seq, field_values, set_values
                FROM record_view ORDER BY created_seq, type, id
                """)
            try db.execute(sql: "DROP TABLE record_view")
            try db.execute(sql: "ALTER TABLE record_view_numbered RENAME TO record_view")
            try db.execute(sql: "CREATE UNIQUE INDEX record_view_key ON record_view (type, id)")
            try db.execute(sql: "CREATE INDEX record_view_company ON record_view (type, company_id, date, purpose, deleted, conflicts)")
            try db.execute(sql: "CREATE INDEX record_view_report ON record_view (type, date, purpose, company_id, deleted, conflicts)")
            try db.execute(sql: "CREATE INDEX record_view_next_visit ON record_view (next_visit_date) WHERE next_visit_date IS NOT NULL")
            try db.execute(sql: "CREATE INDEX record_view_conflicts ON record_view (type, id) WHERE conflicts > 0")
            // A company search reads the folded names here rather than every company's row.
            try db.execute(sql: "CREATE INDEX record_view_search ON record_view (type, deleted, search_key) WHERE type = 'company'")

            // The log keeps its sequence numbers; rows are never deleted from it, so the
            // next number is the largest plus one without AUTOINCREMENT's extra table
            // written at every commit.
            try db.execute(sql: """
                CREATE TABLE change_set_numbered (
                    seq INTEGER PRIMARY KEY,
                    replica_no INTEGER NOT NULL REFERENCES replica(no),
                    counter INTEGER NOT NULL,
                    author TEXT NOT NULL,
                    time INTEGER NOT NULL,
                    logical INTEGER NOT NULL,
                    local INTEGER NOT NULL,
                    applied_at INTEGER NOT NULL,
                    body TEXT NOT NULL,
                    UNIQUE (replica_no, counter)
                )
                """)
            try db.execute(sql: "INSERT INTO change_set_numbered SELECT * FROM change_set ORDER BY seq")
            try db.execute(sql: "DROP TABLE change_set")
            try db.execute(sql: "ALTER TABLE change_set_numbered RENAME TO change_set")

            /// Replaces `table` by `definition`, filled by `select` (`v` is the view).
            func renumber(_ table: String, _ definition: String, _ select: String) throws {
                try db.execute(sql: "CREATE TABLE \(table)_numbered (\(definition)) WITHOUT ROWID")
                try db.execute(sql: "INSERT INTO \(table)_numbered \(select)")
                try db.execute(sql: "DROP TABLE \(table)")
                try db.execute(sql: "ALTER TABLE \(table)_numbered RENAME TO \(table)")
            }
            try renumber("field_value", """
                record_no INTEGER NOT NULL, field TEXT NOT NULL, replica_no INTEGER NOT NULL, counter INTEGER NOT NULL,
                value_kind INTEGER NOT NULL, value, time INTEGER NOT NULL, logical INTEGER NOT NULL, author TEXT NOT NULL,
                PRIMARY KEY (record_no, field, replica_no, counter)
                """, """
                SELECT v.no, r.field, r.replica_no, r.counter, r.value_kind, r.value, r.time, r.logical, r.author
                FROM field_value r JOIN record_view v ON v.type = r.type AND v.id = r.id
                """)
            try renumber("set_element", """
                record_no INTEGER NOT NULL, field TEXT NOT NULL, element_kind INTEGER NOT NULL, element NOT NULL,
                replica_no INTEGER NOT NULL, counter INTEGER NOT NULL,
                PRIMARY KEY (record_no, field, element_kind, element, replica_no, counter)
                """, """
                SELECT v.no, r.field, r.element_kind, r.element, r.replica_no, r.counter
                FROM set_element r JOIN record_view v ON v.type = r.type AND v.id = r.id
                """)
            try renumber("record_mark", """
                record_no INTEGER NOT NULL, mark TEXT NOT NULL, replica_no INTEGER NOT NULL, counter INTEGER NOT NULL,
                deleted INTEGER NOT NULL, version TEXT NOT NULL, time INTEGER NOT NULL, logical INTEGER NOT NULL, author TEXT NOT NULL,
                PRIMARY KEY (record_no, mark, replica_no, counter)
                """, """
                SELECT v.no, r.mark, r.replica_no, r.counter, r.deleted, r.version, r.time, r.logical, r.author
                FROM record_mark r JOIN record_view v ON v.type = r.type AND v.id = r.id
                """)
            try renumber("change_record", """
                record_no INTEGER NOT NULL, seq INTEGER NOT NULL REFERENCES change_set(seq),
                PRIMARY KEY (record_no, seq)
                """, "SELECT v.no, r.seq FROM change_record r JOIN record_view v ON v.type = r.type AND v.id = r.id")
            try renumber("visit_set_element", """
                field TEXT NOT NULL, element TEXT NOT NULL, record_no INTEGER NOT NULL,
                date TEXT, purpose TEXT, company_id TEXT,
                PRIMARY KEY (field, element, record_no)
                """, """
                SELECT r.field, r.element, v.no, r.date, r.purpose, r.company_id
                FROM visit_set_element r JOIN record_view v ON v.type = 'visit' AND v.id = r.visit_id
                """)
        }
        migrator.registerMigration("v6-packed-registers") { db in
            // A record's registers were rows of three tables, each a B-tree page more to
            // write per change set. They are now packed in the record's view row
            // (`PackedRegisters`), which every change set rewrites anyway. The packed
            // form is rebuilt from the log (`LocalStore.open` sees the `rebuild` key):
            // the log holds every change, and rebuilding from it is the path the tests
            // hold to equal the live store.
            try db.execute(sql: "ALTER TABLE record_view ADD COLUMN registers BLOB")
            for table in ["field_value", "set_element", "record_mark"] { try db.execute(sql: "DROP TABLE \(table)") }
            if try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM record_view)") == true {
                try db.execute(sql: "INSERT OR REPLACE INTO store_info (key, value) VALUES ('rebuild', 'registers')")
            }
        }
        migrator.registerMigration("v7-login-server-ca") { db in
            // Whether the login trusts the office CA file (1) or the system's roots (0), so
            // that a CA file gone missing is reported, not silently replaced by the system's
            // roots. NULL for logins made before: their CA file, if present, decides.
            try db.execute(sql: "ALTER TABLE sync_login ADD COLUMN server_ca INTEGER")
        }
        migrator.registerMigration("v8-visit-issue-elements") { db in
            // The succession report counts the visits that record "no successor": the
            // issues of every visit not deleted join the set elements the reports read.
            try db.execute(sql: """
                INSERT OR IGNORE INTO visit_set_element (field, element, record_no, date, purpose, company_id)
                SELECT 'issues', e.value, v.no, v.date, v.purpose, v.company_id
                FROM record_view v, json_each(v.set_values, '$.issues') e
                WHERE v.type = 'visit' AND v.deleted = 0
                """)
        }
        migrator.registerMigration("v9-search-key-variants") { db in
            // Company search folds kanji variants and legal-form abbreviations: the
            // stored keys are folded again.
            let rows = try Row.fetchAll(db, sql: """
                SELECT no, name, json_extract(field_values, '$.nameKana'), json_extract(field_values, '$.corporateNumber')
                FROM record_view WHERE type = 'company'
                """)
            let update = try db.makeStatement(sql: "UPDATE record_view SET search_key = ? WHERE no = ?")
            for row in rows {
                let key = CompanySearch.key(name: row[1], kana: row[2], corporateNumber: row[3])
                try update.execute(arguments: [key, row[0] as Int64])
            }
        }
        return migrator
    }
}
