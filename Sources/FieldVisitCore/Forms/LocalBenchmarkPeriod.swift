/// One of the three accounting periods a hearing sheet holds figures for, as the
/// official local-benchmark tool takes them: the latest (直近期), the one before (前期)
/// and the one before that (前々期).
///
/// A period's figures are asked under question ids made from the input codes: the
/// latest period's are the codes themselves (`sales`), the earlier ones' carry the
/// period's prefix (`previousSales`, `twoPeriodsAgoSales`). So the sales of the period
/// before, which the growth rate divides by, are the next period's sales, and v1 sheets,
/// which ask the latest period and the previous sales only, read the same way.
public enum LocalBenchmarkPeriod: Int, Sendable, Hashable, CaseIterable, Comparable {
    /// 直近期.
    case latest
    /// 前期.
    case previous
    /// 前々期.
    case twoPeriodsAgo

    /// The period's name on the sheet.
    public var japaneseLabel: String {
        switch self {
        case .latest: "直近期"
        case .previous: "前期"
        case .twoPeriodsAgo: "前々期"
        }
    }

    /// The question holding the period's last day (決算期末日).
    public var periodEndQuestion: String { questionID("fiscalPeriodEnd") }

    /// The question holding `input` of this period, or `nil` when the sheet does not ask
    /// it (the sales of the period before the oldest).
    public func questionID(for input: LocalBenchmarkInput) -> String? {
        guard input == .previousSales else { return questionID(input.rawValue) }
        return LocalBenchmarkPeriod(rawValue: rawValue + 1)?.questionID(for: .sales)
    }

    private var prefix: String {
        switch self {
        case .latest: ""
        case .previous: "previous"
        case .twoPeriodsAgo: "twoPeriodsAgo"
        }
    }

    private func questionID(_ code: String) -> String {
        prefix.isEmpty ? code : prefix + code.prefix(1).uppercased() + code.dropFirst()
    }

    public static func < (lhs: LocalBenchmarkPeriod, rhs: LocalBenchmarkPeriod) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// The figures of one accounting period of a hearing sheet, named by its last day.
public struct AccountingPeriod: Sendable, Hashable {
    /// Which of the sheet's periods.
    public var period: LocalBenchmarkPeriod
    /// The period's last day (決算期末日).
    public var end: CalendarDate
    /// The indicators of the period.
    public var benchmark: LocalBenchmark

    /// The period as the official tool names it, by its end: `2024年3月期`.
    public var label: String { Self.label(ending: end) }

    /// `2024年3月期` for a period ending in March 2024.
    public static func label(ending end: CalendarDate) -> String { "\(end.year)年\(end.month)月期" }
}
