import FieldVisitCore
import Foundation
import GRDB
import Testing
@testable import FieldVisitClient

/// A temporary data directory, removed when the test ends.
final class TemporaryHome {
    let url: URL
    init() {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("fieldvisit-test-\(UUID().uuidString)")
    }
    var home: StoreHome { StoreHome(option: url.path) }
    deinit { try? FileManager.default.removeItem(at: url) }
}

/// Everything a store holds, as comparable text: views and registers, each row under
/// its record's type and id rather than the number this store gave the record.
func dump(_ store: LocalStore) throws -> [String] {
    try store.read { db in
        var lines: [String] = []
        for (table, columns, order) in [
            ("change_record", "seq", "seq"),
            ("visit_set_element", "field, element, date, purpose, company_id", "field, element"),
        ] {
            let prefixed = columns.split(separator: ",").map { "r." + $0.trimmingCharacters(in: .whitespaces) }.joined(separator: ", ")
            let ordering = order.split(separator: ",").map { "r." + $0.trimmingCharacters(in: .whitespaces) }.joined(separator: ", ")
            for row in try Row.fetchAll(db, sql: """
                SELECT v.type, v.id, \(prefixed) FROM \(table) r JOIN record_view v ON v.no = r.record_no ORDER BY v.type, v.id, \(ordering)
                """) {
                lines.append("\(table) \(row.description)")
            }
        }
        for row in try Row.fetchAll(db, sql: """
            SELECT type, id, company_id, date, name, search_key, purpose, review_state, next_visit_date, deleted, conflicts,
                changed_since_approval, created_seq, updated_seq, field_values, set_values, hex(registers)
            FROM record_view ORDER BY type, id
            """) {
            lines.append("record_view \(row.description)")
        }
        // The registers as the engine has them, beside their packed bytes above.
        var registers = RecordRegisters(db)
        for row in try Row.fetchAll(db, sql: "SELECT type, id FROM record_view ORDER BY type, id") {
            let key = EntityKey(RecordType(rawValue: row[0]), RecordID(rawValue: row[1]))
            let state = try #require(try registers.load(key)).state
            lines.append("registers \(key) \(String(decoding: CanonicalJSONWriter.encode(state), as: UTF8.self))")
        }
        return lines
    }
}

@Suite struct LocalStoreTests {
    let company = EntityKey(.company, RecordID(rawValue: "c0a1b2c3-d4e5-4f60-8a7b-9c0d1e2f3a4b"))

    func companyEdits(_ key: EntityKey, name: String = "株式会社カワムラ") -> [Edit] {
        [
            .set(key, field: "name", value: .text(name)),
            .set(key, field: "nameKana", value: "カワムラ"),
            .set(key, field: "corporateNumber", value: "1180301018771"),
            .set(key, field: "industry", value: "manufacturing"),
            .add(key, field: "cohortTags", element: "covidZeroInterestLoan"),
        ]
    }

