/// The eras of the Japanese calendar in use since the Gregorian calendar was adopted,
/// with their first days: the table every date and year a person types is read with
/// (`令和6年4月1日`, `R6.4.1`, `平成30年`). Source: the era proclamations (元号を改める
/// 政令), as the Cabinet Office lists them.
public enum JapaneseEra: String, CaseIterable, Sendable {
    case meiji, taisho, showa, heisei, reiwa

    /// The era's name: 令和.
    public var name: String {
        switch self {
        case .meiji: "明治"
        case .taisho: "大正"
        case .showa: "昭和"
        case .heisei: "平成"
        case .reiwa: "令和"
        }
    }

    /// The initial people type for it: R for 令和.
    public var initial: Character {
        switch self {
        case .meiji: "M"
        case .taisho: "T"
        case .showa: "S"
        case .heisei: "H"
        case .reiwa: "R"
        }
    }

    /// The era's first day; for 明治, the first day a ``CalendarDate`` may take (1900-01-01).
    public var firstDay: CalendarDate {
        switch self {
        case .meiji: try! CalendarDate(year: 1900, month: 1, day: 1)
        case .taisho: try! CalendarDate(year: 1912, month: 7, day: 30)
        case .showa: try! CalendarDate(year: 1926, month: 12, day: 25)
        case .heisei: try! CalendarDate(year: 1989, month: 1, day: 8)
        case .reiwa: try! CalendarDate(year: 2019, month: 5, day: 1)
        }
    }

    /// The calendar year of the era's first year (元年).
    public var firstYear: Int {
        switch self {
        case .meiji: 1868
        default: firstDay.year
        }
    }

    /// The era that followed, or `nil` for the current one.
    public var next: JapaneseEra? {
        let all = Self.allCases
        let index = all.firstIndex(of: self)!
        return index + 1 < all.count ? all[index + 1] : nil
    }

    /// The era's last day, or `nil` while it lasts.
    public var lastDay: CalendarDate? { next?.firstDay.adding(days: -1) }
}
