import Testing
@testable import FieldVisitCore

@Suite("Local benchmark indicators")
struct FormLocalBenchmarkTests {
    /// The worked example: the figures of the complete hearing-sheet fixture.
    static let worked: [LocalBenchmarkInput: Int64] = [
        .sales: 120_000_000, .previousSales: 100_000_000, .operatingProfit: 6_000_000, .depreciation: 2_000_000,
        .employees: 15, .borrowings: 50_000_000, .cashAndDeposits: 10_000_000, .receivables: 20_000_000,
        .inventory: 8_000_000, .payables: 6_000_000, .netAssets: 30_000_000, .totalAssets: 90_000_000,
    ]

    private func value(_ indicator: LocalBenchmarkIndicator, _ inputs: [LocalBenchmarkInput: Int64]) throws -> IndicatorValue {
        let result = LocalBenchmark(inputs: inputs).result(for: indicator)
        return try #require(result.value, "\(indicator) was \(result)")
    }

    /// (indicator, exact numerator, exact denominator, display steps, display)
    static let workedResults: [(LocalBenchmarkIndicator, Int64, Int64, Int64, String)] = [
        (.salesGrowthRate, 1, 5, 200, "20.0%"),
        (.operatingProfitMargin, 1, 20, 50, "5.0%"),
        (.laborProductivity, 400_000, 1, 400, "400千円"),
        (.ebitdaDebtMultiple, 5, 1, 50, "5.0倍"),
        (.workingCapitalMonths, 11, 5, 22, "2.2ヶ月"),
        (.equityRatio, 1, 3, 333, "33.3%"),
    ]

    @Test("each indicator on the worked example, exactly", arguments: workedResults)
    func workedExample(indicator: LocalBenchmarkIndicator, numerator: Int64, denominator: Int64, steps: Int64, display: String) throws {
        let value = try value(indicator, Self.worked)
        #expect(value.exact == (try ExactRatio(numerator, denominator)))
        #expect(value.displaySteps == steps)
        #expect(value.displayText == display)
        #expect(value.unit == indicator.unit)
    }

