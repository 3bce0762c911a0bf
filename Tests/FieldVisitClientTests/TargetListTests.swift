import FieldVisitClient
import FieldVisitCore
import Foundation
import Testing

/// `fieldvisit targets` on a worked example, every date written out: 15 June 2025, in
/// FY2025 (令和7年度).
@Suite struct TargetListTests {
    let home = TemporaryHome()

    func company(_ store: LocalStore, _ name: String, birthYear: Int? = nil, branch: String = "morioka", edits: (EntityKey) -> [Edit] = { _ in [] }) throws -> RecordID {
        let company = try Company(id: .random(), name: name, representativeBirthYear: birthYear, branch: branch)
        try store.commit(creationEdits(company) + edits(EntityKey(.company, company.id)))
        return company.id
    }

    func visit(_ store: LocalStore, _ company: RecordID, _ date: String, _ purpose: VisitPurpose = .companyVisit, staff: String = "佐藤",
               referrals: Set<ReferralAgency> = [], next: String? = nil) throws {
        let visit = try Visit(id: .random(), company: company, date: try CalendarDate(date), mode: .onSite, purpose: purpose, staff: [staff],
                              referrals: referrals, nextVisitDate: try next.map { try CalendarDate($0) })
        try store.commit(creationEdits(visit))
    }

    func diagnosis(_ store: LocalStore, _ company: RecordID, _ date: String) throws {
        let day = try CalendarDate(date)
        let record = try FormRecord(schema: .successionDiagnosis, id: .random(), company: company, date: day,
                                    formID: FormRecordType.successionDiagnosis.formID, formVersion: 1,
                                    answers: ReportFixture.diagnosisAnswers(birthYear: 1950, date: day, needsPreparation: true))
        try store.commit(creationEdits(record))
    }

