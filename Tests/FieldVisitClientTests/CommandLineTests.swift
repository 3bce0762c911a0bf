import FieldVisitClient
import FieldVisitCore
import Foundation
import GRDB
import Testing

/// End-to-end tests of the `fieldvisit` command in a temporary home.
@Suite struct CommandLineTests {
    let temporary = TemporaryHome()
    var fieldvisit: FieldVisitProcess { FieldVisitProcess(home: temporary.url) }

    func store() throws -> LocalStore { try LocalStore.open(home: temporary.home) }

    @Test("a day of field work: companies, visits with Japanese notes, edits, history, agenda, forms, export")
    func dayOfWork() throws {
        try fieldvisit.succeed(["init", "--user", "佐藤 花子"])
        let kawamura = try fieldvisit.succeed([
            "company", "add", "--name", "株式会社カワムラ", "--kana", "カワムラ", "--corporate-number", "1180301018771",
            "--industry", "manufacturing", "--employees", "12", "--capital", "10,000,000", "--representative", "川村 一郎",
            "--birth-year", "1955", "--branch", "morioka", "--cohort", "covidZeroInterestLoan",
        ]).lines[0]
        let yamada = try fieldvisit.succeed(["company", "add", "--name", "有限会社 山田商店", "--kana", "ヤマダショウテン", "--industry", "retail"]).lines[0]
        #expect(RecordID.isWellFormed(kawamura) && RecordID.isWellFormed(yamada))

        let notes = "社長と面談。設備更新（約3,000万円）の資金繰りについて相談あり。\n次回、決算書を受領予定。"
        let visit = try fieldvisit.succeed([
            "visit", "record", "--company", String(kawamura.prefix(6)), "--date", "2024-05-14", "--mode", "onSite",
            "--purpose", "pushTypeInterview", "--notes", notes, "--issue", "cashFlow", "--issue", "noSuccessor",
            "--met", "representative", "--next-visit", "2024-06-14",
        ]).lines[0]
        try fieldvisit.succeed(["visit", "record", "--company", yamada, "--date", "2024-05-15", "--purpose", "companyVisit", "--notes", "店主と面談"])

        // Edit: one more issue, a support action, and a corrected next-visit date.
        try fieldvisit.succeed(["visit", "edit", String(visit.prefix(7)), "--support", "expertDispatch", "--next-visit", "2024-06-20", "--remove-issue", "noSuccessor"])
        let shown = try fieldvisit.succeed(["visit", "show", visit, "--json"])
        let record = try JSONSerialization.jsonObject(with: Data(shown.output.utf8)) as! [String: Any]
        #expect(record["notes"] as? String == notes)
        #expect(record["issues"] as? [String] == ["cashFlow"])
        #expect(record["supportActions"] as? [String] == ["expertDispatch"])
        #expect(record["nextVisitDate"] as? String == "2024-06-20")
        #expect(record["staff"] as? [String] == ["佐藤 花子"])

        let table = try fieldvisit.succeed(["visit", "show", visit]).output
        #expect(table.contains("プッシュ型面談") && table.contains("資金繰り") && table.contains("専門家派遣"))

        let history = try fieldvisit.succeed(["history", String(visit.prefix(7))]).output
        #expect(history.contains("佐藤 花子"))
        #expect(history.contains("経営課題 から削除: 後継者不在") || history.contains("経営課題 から削除"))
        #expect(history.contains("次回訪問予定日 = 2024-06-20"))

        let list = try fieldvisit.succeed(["visit", "list", "--company", kawamura]).lines
        #expect(list.count == 3 && list[2].hasPrefix(String(visit.prefix(8))))
        #expect(try fieldvisit.succeed(["visit", "list", "--from", "2024-05-15"]).lines.count == 3)
        #expect(try fieldvisit.succeed(["visit", "list", "--purpose", "companyVisit", "--json"]).output.contains("店主と面談"))
        #expect(try fieldvisit.succeed(["visit", "list", "--staff", "佐藤 花子"]).lines.count == 4)
        #expect(try fieldvisit.succeed(["visit", "list", "--state", "approved"]).output.contains("(none)"))

        let agenda = try fieldvisit.succeed(["agenda", "--on", "2024-06-20"]).lines
        #expect(agenda.count == 3 && agenda[2].contains("株式会社カワムラ"))
        #expect(try fieldvisit.succeed(["agenda", "--on", "2024-06-19"]).output.contains("(none)"))

        // The forms of the day: a hearing sheet and a succession diagnosis from answer files.
        let answers = temporary.url.appendingPathComponent("answers")
        try FileManager.default.createDirectory(at: answers, withIntermediateDirectories: true)
        let hearingFile = answers.appendingPathComponent("hearing.json")
        try FormFixtures.json(FormFixtures.completeHearingSheetV2).write(to: hearingFile)
        let hearing = try fieldvisit.succeed(["hearing", "fill", "--company", kawamura, "--visit", visit, "--answers", hearingFile.path])
        #expect(hearing.output.contains("売上高増加率"))
        let successionFile = answers.appendingPathComponent("succession.json")
        try FormFixtures.json(FormFixtures.preparedSuccessionV2).write(to: successionFile)
        let diagnosis = try fieldvisit.succeed(["succession", "diagnose", "--company", kawamura, "--answers", successionFile.path])
        #expect(diagnosis.output.contains("診断結果") && diagnosis.output.contains("70歳"))
        #expect(try fieldvisit.succeed(["hearing", "show", hearing.lines[0]]).output.contains("売上高増加率"))
        // Any form type is also served by `form`, named by its command word or record type.
        #expect(try fieldvisit.succeed(["form", "show", "--type", "hearingSheet", hearing.lines[0]]).output.contains("売上高増加率"))
        let unknownType = try fieldvisit.run(["form", "show", "--type", "weather", hearing.lines[0]])
        #expect(unknownType.status == 2 && unknownType.error.contains("not a form type"))

        let status = try fieldvisit.succeed(["status", "--json"])
        let figures = try JSONSerialization.jsonObject(with: Data(status.output.utf8)) as! [String: Any]
        #expect(figures["companies"] as? Int == 2 && figures["visits"] as? Int == 2 && figures["changeSets"] as? Int == 7)

        // The day's visits exported as Excel opens them: a BOM, then the notes intact.
        let exported = temporary.url.appendingPathComponent("visits.csv")
        try fieldvisit.succeed(["export", "--format", "csv", "--type", "visits", "--output", exported.path])
        let bytes = try Data(contentsOf: exported)
        #expect(bytes.starts(with: [0xEF, 0xBB, 0xBF]))
        let csv = try CSVReader.table(from: bytes)
        #expect(csv.rows.map { $0["notes"] }.contains(notes))

        // A form type's records: a column per question, the answers as recorded.
        let sheets = temporary.url.appendingPathComponent("sheets.csv")
        try fieldvisit.succeed(["export", "--format", "csv", "--type", "hearing", "--output", sheets.path])
        let sheetTable = try CSVReader.table(from: try Data(contentsOf: sheets))
        #expect(sheetTable.rows.count == 1)
        #expect(sheetTable.rows.first?["id"] == hearing.lines[0])
        #expect(sheetTable.rows.first?["answer.sales"] == FormFixtures.completeHearingSheet["sales"]?.integerValue.map(String.init))
    }

