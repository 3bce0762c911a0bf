import FieldVisitCore

/// A company's six local-benchmark indicators across its hearing sheets, one period per
/// sheet (oldest first), with the change from the first period to the latest:
/// `fieldvisit report benchmark --company ID`. Aomori measures support this way,
/// comparing the plan's period 0 with period 3.
public struct BenchmarkReport: Sendable {
    /// One hearing sheet: its date, fiscal year and indicators.
    public struct Period: Sendable, Hashable {
        /// The hearing sheet.
        public var sheet: RecordID
        /// The date it was taken.
        public var date: String
        /// The fiscal year of that date, when the date is readable.
        public var fiscalYear: FiscalYear?
        /// The six indicators, in the order of ``LocalBenchmarkIndicator``; a sheet whose
        /// form version is unknown has none.
        public var indicators: [LocalBenchmarkIndicator: IndicatorResult]
        /// Whether the sheet is in conflict (its visible values are used).
        public var inConflict: Bool
    }

    /// The company.
    public var company: RecordID
    /// The company's name, when known here.
    public var companyName: String?
    /// The periods, oldest first; deleted sheets are left out.
    public var periods: [Period]

    /// Reads the hearing sheets of `company` in `store`.
    public init(store: LocalStore, company: RecordID, catalog: FormCatalog = .builtIn) throws {
        self.company = company
        companyName = try store.summary(of: EntityKey(.company, company))?.text(Company.Field.name)
        periods = try store.records(.hearingSheet, ofCompany: company).map { summary in
            let report = FormRecordReport(summary, kind: .hearingSheet, companyName: nil, catalog: catalog)
            let date = summary.text(ReviewedRecordField.date) ?? ""
            return Period(
                sheet: summary.key.id, date: date,
                fiscalYear: (try? CalendarDate(date)).map(FiscalYear.init(containing:)),
                indicators: Dictionary(report.indicators.map { ($0.indicator, $0.result) }, uniquingKeysWith: { a, _ in a }),
                inConflict: summary.conflictCount > 0)
        }
    }

    /// How many of the sheets are in conflict.
    public var conflictedSheets: Int { periods.filter(\.inConflict).count }

    /// The change of `indicator` from the first period to the latest, in its unit
    /// (`+2.5%`), or `nil` with fewer than two periods or when either end is not computable.
    public func change(of indicator: LocalBenchmarkIndicator) -> String? {
        guard periods.count >= 2,
              let first = periods.first?.indicators[indicator]?.value,
              let last = periods.last?.indicators[indicator]?.value else { return nil }
        let (difference, overflow) = last.displaySteps.subtractingReportingOverflow(first.displaySteps)
        if overflow { return nil }
        return (difference > 0 ? "+" : "") + indicator.unit.format(displaySteps: difference)
    }

    /// The report as a table, header first: a row per indicator, a column per period
    /// (its date, and its fiscal year), then the change from the first to the latest.
    public var table: [[String]] {
        let header = ["指標"] + periods.map { period in
            period.date + (period.fiscalYear.map { "（\($0.japaneseLabel)）" } ?? "")
        } + ["変化（初回→最新）"]
        return [header] + LocalBenchmarkIndicator.allCases.map { indicator in
            [indicator.japaneseLabel] + periods.map { $0.indicators[indicator]?.displayText ?? "—" } + [change(of: indicator) ?? "—"]
        }
    }

    /// The indicator of a period as a number in its display unit, for charts.
    /// No net debt (実質無借金) is 0 years: the floor of the debt multiple.
    public static func number(_ result: IndicatorResult?, of indicator: LocalBenchmarkIndicator) -> Double? {
        if result?.notComputableReason == .noNetDebt { return 0 }
        guard let value = result?.value else { return nil }
        let divisor = (0..<indicator.unit.decimalPlaces).reduce(1.0) { value, _ in value * 10 }
        return Double(value.displaySteps) / divisor
    }

    /// A small text bar chart: per indicator, one bar per period, scaled to the largest
    /// magnitude of that indicator; negative values are drawn with `-` after the bar's start.
    public func barChart(width: Int = 24) -> [String] {
        var lines: [String] = []
        for indicator in LocalBenchmarkIndicator.allCases {
            lines.append("\(indicator.japaneseLabel)（\(indicator.unit.japaneseLabel)）")
            let numbers = periods.map { Self.number($0.indicators[indicator], of: indicator) }
            let largest = numbers.compactMap { $0.map(abs) }.max() ?? 0
            for (period, number) in zip(periods, numbers) {
                let bar: String
                if let number {
                    let length = largest == 0 ? 0 : Int((abs(number) / largest * Double(width)).rounded())
                    bar = (number < 0 ? "-" : "") + String(repeating: "█", count: max(length, number == 0 ? 0 : 1)) + " " + (period.indicators[indicator]?.displayText ?? "")
                } else {
                    bar = "算出不可"
                }
                lines.append("  \(period.date)  \(bar)")
            }
        }
        return lines
    }
}