    @Test("each list on a worked example, each line with its reason, by branch and staff")
    func workedExample() throws {
        let store = try LocalStore.create(home: home.home, user: "佐藤")
        // Succession: 65 this year and never diagnosed; 70, diagnosed four and a half years
        // ago; 75, diagnosed last year (off); 59 (off).
        let reaching = try company(store, "株式会社六十五", birthYear: 1960)
        let stale = try company(store, "株式会社七十", birthYear: 1955)
        try diagnosis(store, stale, "2021-01-10")
        let recent = try company(store, "株式会社七十五", birthYear: 1950)
        try diagnosis(store, recent, "2024-01-10")
        _ = try company(store, "株式会社五十九", birthYear: 1966)
        // A cohort member last visited in FY2024, one visited this year (off).
        let unvisited = try company(store, "株式会社被災", branch: "miyako") { [.add($0, field: "cohortTags", element: "disasterAffectedOther")] }
        try visit(store, unvisited, "2025-03-01", staff: "鈴木")
        let visited = try company(store, "株式会社被災済") { [.add($0, field: "cohortTags", element: "disasterAffectedOther")] }
        try visit(store, visited, "2025-05-01")
        // A founder since January, not followed up.
        let founder = try company(store, "株式会社創業") {
            [.add($0, field: "cohortTags", element: "foundingLoanUser"), .add($0, field: "cohortStarts", element: "foundingLoanUser:2025-01-10")]
        }
        // Referred 75 days ago with no visit since; 14 days ago (off); referred, then visited (off).
        let referred = try company(store, "株式会社橋渡し")
        try visit(store, referred, "2025-04-01", .succession, referrals: [.successionSupportCentre])
        let fresh = try company(store, "株式会社橋渡し新")
        try visit(store, fresh, "2025-06-01", .succession, referrals: [.successionSupportCentre])
        // Referred 75 days ago, and the centre's news recorded on the visit (off).
        let news = try company(store, "株式会社橋渡し報告")
        let newsVisit = try Visit(id: .random(), company: news, date: try CalendarDate("2025-04-01"), mode: .onSite, purpose: .succession,
                                  staff: ["佐藤"], referrals: [.successionSupportCentre], referralStatus: .agencyMet)
        try store.commit(creationEdits(newsVisit))
        let heard = try company(store, "株式会社橋渡し済")
        try visit(store, heard, "2025-03-01", .succession, referrals: [.successionSupportCentre])
        try visit(store, heard, "2025-05-01")
        // A next visit due on 1 June.
        let due = try company(store, "株式会社予定")
        try visit(store, due, "2025-05-10", next: "2025-06-01")

        // Two visits on one day, the later one with no next date: nothing is due.
        let sameDay = try company(store, "株式会社同日", birthYear: 1980)
        try visit(store, sameDay, "2025-05-20", next: "2025-06-01")
        try visit(store, sameDay, "2025-05-20")

        let targets = try TargetList(store: store, today: try CalendarDate("2025-06-15"))
        // The follow-ups due are `fieldvisit agenda`'s.
        let agenda = try store.agenda(on: try CalendarDate("2025-06-15")).compactMap { $0.text(Visit.Field.company) }
        #expect(Set(targets.lines.filter { $0.reason == .followUpDue }.map(\.company.rawValue)) == Set(agenda))
        let lines = targets.lines.map { [$0.branch ?? "", $0.staff ?? "", $0.companyName, $0.reason.rawValue, $0.detail] }
        #expect(lines == [
            ["miyako", "鈴木", "株式会社被災", "cohortNotVisited", "被災企業（その他）・今年度未訪問（前回訪問 2025-03-01）"],
            ["morioka", "佐藤", "株式会社橋渡し", "referralWaiting", "事業承継・引継ぎ支援センターへ橋渡し 2025-04-01（75日経過、その後の訪問なし）"],
            ["morioka", "佐藤", "株式会社予定", "followUpDue", "次回訪問予定日 2025-06-01（前回訪問 2025-05-10）"],
            ["morioka", "", "株式会社七十", "successionAge", "今年度70歳・前回の事業承継診断 2021-01-10"],
            ["morioka", "", "株式会社六十五", "successionAge", "今年度65歳に到達・事業承継診断なし"],
            ["morioka", "", "株式会社創業", "cohortNotVisited", "創業資金利用・今年度未訪問（訪問記録なし）"],
            ["morioka", "", "株式会社創業", "newFounder", "創業資金の利用開始 2025-01-10・創業後フォローアップ未実施"],
        ])
        _ = (reaching, recent, founder, fresh)

        // A diagnosis taken, a founder followed up and the referral heard of take them off.
        try diagnosis(store, reaching, "2025-06-10")
        try visit(store, founder, "2025-06-12", .founderFollowUp)
        try visit(store, referred, "2025-06-13")
        let after = try TargetList(store: store, today: try CalendarDate("2025-06-15")).lines.map(\.companyName)
        #expect(!after.contains("株式会社六十五") && !after.contains("株式会社創業") && !after.contains("株式会社橋渡し"))
        // Tighter settings list more: a diagnosis within 12 months only; referrals after 7 days.
        let tight = try TargetList(store: store, today: try CalendarDate("2025-06-15"),
                                   settings: TargetList.Settings(diagnosisMonths: 12, referralDays: 7)).lines.map(\.companyName)
        #expect(tight.contains("株式会社七十五") && tight.contains("株式会社橋渡し新"))
    }

    @Test("companies of one list are in reading order: by kana, else by the name without its legal form")
    func readingOrder() throws {
        let store = try LocalStore.create(home: home.home, user: "佐藤")
        // By code point 有 comes before 株; read aloud, いろは comes before かえで, and
        // ワタナベ's kana puts 渡辺 last.
        for name in ["有限会社かえで", "株式会社いろは", "株式会社ｱｵｲ"] { _ = try company(store, name, birthYear: 1960) }
        _ = try company(store, "渡辺商店", birthYear: 1960) { [.set($0, field: "nameKana", value: "ワタナベショウテン")] }
        let names = try TargetList(store: store, today: try CalendarDate("2025-06-15")).lines.map(\.companyName)
        #expect(names == ["株式会社ｱｵｲ", "株式会社いろは", "有限会社かえで", "渡辺商店"])
    }

    @Test("the command filters by list, branch and staff, and refuses settings out of range")
    func command() throws {
        let fieldvisit = FieldVisitProcess(home: home.url)
        try fieldvisit.succeed(["init", "--user", "佐藤"])
        try fieldvisit.succeed(["company", "add", "--name", "株式会社六十五", "--branch", "morioka", "--birth-year", "1960"])
        let table = try fieldvisit.succeed(["targets", "--on", "2025-06-15"]).output
        #expect(table.contains("訪問候補 2025-06-15（1 件）") && table.contains("今年度65歳に到達・事業承継診断なし"))
        #expect(try fieldvisit.succeed(["targets", "--on", "2025-06-15", "--list", "referrals"]).output.contains("(none)"))
        #expect(try fieldvisit.succeed(["targets", "--on", "2025-06-15", "--branch", "miyako"]).output.contains("(none)"))
        let csv = try fieldvisit.succeed(["targets", "--on", "2025-06-15", "--format", "csv"]).output
        #expect(csv.hasPrefix("\u{FEFF}支店,担当,企業ID,企業,区分,理由\r\n"))
        #expect(csv.contains(",株式会社六十五,successionAge,今年度65歳に到達・事業承継診断なし\r\n"))
        let json = try fieldvisit.succeed(["targets", "--on", "2025-06-15", "--json"]).output
        #expect(json == (try fieldvisit.succeed(["targets", "--on", "2025-06-15", "--format", "json"]).output))
        #expect(json.contains("\"reason\" : \"successionAge\"") || json.contains("\"reason\":\"successionAge\""))
        // Settings kept on the laptop with --save are the lists' defaults afterwards.
        try fieldvisit.succeed(["targets", "--on", "2025-06-15", "--referral-days", "7", "--diagnosis-months", "12", "--save"])
        let saved = try TargetList.Settings.stored(in: LocalStore.open(home: home.home))
        #expect(saved.referralDays == 7 && saved.diagnosisMonths == 12)
        #expect(try fieldvisit.succeed(["targets", "--on", "2025-06-15"]).output.contains("今年度65歳に到達"))
        for arguments in [["targets", "--save"], ["targets", "--json", "--format", "csv"], ["targets", "--diagnosis-months", "0"], ["targets", "--referral-days", "99999"], ["targets", "--on", "2025-02-30"],
                          ["targets", "--list", "everyone"], ["targets", "--encoding", "sjis"]] {
            let result = try fieldvisit.run(arguments)
            #expect(result.status == 2 && !result.error.isEmpty, "\(arguments)")
        }
    }
}
