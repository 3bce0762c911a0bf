/// The age of a company's representative as every report, list and diagnosis counts it:
/// the age reached in the fiscal year (April to March), so that an owner has one age at
/// every visit of a year and never counts as 64 at one and 65 at another only because of
/// the calendar month.
///
/// - With a birth date (``Company/representativeBirthDate``): the age on the fiscal
///   year's last day, 31 March, which is the age reached during the year.
/// - With only the birth year: the calendar year the fiscal year starts in, less the
///   birth year. That is the age reached during the year by everyone born April to
///   December; an owner born January to March reaches one more before the year ends,
///   which only the birth date tells.
///
/// ```swift
/// let may = try CalendarDate("2023-05-01"), february = try CalendarDate("2024-02-01")
/// OwnerAge.reached(inFiscalYearOf: may, birthYear: 1958)       // 65
/// OwnerAge.reached(inFiscalYearOf: february, birthYear: 1958)  // 65: the same fiscal year
/// ```
public enum OwnerAge {
    /// The calendar year in which the fiscal year holding `date` starts: April to March.
    public static func fiscalYearStart(of date: CalendarDate) -> Int {
        date.month >= 4 ? date.year : date.year - 1
    }

    /// The age reached in the fiscal year starting in April of `startYear`, or `nil`
    /// when neither the birth date nor the birth year is known. The birth date wins.
    public static func reached(inFiscalYear startYear: Int, birthYear: Int?, birthDate: CalendarDate? = nil) -> Int? {
        if let birthDate {
            // On 31 March of the next calendar year: a birthday after March has not come yet.
            return startYear + 1 - birthDate.year - (birthDate.month > 3 ? 1 : 0)
        }
        return birthYear.map { startYear - $0 }
    }

    /// The age reached in the fiscal year holding `date`.
    public static func reached(inFiscalYearOf date: CalendarDate, birthYear: Int?, birthDate: CalendarDate? = nil) -> Int? {
        reached(inFiscalYear: fiscalYearStart(of: date), birthYear: birthYear, birthDate: birthDate)
    }
}
