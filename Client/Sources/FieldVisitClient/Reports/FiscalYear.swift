import FieldVisitCore

/// A Japanese fiscal year (年度): 1 April of ``startYear`` to 31 March of the next year,
/// printed with the era (令和5年度 for April 2023 – March 2024).
///
/// The era changed on 1 May 2019, so FY2019 could be called 平成31年度 or 令和元年度.
/// The label names a fiscal year by the era in force for most of it (on 1 October, the
/// middle of the year), as most publications do: FY2019 is 令和元年度, FY2018 平成30年度,
/// FY1988 昭和63年度.
public struct FiscalYear: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// The calendar year in which the fiscal year starts (2023 for 令和5年度).
    public let startYear: Int

    /// The fiscal year starting in April of `startYear`.
    public init(_ startYear: Int) { self.startYear = startYear }

    /// The fiscal year a day falls in: January to March belong to the year before.
    public init(containing date: CalendarDate) {
        startYear = date.month >= 4 ? date.year : date.year - 1
    }

    /// 1 April of ``startYear``, as `YYYY-MM-DD`.
    public var firstDay: String { "\(startYear)-04-01" }
    /// 31 March of the following year, as `YYYY-MM-DD`.
    public var lastDay: String { "\(startYear + 1)-03-31" }
    /// 1 April, as a date.
    public var first: CalendarDate { try! CalendarDate(year: startYear, month: 4, day: 1) }
    /// 31 March of the next calendar year, as a date.
    public var last: CalendarDate { try! CalendarDate(year: startYear + 1, month: 3, day: 31) }

    /// Whether `date` falls in this fiscal year.
    public func contains(_ date: CalendarDate) -> Bool { FiscalYear(containing: date) == self }

    /// The fiscal year before, shown in parentheses in every report.
    public var previous: FiscalYear { FiscalYear(startYear - 1) }

    /// The eras from newest: name, the calendar year of the era's first year (元年),
    /// and the first fiscal year the era names (the first whose 1 October is in it).
    private static let eras: [(name: String, firstYear: Int, firstFiscalYear: Int)] = [
        ("令和", 2019, 2019), ("平成", 1989, 1989), ("昭和", 1926, 1927), ("大正", 1912, 1912), ("明治", 1868, 1868),
    ]

    /// The label with the era, as reports print it: 令和5年度, 令和元年度, 平成30年度.
    public var japaneseLabel: String {
        guard let era = Self.eras.first(where: { startYear >= $0.firstFiscalYear }) else { return "\(startYear)年度" }
        let number = startYear - era.firstYear + 1
        return "\(era.name)\(number == 1 ? "元" : String(number))年度"
    }

    /// `FY2023`.
    public var description: String { "FY\(startYear)" }

    public static func < (lhs: FiscalYear, rhs: FiscalYear) -> Bool { lhs.startYear < rhs.startYear }

    public init(from decoder: any Decoder) throws { startYear = try decoder.singleValueContainer().decode(Int.self) }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(startYear)
    }
}
