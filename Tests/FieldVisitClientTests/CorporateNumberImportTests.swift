import FieldVisitCore
import Foundation
import Testing
@testable import FieldVisitClient

/// Rows of the National Tax Agency's corporate-number download, written as the agency
/// writes them: 30 columns, no header.
enum NTAFixture {
    /// A corporate number with a valid check digit over `base` (12 digits).
    static func number(_ base: String) -> String {
        String(CorporateNumber.checkDigit(ofBase: Substring(base))) + base
    }

    /// One row, CR LF at its end.
    static func row(
        _ sequence: Int, _ number: String, process: String = "01", name: String, kind: String = "301",
        prefecture: String = "岩手県", city: String = "盛岡市", street: String = "中央通１丁目１－１",
        prefectureCode: String = "03", cityCode: String = "201", changedOn: String = "2024-04-01",
        closedOn: String = "", cause: String = "", successor: String = "", latest: String = "1", furigana: String = ""
    ) -> String {
        let cells = [
            String(sequence), number, process, "0", "2024-04-02", changedOn, name, "", kind, prefecture, city, street, "",
            prefectureCode, cityCode, "0200021", "", "", closedOn, cause, successor, "", "2015-10-05", latest, "", "", "", "",
            furigana, "0",
        ]
        return cells.map { $0.contains(",") ? "\"\($0)\"" : $0 }.joined(separator: ",") + "\r\n"
    }

    /// `text` in `encoding`, as the agency's Shift_JIS or Unicode file.
    static func encode(_ encoding: CSVEncoding, _ text: String) throws -> Data {
        switch encoding {
        case .cp932: try CP932.encode(text)
        case .utf8: Data(text.utf8)
        case .utf8WithBOM: Data([0xEF, 0xBB, 0xBF] + Array(text.utf8))
        }
    }

    static let kawamura = number("180301018771")
    static let iwate = number("400001000001")
    static let sanriku = number("400001000002")
    static let hanamaki = number("400001000003")

    /// Three corporations of Morioka and Hanamaki: a 株式会社, a 有限会社 and a 合同会社.
    static let initial =
        row(1, kawamura, name: "株式会社カワムラ", furigana: "カワムラ")
        + row(2, iwate, name: "有限会社いわて食品", kind: "302", street: "大通２－３－４", furigana: "イワテショクヒン")
        + row(3, hanamaki, name: "花巻ソフト合同会社", kind: "305", city: "花巻市", street: "上町５", cityCode: "205", furigana: "ハナマキソフト")
}

/// The corporate-number import, on the library and through the built `fieldvisit`.
@Suite struct CorporateNumberImportTests {
    let temporary = TemporaryHome()
    let files = TemporaryHome()
    var fieldvisit: FieldVisitProcess { FieldVisitProcess(home: temporary.url) }

    func store(branches: [String]? = ["morioka"]) throws -> LocalStore {
        let store = try LocalStore.create(home: temporary.home, user: "佐藤")
        if let branches {
            try store.saveLogin(SyncSettings(server: "https://sync.example.jp", user: "佐藤", device: "dev-1", deviceName: "ノート1", role: .field,
                                             branches: branches, loggedInAt: 1_715_000_000_000), token: "token", serverCA: nil)
        }
        return store
    }

    func file(_ name: String, _ data: Data) throws -> String {
        try FileManager.default.createDirectory(at: files.url, withIntermediateDirectories: true)
        let url = files.url.appendingPathComponent(name)
        try data.write(to: url)
        return url.path
    }

    /// The company with corporate number `number`.
    static func company(_ number: String, in store: LocalStore) throws -> Company {
        let summary = try #require(try store.list(.company).first { $0.text(Company.Field.corporateNumber) == number })
        return try Company(id: summary.key.id, values: summary.values, sets: summary.sets)
    }

    @Test("a download in Shift_JIS and in UTF-8 creates companies with name, kana, address, municipality and legal form", arguments: [CSVEncoding.cp932, .utf8, .utf8WithBOM])
    func createsCompanies(encoding: CSVEncoding) throws {
        let store = try store()
        let data = try NTAFixture.encode(encoding, NTAFixture.initial)
        let report = try CorporateNumberImport().plan(data, against: store).apply(to: store)
        #expect(report.encoding == encoding)
        #expect(report.newCount == 3 && report.rowCount == 3)
        let kawamura = try Self.company(NTAFixture.kawamura, in: store)
        #expect(kawamura.name == "株式会社カワムラ" && kawamura.nameKana == "カワムラ")
        #expect(kawamura.address == "岩手県盛岡市中央通１丁目１－１" && kawamura.municipality == "盛岡市")
        #expect(kawamura.legalForm == .stockCompany && kawamura.branch == "morioka" && kawamura.closedOn == nil)
        #expect(try Self.company(NTAFixture.iwate, in: store).legalForm == .limitedCompany)
        #expect(try Self.company(NTAFixture.hanamaki, in: store).legalForm == .limitedLiabilityCompany)
    }

