import FieldVisitCore
import Foundation
import Testing
@testable import FieldVisitClient

@Suite struct FiscalYearTests {
    @Test("fiscal years run April to March: 31 March is the year before, 1 April the new one")
    func boundaries() throws {
        #expect(FiscalYear(containing: try CalendarDate("2024-03-31")) == FiscalYear(2023))
        #expect(FiscalYear(containing: try CalendarDate("2024-04-01")) == FiscalYear(2024))
        #expect(FiscalYear(containing: try CalendarDate("2023-04-01")) == FiscalYear(2023))
        #expect(FiscalYear(2023).firstDay == "2023-04-01" && FiscalYear(2023).lastDay == "2024-03-31")
        #expect(FiscalYear(2023).previous == FiscalYear(2022))
    }

    @Test("the era label: 令和5年度, FY2019 is 令和元年度, FY2018 平成30年度, FY1988 昭和63年度")
    func eraLabels() {
        #expect(FiscalYear(2023).japaneseLabel == "令和5年度")
        #expect(FiscalYear(2022).japaneseLabel == "令和4年度")
        #expect(FiscalYear(2019).japaneseLabel == "令和元年度")
        #expect(FiscalYear(2020).japaneseLabel == "令和2年度")
        #expect(FiscalYear(2018).japaneseLabel == "平成30年度")
        #expect(FiscalYear(1989).japaneseLabel == "平成元年度")
        #expect(FiscalYear(1988).japaneseLabel == "昭和63年度")
    }

    @Test("counts print as published: this year with last year in parentheses")
    func yearOverYear() {
        #expect(YearOverYear(current: 16, previous: 35).displayText == "16 (35)")
        #expect(YearOverYear(current: 1870, previous: 1933).displayText == "1,870 (1,933)")
    }
}

/// The reports over Iwate's published figures (``ReportFixture``).
@Suite struct ReportTests {
    var store: LocalStore { ReportFixture.shared.store }
    let year = FiscalYear(2023)

    @Test("companies visited: 1,870 in 令和5年度 (1,933)")
    func companiesVisited() throws {
        let report = try VisitReport(store: store, fiscalYear: year)
        #expect(report.total.companies.displayText == "1,870 (1,933)")
        #expect(report.conflictedVisits == 0)
        #expect(report.bankAccompaniedCompanies == nil)
    }

    @Test("disaster follow-up: debt bought out 16 firms 58 visits, others 35 firms 86 visits")
    func disasterProgrammes() throws {
        let bought = try VisitReport(store: store, fiscalYear: year, purpose: .disasterFollowUp, cohort: .disasterAffectedDebtBuyOut)
        #expect(bought.total.companies == YearOverYear(current: 16, previous: 18))
        #expect(bought.total.visits == YearOverYear(current: 58, previous: 64))
        let others = try VisitReport(store: store, fiscalYear: year, purpose: .disasterFollowUp, cohort: .disasterAffectedOther)
        #expect(others.total.companies.displayText == "35 (38)")
        #expect(others.total.visits.displayText == "86 (95)")
        let outcomes = try OutcomeReport(store: store, fiscalYear: year, purpose: .disasterFollowUp)
        let companies = Dictionary(uniqueKeysWithValues: outcomes.supportActions.map { ($0.code, $0.companies) })
        #expect(companies["newGuarantee"] == YearOverYear(current: 8, previous: 5))
        #expect(companies["changeOfTerms"] == YearOverYear(current: 22, previous: 15))
        #expect(companies["expertDispatch"] == YearOverYear(current: 6, previous: 4))
        #expect(outcomes.companiesVisited == YearOverYear(current: 51, previous: 56))
    }

    @Test("expert dispatch: 73 firms (99), 466 visits (562), the bank with 56 of the 73")
    func expertDispatch() throws {
        let report = try VisitReport(store: store, fiscalYear: year, purpose: .expertDispatch)
        #expect(report.total.companies.displayText == "73 (99)")
        #expect(report.total.visits.displayText == "466 (562)")
        #expect(report.bankAccompaniedCompanies == YearOverYear(current: 56, previous: 70))
    }

