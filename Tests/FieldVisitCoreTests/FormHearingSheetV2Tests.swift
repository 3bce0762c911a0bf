import Testing
@testable import FieldVisitCore

@Suite("Hearing sheet v2: three accounting periods, officers, the four perspectives and the closing summary")
struct FormHearingSheetV2Tests {
    let catalog: FormCatalog
    let sheet: FormDefinition

    init() throws {
        catalog = try FormTestFixtures.catalog()
        sheet = try catalog.definition(id: "hearing-sheet", version: 2)
    }

    @Test("each period's figures have a question, named by the period; the growth rate of a period divides by the next one's sales")
    func periodQuestions() throws {
        #expect(LocalBenchmarkPeriod.latest.questionID(for: .sales) == "sales")
        #expect(LocalBenchmarkPeriod.latest.questionID(for: .previousSales) == "previousSales")
        #expect(LocalBenchmarkPeriod.previous.questionID(for: .netAssets) == "previousNetAssets")
        #expect(LocalBenchmarkPeriod.previous.questionID(for: .previousSales) == "twoPeriodsAgoSales")
        #expect(LocalBenchmarkPeriod.twoPeriodsAgo.questionID(for: .previousSales) == nil)
        for period in LocalBenchmarkPeriod.allCases {
            #expect(sheet.question(period.periodEndQuestion)?.answerType == .date, "\(period)")
            for input in LocalBenchmarkInput.allCases {
                guard let id = period.questionID(for: input) else { continue }
                let question = try #require(sheet.question(id), "no question \(id)")
                #expect(["yen", "integer"].contains(question.answerType.typeName), "\(id)")
            }
        }
    }

    @Test("the sections follow the official sheet: 企業を取り巻く環境・関係者 third, the summary last, in its order")
    func perspectives() throws {
        #expect(sheet.sections.map(\.title) == [
            "財務情報（直近期）", "財務情報（前期）", "財務情報（前々期）", "経営者", "事業", "企業を取り巻く環境・関係者", "内部管理体制",
            "まとめ（現状認識→将来目標→課題→対応策）",
        ])
        #expect(sheet.sections.last?.questions.map(\.id) == ["currentSituation", "futureGoal", "challenges", "countermeasures"])
        for id in ["marketAndShare", "competitors", "customerSupplierChanges", "repeatAndNewCustomers", "bankCount", "weaknesses", "history",
                   "staffRetentionAndTraining"] {
            #expect(sheet.question(id) != nil, "\(id)")
        }
        // The earlier periods are asked only when the accounts exist.
        let without = FormEvaluator(sheet).applicableQuestions(["hasPreviousPeriod": false]).map(\.id)
        #expect(!without.contains("previousSales") && !without.contains("hasTwoPeriodsAgo"))
    }

    @Test("a sheet's periods: oldest first, each from its own figures, named by its end")
    func periods() throws {
        var answers = FormTestFixtures.completeHearingSheet.answers
        answers.merge([
            "hasTwoPeriodsAgo": true, "previousFiscalPeriodEnd": "2023-03-31", "twoPeriodsAgoFiscalPeriodEnd": "2022-03-31",
            "previousOperatingProfit": 4_000_000, "twoPeriodsAgoSales": 80_000_000, "twoPeriodsAgoOperatingProfit": 1_600_000,
        ]) { $1 }
        let periods = try LocalBenchmark.periods(hearingSheet: FormAnswers(formID: "hearing-sheet", formVersion: 2, answers: answers), catalog: catalog)
        #expect(periods.map(\.label) == ["2022年3月期", "2023年3月期", "2024年3月期"])
        #expect(periods.map(\.period) == [.twoPeriodsAgo, .previous, .latest])
        #expect(periods.map { $0.benchmark.result(for: .operatingProfitMargin).displayText } == ["2.0%", "4.0%", "5.0%"])
        #expect(periods.map { $0.benchmark.result(for: .salesGrowthRate).displayText } == ["算出不可（前期売上高が未入力）", "25.0%", "20.0%"])
        // A v1 sheet has its latest period only.
        let v1 = try LocalBenchmark.periods(hearingSheet: FormTestFixtures.completeHearingSheet, catalog: catalog)
        #expect(v1.map(\.label) == ["2024年3月期"])
    }

    @Test("labour productivity counts the officers when there are no employees, and says so; never otherwise")
    func officers() {
        let ownerOnly = LocalBenchmark(inputs: [.operatingProfit: 3_000_000, .employees: 0, .officers: 1])
        #expect(ownerOnly.result(for: .laborProductivity).displayText == "3,000千円（役員を含む）")
        #expect(ownerOnly.result(for: .laborProductivity).value?.note == LocalBenchmark.officersNote)
        let withStaff = LocalBenchmark(inputs: [.operatingProfit: 3_000_000, .employees: 3, .officers: 2])
        #expect(withStaff.result(for: .laborProductivity).displayText == "1,000千円")
        let nobody = LocalBenchmark(inputs: [.operatingProfit: 3_000_000, .employees: 0, .officers: 0])
        #expect(nobody.result(for: .laborProductivity) == .notComputable(.zeroDenominator([.employees])))
    }

    @Test("a change of a rate is in points; other changes in their unit, signed")
    func changes() {
        #expect(IndicatorUnit.percent.formatChange(displaySteps: 25) == "+2.5ポイント")
        #expect(IndicatorUnit.percent.formatChange(displaySteps: -1234) == "-123.4ポイント")
        #expect(IndicatorUnit.months.formatChange(displaySteps: -3) == "-0.3ヶ月")
        #expect(IndicatorUnit.yenPerPerson.formatChange(displaySteps: 1400) == "+1,400千円")
        #expect(IndicatorUnit.times.formatChange(displaySteps: 0) == "0.0倍")
    }
}