    @Test("init creates an owner-only store with a replica id that survives reopening")
    func createAndReopen() throws {
        let temporary = TemporaryHome()
        let store = try LocalStore.create(home: temporary.home, user: "佐藤")
        let attributes = try FileManager.default.attributesOfItem(atPath: temporary.url.path)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o700)
        let file = try FileManager.default.attributesOfItem(atPath: temporary.home.storePath)
        #expect((file[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        let reopened = try LocalStore.open(home: temporary.home)
        #expect(reopened.replicaID == store.replicaID && reopened.user == "佐藤")
        #expect(throws: StoreError.self) { try LocalStore.create(home: temporary.home, user: "x") }
        #expect(reopened.journalMode() == "wal")
    }

    @Test("a missing, damaged or newer store gets a clear error, not a crash")
    func unusableStores() throws {
        let temporary = TemporaryHome()
        #expect { try LocalStore.open(home: temporary.home) } throws: { "\($0)".contains("fieldvisit init") }

        try temporary.home.prepare()
        try Data("これはデータベースではありません".utf8 + Data(repeating: 7, count: 4096)).write(to: URL(fileURLWithPath: temporary.home.storePath))
        #expect { try LocalStore.open(home: temporary.home) } throws: { "\($0)".contains("damaged") }

        let newer = TemporaryHome()
        _ = try LocalStore.create(home: newer.home, user: "sato")
        let queue = try DatabaseQueue(path: newer.home.storePath)
        try queue.write { db in try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v9-from-the-future')") }
        try queue.close()
        #expect { try LocalStore.open(home: newer.home) } throws: { "\($0)".contains("newer FieldVisit") }
    }

    @Test("a store written by an older version migrates forward when opened")
    func migratesForward() throws {
        let temporary = TemporaryHome()
        try temporary.home.prepare()
        let queue = try DatabaseQueue(path: temporary.home.storePath)
        try StoreMigrations.migrator.migrate(queue, upTo: "v1-registers")
        try queue.write { db in
            try db.execute(sql: "INSERT INTO store_info (key, value) VALUES ('replica', ?), ('user', 'sato'), ('hlc', '0.0')",
                           arguments: [ReplicaID.random().description])
        }
        try queue.close()
        let store = try LocalStore.open(home: temporary.home)
        try store.commit(companyEdits(company))
        #expect(try store.list(.company).count == 1)
        #expect(try store.read { db in try StoreMigrations.migrator.completedMigrations(db) } == StoreMigrations.migrator.migrations)
    }

    /// Writes what the store of `live` holds into a new store at `home` laid out as the
    /// migrations up to `version` left it (v3 or v4): the rows an older version wrote,
    /// keyed by record type and id.
    /// Writes, from a live store, the store an older version would hold: its log and
    /// views in the layout of `version`. The older register rows stay empty: opening
    /// the store rebuilds the registers from the log (`v6-packed-registers`).
    func writeOlderStore(from live: StoreHome, to home: StoreHome, upTo version: String) throws {
        try home.prepare()
        let queue = try DatabaseQueue(path: home.storePath)
        try StoreMigrations.migrator.migrate(queue, upTo: version)
        let numbered = version == "v5-numbered-records"
        try queue.writeWithoutTransaction { db in
            try db.execute(sql: "ATTACH DATABASE ? AS live", arguments: [live.storePath])
            try db.inTransaction {
                for table in ["store_info", "replica", "change_set", "sync_state"] {
                    try db.execute(sql: "DELETE FROM main.\(table)")
                    try db.execute(sql: "INSERT INTO main.\(table) SELECT * FROM live.\(table)")
                }
                let viewColumns = """
                    type, id, company_id, date, name, search_key, purpose, review_state, next_visit_date,
                    deleted, conflicts, changed_since_approval, created_seq, updated_seq, field_values, set_values
                    """
                if numbered {
                    try db.execute(sql: "INSERT INTO main.record_view (no, \(viewColumns)) SELECT no, \(viewColumns) FROM live.record_view")
                    try db.execute(sql: "INSERT INTO main.change_record SELECT record_no, seq FROM live.change_record")
                    try db.execute(sql: "INSERT INTO main.visit_set_element SELECT * FROM live.visit_set_element")
                } else {
                    let join = "JOIN live.record_view v ON v.no = r.record_no"
                    try db.execute(sql: "INSERT INTO main.change_record SELECT v.type, v.id, r.seq FROM live.change_record r \(join)")
                    try db.execute(sql: "INSERT INTO main.record_view SELECT \(viewColumns) FROM live.record_view")
                    if version == "v4-visit-set-elements" {
                        try db.execute(sql: "INSERT INTO main.visit_set_element SELECT r.field, r.element, v.id, r.date, r.purpose, r.company_id FROM live.visit_set_element r \(join)")
                    }
                }
                return .commit
            }
            try db.execute(sql: "DETACH DATABASE live")
        }
        let layout = try queue.read { db in try String.fetchOne(db, sql: "SELECT sql FROM sqlite_schema WHERE name = 'field_value'") }
        #expect(layout?.contains(numbered ? "record_no INTEGER NOT NULL" : "type TEXT NOT NULL, id TEXT NOT NULL") == true)
        try queue.close()
    }

    /// The rows of `visit_set_element` for the reports, as `field element date purpose company`.
    func visitSetElements(_ store: LocalStore) throws -> [String] {
        try store.read { db in
            try Row.fetchAll(db, sql: "SELECT field, element, date, purpose, company_id FROM visit_set_element ORDER BY field, element")
                .map { row in [0, 1, 2, 3, 4].map { (row[$0] as String?) ?? "-" }.joined(separator: " ") }
        }
    }

    @Test("the reports' set elements of a visit follow every edit, deletion and restoration")
    func visitSetElementsFollowTheVisit() throws {
        let temporary = TemporaryHome()
        let store = try LocalStore.create(home: temporary.home, user: "sato")
        try store.commit(companyEdits(company))
        let visit = EntityKey(.visit, .random())
        let c = company.id.rawValue
        try store.commit([
            .set(visit, field: "company", value: .text(c)), .set(visit, field: "date", value: "2024-03-31"),
            .set(visit, field: "mode", value: "onSite"), .set(visit, field: "purpose", value: "companyVisit"),
            .add(visit, field: "staff", element: "佐藤 花子"), .add(visit, field: "supportActions", element: "newGuarantee"),
            .add(visit, field: "issues", element: "cashFlow"),
        ])
        #expect(try visitSetElements(store) == [
            "issues cashFlow 2024-03-31 companyVisit \(c)",
            "staff 佐藤 花子 2024-03-31 companyVisit \(c)", "supportActions newGuarantee 2024-03-31 companyVisit \(c)",
        ])
        try store.commit([
            .set(visit, field: "date", value: "2024-04-01"), .remove(visit, field: "staff", element: "佐藤 花子"),
            .add(visit, field: "staff", element: "鈴木 一郎"), .add(visit, field: "referrals", element: "successionSupportCentre"),
        ])
        #expect(try visitSetElements(store) == [
            "issues cashFlow 2024-04-01 companyVisit \(c)",
            "referrals successionSupportCentre 2024-04-01 companyVisit \(c)", "staff 鈴木 一郎 2024-04-01 companyVisit \(c)",
            "supportActions newGuarantee 2024-04-01 companyVisit \(c)",
        ])
        try store.commit([.delete(visit)])
        #expect(try visitSetElements(store).isEmpty)
        try store.commit([.restore(visit)])
        #expect(try visitSetElements(store).count == 4)
        let live = try dump(store)
        try store.rebuildFromLog()
        #expect(try dump(store) == live)
    }

    @Test("a store without the reports' set elements gets them, from its views, when opened")
    func visitSetElementsMigrateFromTheViews() throws {
        let temporary = TemporaryHome()
        let store = try LocalStore.create(home: temporary.home, user: "sato")
        try store.commit(companyEdits(company))
        for (index, staff) in ["佐藤 花子", "鈴木 一郎", "高橋 次郎"].enumerated() {
            let visit = EntityKey(.visit, .random())
            try store.commit([
                .set(visit, field: "company", value: .text(company.id.rawValue)), .set(visit, field: "date", value: .text("2023-0\(index + 4)-01")),
                .set(visit, field: "mode", value: "onSite"), .set(visit, field: "purpose", value: "expertDispatch"),
                .add(visit, field: "staff", element: .text(staff)), .add(visit, field: "accompanyingOrganisations", element: "financialInstitution"),
            ])
            if index == 2 { try store.commit([.delete(visit)]) }
        }
        let live = try dump(store)
        #expect(try visitSetElements(store).count == 4)
        let older = TemporaryHome()
        try writeOlderStore(from: temporary.home, to: older.home, upTo: "v3-report-index")
        let reopened = try LocalStore.open(home: older.home)
        #expect(try dump(reopened) == live)
        #expect(try reopened.read { db in try StoreMigrations.migrator.completedMigrations(db) } == StoreMigrations.migrator.migrations)
    }

    @Test("companies list in reading order whatever the kana's width or script; search folds kanji variants and legal forms (v9)")
    func readingOrderAndVariants() throws {
        let temporary = TemporaryHome()
        var store: LocalStore? = try LocalStore.create(home: temporary.home, user: "sato")
        let companies: [(String, String?)] = [("株式会社髙橋製作所", "タカハシセイサクショ"), ("ｶﾜﾑﾗ", "ｶﾜﾑﾗ"), ("あおば商事", "アオバショウジ"),
                                              ("山﨑工業", "やまざきこうぎょう"), ("有限会社いろは", nil)]
        for (name, kana) in companies {
            let key = EntityKey(.company, .random())
            try store!.commit([.set(key, field: "name", value: .text(name))] + (kana.map { [.set(key, field: "nameKana", value: .text($0))] } ?? []))
        }
        // Without kana, by the name without its legal form: 有限会社いろは under い.
        #expect(try store!.list(.company).compactMap { $0.text(Company.Field.name) } == ["あおば商事", "有限会社いろは", "ｶﾜﾑﾗ", "株式会社髙橋製作所", "山﨑工業"])
        func found(_ query: String) throws -> [String] { try store!.searchCompanies(query).compactMap { $0.text(Company.Field.name) } }
        #expect(try found("高橋") == ["株式会社髙橋製作所"])
        #expect(try found("髙橋製作所㈱") == ["株式会社髙橋製作所"])
        #expect(try found("山崎") == ["山﨑工業"])
        // A store whose keys were folded before variants were: they are folded again when it opens.
        try store!.write { db in
            try db.execute(sql: "UPDATE record_view SET search_key = name WHERE type = 'company'")
            try db.execute(sql: "DELETE FROM grdb_migrations WHERE identifier = 'v9-search-key-variants'")
        }
        store = nil
        let reopened = try LocalStore.open(home: temporary.home)
        #expect(try reopened.searchCompanies("山崎").count == 1 && reopened.searchCompanies("たかはし").count == 1)
    }

    @Test("a store from before the issues were among the reports' set elements gets them when opened (v8)")
    func visitIssuesMigrate() throws {
        let temporary = TemporaryHome()
        var store: LocalStore? = try LocalStore.create(home: temporary.home, user: "sato")
        try store!.commit(companyEdits(company))
        for (index, issue) in ["noSuccessor", "cashFlow", "noSuccessor"].enumerated() {
            let visit = EntityKey(.visit, .random())
            try store!.commit([
                .set(visit, field: "company", value: .text(company.id.rawValue)), .set(visit, field: "date", value: .text("2023-0\(index + 4)-01")),
                .set(visit, field: "mode", value: "onSite"), .set(visit, field: "purpose", value: "succession"),
                .add(visit, field: "staff", element: "佐藤 花子"), .add(visit, field: "issues", element: .text(issue)),
            ])
            if index == 2 { try store!.commit([.delete(visit)]) }
        }
        let live = try dump(store!)
        // As the store was before v8: no issue rows, and v8 not run.
        try store!.write { db in
            try db.execute(sql: "DELETE FROM visit_set_element WHERE field = 'issues'")
            try db.execute(sql: "DELETE FROM grdb_migrations WHERE identifier = 'v8-visit-issue-elements'")
        }
        store = nil
        let reopened = try LocalStore.open(home: temporary.home)
        #expect(try dump(reopened) == live)
        #expect(try visitSetElements(reopened).filter { $0.hasPrefix("issues ") }.count == 2)
    }

    @Test("a store that kept every row under its record's id numbers its records when opened, and goes on as before")
    func recordsAreNumberedWhenAnOlderStoreOpens() throws {
        let temporary = TemporaryHome()
        let store = try LocalStore.create(home: temporary.home, user: "sato")
        try store.commit(companyEdits(company))
        var visits: [EntityKey] = []
        for (index, staff) in ["佐藤 花子", "鈴木 一郎"].enumerated() {
            let visit = EntityKey(.visit, .random())
            try store.commit([
                .set(visit, field: "company", value: .text(company.id.rawValue)), .set(visit, field: "date", value: .text("2023-0\(index + 4)-01")),
                .set(visit, field: "mode", value: "onSite"), .set(visit, field: "purpose", value: "expertDispatch"),
                .add(visit, field: "staff", element: .text(staff)), .set(visit, field: "notes", value: "社長と面談。\n設備更新の相談。"),
            ])
            visits.append(visit)
        }
        try store.commit([.delete(visits[1])])
        let live = try dump(store)
        let older = TemporaryHome()
        try writeOlderStore(from: temporary.home, to: older.home, upTo: "v4-visit-set-elements")
        let migrated = try LocalStore.open(home: older.home)
        #expect(try dump(migrated) == live)
        let numbers = try migrated.read { db in try Int64.fetchAll(db, sql: "SELECT no FROM record_view ORDER BY created_seq, no") }
        #expect(numbers == [1, 2, 3])
        // It goes on as the live store does.
        let edit: [Edit] = [.set(visits[0], field: "notes", value: "決算書を受領。"), .add(visits[0], field: "staff", element: "高橋 次郎")]
        try store.commit(edit, now: 1_800_000_000_000)
        try migrated.commit(edit, now: 1_800_000_000_000)
        #expect(try dump(migrated) == dump(store))
        try migrated.rebuildFromLog()
        #expect(try dump(migrated) == dump(store))
        #expect(try migrated.searchCompanies("かわむら").map(\.key) == [company])
    }

    @Test("a store that kept registers as rows packs them into its views when opened, rebuilt from its log, even after an interrupted rebuild")
    func registersArePackedWhenAnOlderStoreOpens() throws {
        let temporary = TemporaryHome()
        let store = try LocalStore.create(home: temporary.home, user: "sato")
        try store.commit(companyEdits(company))
        let visit = EntityKey(.visit, .random())
        try store.commit([
            .set(visit, field: "company", value: .text(company.id.rawValue)), .set(visit, field: "date", value: "2024-04-01"),
            .set(visit, field: "mode", value: "onSite"), .set(visit, field: "purpose", value: "succession"),
            .add(visit, field: "staff", element: "佐藤 花子"), .set(visit, field: "notes", value: "後継者（長男）と面談。"),
        ])
        try store.commit([.approve(visit), .set(visit, field: "reviewState", value: "approved")])
        try store.commit([.delete(visit)])
        let live = try dump(store)
        let older = TemporaryHome()
        try writeOlderStore(from: temporary.home, to: older.home, upTo: "v5-numbered-records")
        let migrated = try LocalStore.open(home: older.home)
        #expect(try dump(migrated) == live)
        #expect(try migrated.state(of: visit) == store.state(of: visit))
        let leftovers = try migrated.read { db in
            try String.fetchAll(db, sql: "SELECT name FROM sqlite_schema WHERE name IN ('field_value', 'set_element', 'record_mark') UNION ALL SELECT key FROM store_info WHERE key = 'rebuild'")
        }
        #expect(leftovers.isEmpty)

        // Killed after the migration but before the rebuild committed: the next open rebuilds.
        let queue = try DatabaseQueue(path: older.home.storePath)
        try queue.write { db in
            try db.execute(sql: "UPDATE record_view SET registers = NULL")
            try db.execute(sql: "INSERT INTO store_info (key, value) VALUES ('rebuild', 'registers')")
        }
        try queue.close()
        #expect(try dump(LocalStore.open(home: older.home)) == live)
    }

    @Test("a commit writes the log, the registers and the view together; Japanese round-trips exactly")
    func commitAndRead() throws {
        let temporary = TemporaryHome()
        let store = try LocalStore.create(home: temporary.home, user: "sato")
        let change = try store.commit(companyEdits(company))
        #expect(change.dot == Dot(replica: store.replicaID, counter: 1))
        let state = try #require(try store.state(of: company))
        #expect(state.visibleValues["name"] == "株式会社カワムラ")
        #expect(state.visibleSets["cohortTags"] == ["covidZeroInterestLoan"])
        #expect(try store.history(of: company) == [change])
        let second = try store.commit([.set(company, field: "employees", value: 42)])
        #expect(second.dependencies.dots == [change.dot])
        #expect(try store.logCounts() == (2, 2))
        #expect(try store.resolve("c0a1", type: .company) == company.id)
    }

    @Test("invalid edits are refused and leave the store unchanged")
    func refusedEdits() throws {
        let temporary = TemporaryHome()
        let store = try LocalStore.create(home: temporary.home, user: "sato")
        try store.commit(companyEdits(company))
        let before = try dump(store)
        for edits: [Edit] in [
            [.set(company, field: "employees", value: 10), .set(company, field: "corporateNumber", value: "1180301018772")],
            [.set(company, field: "industry", value: "spaceTravel")],
            [.set(company, field: "capital", value: "百万円")],
            [.set(company, field: "unknownField", value: 1)],
            [.set(company, field: "name", value: .text(String(repeating: "長", count: 201)))],
        ] {
            #expect(throws: SyncError.self) { try store.commit(edits) }
        }
        #expect(try dump(store) == before)
        #expect(try store.logCounts() == (1, 1))
    }

    @Test("several change sets commit in one transaction: all or none")
    func commitEach() throws {
        let temporary = TemporaryHome()
        let store = try LocalStore.create(home: temporary.home, user: "sato")
        let other = EntityKey(.company, RecordID(rawValue: "c-2"))
        #expect(throws: SyncError.self) {
            try store.commit(each: [companyEdits(company), [.set(other, field: "industry", value: "spaceTravel")]])
        }
        #expect(try store.logCounts() == (0, 0) && (try store.list(.company)).isEmpty)
        let changes = try store.commit(each: [companyEdits(company), companyEdits(other, name: "株式会社ヤマダ")])
        #expect(changes.map(\.dot.counter) == [1, 2])
        #expect(changes[1].dependencies.dots == [changes[0].dot])
        #expect(try store.list(.company).count == 2)
    }

    @Test("ids are found by a unique prefix; an ambiguous prefix lists the candidates")
    func prefixes() throws {
        let temporary = TemporaryHome()
        let store = try LocalStore.create(home: temporary.home, user: "sato")
        for id in ["ab12", "ab34", "cd56"] { try store.commit(companyEdits(EntityKey(.company, RecordID(rawValue: id)))) }
        #expect(try store.resolve("c", type: .company) == RecordID(rawValue: "cd56"))
        #expect { try store.resolve("ab", type: .company) } throws: { "\($0)".contains("ab12, ab34") }
        #expect(throws: StoreError.self) { try store.resolve("zz", type: .company) }
        #expect(throws: StoreError.self) { try store.resolve("cd56", type: .visit) }
    }
}