    @Test("by purpose, the rows add up to the visits; by month, April comes first")
    func dimensions() throws {
        let byPurpose = try VisitReport(store: store, fiscalYear: year, by: .purpose)
        #expect(byPurpose.rows.map(\.visits.current).reduce(0, +) == byPurpose.total.visits.current)
        #expect(byPurpose.rows.first { $0.key == "expertDispatch" }?.visits.current == 466)
        #expect(byPurpose.rows.first { $0.key == "expertDispatch" }?.label == "専門家派遣")
        let byMonth = try VisitReport(store: store, fiscalYear: year, by: .month)
        #expect(byMonth.rows.map(\.label) == ["4月", "5月", "6月", "7月", "8月", "9月", "10月", "11月", "12月", "1月", "2月", "3月"])
        #expect(byMonth.rows.map(\.visits.current).reduce(0, +) == byMonth.total.visits.current)
        let byStaff = try VisitReport(store: store, fiscalYear: year, by: .staff)
        #expect(Set(byStaff.rows.map(\.label)) == ["佐藤", "鈴木", "高橋"])
        let branch = try VisitReport(store: store, fiscalYear: year, branch: "morioka", by: .branch)
        #expect(branch.rows.map(\.key) == ["morioka"])
        #expect(branch.rows[0].companies == branch.total.companies)
        let byIndustry = try VisitReport(store: store, fiscalYear: year, by: .industry)
        #expect(byIndustry.rows.map(\.companies.current).reduce(0, +) == 1870)
    }

    @Test("the founding-loan cohort: 103 listed → 95 interviewed → 36 supported (103 → 88 → 30)")
    func funnel() throws {
        let report = try FunnelReport(store: store, fiscalYear: year, cohort: .foundingLoanUser)
        #expect(report.listed == YearOverYear(current: 103, previous: 103))
        #expect(report.interviewed == YearOverYear(current: 95, previous: 88))
        #expect(report.supported == YearOverYear(current: 36, previous: 30))
        #expect(report.conflictedRecords == 0)
    }

    @Test("owners 65 or over: 67 interviewed → 5 with a need → 4 referred (58 → 4 → 3)")
    func succession() throws {
        let report = try SuccessionReport(store: store, fiscalYear: year)
        #expect(report.seniorOwnersInterviewed == YearOverYear(current: 67, previous: 58))
        #expect(report.withSuccessionNeed == YearOverYear(current: 5, previous: 4))
        #expect(report.referredToCentre == YearOverYear(current: 4, previous: 3))
        let results = Dictionary(uniqueKeysWithValues: report.results.map { ($0.code, $0) })
        #expect(results["preparationNeeded"]?.diagnoses == YearOverYear(current: 5, previous: 4))
        #expect(results["preparationNeeded"]?.isNeed == true)
        #expect(results["successionPrepared"]?.diagnoses == YearOverYear(current: 10, previous: 8))
        #expect(results["successionPrepared"]?.isNeed == false)
    }
}

/// Small stores for the edge cases.
@Suite struct ReportEdgeTests {
    /// A company, recorded by default on 1 April 2021, before the years these tests count
    /// (its cohorts count from the day they were recorded).
    func company(_ store: LocalStore, birthYear: Int? = nil, tags: Set<CohortTag> = [], recordedAt: Int64 = ReportFixture.recordedAt) throws -> RecordID {
        let company = try Company(id: .random(), name: "株式会社テスト", representativeBirthYear: birthYear, branch: "morioka", cohortTags: tags)
        try store.commit(creationEdits(company), now: recordedAt)
        return company.id
    }

    @discardableResult
    func visit(_ store: LocalStore, _ company: RecordID, _ date: String, _ purpose: VisitPurpose = .companyVisit,
               support: Set<SupportAction> = []) throws -> Visit {
        let visit = try Visit(id: .random(), company: company, date: try CalendarDate(date), mode: .onSite, purpose: purpose,
                              staff: ["佐藤"], supportActions: support)
        try store.commit(creationEdits(visit))
        return visit
    }

    @Test("31 March counts in the year before, 1 April in the new one; a company visited in both years counts in each")
    func fiscalYearBoundary() throws {
        let home = TemporaryHome()
        let store = try LocalStore.create(home: home.home, user: "佐藤")
        let a = try company(store)
        try visit(store, a, "2023-03-31")
        try visit(store, a, "2023-04-01")
        try visit(store, a, "2024-03-31")
        try visit(store, a, "2024-04-01")
        let report = try VisitReport(store: store, fiscalYear: FiscalYear(2023))
        #expect(report.total.visits == YearOverYear(current: 2, previous: 1))
        #expect(report.total.companies == YearOverYear(current: 1, previous: 1))
        #expect(try VisitReport(store: store, fiscalYear: FiscalYear(2024)).total.visits == YearOverYear(current: 1, previous: 2))
    }

