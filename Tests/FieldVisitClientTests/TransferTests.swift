import FieldVisitCore
import Foundation
import Testing
@testable import FieldVisitClient

/// Export and import through the built `fieldvisit`, with files as Excel in Japan reads
/// and writes them.
@Suite struct TransferTests {
    let temporary = TemporaryHome()
    /// Where the tests' CSV files go: beside the store, removed with it.
    let files = TemporaryHome()
    var fieldvisit: FieldVisitProcess { FieldVisitProcess(home: temporary.url) }

    func store() throws -> LocalStore { try LocalStore.open(home: temporary.home) }

    /// Writes `data` to a file of the test and returns its path.
    func file(_ name: String, _ data: Data) throws -> String {
        try FileManager.default.createDirectory(at: files.url, withIntermediateDirectories: true)
        let url = files.url.appendingPathComponent(name)
        try data.write(to: url)
        return url.path
    }

    /// The path of a file the test has not written yet.
    func path(_ name: String) throws -> String {
        try FileManager.default.createDirectory(at: files.url, withIntermediateDirectories: true)
        return files.url.appendingPathComponent(name).path
    }

    /// A corporate number with a valid check digit over `base` (12 digits).
    static func corporateNumber(_ base: String) -> String {
        String(CorporateNumber.checkDigit(ofBase: Substring(base))) + base
    }