    @Test("tables line up Japanese double-width text")
    func alignedTables() throws {
        try fieldvisit.succeed(["init", "--user", "sato"])
        for (name, kana) in [("株式会社カワムラ", "カワムラ"), ("ABC Trading", "エービーシー"), ("山田", "ヤマダ")] {
            try fieldvisit.succeed(["company", "add", "--name", name, "--kana", kana])
        }
        let lines = try fieldvisit.succeed(["company", "list"]).lines
        // The kana column starts at the same display column on every line.
        #expect(lines.count == 5)
        let starts = lines.enumerated().filter { $0.offset != 1 }.map { _, line in
            let kanaStart = ["フリガナ", "カワムラ", "エービーシー", "ヤマダ"].compactMap { line.range(of: $0, options: .backwards) }.first
            return kanaStart.map { DisplayWidth().width(of: String(line[..<$0.lowerBound])) } ?? -1
        }
        #expect(Set(starts).count == 1 && starts[0] > 0, "kana columns start at \(starts)")
        // Sorted by reading: エービーシー, カワムラ, ヤマダ.
        #expect(lines[2].contains("ABC") && lines[3].contains("カワムラ") && lines[4].contains("山田"))
    }

    @Test("search finds a company across widths, hiragana and katakana, and by corporate number")
    func searchAcrossWidthsAndKana() throws {
        try fieldvisit.succeed(["init", "--user", "sato"])
        let id = try fieldvisit.succeed(["company", "add", "--name", "株式会社カワムラ", "--corporate-number", "1180301018771"]).lines[0]
        try fieldvisit.succeed(["company", "add", "--name", "株式会社ヤマダ"])
        for query in ["株式会社カワムラ", "ｶﾜﾑﾗ", "かわむら", "カワ", "1180301018771", "１１８０３０１０１８７７１"] {
            let found = try fieldvisit.succeed(["company", "search", query, "--json"])
            let companies = try JSONSerialization.jsonObject(with: Data(found.output.utf8)) as! [[String: Any]]
            #expect(companies.map { $0["id"] as? String } == [id], "query \(query)")
        }
        #expect(try fieldvisit.succeed(["company", "search", "存在しない"]).output.contains("(none)"))
    }