    @Test("two visits on the same day are two visits of one company; a deleted visit does not count")
    func sameDayAndDeleted() throws {
        let home = TemporaryHome()
        let store = try LocalStore.create(home: home.home, user: "佐藤")
        let a = try company(store)
        try visit(store, a, "2023-06-01")
        try visit(store, a, "2023-06-01")
        let deleted = try visit(store, a, "2023-06-02", support: [.newGuarantee])
        try store.commit([.delete(EntityKey(.visit, deleted.id))])
        let report = try VisitReport(store: store, fiscalYear: FiscalYear(2023), by: .month)
        #expect(report.total.visits.current == 2 && report.total.companies.current == 1)
        #expect(report.rows.map(\.label) == ["6月"])
        let outcomes = try OutcomeReport(store: store, fiscalYear: FiscalYear(2023))
        #expect(outcomes.supportActions.first { $0.code == "newGuarantee" }?.companies.current == 0)
    }

    @Test("a visit in conflict counts once, with its visible value, and the report says so")
    func conflict() throws {
        let homeA = TemporaryHome(), homeB = TemporaryHome()
        let a = try LocalStore.create(home: homeA.home, user: "佐藤")
        let b = try LocalStore.create(home: homeB.home, user: "鈴木")
        let companyRecord = try Company(id: .random(), name: "株式会社テスト", cohortTags: [.foundingLoanUser])
        let record = try Visit(id: .random(), company: companyRecord.id, date: try CalendarDate("2023-05-10"), mode: .onSite,
                               purpose: .founderFollowUp, staff: ["佐藤"])
        for change in try a.commit(each: [creationEdits(companyRecord), creationEdits(record)], now: ReportFixture.recordedAt) { try b.apply(change) }
        let key = EntityKey(.visit, record.id)
        let fromA = try a.commit([.set(key, field: "notes", value: "売上回復")])
        let fromB = try b.commit([.set(key, field: "notes", value: "資金繰り悪化")])
        try a.apply(fromB)
        try b.apply(fromA)
        for store in [a, b] {
            let report = try VisitReport(store: store, fiscalYear: FiscalYear(2023))
            #expect(report.total.visits.current == 1)
            #expect(report.conflictedVisits == 1)
            let funnel = try FunnelReport(store: store, fiscalYear: FiscalYear(2023), cohort: .foundingLoanUser)
            #expect(funnel.interviewed.current == 1 && funnel.conflictedRecords == 1)
            #expect(try OutcomeReport(store: store, fiscalYear: FiscalYear(2023)).conflictedVisits == 1)
        }
    }

    @Test("succession: the owner's age at the interview decides; 64 is not a senior, 65 is")
    func seniorAge() throws {
        let home = TemporaryHome()
        let store = try LocalStore.create(home: home.home, user: "佐藤")
        let senior = try company(store, birthYear: 1958)
        let younger = try company(store, birthYear: 1959)
        try visit(store, senior, "2023-05-01", .pushTypeInterview)
        try visit(store, younger, "2023-05-01", .pushTypeInterview)
        try visit(store, younger, "2024-04-02", .pushTypeInterview)   // FY2024, 65 then
        let report = try SuccessionReport(store: store, fiscalYear: FiscalYear(2023))
        #expect(report.seniorOwnersInterviewed.current == 1)
        #expect(try SuccessionReport(store: store, fiscalYear: FiscalYear(2024)).seniorOwnersInterviewed.current == 1)
    }

    @Test("succession: one age per fiscal year, whatever the month of the visit; a birth date decides for January to March; 60〜64 beside 65+")
    func ageInTheFiscalYear() throws {
        let home = TemporaryHome()
        let store = try LocalStore.create(home: home.home, user: "佐藤")
        // Born 1959: 64 in FY2023, at the May visit and the February one alike.
        let sixtyFour = try company(store, birthYear: 1959)
        try visit(store, sixtyFour, "2023-05-01", .pushTypeInterview)
        try visit(store, sixtyFour, "2024-02-20", .pushTypeInterview)
        // Born 10 February 1959: 65 on 31 March 2024, so 65 in FY2023.
        let february = try Company(id: .random(), name: "株式会社二月", representativeBirthYear: 1959,
                                   representativeBirthDate: try CalendarDate("1959-02-10"), branch: "morioka")
        try store.commit(creationEdits(february))
        try visit(store, february.id, "2023-05-01", .pushTypeInterview)
        // Born 1963: 60; born 1964: 59, in no band.
        let sixty = try company(store, birthYear: 1963)
        try visit(store, sixty, "2023-07-01", .companyVisit)
        let fiftyNine = try company(store, birthYear: 1964)
        try visit(store, fiftyNine, "2023-07-01", .companyVisit)

        let report = try SuccessionReport(store: store, fiscalYear: FiscalYear(2023))
        #expect(report.seniorOwnersInterviewed.current == 1)
        #expect(report.ownersByAge.map(\.label) == ["60〜64歳", "65歳以上"])
        #expect(report.ownersByAge.map(\.companies.current) == [2, 1])
        let table = ReportTable(report).displayRows
        #expect(table[1] == ["60〜64歳の経営者と面談", "2 (0)"])
        #expect(table[2] == ["65歳以上の経営者と面談", "1 (0)"])
    }

