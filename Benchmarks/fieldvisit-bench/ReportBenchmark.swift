import FieldVisitClient
import FieldVisitCore
import Foundation

/// `fieldvisit-bench report`: the five reports over 100,000 visits for 10,000 companies
/// in two fiscal years (FY2022 and FY2023), with cohorts, owners' birth years, support
/// actions, referrals, banks accompanying, 2,000 succession diagnoses and a company with
/// five hearing sheets. The records go in through the client library in batches of
/// change sets; each report is timed as the median of 7 runs (target: under 200 ms).
struct ReportBenchmark {
    var companyCount = 10_000
    var visitCount = 100_000

    func run() throws {
        print("== report: fiscal-year reports over the local store ==")
        // FIELDVISIT_BENCH_KEEP=DIR keeps the store in DIR, to look at the queries.
        let kept = ProcessInfo.processInfo.environment["FIELDVISIT_BENCH_KEEP"]
        let directory = kept.map { URL(fileURLWithPath: $0) }
            ?? FileManager.default.temporaryDirectory.appendingPathComponent("fieldvisit-bench-\(UUID().uuidString)")
        defer { if kept == nil { try? FileManager.default.removeItem(at: directory) } }
        let store = try LocalStore.create(home: StoreHome(option: directory.path), user: "bench")
        var random = SplitMix64(seed: 23)
        func pick(_ count: Int) -> Int { Int(random.next() % UInt64(count)) }

        let tags = CohortTag.allCases
        let industries = Industry.allCases
        var batches: [[Edit]] = []
        var companies: [RecordID] = []
        for index in 0..<companyCount {
            let id = RecordID.random()
            var edits: [Edit] = []
            let key = EntityKey(.company, id)
            edits.append(.set(key, field: "name", value: .text("株式会社ベンチ\(index)")))
            edits.append(.set(key, field: "industry", value: .text(industries[index % industries.count].rawValue)))
            edits.append(.set(key, field: "branch", value: .text(["morioka", "miyako", "ofunato", "ichinoseki", "kamaishi", "ninohe"][index % 6])))
            edits.append(.set(key, field: "representativeBirthYear", value: .integer(Int64(1940 + pick(50)))))
            if index % 5 == 0 { edits.append(.add(key, field: "cohortTags", element: .text(tags[pick(tags.count)].rawValue))) }
            batches.append(edits)
            companies.append(id)
        }
        let purposes = VisitPurpose.allCases
        let actions = SupportAction.allCases
        let agencies = ReferralAgency.allCases
        for index in 0..<visitCount {
            let key = EntityKey(.visit, .random())
            let day = Int(random.next() % 730)
            let date = Calendar(identifier: .gregorian).date(byAdding: .day, value: day, to: Self.start)!
            var edits: [Edit] = [
                .set(key, field: "company", value: .text(companies[pick(companies.count)].rawValue)),
                .set(key, field: "date", value: .text(Self.format.string(from: date))),
                .set(key, field: "mode", value: "onSite"),
                .set(key, field: "purpose", value: .text(purposes[index % purposes.count].rawValue)),
                .add(key, field: "staff", element: .text(["佐藤", "鈴木", "高橋", "田中"][pick(4)])),
            ]
            if pick(3) == 0 { edits.append(.add(key, field: "supportActions", element: .text(actions[pick(actions.count)].rawValue))) }
            if pick(10) == 0 { edits.append(.add(key, field: "referrals", element: .text(agencies[pick(agencies.count)].rawValue))) }
            if pick(4) == 0 { edits.append(.add(key, field: "accompanyingOrganisations", element: "financialInstitution")) }
            batches.append(edits)
        }
        for index in 0..<2_000 {
            let key = EntityKey(.successionDiagnosis, .random())
            let date = Calendar(identifier: .gregorian).date(byAdding: .day, value: Int(random.next() % 730), to: Self.start)!
            let text = Self.format.string(from: date)
            var edits: [Edit] = [
                .set(key, field: "company", value: .text(companies[pick(companies.count)].rawValue)),
                .set(key, field: "date", value: .text(text)),
                .set(key, field: "formID", value: .text(FormRecordType.successionDiagnosis.formID)),
                .set(key, field: "formVersion", value: .integer(1)),
            ]
            let needs = index % 3 == 0
            let answers: [String: FieldValue] = [
                "ownerBirthYear": .integer(Int64(1940 + pick(30))), "diagnosisDate": .text(text),
                "hasSuccessorCandidate": .bool(true), "successorRelation": .text("family"), "successorInformed": .bool(true),
                "preparingSuccessorTraining": .bool(true), "preparingRelationsHandover": .bool(true),
                "preparingSharesAndAssets": .bool(true), "preparingDebtsAndGuarantees": .bool(true),
                "preparingStakeholderNotice": .bool(!needs), "consentToShareWithCentre": .bool(true),
            ]
            for (question, value) in answers { edits.append(.set(key, field: "answer." + question, value: value)) }
            batches.append(edits)
        }
        let benchmarked = companies[0]
        for year in 2019...2023 {
            let key = EntityKey(.hearingSheet, .random())
            var edits: [Edit] = [
                .set(key, field: "company", value: .text(benchmarked.rawValue)),
                .set(key, field: "date", value: .text("\(year)-06-01")),
                .set(key, field: "formID", value: .text(FormRecordType.hearingSheet.formID)),
                .set(key, field: "formVersion", value: .integer(1)),
            ]
            let growth = Int64(year - 2018)
            let answers: [String: FieldValue] = [
                "sales": .integer(100_000_000 + growth * 5_000_000), "hasPreviousPeriod": .bool(true),
                "previousSales": .integer(100_000_000 + (growth - 1) * 5_000_000), "operatingProfit": .integer(growth * 1_500_000),
                "depreciation": .integer(2_000_000), "employees": .integer(12), "borrowings": .integer(60_000_000),
                "cashAndDeposits": .integer(10_000_000), "receivables": .integer(12_000_000), "inventory": .integer(3_000_000),
                "payables": .integer(5_000_000), "netAssets": .integer(20_000_000 + growth * 2_000_000), "totalAssets": .integer(100_000_000),
            ]
            for (question, value) in answers { edits.append(.set(key, field: "answer." + question, value: value)) }
            batches.append(edits)
        }
        let load = try measure {
            for start in stride(from: 0, to: batches.count, by: 1_000) {
                // Recorded before the years reported: a cohort counts from the day its tag was recorded.
                try store.commit(each: Array(batches[start..<min(start + 1_000, batches.count)]), now: 1_617_235_200_000)
            }
        }
        print(row("records loaded (\(companyCount) companies, \(visitCount) visits, 2,000 diagnoses, 5 sheets), batches of 1,000", rate(batches.count, load.seconds), "change sets/s"))

        let year = FiscalYear(2023)
        func time<Result>(_ label: String, _ work: () throws -> Result, describe: (Result) -> String) throws {
            var timings: [Timing<Result>] = []
            for _ in 0..<7 { timings.append(try measure(work)) }
            let median = timings.sorted { $0.seconds < $1.seconds }[3]
            print(row("\(label): \(describe(median.result))", String(format: "%.1f", median.seconds * 1000), "ms"))
        }
        try time("report visits", { try VisitReport(store: store, fiscalYear: year) }) { "\($0.total.companies.displayText) companies, \($0.total.visits.displayText) visits" }
        try time("report visits --by purpose", { try VisitReport(store: store, fiscalYear: year, by: .purpose) }) { "\($0.rows.count) rows" }
        try time("report visits --by staff", { try VisitReport(store: store, fiscalYear: year, by: .staff) }) { "\($0.rows.count) rows" }
        try time("report visits --by branch", { try VisitReport(store: store, fiscalYear: year, by: .branch) }) { "\($0.rows.count) rows" }
        try time("report visits --purpose expertDispatch", { try VisitReport(store: store, fiscalYear: year, purpose: .expertDispatch) }) {
            "\($0.total.companies.displayText) companies, bank with \($0.bankAccompaniedCompanies?.displayText ?? "-")"
        }
        try time("report outcomes", { try OutcomeReport(store: store, fiscalYear: year) }) {
            "new guarantees \($0.supportActions.first { $0.code == "newGuarantee" }?.companies.displayText ?? "-")"
        }
        try time("report funnel --cohort foundingLoanUser", { try FunnelReport(store: store, fiscalYear: year, cohort: .foundingLoanUser) }) {
            "\($0.listed.current) → \($0.interviewed.current) → \($0.supported.current)"
        }
        try time("report succession", { try SuccessionReport(store: store, fiscalYear: year) }) {
            "\($0.seniorOwnersInterviewed.current) → \($0.withSuccessionNeed.current) → \($0.referredToCentre.current)"
        }
        try time("targets (every list, 10,000 companies)", { try TargetList(store: store, today: try CalendarDate("2024-03-15")) }) {
            "\($0.lines.count) lines"
        }
                try time("report benchmark (5 hearing sheets)", { try BenchmarkReport(store: store, company: benchmarked) }) {
            "\($0.periods.count) periods, margin change \($0.change(of: .operatingProfitMargin) ?? "-")"
        }
    }

    static let start: Date = {
        var components = DateComponents()
        components.year = 2022
        components.month = 4
        components.day = 1
        components.timeZone = TimeZone(identifier: "UTC")
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar.date(from: components)!
    }()

    static let format: DateFormatter = {
        let formatter = DateFormatter()
        formatter.calendar = Calendar(identifier: .gregorian)
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd"
        return formatter
    }()
}