    @Test("a name change and a closure are edits of the companies; a restore clears the closure; importing again writes nothing")
    func changesAndClosures() throws {
        let store = try store()
        try CorporateNumberImport().plan(Data(NTAFixture.initial.utf8), against: store).apply(to: store)
        let daily =
            NTAFixture.row(1, NTAFixture.kawamura, process: "11", name: "株式会社カワムラ工業", latest: "0", furigana: "カワムラコウギョウ")
            + NTAFixture.row(2, NTAFixture.iwate, process: "21", name: "有限会社いわて食品", kind: "302", street: "大通２－３－４",
                             closedOn: "2024-06-30", cause: "11", successor: NTAFixture.kawamura, furigana: "イワテショクヒン")
            // The later row of a number wins: the history row above is only checked.
            + NTAFixture.row(3, NTAFixture.kawamura, process: "12", name: "株式会社カワムラ工業", street: "中央通２丁目", furigana: "カワムラコウギョウ")
        let data = try NTAFixture.encode(.cp932, daily)
        let before = try store.logCounts().total
        let report = try CorporateNumberImport().plan(data, against: store).apply(to: store)
        #expect(report.updatedCount() == 2 && report.updatedCount(.closed) == 1 && report.updatedCount(.nameChanged) == 1)
        #expect(try store.logCounts().total == before + 2)
        let kawamura = try Self.company(NTAFixture.kawamura, in: store)
        #expect(kawamura.name == "株式会社カワムラ工業" && kawamura.nameKana == "カワムラコウギョウ" && kawamura.address == "岩手県盛岡市中央通２丁目")
        let iwate = try Self.company(NTAFixture.iwate, in: store)
        #expect(iwate.closedOn?.description == "2024-06-30" && iwate.closeCause == .merged && iwate.successorCorporateNumber?.digits == NTAFixture.kawamura)
        // The closure is an ordinary edit in the company's history.
        #expect(try store.history(of: EntityKey(.company, iwate.id)).count == 2)

        let again = try CorporateNumberImport().plan(data, against: store)
        #expect(again.changes.isEmpty && again.report.unchangedCount == 2)
        try again.apply(to: store)
        #expect(try store.logCounts().total == before + 2)

        let restore = NTAFixture.row(1, NTAFixture.iwate, process: "22", name: "有限会社いわて食品", kind: "302", street: "大通２－３－４", furigana: "イワテショクヒン")
        let restored = try CorporateNumberImport().plan(Data(restore.utf8), against: store).apply(to: store)
        #expect(restored.updatedCount(.restored) == 1)
        let reopened = try Self.company(NTAFixture.iwate, in: store)
        #expect(reopened.closedOn == nil && reopened.closeCause == nil && reopened.successorCorporateNumber == nil)
    }