    @Test("cohorts are dated: a membership counts in the years it covers, whenever it ended or was entered")
    func datedCohorts() throws {
        let home = TemporaryHome()
        let store = try LocalStore.create(home: home.home, user: "佐藤")
        let funnel = { (year: Int) in try FunnelReport(store: store, fiscalYear: FiscalYear(year), cohort: .foundingLoanUser) }
        // A tag recorded on 1 April 2021 with no start day (before memberships had dates):
        // a member since the day it was recorded.
        let oldCompany = try Company(id: .random(), name: "株式会社創業前", branch: "morioka", cohortTags: [.foundingLoanUser])
        try store.commit(creationEdits(oldCompany), now: ReportFixture.recordedAt)
        let old = oldCompany.id
        try visit(store, old, "2022-06-01", .founderFollowUp)
        // Tagged today with no start day: a member from today only.
        let today = try CalendarDate(year: Calendar.current.component(.year, from: Date()), month: Calendar.current.component(.month, from: Date()),
                                     day: Calendar.current.component(.day, from: Date()))
        let late = try company(store, tags: [.foundingLoanUser], recordedAt: LocalStore.now())
        #expect(try CohortMembership(store: store).spans[late]?[.foundingLoanUser] == [CohortMembership.Span(since: today)])
        // Joined on 1 June 2023: not listed in FY2022.
        let joined = try company(store)
        let joinedKey = EntityKey(.company, joined)
        try store.commit([.add(joinedKey, field: "cohortTags", element: "foundingLoanUser"),
                          .add(joinedKey, field: "cohortStarts", element: "foundingLoanUser:2023-06-01")])
        try visit(store, joined, "2023-07-01", .founderFollowUp, support: [.businessPlanSupport])
        #expect(try funnel(2023).listed == YearOverYear(current: 2, previous: 1))
        #expect(try funnel(2023).supported == YearOverYear(current: 1, previous: 0))

        // Both leave today, one having repaid: every past year stays as it was.
        let before = try [2022, 2023].map { try funnel($0).listed }
        try store.commit([.remove(EntityKey(.company, old), field: "cohortTags", element: "foundingLoanUser"),
                          .add(EntityKey(.company, old), field: "cohortEndings", element: "foundingLoanUser.repaid")])
        try store.commit([.remove(joinedKey, field: "cohortTags", element: "foundingLoanUser")])
        #expect(try [2022, 2023].map { try funnel($0).listed } == before)
        let membership = try CohortMembership(store: store)
        let oldSpans = try #require(membership.spans[old]?[.foundingLoanUser])
        #expect(oldSpans == [CohortMembership.Span(since: try CalendarDate("2021-04-01"), until: today, endReasons: [.repaid])])
        #expect(membership.spans[joined]?[.foundingLoanUser] == [CohortMembership.Span(since: try CalendarDate("2023-06-01"), until: today)])
        // Not members in a year after they left (the late one still is).
        #expect(try funnel(FiscalYear(containing: today).startYear + 1).listed.current == 1)
        // A start day given later re-dates a membership recorded without one.
        try store.commit([.add(EntityKey(.company, late), field: "cohortTags", element: "foundingLoanUser"),
                          .add(EntityKey(.company, late), field: "cohortStarts", element: "foundingLoanUser:2020-04-01")])
        #expect(try CohortMembership(store: store).spans[late]?[.foundingLoanUser] == [CohortMembership.Span(since: try CalendarDate("2020-04-01"))])
        #expect(try funnel(2023).listed.current == 3)

        // Joining again is a span of its own; the cumulative count follows every span.
        try store.commit([.add(joinedKey, field: "cohortTags", element: "foundingLoanUser"),
                          .add(joinedKey, field: "cohortStarts", element: "foundingLoanUser:2030-04-01")])
        #expect(try CohortMembership(store: store).spans[joined]?[.foundingLoanUser]?.count == 2)
        #expect(try funnel(2023).cumulativeInterviewed == YearOverYear(current: 2, previous: 1))
        // A visit --cohort report counts the members of each year.
        let visits = try VisitReport(store: store, fiscalYear: FiscalYear(2023), cohort: .foundingLoanUser)
        #expect(visits.total.companies == YearOverYear(current: 1, previous: 1))
    }

