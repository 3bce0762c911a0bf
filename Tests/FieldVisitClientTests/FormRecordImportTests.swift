import FieldVisitCore
import Foundation
import Testing
@testable import FieldVisitClient

/// Hearing sheets and succession diagnoses exported and imported again, as CSV and as
/// JSON Lines.
@Suite struct FormRecordImportTests {
    let source = TemporaryHome()
    let target = TemporaryHome()
    let files = TemporaryHome()

    /// A store with a company, a hearing sheet and a diagnosis (version 1 of each form).
    static func filledStore(in source: TemporaryHome) throws -> LocalStore {
        let (store, company) = try FormFixtures.storeWithCompany(in: source)
        for (kind, answers) in [(FormRecordType.hearingSheet, FormFixtures.completeHearingSheet), (.successionDiagnosis, FormFixtures.preparedSuccession)] {
            let draft = FormRecordDraft(
                kind: kind, definition: try FormCatalog.builtIn.definition(id: kind.formID, version: 1), company: company,
                date: FormFixtures.today, defaultDate: FormFixtures.today, staff: "佐藤"
            )
            try store.commitForm(draft, answers: FormAnswers(formID: kind.formID, formVersion: 1, answers: answers))
        }
        return store
    }

    /// An empty store holding the companies of `store`, ids kept.
    func storeWithCompanies(of store: LocalStore, in home: TemporaryHome) throws -> LocalStore {
        let other = try LocalStore.create(home: home.home, user: "鈴木")
        try RecordImport(.companies).plan(try RecordExport(.companies).csv(from: store), against: other).apply(to: other)
        return other
    }

    /// The records of `kind`, by id, as values and sets.
    static func records(_ kind: FormRecordType, in store: LocalStore) throws -> [String: RecordSummaryContents] {
        Dictionary(uniqueKeysWithValues: try store.list(kind.recordType).map { ($0.key.id.rawValue, RecordSummaryContents(values: $0.values, sets: $0.sets)) })
    }

    struct RecordSummaryContents: Equatable {
        var values: [String: FieldValue]
        var sets: [String: [FieldValue]]
    }

    /// One JSON object per record, keyed as the CSV export's header.
    static func jsonLines(_ kind: FormRecordType, from store: LocalStore) throws -> Data {
        var lines: [String] = []
        for record in try store.list(kind.recordType) {
            var object: [String: Any] = ["id": record.key.id.rawValue]
            for (field, value) in record.values {
                switch value {
                case .text(let text): object[field] = text
                case .integer(let number): object[field] = number
                case .bool(let flag): object[field] = flag
                case .null: break
                }
            }
            for (field, elements) in record.sets { object[field] = elements.compactMap(\.textValue).joined(separator: ";") }
            lines.append(String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self))
        }
        return Data((lines.joined(separator: "\n") + "\n").utf8)
    }

    @Test("hearing sheets and diagnoses of both form versions exported as CSV and imported into another store are equal; importing again writes nothing", arguments: [CSVEncoding.utf8WithBOM, .cp932])
    func csvRoundTrip(encoding: CSVEncoding) throws {
        let store = try Self.filledStore(in: source)
        // Beside the v1 records, one of each in v2, the version new records use.
        let company = try #require(try store.list(.company).first?.key.id)
        for (kind, answers) in [(FormRecordType.hearingSheet, FormFixtures.completeHearingSheetV2), (.successionDiagnosis, FormFixtures.preparedSuccessionV2)] {
            let draft = FormRecordDraft(kind: kind, definition: try FormCatalog.builtIn.definition(id: kind.formID, version: 2), company: company,
                                        date: FormFixtures.today, defaultDate: FormFixtures.today, staff: "佐藤")
            try store.commitForm(draft, answers: FormAnswers(formID: kind.formID, formVersion: 2, answers: answers))
        }
        let other = try storeWithCompanies(of: store, in: target)
        for kind in [FormRecordType.hearingSheet, .successionDiagnosis] {
            let csv = try RecordExport(kind, encoding: encoding).csv(from: store)
            let report = try FormRecordImport(kind).plan(csv, format: .csv, against: other, today: FormFixtures.today).apply(to: other)
            #expect(report.summary == "2 new, 0 updated, 0 unchanged")
            #expect(try Self.records(kind, in: other) == Self.records(kind, in: store))
            #expect(Set(try other.list(kind.recordType).compactMap { $0.values["formVersion"]?.integerValue }) == [1, 2])
            let before = try other.logCounts().total
            let again = try FormRecordImport(kind).plan(csv, format: .csv, against: other, today: FormFixtures.today)
            #expect(again.changes.isEmpty && again.report.summary == "0 new, 0 updated, 2 unchanged")
            try again.apply(to: other)
            #expect(try other.logCounts().total == before)
        }
    }

    @Test("JSON Lines with the export's keys import the same records; a changed answer updates only that answer")
    func jsonLines() throws {
        let store = try Self.filledStore(in: source)
        let other = try storeWithCompanies(of: store, in: target)
        for kind in [FormRecordType.hearingSheet, .successionDiagnosis] {
            let lines = try Self.jsonLines(kind, from: store)
            #expect(try FormRecordImport(kind).plan(lines, format: .jsonl, against: other, today: FormFixtures.today).apply(to: other).summary == "1 new, 0 updated, 0 unchanged")
            #expect(try Self.records(kind, in: other) == Self.records(kind, in: store))
            #expect(try FormRecordImport(kind).plan(lines, format: .jsonl, against: other, today: FormFixtures.today).changes.isEmpty)
        }
        let changed = String(decoding: try Self.jsonLines(.hearingSheet, from: store), as: UTF8.self)
            .replacingOccurrences(of: "\"answer.employees\":15", with: "\"answer.employees\":16")
        let plan = try FormRecordImport(.hearingSheet).plan(Data(changed.utf8), format: .jsonl, against: other, today: FormFixtures.today)
        #expect(plan.report.summary == "0 new, 1 updated, 0 unchanged")
        #expect(plan.report.rows.first?.changedFields == ["answer.employees"])
    }

    @Test("an invalid answer refuses every row, naming the line, the column and the question's label; typed eras are read")
    func invalidAnswers() throws {
        let store = try Self.filledStore(in: source)
        let other = try storeWithCompanies(of: store, in: target)
        let csv = String(decoding: try RecordExport(.hearingSheet, encoding: .utf8).csv(from: store), as: UTF8.self)
        var lines = csv.components(separatedBy: "\r\n")
        // A second row, new (no id): the fiscal period typed with its era, and an unknown
        // choice. The first row's notes hold a line break, so the second row is on line 4.
        let header = lines[0].components(separatedBy: ",")
        let row = lines[1]
        let id = try #require(row.components(separatedBy: ",").first)
        let eraRow = row.replacingOccurrences(of: id + ",", with: ",").replacingOccurrences(of: "2024-03-31", with: "令和6年3月31日")
        lines.insert(eraRow.replacingOccurrences(of: ",monthly,", with: ",sometimes,"), at: 2)
        #expect(header.contains("answer.trialBalanceFrequency"))
        let bad = Data(lines.joined(separator: "\r\n").utf8)
        #expect { try FormRecordImport(.hearingSheet).plan(bad, format: .csv, against: other, today: FormFixtures.today) } throws: { error in
            let text = "\(error)"
            return text.contains("line 4: answer.trialBalanceFrequency:") && text.contains("試算表の作成頻度")
        }
        #expect(try other.list(.hearingSheet).isEmpty)
        lines[2] = eraRow
        let report = try FormRecordImport(.hearingSheet).plan(Data(lines.joined(separator: "\r\n").utf8), format: .csv, against: other, today: FormFixtures.today).report
        #expect(report.summary == "2 new, 0 updated, 0 unchanged")

        let jsonl = Data("{\"company\": \"株式会社カワムラ精工\", \"date\": \"R6.6.1\", \"answer.sales\": \"百万\"}\n[1]\n".utf8)
        #expect { try FormRecordImport(.hearingSheet).plan(jsonl, format: .jsonl, against: other, today: FormFixtures.today) } throws: { error in
            let text = "\(error)"
            return text.contains("line 1: answer.sales:") && text.contains("売上高") && text.contains("line 2:")
        }
        #expect { try FormRecordImport(.hearingSheet).plan(try CP932.encode("{\"company\": \"株式会社カワムラ精工\"}\n"), format: .jsonl, against: other, today: FormFixtures.today) } throws: {
            "\($0)".contains("not UTF-8")
        }
    }
}