    @Test("indicators have stable codes, Japanese names and units")
    func metadata() {
        #expect(LocalBenchmarkIndicator.allCases.map(\.code) == [
            "salesGrowthRate", "operatingProfitMargin", "laborProductivity",
            "ebitdaDebtMultiple", "workingCapitalMonths", "equityRatio",
        ])
        #expect(LocalBenchmarkIndicator.allCases.map(\.japaneseLabel) == [
            "売上高増加率", "営業利益率", "労働生産性", "EBITDA有利子負債倍率", "営業運転資本回転期間", "自己資本比率",
        ])
        #expect(LocalBenchmarkIndicator.allCases.map(\.unit) == [.percent, .percent, .yenPerPerson, .times, .months, .percent])
        #expect(LocalBenchmarkIndicator.ebitdaDebtMultiple.inputs == [.borrowings, .cashAndDeposits, .operatingProfit, .depreciation])
    }

    @Test("display rounding is exact and half away from zero")
    func displayRounding() throws {
        func margin(_ profit: Int64, _ sales: Int64) throws -> String {
            try value(.operatingProfitMargin, [.operatingProfit: profit, .sales: sales]).displayText
        }
        #expect(try margin(1, 8) == "12.5%")
        #expect(try margin(5, 10_000) == "0.1%")        // 0.05% rounds away from zero
        #expect(try margin(-5, 10_000) == "-0.1%")
        #expect(try margin(4, 10_000) == "0.0%")
        #expect(try margin(-4, 10_000) == "0.0%")       // never "-0.0%"
        #expect(try margin(2, 3) == "66.7%")
        #expect(try value(.salesGrowthRate, [.sales: 90, .previousSales: 100]).displayText == "-10.0%")
        #expect(try value(.salesGrowthRate, [.sales: 13_345, .previousSales: 1_000]).displayText == "1,234.5%")
        #expect(try value(.laborProductivity, [.operatingProfit: 1_234_500, .employees: 1]).displayText == "1,235千円")
        #expect(try value(.laborProductivity, [.operatingProfit: -1_234_500, .employees: 1]).displayText == "-1,235千円")
        #expect(try value(.laborProductivity, [.operatingProfit: 10_000_000, .employees: 3]).exact == ExactRatio(10_000_000, 3))
        #expect(try value(.ebitdaDebtMultiple, [.borrowings: 10, .cashAndDeposits: 5, .operatingProfit: 1, .depreciation: 1]).displayText == "2.5倍")
        #expect(try value(.workingCapitalMonths, [.receivables: 1, .inventory: 0, .payables: 0, .sales: 7]).displayText == "1.7ヶ月")
    }

    @Test("with no figures every indicator names exactly the inputs it is missing")
    func missingInputs() {
        let benchmark = LocalBenchmark(inputs: [:])
        for (indicator, result) in benchmark.results {
            #expect(result == .notComputable(.missingInputs(indicator.inputs)))
            #expect(result.displayText.hasPrefix("算出不可"))
        }
        var partial = Self.worked
        partial[.previousSales] = nil
        let results = LocalBenchmark(inputs: partial).results
        #expect(results[0].result == .notComputable(.missingInputs([.previousSales])))
        #expect(results[0].result.displayText == "算出不可（前期売上高が未入力）")
        #expect(results.dropFirst().allSatisfy { $0.result.value != nil })
    }

    /// (indicator, figures changed from the worked example, the denominator's inputs)
    static let zeroDenominators: [(LocalBenchmarkIndicator, [LocalBenchmarkInput: Int64], [LocalBenchmarkInput])] = [
        (.salesGrowthRate, [.previousSales: 0], [.previousSales]),
        (.operatingProfitMargin, [.sales: 0], [.sales]),
        (.laborProductivity, [.employees: 0], [.employees]),
        (.workingCapitalMonths, [.sales: 0], [.sales]),
        (.equityRatio, [.totalAssets: 0], [.totalAssets]),
    ]

    @Test("the debt multiple names its states: no net debt (実質無借金), and EBITDA zero or below, instead of a number")
    func debtMultipleStates() {
        func result(_ changes: [LocalBenchmarkInput: Int64]) -> IndicatorResult {
            LocalBenchmark(inputs: Self.worked.merging(changes) { $1 }).result(for: .ebitdaDebtMultiple)
        }
        // Cash covers the borrowings, whatever the earnings.
        #expect(result([.borrowings: 5, .cashAndDeposits: 5]) == .notComputable(.noNetDebt))
        #expect(result([.borrowings: 0, .cashAndDeposits: 5, .operatingProfit: -9, .depreciation: 1]) == .notComputable(.noNetDebt))
        #expect(result([.borrowings: 5, .cashAndDeposits: 5]).displayText == "実質無借金")
        // Net debt, and EBITDA zero or below: nothing to repay from (not a negative multiple, not a zero denominator).
        #expect(result([.borrowings: 50, .cashAndDeposits: 5, .operatingProfit: -2_000_000, .depreciation: 2_000_000]) == .notComputable(.noEarnings))
        #expect(result([.borrowings: 50, .cashAndDeposits: 5, .operatingProfit: -3_000_000, .depreciation: 1]).displayText == "EBITDAが0以下（返済原資なし）")
    }

    @Test("a zero denominator is not computable, naming the denominator", arguments: zeroDenominators)
    func zeroDenominator(indicator: LocalBenchmarkIndicator, changes: [LocalBenchmarkInput: Int64], denominator: [LocalBenchmarkInput]) {
        let inputs = Self.worked.merging(changes) { $1 }
        let result = LocalBenchmark(inputs: inputs).result(for: indicator)
        #expect(result == .notComputable(.zeroDenominator(denominator)))
        #expect(result.notComputableReason?.description.contains("is zero") == true)
    }

    /// (indicator, figures changed from the worked example)
    static let overflows: [(LocalBenchmarkIndicator, [LocalBenchmarkInput: Int64])] = [
        // The numerator overflows: borrowings − cash.
        (.ebitdaDebtMultiple, [.borrowings: Int64.max, .cashAndDeposits: -1]),
        // The numerator overflows: receivables + inventory.
        (.workingCapitalMonths, [.receivables: Int64.max, .inventory: 1]),
        // The denominator overflows: operating profit + depreciation.
        (.ebitdaDebtMultiple, [.operatingProfit: Int64.max, .depreciation: 1]),
        // The value fits, but not once scaled for display (tenths of a percent).
        (.salesGrowthRate, [.sales: Int64.max, .previousSales: 1]),
        (.equityRatio, [.netAssets: Int64.max, .totalAssets: 1]),
    ]

    @Test("figures too large to compute are not computable, not a trap", arguments: overflows)
    func overflow(indicator: LocalBenchmarkIndicator, changes: [LocalBenchmarkInput: Int64]) {
        let inputs = Self.worked.merging(changes) { $1 }
        #expect(LocalBenchmark(inputs: inputs).result(for: indicator) == .notComputable(.arithmeticOverflow))
    }

    @Test("the benchmark of a hearing sheet uses its answers")
    func fromHearingSheet() throws {
        let catalog = try FormTestFixtures.catalog()
        let benchmark = try LocalBenchmark(hearingSheet: FormTestFixtures.completeHearingSheet, catalog: catalog)
        #expect(benchmark.inputs == Self.worked)
        #expect(benchmark.results.map(\.result.displayText) == ["20.0%", "5.0%", "400千円", "5.0倍", "2.2ヶ月", "33.3%"])

        // A founding-year firm answers "no previous period": growth is not computable.
        var founding = FormTestFixtures.completeHearingSheet
        founding["hasPreviousPeriod"] = false
        founding["previousSales"] = nil
        #expect(try LocalBenchmark(hearingSheet: founding, catalog: catalog).result(for: .salesGrowthRate)
            == .notComputable(.missingInputs([.previousSales])))

        // A refused answer is not a figure.
        let typo = FormTestFixtures.completeHearingSheet.setting("sales", to: "120,000,000")
        #expect(try LocalBenchmark(hearingSheet: typo, catalog: catalog).result(for: .operatingProfitMargin)
            == .notComputable(.missingInputs([.sales])))

        #expect(throws: ValidationErrors.self) {
            try LocalBenchmark(hearingSheet: FormTestFixtures.preparedSuccession, catalog: catalog)
        }
    }
}
