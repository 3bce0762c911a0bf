/// The day a company joined a follow-up cohort, as an element of its
/// ``Company/cohortStarts`` set: `foundingLoanUser:2024-04-01`. It is written in the same
/// change as the cohort itself, so each joining has its own date, which may lie before
/// the day it was recorded (a founding loan taken last month).
public struct CohortStart: Sendable, Hashable {
    /// The cohort joined.
    public var cohort: CohortTag
    /// The first day of the membership.
    public var date: CalendarDate

    public init(cohort: CohortTag, date: CalendarDate) {
        self.cohort = cohort
        self.date = date
    }

    /// The stored text: the cohort's code and the date, joined by a colon.
    public var text: String { "\(cohort.rawValue):\(date)" }

    /// Reads a stored element; `nil` for anything else.
    public init?(text: String) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, let cohort = CohortTag(rawValue: String(parts[0])), let date = try? CalendarDate(String(parts[1])) else { return nil }
        self.init(cohort: cohort, date: date)
    }

    /// The longest element: the longest cohort code, a colon and a date.
    public static let maxLength = 64
}