    /// The JSON array a list command printed, sorted by id.
    static func records(_ output: String) throws -> [NSDictionary] {
        let array = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [NSDictionary])
        return array.sorted { ($0["id"] as? String ?? "") < ($1["id"] as? String ?? "") }
    }

    /// A store with two companies (one with every field) and two visits.
    func fillStore() throws -> (kawamura: String, yamada: String, notes: String) {
        try fieldvisit.succeed(["init", "--user", "佐藤 花子"])
        let kawamura = try fieldvisit.succeed([
            "company", "add", "--name", "株式会社カワムラ", "--kana", "カワムラ", "--corporate-number", "1180301018771",
            "--legal-form", "stockCompany", "--industry", "manufacturing", "--employees", "12", "--capital", "10,000,000",
            "--annual-sales=-1500", "--representative", "川村 一郎", "--birth-year", "1955", "--address", "盛岡市中央通1-2-3",
            "--municipality", "盛岡市", "--branch", "morioka", "--main-bank", "岩手銀行", "--bank-type", "regionalBank",
            "--life-stage", "stable", "--cohort", "covidZeroInterestLoan", "--cohort", "overdue",
        ]).lines[0]
        // A name Excel would run as a formula if it were not guarded.
        let yamada = try fieldvisit.succeed(["company", "add", "--name", "=HYPERLINK(\"x\")山田商店", "--kana", "'ヤマダ", "--industry", "retail"]).lines[0]
        let notes = "社長と面談, \"設備更新\"の資金繰りについて相談。\n次回、決算書を受領予定。"
        try fieldvisit.succeed([
            "visit", "record", "--company", kawamura, "--date", "2024-05-14", "--purpose", "pushTypeInterview", "--notes", notes,
            "--issue", "cashFlow", "--issue", "noSuccessor", "--met", "representative", "--with", "financialInstitution", "--support", "expertDispatch",
            "--referral", "successionSupportCentre", "--goals=- 試算表を毎月作成", "--next-visit", "2024-06-14", "--staff", "佐藤 花子", "--staff", "鈴木",
        ])
        try fieldvisit.succeed(["visit", "record", "--company", yamada, "--date", "2024-05-15", "--purpose", "companyVisit", "--mode", "telephone"])
        return (kawamura, yamada, notes)
    }

    @Test("a CSV export opens as Excel reads it: BOM, CR LF, and a note with a comma, quotes and a line break survives")
    func csvAsExcelReadsIt() throws {
        let (kawamura, _, notes) = try fillStore()
        let output = try path("visits.csv")
        try fieldvisit.succeed(["export", "--format", "csv", "--type", "visits", "--output", output])
        let data = try Data(contentsOf: URL(fileURLWithPath: output))
        #expect(Array(data.prefix(3)) == [0xEF, 0xBB, 0xBF])
        let text = String(decoding: data.dropFirst(3), as: UTF8.self)
        #expect(text.hasPrefix("id,company,date,mode,purpose,staff,accompanyingOrganisations,peopleMet,notes,issues,"))
        // Header and two rows end in CR LF; the line break inside the note stays as typed.
        #expect(text.components(separatedBy: "\r\n").count - 1 == 3 && text.hasSuffix("\r\n"))
        #expect(text.contains("\"社長と面談, \"\"設備更新\"\"の資金繰りについて相談。\n次回、決算書を受領予定。\""))

        let table = try CSVReader.table(from: data, requiredColumns: RecordExport(.visits).columns)
        #expect(table.encoding == .utf8WithBOM)
        #expect(table.columns == RecordExport(.visits).columns)
        #expect(table.rows.count == 2)
        let row = try #require(table.rows.first { $0["company"] == kawamura })
        #expect(row["notes"] == notes)
        #expect(row["date"] == "2024-05-14" && row["mode"] == "onSite" && row["purpose"] == "pushTypeInterview")
        #expect(row["issues"] == "cashFlow;noSuccessor" && row["staff"] == "佐藤 花子;鈴木")
        #expect(row["shortTermGoals"] == "'- 試算表を毎月作成", "text Excel would take for a formula is guarded")
        #expect(row["reviewState"] == "draft" && row["reviewComment"] == "")

        // Standard output holds the same file; Shift_JIS on request, without a BOM.
        let printed = try fieldvisit.succeed(["export", "--format", "csv", "--type", "companies"]).output
        #expect(printed.hasPrefix("\u{FEFF}id,name,nameKana,corporateNumber,legalForm,industry,"))
        #expect(printed.contains("'=HYPERLINK(\"\"x\"\")山田商店"))
        let sjisOutput = try path("companies-sjis.csv")
        try fieldvisit.succeed(["export", "--format", "csv", "--type", "companies", "--encoding", "sjis", "--output", sjisOutput])
        let sjis = try Data(contentsOf: URL(fileURLWithPath: sjisOutput))
        #expect(String(data: sjis, encoding: .utf8) == nil, "Shift_JIS, not UTF-8")
        let decoded = try CSVReader.table(from: sjis)
        #expect(decoded.encoding == .cp932)
        #expect(decoded.rows.contains { $0["name"] == "株式会社カワムラ" && $0["cohortTags"] == "covidZeroInterestLoan;overdue" })
    }

    @Test("export, then import into a fresh store, gives identical records with the same ids")
    func exportImportRoundTrip() throws {
        _ = try fillStore()
        let companies = try path("companies.csv"), visits = try path("visits.csv")
        try fieldvisit.succeed(["export", "--format", "csv", "--type", "companies", "--output", companies])
        try fieldvisit.succeed(["export", "--format", "csv", "--type", "visits", "--output", visits])
        let originalCompanies = try fieldvisit.succeed(["company", "list", "--json"]).output
        let originalVisits = try fieldvisit.succeed(["visit", "list", "--json"]).output
        let originalJSON = try fieldvisit.succeed(["export", "--format", "json"]).output

        let fresh = TemporaryHome()
        let other = FieldVisitProcess(home: fresh.url)
        try other.succeed(["init", "--user", "鈴木"])
        #expect(try other.succeed(["import", "companies", companies]).output.contains("2 new, 0 updated, 0 unchanged"))
        #expect(try other.succeed(["import", "visits", visits]).output.contains("2 new, 0 updated, 0 unchanged"))

        #expect(try other.succeed(["company", "list", "--json"]).output == originalCompanies)
        #expect(try Self.records(other.succeed(["visit", "list", "--json"]).output) == Self.records(originalVisits))
        let imported = try #require(try JSONSerialization.jsonObject(with: Data(other.succeed(["export", "--format", "json"]).output.utf8)) as? [String: [NSDictionary]])
        let original = try #require(try JSONSerialization.jsonObject(with: Data(originalJSON.utf8)) as? [String: [NSDictionary]])
        #expect(imported["companies"] == original["companies"])
        let byID = { (records: [NSDictionary]?) in (records ?? []).sorted { ($0["id"] as! String) < ($1["id"] as! String) } }
        #expect(byID(imported["visits"]) == byID(original["visits"]) && byID(original["visits"]).count == 2)
        // The guarded formula and the leading apostrophe came back exactly.
        #expect(originalCompanies.contains("=HYPERLINK(\\\"x\\\")山田商店") && originalCompanies.contains("'ヤマダ"))

        // JSON of one type is what the list command prints; CSV needs a type.
        #expect(try fieldvisit.succeed(["export", "--format", "json", "--type", "companies"]).output == originalCompanies)
        let untyped = try fieldvisit.run(["export", "--format", "csv"])
        #expect(untyped.status == 2 && untyped.error.contains("--type companies"))

        // Each imported record is a change set of its own.
        let records = (imported["companies"]?.count ?? 0) + (imported["visits"]?.count ?? 0)
        #expect(try LocalStore.open(home: fresh.home).logCounts() == (records, records))
    }

    @Test("a Shift_JIS file from Excel with Japanese headings and labels imports exactly")
    func shiftJISFromExcel() throws {
        try fieldvisit.succeed(["init", "--user", "佐藤"])
        let takahashi = Self.corporateNumber("010001008844")
        let companies = """
            企業名,ﾌﾘｶﾞﾅ,法人番号,業種,従業員数,資本金,代表者,フォローアップ区分\r
            株式会社髙橋製作所,タカハシセイサクショ,\(takahashi),製造業,１２,"¥10,000,000",髙橋 一郎,ゼロゼロ融資、延滞\r
            ㈲山田商店～本店,ヤマダショウテン,,小売業,3,,,\r
            ,,,,,,,\r

            """
        let data = try CP932.encode(companies)
        #expect(String(data: data, encoding: .utf8) == nil, "the file is Shift_JIS")
        let result = try fieldvisit.succeed(["import", "companies", try file("企業一覧.csv", data)])
        #expect(result.output.contains("Shift_JIS") && result.output.contains("2 new, 0 updated, 0 unchanged"))

        let list = try Self.records(fieldvisit.succeed(["company", "list", "--json"]).output)
        let kabushiki = try #require(list.first { $0["corporateNumber"] as? String == takahashi })
        #expect(kabushiki["name"] as? String == "株式会社髙橋製作所")
        #expect(kabushiki["nameKana"] as? String == "タカハシセイサクショ")
        #expect(kabushiki["industry"] as? String == "manufacturing")
        #expect(kabushiki["employees"] as? Int == 12 && kabushiki["capital"] as? Int == 10_000_000)
        #expect(kabushiki["representativeName"] as? String == "髙橋 一郎")
        #expect(kabushiki["cohortTags"] as? [String] == ["covidZeroInterestLoan", "overdue"])
        let yugen = try #require(list.first { $0["industry"] as? String == "retail" })
        #expect(yugen["name"] as? String == "㈲山田商店～本店" && yugen["employees"] as? Int == 3)
        #expect(yugen["corporateNumber"] == nil)

        // Visits name their company by name or by corporate number; dates as Excel writes them.
        let visits = """
            企業名,訪問日,面談方法,訪問目的,担当者,面談者,面談内容,経営課題\r
            株式会社髙橋製作所,2024/5/7,訪問,プッシュ型面談,佐藤 花子;鈴木 一郎,代表者,工場長と面談。～来月に設備更新の見積り,\r
            \(takahashi),2024年6月10日,電話,企業訪問,佐藤 花子,,電話で近況確認,資金繰り、後継者不在\r
            ㈲山田商店～本店,2024-06-11,来訪,その他,佐藤 花子,,,\r

            """
        #expect(try fieldvisit.succeed(["import", "visits", try file("訪問.csv", try CP932.encode(visits))]).output.contains("3 new"))
        let recorded = try fieldvisit.succeed(["visit", "list", "--json"]).output
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(recorded.utf8)) as? [NSDictionary])
        try #require(rows.map { $0["date"] as? String } == ["2024-05-07", "2024-06-10", "2024-06-11"])
        #expect(rows[0]["company"] as? String == kabushiki["id"] as? String && rows[1]["company"] as? String == kabushiki["id"] as? String)
        #expect(rows[2]["company"] as? String == yugen["id"] as? String)
        #expect(rows[0]["notes"] as? String == "工場長と面談。～来月に設備更新の見積り")
        #expect(rows[0]["mode"] as? String == "onSite" && rows[0]["purpose"] as? String == "pushTypeInterview")
        #expect(rows[0]["staff"] as? [String] == ["佐藤 花子", "鈴木 一郎"] && rows[0]["peopleMet"] as? [String] == ["representative"])
        #expect(rows[1]["mode"] as? String == "telephone" && rows[1]["issues"] as? [String] == ["cashFlow", "noSuccessor"])
        #expect(rows[2]["mode"] as? String == "atOffice" && rows[2]["reviewState"] as? String == "draft")
    }

    @Test("a file with bad rows imports nothing, lists every bad line with its column, exits 2; a dry run writes nothing")
    func badRowsImportNothing() throws {
        let (kawamura, _, _) = try fillStore()
        let before = try dump(store())
        let companies = """
            id,name,corporateNumber,industry,employees\r
            ,株式会社ミヤギ,\(Self.corporateNumber("000000000001")),construction,5\r
            ,株式会社イワテ,1180301018772,retail,8\r
            ,株式会社アキタ,,services,2\r
            ,株式会社アオモリ,,spaceTravel,多数\r

            """
        let refused = try fieldvisit.run(["import", "companies", try file("bad.csv", Data(companies.utf8))])
        #expect(refused.status == 2)
        #expect(refused.error.contains("2 lines have problems"))
        #expect(refused.error.contains("line 3: corporateNumber: 1180301018772 has a wrong check digit"))
        #expect(refused.error.contains("line 5: industry: “spaceTravel” is neither a code nor a label of 「業種」; use one of: manufacturing (製造業)"))
        #expect(refused.error.contains("line 5: employees: \"多数\" is not a whole number"))
        #expect(!refused.error.contains("line 2") && !refused.error.contains("line 4"))
        #expect(try dump(store()) == before)

        let visits = """
            company,date,mode,purpose,staff\r
            \(kawamura),2024-07-01,onSite,companyVisit,佐藤 花子\r
            \(kawamura),2023-02-29,onSite,companyVisit,佐藤 花子\r
            どこにもない会社,2024-07-02,onSite,companyVisit,佐藤 花子\r

            """
        let refusedVisits = try fieldvisit.run(["import", "visits", try file("bad-visits.csv", Data(visits.utf8))])
        #expect(refusedVisits.status == 2)
        #expect(refusedVisits.error.contains("line 3: date: 2023-02-29 does not exist"))
        #expect(refusedVisits.error.contains("line 4: company: no company here has the id, corporate number or name “どこにもない会社”"))
        #expect(try dump(store()) == before)

        // An unknown column is named, not skipped.
        let unknown = try fieldvisit.run(["import", "companies", try file("unknown.csv", Data("企業名,売上見込み\r\n株式会社ミヤギ,100\r\n".utf8))])
        #expect(unknown.status == 2 && unknown.error.contains("line 1:") && unknown.error.contains("“売上見込み”"))
        #expect(try dump(store()) == before)

        // A dry run of a valid file reports and writes nothing.
        let valid = "name,corporateNumber,industry\r\n株式会社ミヤギ,\(Self.corporateNumber("000000000001")),construction\r\n株式会社アキタ,,services\r\n"
        let dryRun = try fieldvisit.succeed(["import", "companies", try file("valid.csv", Data(valid.utf8)), "--dry-run"])
        #expect(dryRun.output.contains("would import 2 new, 0 updated, 0 unchanged; nothing was written"))
        #expect(dryRun.lines.contains { $0.hasPrefix("2 ") && $0.contains("new") && $0.contains("株式会社ミヤギ") }, "\(dryRun.output)")
        #expect(dryRun.lines.contains { $0.hasPrefix("3 ") && $0.contains("new") && $0.contains("株式会社アキタ") })
        #expect(try dump(store()) == before)
    }

    @Test("importing the same file twice creates nothing twice; a changed cell writes only that field")
    func importTwice() throws {
        try fieldvisit.succeed(["init", "--user", "佐藤"])
        let miyagi = Self.corporateNumber("000000000001")
        // Miyagi is found again by its corporate number, Yamada (a sole proprietor) by its id.
        let companies = """
            id,name,nameKana,corporateNumber,industry,employees,cohortTags\r
            ,株式会社ミヤギ,ミヤギ,\(miyagi),construction,5,overdue\r
            yamada-shoten,山田商店,ヤマダショウテン,,retail,2,\r

            """
        let companiesFile = try file("companies.csv", Data(companies.utf8))
        #expect(try fieldvisit.succeed(["import", "companies", companiesFile]).output.contains("2 new, 0 updated, 0 unchanged"))
        let visits = """
            id,company,date,mode,purpose,staff,issues\r
            v-2024-0001,\(miyagi),2024-07-01,onSite,companyVisit,佐藤,cashFlow\r
            v-2024-0002,山田商店,2024-07-02,onSite,companyVisit,佐藤,\r

            """
        let visitsFile = try file("visits.csv", Data(visits.utf8))
        #expect(try fieldvisit.succeed(["import", "visits", visitsFile]).output.contains("2 new, 0 updated, 0 unchanged"))
        #expect(try store().list(.visit).first?.text("company") == store().list(.company).first { $0.text("corporateNumber") == miyagi }?.key.id.rawValue)
        let before = try dump(store())
        let counts = try store().logCounts()

        #expect(try fieldvisit.succeed(["import", "companies", companiesFile]).output.contains("0 new, 0 updated, 2 unchanged"))
        #expect(try fieldvisit.succeed(["import", "visits", visitsFile]).output.contains("0 new, 0 updated, 2 unchanged"))
        #expect(try dump(store()) == before)
        #expect(try store().logCounts() == counts)
        #expect(try store().list(.company).count == 2 && store().list(.visit).count == 2)

        // One changed cell and one more set element: only those are written.
        let changed = companies.replacingOccurrences(of: "construction,5,overdue", with: "construction,7,overdue;covidZeroInterestLoan")
        #expect(try fieldvisit.succeed(["import", "companies", try file("changed.csv", Data(changed.utf8))]).output.contains("0 new, 1 updated, 1 unchanged"))
        let company = try #require(try store().list(.company).first { $0.text("corporateNumber") == miyagi })
        #expect(company.values["employees"] == 7 && company.sets["cohortTags"] == ["covidZeroInterestLoan", "overdue"])
        let last = try #require(try store().history(of: company.key).last)
        #expect(last.operations.count == 2, "only employees and the added cohort are written: \(last.operations)")
        #expect(try store().list(.company).count == 2)
    }
}