    @Test("a row with a wrong check digit refuses the whole file, naming its line and column")
    func badCheckDigit() throws {
        let store = try store()
        let wrong = "9" + NTAFixture.sanriku.dropFirst()
        let data = NTAFixture.initial + NTAFixture.row(4, String(wrong), name: "株式会社三陸")
            + NTAFixture.row(5, NTAFixture.sanriku, process: "5", name: "株式会社三陸", kind: "999", changedOn: "2024-02-30")
        #expect { try CorporateNumberImport().plan(Data(data.utf8), against: store) } throws: { error in
            let text = "\(error)"
            return text.contains("line 4: column 2 (法人番号):") && text.contains("check digit")
                && text.contains("line 5: column 3 (処理区分):") && text.contains("line 5: column 9 (法人種別):")
                && text.contains("line 5: column 6 (変更年月日):")
        }
        #expect(try store.list(.company).isEmpty)
    }

    @Test("a company of another branch is skipped; new companies need --branch when the user has several branches")
    func branches() throws {
        let store = try store(branches: ["morioka", "hanamaki"])
        #expect { try CorporateNumberImport().plan(Data(NTAFixture.initial.utf8), against: store) } throws: { "\($0)".contains("--branch") }
        #expect { try CorporateNumberImport(.init(branch: "miyako")).plan(Data(NTAFixture.initial.utf8), against: store) } throws: {
            "\($0)".contains("not one of your branches")
        }
        let other = EntityKey(.company, RecordID(rawValue: "c-other"))
        try store.commit([.set(other, field: "name", value: "株式会社カワムラ"), .set(other, field: "corporateNumber", value: .text(NTAFixture.kawamura)),
                          .set(other, field: "branch", value: "kamaishi")])
        let report = try CorporateNumberImport(.init(branch: "hanamaki", cities: ["03205"])).plan(Data(NTAFixture.initial.utf8), against: store).apply(to: store)
        #expect(report.skippedCount(.otherBranch) == 1 && report.skippedCount(.outsideCities) == 1 && report.newCount == 1)
        #expect(try Self.company(NTAFixture.kawamura, in: store).address == nil)
        #expect(try Self.company(NTAFixture.hanamaki, in: store).branch == "hanamaki")
        let known = try CorporateNumberImport(.init(existingOnly: true)).plan(Data(NTAFixture.initial.utf8), against: store)
        #expect(known.report.skippedCount(.notExisting) == 1 && known.report.unchangedCount == 1)
    }

    @Test("hostile rows (too many columns, a 10 MB cell, control characters, an empty file) are refused without a crash")
    func hostileRows() throws {
        let store = try store()
        let extra = NTAFixture.row(1, NTAFixture.kawamura, name: "株式会社カワムラ").replacingOccurrences(of: "\r\n", with: ",x,y\r\n")
        let huge = NTAFixture.row(2, NTAFixture.iwate, name: String(repeating: "あ", count: 10 * 1024 * 1024 / 3))
        let control = NTAFixture.row(3, NTAFixture.hanamaki, name: "株式会社\u{0}花巻")
        let broken = NTAFixture.row(4, NTAFixture.sanriku, name: "\"株式会社\n三陸\"")
        let refused = #expect(throws: ImportFailure.self) {
            try CorporateNumberImport().plan(Data((extra + huge + control + broken).utf8), against: store)
        }
        #expect(refused?.lines == [1, 2, 3, 4])
        #expect(refused?.problems.first?.description.contains("32 columns") == true)
        #expect(refused?.description.contains("column 7 (商号又は名称)") == true)
        #expect(try CorporateNumberImport().plan(Data(), against: store).report.companies.isEmpty)
        // Millions of tiny rows, or one row of millions of commas, are refused before they are parsed.
        #expect { try CorporateNumberImport().plan(Data(repeating: 0x0A, count: 600_000) + Data("1\n".utf8), against: store) } throws: {
            "\($0)".contains("more than the 500000 rows")
        }
        #expect { try CorporateNumberImport().plan(Data(repeating: 0x2C, count: 5_000_000), against: store) } throws: { "\($0)".contains("commas") }
        #expect(throws: ImportFailure.self) { try CorporateNumberImport().plan(Data([0xFF, 0xFE, 0x00]), against: store) }
        #expect(try store.list(.company).isEmpty)
    }

    @Test("fieldvisit import nta: Shift_JIS file, dry run, summary, re-import unchanged, --branch refused when several branches")
    func commandLine() throws {
        try fieldvisit.succeed(["init", "--user", "佐藤"])
        let path = try file("03_iwate_all.csv", try NTAFixture.encode(.cp932, NTAFixture.initial))
        let noBranch = try fieldvisit.run(["import", "nta", path])
        #expect(noBranch.status == 2 && noBranch.error.contains("--branch"))
        let dryRun = try fieldvisit.succeed(["import", "nta", path, "--branch", "morioka", "--dry-run"])
        #expect(dryRun.output.contains("would import 3 new") && dryRun.output.contains("株式会社カワムラ"))
        #expect(try fieldvisit.succeed(["company", "list", "--json"]).output.filter { !$0.isWhitespace } == "[]")
        let imported = try fieldvisit.succeed(["import", "nta", path, "--branch", "morioka", "--city", "盛岡市"])
        #expect(imported.output.contains("imported \(path) (Shift_JIS (CP932)): 2 new, 0 updated"))
        #expect(imported.output.contains("1 outside the cities"))
        let again = try fieldvisit.succeed(["import", "nta", path, "--existing-only"])
        #expect(again.output.contains("0 new, 0 updated (0 name changed, 0 closed, 0 restored, 0 other), 2 unchanged, 1 skipped"))
        let bad = try file("bad.csv", Data((NTAFixture.initial + "1,2,3\r\n").utf8))
        let refused = try fieldvisit.run(["import", "nta", bad, "--branch", "morioka"])
        #expect(refused.status == 2 && refused.error.contains("line 4: has 3 columns"))
        #expect(try fieldvisit.run(["import", "companies", path, "--branch", "morioka"]).status != 0)
    }
}