    @Test("every invalid input is refused with exit code 2 and leaves the store unchanged")
    func invalidInputChangesNothing() throws {
        try fieldvisit.succeed(["init", "--user", "sato"])
        let company = try fieldvisit.succeed(["company", "add", "--name", "株式会社カワムラ"]).lines[0]
        try fieldvisit.succeed(["company", "add", "--name", "株式会社カワシマ"])
        let visit = try fieldvisit.succeed(["visit", "record", "--company", company, "--purpose", "companyVisit"]).lines[0]
        let before = try dump(store())
        let refusals: [[String]] = [
            ["company", "add", "--kana", "ナマエナシ"],
            ["company", "add", "--name", "株式会社", "--corporate-number", "1180301018772"],
            ["company", "add", "--name", "株式会社", "--industry", "spaceTravel"],
            ["company", "add", "--name", "株式会社", "--capital", "1.5"],
            ["company", "add", "--name", "株式会社", "--employees", "多数"],
            ["company", "add", "--name", String(repeating: "長", count: 201)],
            ["company", "add", "--name", "株式会社", "--birth-date", "1959-02-30"],
            ["company", "edit", company, "--name", ""],
            ["company", "edit", "kawa"],
            ["visit", "record", "--company", "nosuchid", "--purpose", "companyVisit"],
            ["visit", "record", "--company", company, "--purpose", "sightseeing"],
            ["visit", "record", "--company", company, "--purpose", "companyVisit", "--date", "2023-02-29"],
            ["visit", "record", "--company", company, "--purpose", "companyVisit", "--issue", "badLuck"],
            ["visit", "edit", visit, "--remove-issue", "cashFlow"],
            ["visit", "edit", visit, "--mode", "telepathy"],
            ["visit", "list", "--from", "yesterday"],
            ["company", "frobnicate"],
        ]
        for arguments in refusals {
            let result = try fieldvisit.run(arguments)
            #expect(result.status == 2, "\(arguments) exited \(result.status): \(result.error)")
            #expect(!result.error.isEmpty, "\(arguments) gave no message")
            #expect(try dump(store()) == before, "\(arguments) changed the store")
        }
        // The messages name the field and the rule.
        #expect(try fieldvisit.run(["company", "add", "--name", "x", "--corporate-number", "1180301018772"]).error.contains("check digit"))
        #expect(try fieldvisit.run(["company", "add", "--kana", "x"]).error.contains("name"))
        #expect(try fieldvisit.run(["company", "edit", "kawa"]).error.isEmpty == false)
    }

    @Test("a birth date is kept beside the birth year, which it fills in when not given")
    func birthDate() throws {
        try fieldvisit.succeed(["init", "--user", "sato"])
        let company = try fieldvisit.succeed(["company", "add", "--name", "株式会社二月", "--birth-date", "1959-02-10"]).lines[0]
        let shown = try fieldvisit.succeed(["company", "show", company, "--json"]).output
        let object = try #require(try JSONSerialization.jsonObject(with: Data(shown.utf8)) as? [String: Any])
        #expect(object["representativeBirthDate"] as? String == "1959-02-10")
        #expect(object["representativeBirthYear"] as? Int == 1959)
        let refused = try fieldvisit.run(["company", "edit", company, "--birth-date", "1959-02-30"])
        #expect(refused.status == 2 && refused.error.contains("representativeBirthDate"))
    }

    @Test("company edit dates a cohort's start with --cohort-since and records why it ended with --cohort-end-reason")
    func cohortDates() throws {
        try fieldvisit.succeed(["init", "--user", "sato"])
        let company = try fieldvisit.succeed(["company", "add", "--name", "株式会社創業", "--cohort", "foundingLoanUser", "--cohort-since", "2024-04-15"]).lines[0]
        try fieldvisit.succeed(["company", "edit", company, "--remove-cohort", "foundingLoanUser", "--cohort-end-reason", "repaid"])
        let spans = try CohortMembership(store: store()).spans[RecordID(rawValue: company)]?[.foundingLoanUser]
        let since = try CalendarDate("2024-04-15")
        #expect(spans?.count == 1 && spans?.first?.since == since && spans?.first?.endReasons == [.repaid])
        #expect(spans?.first?.until != nil)
        let before = try dump(store())
        for arguments in [
            ["company", "edit", company, "--cohort-end-reason", "repaid"],
            ["company", "edit", company, "--remove-cohort", "overdue", "--cohort-end-reason", "vanished"],
            ["company", "edit", company, "--cohort", "overdue", "--cohort-since", "2024-02-30"],
            ["company", "edit", company, "--cohort-since", "2024-04-01"],
        ] {
            let result = try fieldvisit.run(arguments)
            #expect(result.status == 2 && !result.error.isEmpty, "\(arguments): \(result.error)")
        }
        #expect(try dump(store()) == before)
    }