    @Test("a visit counts with the company as it was: a successor or a move recorded later changes no past year")
    func attributesAtTheVisit() throws {
        let home = TemporaryHome()
        let store = try LocalStore.create(home: home.home, user: "佐藤")
        // An owner of 66 interviewed in FY2023, in 盛岡.
        let firm = try company(store, birthYear: 1957)
        let key = EntityKey(.company, firm)
        try visit(store, firm, "2023-06-01", .pushTypeInterview)
        let succession = { try SuccessionReport(store: store, fiscalYear: FiscalYear(2023)).seniorOwnersInterviewed.current }
        let byBranch = { (year: Int) in
            try VisitReport(store: store, fiscalYear: FiscalYear(year), by: .branch).rows.map { "\($0.label) \($0.visits.current)" }
        }
        #expect(try succession() == 1)
        #expect(try byBranch(2023) == ["morioka 1"])

        // Recorded later: the son succeeds (born 1988) and the firm moves to 宮古. A day
        // passes between, as in an office: changes of the same day as a visit count for it.
        let later = LocalStore.now() + 86_400_000
        try store.commit([.set(key, field: "representativeBirthYear", value: 1988), .set(key, field: "branch", value: "miyako")], now: later)
        #expect(try succession() == 1, "last year's owners 65 or over lost the firm to its successor")
        // A visit of 2023 recorded after the move was still a visit to the firm of 盛岡.
        try visit(store, firm, "2023-09-01", .companyVisit)
        #expect(try byBranch(2023) == ["morioka 2"])
        // This year: a visit today, before the move, and one after it.
        func day(_ milliseconds: Int64) throws -> CalendarDate {
            let parts = Calendar.current.dateComponents([.year, .month, .day], from: Date(timeIntervalSince1970: Double(milliseconds) / 1000))
            return try CalendarDate(year: parts.year!, month: parts.month!, day: parts.day!)
        }
        let today = try day(LocalStore.now()), afterMove = try day(later + 86_400_000)
        try visit(store, firm, today.description, .companyVisit)
        try visit(store, firm, afterMove.description, .companyVisit)
        let ofBranch = { (year: FiscalYear, branch: String) in try VisitReport(store: store, fiscalYear: year, branch: branch).total.visits.current }
        #expect(try ofBranch(FiscalYear(2023), "morioka") == 2 && ofBranch(FiscalYear(2023), "miyako") == 0)
        if FiscalYear(containing: today) == FiscalYear(containing: afterMove) {
            #expect(try byBranch(FiscalYear(containing: today).startYear) == ["miyako 1", "morioka 1"])
            #expect(try ofBranch(FiscalYear(containing: today), "morioka") == 1 && ofBranch(FiscalYear(containing: today), "miyako") == 1)
        }
    }

    @Test("a succession need is one confirmed with the owner: a diagnosis whose result is a need, or a visit that records no successor")
    func successionNeed() throws {
        let home = TemporaryHome()
        let store = try LocalStore.create(home: home.home, user: "佐藤")
        // 73, told the staff there is no successor, and referred.
        let told = try company(store, birthYear: 1950)
        let interview = try Visit(id: .random(), company: told, date: try CalendarDate("2023-07-01"), mode: .onSite, purpose: .succession,
                                  staff: ["佐藤"], issues: [.noSuccessor], referrals: [.successionSupportCentre])
        try store.commit(creationEdits(interview))
        // 73, diagnosed as prepared: no need.
        let prepared = try company(store, birthYear: 1950)
        try visit(store, prepared, "2023-08-01", .succession)
        let day = try CalendarDate("2023-08-01")
        try store.commit(creationEdits(try FormRecord(
            schema: .successionDiagnosis, id: .random(), company: prepared, date: day, formID: FormRecordType.successionDiagnosis.formID, formVersion: 1,
            answers: ReportFixture.diagnosisAnswers(birthYear: 1950, date: day, needsPreparation: false))))
        // 53 with no successor: a need, but not of an owner 65 or over.
        let young = try company(store, birthYear: 1970)
        let youngVisit = try Visit(id: .random(), company: young, date: try CalendarDate("2023-07-01"), mode: .onSite, purpose: .companyVisit,
                                   staff: ["佐藤"], issues: [.noSuccessor])
        try store.commit(creationEdits(youngVisit))

        let report = try SuccessionReport(store: store, fiscalYear: FiscalYear(2023))
        #expect(report.seniorOwnersInterviewed.current == 2)
        #expect(report.withSuccessionNeed.current == 1)
        #expect(report.referredToCentre.current == 1)
        #expect(report.results.first { $0.code == "successionPrepared" }?.isNeed == false)
    }

