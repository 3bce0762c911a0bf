import FieldVisitCore

/// A company's six local-benchmark indicators by accounting period (決算期), oldest
/// first, with the change from the first period to the latest: `fieldvisit report
/// benchmark --company ID`. Aomori measures support this way, comparing the plan's
/// period 0 with period 3.
///
/// Periods are named by their last day (`2024年3月期`), not by the day a sheet was taken:
/// a v2 sheet holds up to three periods, and two sheets on the same accounts are one
/// period, whose figures are those of the later sheet (the accounts as last confirmed).
public struct BenchmarkReport: Sendable {
    /// One accounting period and its indicators.
    public struct Period: Sendable, Hashable {
        /// The period's last day, or `nil` for a sheet that does not give it yet (or whose
        /// form version this laptop does not know: it has no indicators).
        public var end: CalendarDate?
        /// `2024年3月期`; `2024-06-01のシート` for a sheet without a period end.
        public var label: String
        /// The hearing sheet whose figures give the period.
        public var sheet: RecordID
        /// The date that sheet was taken.
        public var date: String
        /// The six indicators, in the order of ``LocalBenchmarkIndicator``.
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
        var byEnd: [CalendarDate: Period] = [:]
        var unreadable: [Period] = []
        // Oldest sheet first, so that a later sheet's figures for the same period win.
        for summary in try store.records(.hearingSheet, ofCompany: company) {
            let answers = FormRecordReport(summary, kind: .hearingSheet, companyName: nil, catalog: catalog).answers
            let date = summary.text(ReviewedRecordField.date) ?? ""
            let accounting = (try? LocalBenchmark.periods(hearingSheet: answers, catalog: catalog)) ?? []
            if accounting.isEmpty {
                // No period end answered yet: the figures it has, under the sheet's date;
                // none for a version this laptop does not know.
                let benchmark = try? LocalBenchmark(hearingSheet: answers, catalog: catalog)
                unreadable.append(Period(
                    end: nil, label: "\(date)のシート", sheet: summary.key.id, date: date,
                    indicators: Dictionary((benchmark?.results ?? []).map { ($0.indicator, $0.result) }, uniquingKeysWith: { first, _ in first }),
                    inConflict: summary.conflictCount > 0))
            }
            for period in accounting {
                byEnd[period.end] = Period(
                    end: period.end, label: period.label, sheet: summary.key.id, date: date,
                    indicators: Dictionary(period.benchmark.results.map { ($0.indicator, $0.result) }, uniquingKeysWith: { first, _ in first }),
                    inConflict: summary.conflictCount > 0)
            }
        }
        periods = (Array(byEnd.values) + unreadable).sorted {
            ($0.end?.description ?? $0.date, $0.date) < ($1.end?.description ?? $1.date, $1.date)
        }
    }

    /// How many of the sheets read are in conflict.
    public var conflictedSheets: Int { Set(periods.filter(\.inConflict).map(\.sheet)).count }

    /// The change of `indicator` from the first period to the latest, in points for a
    /// percentage (`+2.5ポイント`) and in its unit for the others (`-0.3ヶ月`), or `nil`
    /// with fewer than two periods or when either end is not computable.
    public func change(of indicator: LocalBenchmarkIndicator) -> String? {
        guard periods.count >= 2,
              let first = periods.first?.indicators[indicator]?.value,
              let last = periods.last?.indicators[indicator]?.value else { return nil }
        let (difference, overflow) = last.displaySteps.subtractingReportingOverflow(first.displaySteps)
        if overflow { return nil }
        return indicator.unit.formatChange(displaySteps: difference)
    }

    /// The report as a table, header first: a row per indicator, a column per period
    /// (`2024年3月期`), then the change from the first to the latest.
    public var table: [[String]] {
        let header = ["指標"] + periods.map(\.label) + ["変化（初回→最新）"]
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
                lines.append("  \(period.label)  \(bar)")
            }
        }
        return lines
    }
}