    @Test("dates and years are typed with their era as people write them, and stored as ISO")
    func eraDates() throws {
        try fieldvisit.succeed(["init", "--user", "sato"])
        let company = try fieldvisit.succeed(["company", "add", "--name", "株式会社昭和", "--birth-year", "昭和33年", "--branch", "morioka"]).lines[0]
        let visit = try fieldvisit.succeed(["visit", "record", "--company", company, "--purpose", "companyVisit", "--date", "Ｒ５．６．１",
                                            "--next-visit", "令和5年7月1日"]).lines[0]
        let shown = try fieldvisit.succeed(["visit", "show", visit, "--json"]).output
        #expect(shown.contains("\"2023-06-01\"") && shown.contains("\"2023-07-01\""))
        #expect(try fieldvisit.succeed(["company", "show", company, "--json"]).output.contains("1958"))
        let byEra = try fieldvisit.succeed(["report", "visits", "--fiscal-year", "令和5"]).output
        #expect(byEra == (try fieldvisit.succeed(["report", "visits", "--fiscal-year", "2023"]).output))
        #expect(try fieldvisit.succeed(["agenda", "--on", "R5.7.2"]).output.contains("2023-07-01"))
        let refused = try fieldvisit.run(["visit", "record", "--company", company, "--purpose", "companyVisit", "--date", "R6.2.30"])
        #expect(refused.status == 2 && refused.error.contains("R6.2.30") && refused.error.contains("does not exist"))
        let outOfEra = try fieldvisit.run(["company", "edit", company, "--birth-year", "平成32年"])
        #expect(outOfEra.status == 2 && outOfEra.error.contains("use 令和"))
        #expect(try fieldvisit.run(["report", "visits", "--fiscal-year", "令和"]).status == 2)

        // An answer file may give dates and years with their era too.
        var answers = FormFixtures.completeHearingSheetV2
        answers["fiscalPeriodEnd"] = .text("令和5年3月31日")
        answers["previousFiscalPeriodEnd"] = .text("R4.3.31")
        answers["twoPeriodsAgoFiscalPeriodEnd"] = .text("令和3年3月31日")
        answers["ownerBirthYear"] = .text("昭和33年")
        let file = temporary.url.appendingPathComponent("era-answers.json")
        try FormFixtures.json(answers).write(to: file)
        let sheet = try fieldvisit.succeed(["hearing", "fill", "--company", company, "--answers", file.path, "--date", "R5.6.1"]).lines[0]
        let stored = try store().state(of: EntityKey(.hearingSheet, RecordID(rawValue: sheet)))?.visibleValues
        #expect(stored?["answer.fiscalPeriodEnd"] == .text("2023-03-31") && stored?["answer.ownerBirthYear"] == .integer(1958))
        #expect(stored?["date"] == .text("2023-06-01"))
    }

    @Test("a missing store is a clear failure, not a crash")
    func missingStore() throws {
        let result = try fieldvisit.run(["company", "list"])
        #expect(result.status == 1)
        #expect(result.error.contains("fieldvisit init"))
        #expect(try fieldvisit.run(["init", "--user", "sato"]).status == 0)
        #expect(try fieldvisit.run(["init", "--user", "sato"]).status == 2)
    }

    @Test("a process killed during writes leaves a store that opens and holds every committed change set")
    func killedDuringWrites() throws {
        try fieldvisit.succeed(["init", "--user", "sato"])
        var committed: [String] = []
        for round in 0..<24 {
            let process = Process()
            process.executableURL = FieldVisitProcess.executable
            process.arguments = ["company", "add", "--name", "株式会社テスト\(round)", "--home", temporary.url.path]
            let output = Pipe()
            process.standardOutput = output
            process.standardError = FileHandle.nullDevice
            try process.run()
            // Kill at a random moment: before, during or after the write.
            usleep(UInt32.random(in: 0...40_000))
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            let printed = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            if let id = printed.split(separator: "\n").first { committed.append(String(id)) }
        }
        let store = try store()
        #expect(try store.read { db in try String.fetchOne(db, sql: "PRAGMA integrity_check") } == "ok")
        let companies = try store.list(.company).map(\.key.id.rawValue)
        for id in committed { #expect(companies.contains(id), "committed company \(id) is missing") }
        // Every change set in the log made it into the view whole, and nothing else did.
        #expect(try store.logCounts().total == companies.count)
        let live = try dump(store)
        try store.rebuildFromLog()
        #expect(try dump(store) == live)
    }
}