    @Test("outcomes of the firms visited under a purpose count their support wherever it was recorded; --cohort separates the cohorts")
    func outcomesOfTheFirmsVisited() throws {
        let home = TemporaryHome()
        let store = try LocalStore.create(home: home.home, user: "佐藤")
        let buyOut = try company(store, tags: [.disasterAffectedDebtBuyOut])
        let other = try company(store, tags: [.disasterAffectedOther])
        let unrelated = try company(store)
        try visit(store, buyOut, "2023-05-01", .disasterFollowUp)
        try visit(store, buyOut, "2023-06-01", .expertDispatch, support: [.expertDispatch])   // recorded on the expert's visit
        try visit(store, other, "2023-05-02", .disasterFollowUp, support: [.changeOfTerms])
        try visit(store, unrelated, "2023-05-03", .expertDispatch, support: [.expertDispatch])  // not visited under the programme
        func count(_ report: OutcomeReport, _ action: SupportAction) -> Int {
            report.supportActions.first { $0.code == action.rawValue }?.companies.current ?? -1
        }
        let disaster = try OutcomeReport(store: store, fiscalYear: FiscalYear(2023), purpose: .disasterFollowUp)
        #expect(disaster.companiesVisited.current == 2)
        #expect(count(disaster, .expertDispatch) == 1 && count(disaster, .changeOfTerms) == 1)
        let bought = try OutcomeReport(store: store, fiscalYear: FiscalYear(2023), purpose: .disasterFollowUp, cohort: .disasterAffectedDebtBuyOut)
        #expect(bought.companiesVisited.current == 1 && count(bought, .expertDispatch) == 1 && count(bought, .changeOfTerms) == 0)
        let everyone = try OutcomeReport(store: store, fiscalYear: FiscalYear(2023))
        #expect(count(everyone, .expertDispatch) == 2)
    }

    @Test("outcomes print counts and amounts in thousands of yen; the succession chain follows the referrals' status")
    func amountsAndReferralStatus() throws {
        let home = TemporaryHome()
        let store = try LocalStore.create(home: home.home, user: "佐藤")
        let firm = try company(store, birthYear: 1950)
        let other = try company(store, birthYear: 1952)
        for (company, amount, status) in [(firm, Int64(12_345_678), ReferralStatus.expertDispatched), (other, 500, .referred)] {
            let visit = try Visit(id: .random(), company: company, date: try CalendarDate("2023-07-01"), mode: .onSite, purpose: .succession,
                                  staff: ["佐藤"], issues: [.noSuccessor], supportActions: [.newGuarantee], referrals: [.successionSupportCentre],
                                  newGuaranteeAmount: amount, referralStatus: status)
            try store.commit(creationEdits(visit))
        }
        let outcomes = try OutcomeReport(store: store, fiscalYear: FiscalYear(2023))
        let guarantee = try #require(outcomes.supportActions.first { $0.code == "newGuarantee" })
        #expect(guarantee.amount == YearOverYear(current: 12_346_178, previous: 0))
        #expect(outcomes.supportActions.first { $0.code == "expertDispatch" }?.amount == nil)
        let table = ReportTable(outcomes)
        #expect(table.metrics == ["企業数", "件数", "金額（千円）"])
        #expect(table.displayRows.contains(["支援: 新規保証", "2 (0)", "2 (0)", "12,346 (0)"]))
        #expect(ReportTable(outcomes, amountUnit: .million).displayRows.contains(["支援: 新規保証", "2 (0)", "2 (0)", "12 (0)"]))
        // Half away from zero, in either sign.
        #expect(YearOverYear(current: 1_500, previous: -1_500).inUnits(of: 1_000) == YearOverYear(current: 2, previous: -2))
        #expect(YearOverYear(current: 1_499, previous: -1_499).inUnits(of: 1_000) == YearOverYear(current: 1, previous: -1))
        #expect(YearOverYear(current: Int.max, previous: Int.min).inUnits(of: 1_000_000).current == Int.max / 1_000_000 + 1)

        let succession = try SuccessionReport(store: store, fiscalYear: FiscalYear(2023))
        #expect(succession.referredToCentre.current == 2)
        let chain = Dictionary(uniqueKeysWithValues: succession.referralFollowThrough.map { ($0.status, $0.companies.current) })
        #expect(chain[.referred] == 2 && chain[.agencyMet] == 1 && chain[.expertDispatched] == 1 && chain[.planMade] == 0 && chain[.declined] == 0)
        let rows = ReportTable(succession).displayRows.map { $0[0] }
        #expect(rows.contains("橋渡し後: 専門家派遣") && rows.contains("橋渡し後: 相談対応") && !rows.contains("橋渡し後: 辞退"))
    }

