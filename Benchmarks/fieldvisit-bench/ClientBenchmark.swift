import FieldVisitClient
import FieldVisitCore
import Foundation
import GRDB

/// `fieldvisit-bench client`: the field laptop's local store.
///
/// Records 10,000 companies and 100,000 visits through the client library (one change
/// set, one transaction each), beside a baseline that inserts the same visit rows into a
/// plain SQLite table in the same durability mode; then times listing one company's
/// visits, searching companies by a kana fragment, and rebuilding the view from the log.
/// For comparison, the same visits are also imported as an import writes them: a change
/// set each, many to a transaction.
struct ClientBenchmark {
    var companyCount = 10_000
    var visitCount = 100_000

    static let syllables = ["カ", "ワ", "ム", "ラ", "ヤ", "マ", "ダ", "サ", "ト", "ウ", "タ", "ナ", "ベ", "イ", "シ", "キ", "ノ", "モ", "リ", "ハ"]
    static let purposes = VisitPurpose.allCases.map(\.code)
    static let notes = "社長と面談。設備更新の資金繰りについて相談あり。売上は前年並み、原材料高の価格転嫁が課題。次回、決算書を受領予定。"

    func run() throws {
        print("== client: the local store (SQLite, WAL) ==")
        // FIELDVISIT_BENCH_KEEP=DIR keeps the stores in DIR, to look at their pages.
        let kept = ProcessInfo.processInfo.environment["FIELDVISIT_BENCH_KEEP"]
        let directory = kept.map { URL(fileURLWithPath: $0) }
            ?? FileManager.default.temporaryDirectory.appendingPathComponent("fieldvisit-bench-\(UUID().uuidString)")
        defer { if kept == nil { try? FileManager.default.removeItem(at: directory) } }
        let store = try LocalStore.create(home: StoreHome(option: directory.path), user: "bench")
        var random = SplitMix64(seed: 11)

        var companies: [EntityKey] = []
        companies.reserveCapacity(companyCount)
        let companyTiming = try measure {
            for index in 0..<companyCount {
                let kana = (0..<4).map { _ in Self.syllables[Int(random.next() % UInt64(Self.syllables.count))] }.joined()
                let key = EntityKey(.company, .random())
                try store.commit([
                    .set(key, field: "name", value: .text("株式会社\(kana)\(index)")),
                    .set(key, field: "nameKana", value: .text(kana)),
                    .set(key, field: "industry", value: "manufacturing"),
                ])
                companies.append(key)
            }
            return companies.count
        }
        print(row("companies recorded (\(companyCount))", rate(companyCount, companyTiming.seconds), "companies/s"))

        let visitTiming = try measure {
            for index in 0..<visitCount { try store.commit(Self.visitEdits(index, company: companies[index % companies.count])) }
            return visitCount
        }
        print(row("visits recorded through the client library (\(visitCount), 8 fields each)", rate(visitCount, visitTiming.seconds), "visits/s"))

        let baseline = try rawSQLiteBaseline(directory: directory, companies: companies)
        print(row("  baseline: the same visits as plain SQLite rows, a transaction each", rate(visitCount, baseline), "visits/s"))

        // The same visits as an import writes them: a change set each, in transactions of
        // 1,000, into a second store holding the same companies.
        let imported = try LocalStore.create(home: StoreHome(option: directory.appendingPathComponent("import").path), user: "bench")
        try imported.commit(each: companies.enumerated().map { index, key in [.set(key, field: "name", value: .text("株式会社\(index)")), .set(key, field: "industry", value: "manufacturing")] })
        let importTiming = try measure {
            for start in stride(from: 0, to: visitCount, by: 1000) {
                try imported.commit(each: (start..<min(start + 1000, visitCount)).map { Self.visitEdits($0, company: companies[$0 % companies.count]) })
            }
            return visitCount
        }
        print(row("  the same visits imported, a change set each, 1,000 per transaction", rate(visitCount, importTiming.seconds), "visits/s"))

        let target = companies[companies.count / 2].id
        let list = try median(runs: 21) { try store.visits(VisitFilter(company: target)).count }
        print(row("visit list for one company (\(list.result) visits)", milliseconds(list.seconds), "ms"))
        let search = try median(runs: 21) { try store.searchCompanies("かわむ").count }
        print(row("company search for a kana fragment (かわむ, \(search.result) found)", milliseconds(search.seconds), "ms"))
        let rebuild = try measure { try store.rebuildFromLog() }
        print(row("rebuild the view from the log (\(companyCount + visitCount) change sets)", milliseconds(rebuild.seconds), "ms"))
        let size = (try? FileManager.default.attributesOfItem(atPath: store.home.storePath)[.size] as? Int) ?? 0
        print(row("store size", String(format: "%.1f", Double(size) / 1_048_576), "MiB"))
    }

    /// The dates visits are spread over: month and day cycle together every 84 visits.
    static let dates = (0..<84).map { String(format: "2023-%02d-%02d", 1 + $0 % 12, 1 + $0 % 28) }

    /// The date of visit number `index` (made once, not per visit, in neither timing).
    static func date(_ index: Int) -> String { dates[index % dates.count] }

    /// The edits recording visit number `index` of `company`.
    static func visitEdits(_ index: Int, company: EntityKey) -> [Edit] {
        let key = EntityKey(.visit, .random())
        return [
            .set(key, field: "company", value: .text(company.id.rawValue)),
            .set(key, field: "date", value: .text(date(index))),
            .set(key, field: "mode", value: "onSite"),
            .set(key, field: "purpose", value: .text(purposes[index % purposes.count])),
            .add(key, field: "staff", element: "佐藤 花子"),
            .set(key, field: "notes", value: .text(notes)),
            .add(key, field: "issues", element: "cashFlow"),
            .set(key, field: "reviewState", value: "draft"),
        ]
    }

    /// The same visits inserted as rows of one plain table, one transaction per visit,
    /// with the store's durability settings: what SQLite alone costs.
    func rawSQLiteBaseline(directory: URL, companies: [EntityKey]) throws -> Double {
        var configuration = Configuration()
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            try db.execute(sql: "PRAGMA wal_autocheckpoint = 10000")
        }
        let pool = try DatabasePool(path: directory.appendingPathComponent("baseline.sqlite").path, configuration: configuration)
        try pool.write { db in
            try db.execute(sql: """
                CREATE TABLE visit (id TEXT PRIMARY KEY, company TEXT, date TEXT, mode TEXT, purpose TEXT,
                    staff TEXT, notes TEXT, issues TEXT, review_state TEXT)
                """)
            try db.execute(sql: "CREATE INDEX visit_company ON visit (company, date)")
        }
        return try measure {
            for index in 0..<visitCount {
                try pool.write { db in
                    try db.cachedStatement(sql: "INSERT INTO visit VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)").execute(arguments: [
                        RecordID.random().rawValue, companies[index % companies.count].id.rawValue,
                        Self.date(index), "onSite",
                        Self.purposes[index % Self.purposes.count], "佐藤 花子", Self.notes, "cashFlow", "draft",
                    ])
                }
            }
        }.seconds
    }

    /// The median time of `runs` runs of `work`.
    func median<Result>(runs: Int, _ work: () throws -> Result) throws -> Timing<Result> {
        var timings: [Timing<Result>] = []
        for _ in 0..<runs { timings.append(try measure(work)) }
        return timings.sorted { $0.seconds < $1.seconds }[runs / 2]
    }

    func milliseconds(_ seconds: Double) -> String { String(format: "%.2f", seconds * 1000) }
}