/// Forms through the built `fieldvisit`: export from one store, import into another.
@Suite struct FormRecordImportCommandLineTests {
    let source = TemporaryHome()
    let target = TemporaryHome()
    let files = TemporaryHome()

    @Test("fieldvisit export --type hearing and import hearing/succession: CSV and JSON Lines, again unchanged, bad file exit 2")
    func commandLine() throws {
        let store = try FormRecordImportTests.filledStore(in: source)
        let from = FieldVisitProcess(home: source.url), to = FieldVisitProcess(home: target.url)
        try FileManager.default.createDirectory(at: files.url, withIntermediateDirectories: true)
        let companies = files.url.appendingPathComponent("companies.csv").path
        let hearing = files.url.appendingPathComponent("hearing.csv").path
        let succession = files.url.appendingPathComponent("succession.jsonl").path
        try from.succeed(["export", "--format", "csv", "--type", "companies", "--output", companies])
        try from.succeed(["export", "--format", "csv", "--type", "hearing", "--output", hearing, "--encoding", "sjis"])
        try FormRecordImportTests.jsonLines(.successionDiagnosis, from: store).write(to: URL(fileURLWithPath: succession))
        try to.succeed(["init", "--user", "鈴木"])
        try to.succeed(["import", "companies", companies])
        #expect(try to.succeed(["import", "hearing", hearing, "--dry-run"]).output.contains("would import 1 new"))
        #expect(try to.succeed(["import", "hearing", hearing]).output.contains("imported \(hearing) (Shift_JIS (CP932)): 1 new, 0 updated, 0 unchanged"))
        #expect(try to.succeed(["import", "hearing", hearing]).output.contains("0 new, 0 updated, 1 unchanged"))
        #expect(try to.succeed(["import", "succession", succession]).output.contains("(JSON Lines): 1 new"))
        #expect(try to.succeed(["import", "succession", succession, "--format", "jsonl"]).output.contains("1 unchanged"))
        let bad = files.url.appendingPathComponent("bad.jsonl").path
        try Data("{\"company\": \"no such company\", \"answer.sales\": 1}\n".utf8).write(to: URL(fileURLWithPath: bad))
        let refused = try to.run(["import", "succession", bad])
        #expect(refused.status == 2 && refused.error.contains("line 1: company:"))
        #expect(try to.run(["import", "hearing", hearing, "--branch", "x"]).status != 0)
    }
}