    @Test("benchmark: indicators per accounting period, the change from the first to the latest in points, a bar chart")
    func benchmark() throws {
        let home = TemporaryHome()
        let store = try LocalStore.create(home: home.home, user: "佐藤")
        let a = try company(store)
        func sheet(_ date: String, sales: Int64, profit: Int64) throws {
            let answers: [String: FieldValue] = [
                "fiscalPeriodEnd": .text("\(Int(date.prefix(4))!)-03-31"), "sales": .integer(sales), "hasPreviousPeriod": .bool(true), "previousSales": .integer(100_000_000),
                "operatingProfit": .integer(profit), "depreciation": .integer(2_000_000), "employees": .integer(10),
                "borrowings": .integer(50_000_000), "cashAndDeposits": .integer(10_000_000), "receivables": .integer(12_000_000),
                "inventory": .integer(3_000_000), "payables": .integer(5_000_000), "netAssets": .integer(30_000_000),
                "totalAssets": .integer(100_000_000),
            ]
            let record = try FormRecord(schema: .hearingSheet, id: .random(), company: a, date: try CalendarDate(date), formID: FormRecordType.hearingSheet.formID,
                                          formVersion: 1, answers: answers)
            try store.commit(creationEdits(record))
        }
        try sheet("2022-06-01", sales: 100_000_000, profit: 5_000_000)
        try sheet("2023-06-01", sales: 120_000_000, profit: 9_600_000)
        let report = try BenchmarkReport(store: store, company: a)
        #expect(report.periods.count == 2)
        #expect(report.periods.map(\.label) == ["2022年3月期", "2023年3月期"])
        #expect(report.periods[1].indicators[.operatingProfitMargin]?.displayText == "8.0%")
        // A rate's change is in points: 5.0% → 8.0% is 3 points, not 3 percent.
        #expect(report.change(of: .operatingProfitMargin) == "+3.0ポイント")
        #expect(report.change(of: .salesGrowthRate) == "+20.0ポイント")
        #expect(report.change(of: .laborProductivity) == "+460千円")
        let chart = report.barChart()
        #expect(chart.contains("営業利益率（%）"))
        #expect(chart.contains { $0.contains("2023年3月期") && $0.contains("█") && $0.hasSuffix("8.0%") })
    }

    @Test("benchmark over three accounting periods: named by 決算期, one period for two sheets on the same accounts, the EBITDA states named, officers counted when there are no employees")
    func benchmarkThreePeriods() throws {
        let home = TemporaryHome()
        let store = try LocalStore.create(home: home.home, user: "佐藤")
        let a = try company(store)
        // A v1 sheet of June 2023 on the accounts to March 2023, then a v2 sheet of June
        // 2024 holding three periods, March 2023 among them: its figures win.
        var older = FormFixtures.completeHearingSheet
        older["fiscalPeriodEnd"] = "2023-03-31"
        older["operatingProfit"] = 3_000_000
        for (date, version, answers) in [("2023-06-01", 1, older), ("2024-06-10", 2, FormFixtures.completeHearingSheetV2)] {
            try store.commit(creationEdits(try FormRecord(
                schema: .hearingSheet, id: .random(), company: a, date: try CalendarDate(date), formID: FormRecordType.hearingSheet.formID,
                formVersion: version, answers: answers)))
        }
        let report = try BenchmarkReport(store: store, company: a)
        #expect(report.table == [
            ["指標", "2022年3月期", "2023年3月期", "2024年3月期", "変化（初回→最新）"],
            ["売上高増加率", "算出不可（前期売上高が未入力）", "25.0%", "20.0%", "—"],
            ["営業利益率", "-2.5%", "4.0%", "5.0%", "+7.5ポイント"],
            ["労働生産性", "-1,000千円（役員を含む）", "250千円", "400千円", "+1,400千円"],
            ["EBITDA有利子負債倍率", "EBITDAが0以下（返済原資なし）", "実質無借金", "5.0倍", "—"],
            ["営業運転資本回転期間", "2.1ヶ月", "2.4ヶ月", "2.2ヶ月", "+0.1ヶ月"],
            ["自己資本比率", "30.0%", "30.0%", "33.3%", "+3.3ポイント"],
        ])
        // No net debt is the floor of the radar's debt axis; no earnings has no point.
        #expect(BenchmarkReport.number(report.periods[1].indicators[.ebitdaDebtMultiple], of: .ebitdaDebtMultiple) == 0)
        #expect(BenchmarkReport.number(report.periods[0].indicators[.ebitdaDebtMultiple], of: .ebitdaDebtMultiple) == nil)
        #expect(Set(report.periods.map(\.date)) == ["2024-06-10"])
    }
}