/// The parts of export and import that need no process: column names, cells, matching.
@Suite struct TransferLibraryTests {
    let temporary = TemporaryHome()

    @Test("every field is found by its name, its label and the common headings, in any width or kana")
    func columnNames() throws {
        for type in TransferType.allCases {
            let known = ImportColumns.knownNames(type)
            for spec in type.schema.fields {
                for name in [spec.name, spec.label] + (ImportColumns.commonHeadings(type)[spec.name] ?? []) {
                    #expect(known[JapaneseSearchKey.fold(name)] == spec.name, "\(type) \(name)")
                }
            }
        }
        let columns = try ImportColumns(header: ["ID", "企業名", "ﾌﾘｶﾞﾅ", "法人番号", "業種", "資本金(円)"], line: 1, type: .companies)
        #expect(columns.idColumn == "ID")
        #expect(columns.fieldsByColumn == ["企業名": "name", "ﾌﾘｶﾞﾅ": "nameKana", "法人番号": "corporateNumber", "業種": "industry", "資本金(円)": "capital"])
        #expect(throws: ImportFailure.self) { try ImportColumns(header: ["企業名", "name"], line: 1, type: .companies) }
        #expect { try ImportColumns(header: ["企業名", "メモ欄", "x"], line: 3, type: .companies) } throws: { error in
            "\(error)".hasPrefix("line 3:") && "\(error)".contains("“メモ欄”, “x”")
        }
    }

    @Test("codes are read from their code or their Japanese label; dates and yen as Excel writes them")
    func cells() throws {
        for schema in [RecordSchema.company, .visit] {
            for spec in schema.fields {
                guard let list = spec.codeList else { continue }
                for entry in list.entries {
                    #expect(try ImportCells.code(entry.label, in: list, spec: spec) == entry.code)
                    #expect(try ImportCells.code(entry.code, in: list, spec: spec) == entry.code)
                }
            }
        }
        let industry = try #require(RecordSchema.company.spec(for: "industry"))
        #expect(try ImportCells.value("飲食業･宿泊業", spec: industry) == "foodServiceAndAccommodation")
        #expect(throws: FieldVisitCore.ValidationError.self) { try ImportCells.value("宇宙旅行", spec: industry) }
        let date = try #require(RecordSchema.visit.spec(for: "date"))
        for text in ["2024/5/7", "2024-05-07", "２０２４年５月７日", "2024.5.7"] {
            #expect(try ImportCells.value(text, spec: date) == "2024-05-07", "\(text)")
        }
        #expect(throws: FieldVisitCore.ValidationError.self) { try ImportCells.value("2024/2/30", spec: date) }
        let capital = try #require(RecordSchema.company.spec(for: "capital"))
        #expect(try ImportCells.value("¥10,000,000", spec: capital) == 10_000_000)
        #expect(try ImportCells.value("1,500円", spec: capital) == 1_500)
        let number = try #require(RecordSchema.company.spec(for: "corporateNumber"))
        #expect { try ImportCells.value("1.18E+12", spec: number) } throws: { "\($0)".contains("文字列") }
        let issues = try #require(RecordSchema.visit.spec(for: "issues"))
        #expect(try ImportCells.elements("資金繰り、cashFlow; 後継者不在", spec: issues) == ["cashFlow", "noSuccessor"])
    }

    @Test("text Excel would run as a formula is guarded on export and given back exactly on import")
    func formulaGuard() {
        for text in ["=SUM(A1)", "+81 19", "-", "- 後継者なし", "@sato", "'", "''", "'=x", "'abc", "-1500", "普通のメモ", ""] {
            let cell = TransferCell.guarded(text)
            #expect(TransferCell.unguarded(cell) == text, "\(text)")
            #expect(cell == text || cell.hasPrefix("'"))
        }
        #expect(TransferCell.guarded("-1500") == "-1500" && TransferCell.guarded("=1") == "'=1")
        #expect(TransferCell.unguarded("'abc") == "'abc", "someone's apostrophe stays")
    }

    @Test("a visit's company is found by id, corporate number or a name that only one company has")
    func visitCompanies() throws {
        let store = try LocalStore.create(home: temporary.home, user: "佐藤")
        let first = EntityKey(.company, RecordID(rawValue: "c-1")), second = EntityKey(.company, RecordID(rawValue: "c-2"))
        try store.commit([
            .set(first, field: "name", value: "山田商店"), .set(first, field: "corporateNumber", value: "1180301018771"),
            .set(second, field: "name", value: "山田商店"),
        ])
        func plan(_ company: String) throws -> ImportPlan {
            let csv = "company,date,purpose,mode,staff\n\(company),2024-07-01,companyVisit,onSite,佐藤\n"
            return try RecordImport(.visits).plan(Data(csv.utf8), against: store)
        }
        for reference in ["c-2", "1180301018771", "１１８０３０１０１８７７１"] {
            let edits = try plan(reference).changes.flatMap { $0 }
            let expected: FieldValue = reference == "c-2" ? "c-2" : "c-1"
            #expect(edits.contains { if case .set(_, "company", expected) = $0 { true } else { false } }, "\(reference)")
        }
        #expect { try plan("山田商店") } throws: { "\($0)".contains("matches 2 companies (c-1, c-2)") }
        #expect { try plan("1180301018772") } throws: { "\($0)".contains("line 2: company:") && "\($0)".contains("check digit") }
        #expect(try store.list(.visit).isEmpty)
    }

    @Test("a visit imported without a staff column is the importing user's; an empty staff cell is still refused")
    func importedVisitsDefaultTheirStaff() throws {
        let store = try LocalStore.create(home: temporary.home, user: "佐藤 花子")
        let company = EntityKey(.company, RecordID(rawValue: "c-1"))
        try store.commit([.set(company, field: "name", value: "山田商店")])
        let plan = try RecordImport(.visits).plan(Data("company,date,purpose,mode\nc-1,令和6年7月1日,companyVisit,onSite\n".utf8), against: store)
        let edits = plan.changes.flatMap { $0 }
        #expect(edits.contains { if case .add(_, "staff", "佐藤 花子") = $0 { true } else { false } })
        #expect(edits.contains { if case .set(_, "date", "2024-07-01") = $0 { true } else { false } })
        #expect { try RecordImport(.visits).plan(Data("company,date,purpose,mode,staff\nc-1,2024-07-01,companyVisit,onSite,\n".utf8), against: store) }
            throws: { "\($0)".contains("staff") }
    }

    @Test("a company row whose id and corporate number name two different companies is refused")
    func conflictingIdentity() throws {
        let store = try LocalStore.create(home: temporary.home, user: "佐藤")
        let first = EntityKey(.company, RecordID(rawValue: "c-1")), second = EntityKey(.company, RecordID(rawValue: "c-2"))
        try store.commit([
            .set(first, field: "name", value: "株式会社カワムラ"), .set(first, field: "corporateNumber", value: "1180301018771"),
            .set(second, field: "name", value: "山田商店"),
        ])
        let csv = "id,name,corporateNumber\nc-2,山田商店,1180301018771\nc-9,新しい会社,\nc-9,新しい会社,\n"
        #expect { try RecordImport(.companies).plan(Data(csv.utf8), against: store) } throws: { error in
            let failure = error as? ImportFailure
            return failure?.lines == [2, 4] && "\(error)".contains("c-2 is another company than c-1")
        }
        let twice = "name,corporateNumber\n株式会社カワムラ,1180301018771\nカワムラ,1180301018771\n"
        #expect { try RecordImport(.companies).plan(Data(twice.utf8), against: store) } throws: { error in
            (error as? ImportFailure)?.problems.map(\.description) == ["line 3: corporateNumber: 1180301018771 is also on line 2; a company may appear only once in a file"]
        }
        let plan = try RecordImport(.companies).plan(Data("id,name\nc-9,新しい会社\n".utf8), against: store)
        #expect(plan.report.rows.map(\.key) == [EntityKey(.company, RecordID(rawValue: "c-9"))])
        #expect(try plan.apply(to: store).summary == "1 new, 0 updated, 0 unchanged")
        #expect(try store.summary(of: EntityKey(.company, RecordID(rawValue: "c-9")))?.text("name") == "新しい会社")
    }

    @Test("deleted records are not exported, and an import does not bring them back")
    func deletedRecords() throws {
        let store = try LocalStore.create(home: temporary.home, user: "佐藤")
        let kept = EntityKey(.company, RecordID(rawValue: "c-kept")), deleted = EntityKey(.company, RecordID(rawValue: "c-gone"))
        try store.commit([.set(kept, field: "name", value: "残る会社"), .set(deleted, field: "name", value: "消えた会社")])
        try store.commit([.delete(deleted)])
        let table = try CSVReader.table(from: try RecordExport(.companies).csv(from: store))
        #expect(table.rows.map { $0["id"] } == ["c-kept"])

        let before = try dump(store)
        #expect { try RecordImport(.companies).plan(Data("id,name\nc-gone,消えた会社\n".utf8), against: store) } throws: { error in
            "\(error)".contains("line 2: id: company c-gone was deleted here")
        }
        #expect(try dump(store) == before)
    }

    @Test("every row of the wrong length is listed; empty columns Excel leaves after the table are ignored")
    func rowLengths() throws {
        let store = try LocalStore.create(home: temporary.home, user: "佐藤")
        let csv = "name,industry\n株式会社A,retail\n株式会社B\n株式会社C,retail,extra\n株式会社D,宇宙\n"
        #expect { try RecordImport(.companies).plan(Data(csv.utf8), against: store) } throws: { error in
            (error as? ImportFailure)?.lines == [3, 4, 5] && "\(error)".contains("line 3: this row has 1 field but the header has 2")
        }
        let excel = "企業名,業種,,\r\n株式会社A,小売業,,\r\n株式会社B,製造業\r\n"
        let plan = try RecordImport(.companies).plan(Data(excel.utf8), against: store)
        #expect(plan.report.summary == "2 new, 0 updated, 0 unchanged")
    }
}