/// `fieldvisit report` over the Iwate fixture: the published figures as printed.
@Suite struct ReportCommandTests {
    var fieldvisit: FieldVisitProcess { FieldVisitProcess(home: ReportFixture.shared.home.url) }

    @Test("report visits prints this year with last year in parentheses, under the era label")
    func visitsTable() throws {
        let all = try fieldvisit.succeed(["report", "visits", "--fiscal-year", "2023"]).output
        #expect(all.contains("令和5年度 訪問実績（括弧内は令和4年度）"))
        #expect(all.contains("1,870 (1,933)"))
        let expert = try fieldvisit.succeed(["report", "visits", "--fiscal-year", "2023", "--purpose", "expertDispatch"]).lines
        #expect(expert.contains { $0.hasPrefix("合計") && $0.contains("73 (99)") && $0.contains("466 (562)") })
        #expect(expert.contains { $0.hasPrefix("うち金融機関同行企業数") && $0.contains("56 (70)") })
        let disaster = try fieldvisit.succeed(["report", "visits", "--fiscal-year", "2023", "--purpose", "disasterFollowUp",
                                               "--cohort", "disasterAffectedDebtBuyOut"]).lines
        #expect(disaster.contains { $0.hasPrefix("合計") && $0.contains("16 (18)") && $0.contains("58 (64)") })
        let byMonth = try fieldvisit.succeed(["report", "visits", "--fiscal-year", "2023", "--by", "month"]).lines
        #expect(byMonth.contains { $0.hasPrefix("4月") } && byMonth.contains { $0.hasPrefix("3月") })
    }

    @Test("report funnel, succession and outcomes print the published funnels")
    func funnels() throws {
        let funnel = try fieldvisit.succeed(["report", "funnel", "--fiscal-year", "2023", "--cohort", "foundingLoanUser"]).lines
        #expect(funnel.contains { $0.hasPrefix("対象企業") && $0.contains("103 (103)") })
        #expect(funnel.contains { $0.hasPrefix("面談実施") && $0.contains("95 (88)") })
        #expect(funnel.contains { $0.hasPrefix("支援実施") && $0.contains("36 (30)") })
        let succession = try fieldvisit.succeed(["report", "succession", "--fiscal-year", "2023"]).lines
        #expect(succession.contains { $0.hasPrefix("65歳以上の経営者と面談") && $0.contains("67 (58)") })
        #expect(succession.contains { $0.hasPrefix("事業承継ニーズあり") && $0.contains("5 (4)") })
        #expect(succession.contains { $0.hasPrefix("事業承継・引継ぎ支援センターへ橋渡し") && $0.contains("4 (3)") })
        let outcomes = try fieldvisit.succeed(["report", "outcomes", "--fiscal-year", "2023", "--purpose", "disasterFollowUp"]).lines
        #expect(outcomes.contains { $0.hasPrefix("支援: 新規保証") && $0.contains("8 (5)") })
        #expect(outcomes.contains { $0.hasPrefix("支援: 条件変更") && $0.contains("22 (15)") })
    }

    @Test("CSV is UTF-8 with BOM, two columns per count; JSON holds the report")
    func csvAndJSON() throws {
        let csv = try FieldVisitExecutable.run(["report", "funnel", "--fiscal-year", "2023", "--cohort", "foundingLoanUser", "--format", "csv",
                                                "--home", ReportFixture.shared.home.url.path])
        #expect(csv.status == 0)
        #expect(csv.standardOutput.hasPrefix("\u{FEFF}段階,企業数（令和5年度）,企業数（令和4年度）\r\n"))
        #expect(csv.standardOutput.contains("面談実施,95,88\r\n"))
        let json = try fieldvisit.succeed(["report", "visits", "--fiscal-year", "2023", "--purpose", "expertDispatch", "--format", "json"]).output
        let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as! [String: Any]
        let total = object["total"] as! [String: Any]
        #expect((total["companies"] as! [String: Int]) == ["current": 73, "previous": 99])
        #expect(object["fiscalYear"] as? Int == 2023)
        #expect((object["bankAccompaniedCompanies"] as! [String: Int])["current"] == 56)
    }

    @Test("an unknown purpose or cohort is refused with the valid codes")
    func unknownCodes() throws {
        let purpose = try fieldvisit.run(["report", "visits", "--fiscal-year", "2023", "--purpose", "lunch"])
        #expect(purpose.status == 2 && purpose.error.contains("expertDispatch"))
        let cohort = try fieldvisit.run(["report", "funnel", "--fiscal-year", "2023", "--cohort", "x"])
        #expect(cohort.status == 2 && cohort.error.contains("foundingLoanUser"))
    }
}
