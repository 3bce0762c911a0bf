extension CalendarDate {
    /// The day a number of whole months later (earlier when negative), the day of the
    /// month kept where it exists: 31 March less one month is 28 (or 29) February.
    public func adding(months: Int) -> CalendarDate {
        let total = year * 12 + (month - 1) + months
        let year = total / 12, month = total % 12 + 1
        let day = min(self.day, Self.days(inMonth: month, year: year))
        return (try? CalendarDate(year: year, month: month, day: day)) ?? self
    }

    /// The day a number of days later (earlier when negative).
    public func adding(days: Int) -> CalendarDate {
        Self(dayNumber: dayNumber + days) ?? self
    }

    /// The number of days from `self` to `other` (negative when `other` is earlier).
    public func days(to other: CalendarDate) -> Int { other.dayNumber - dayNumber }

    /// Days since 1 March of year 0 in the proleptic Gregorian calendar: arithmetic on
    /// dates without a calendar object or a time zone.
    var dayNumber: Int {
        let shifted = month <= 2 ? year - 1 : year
        let era = (shifted >= 0 ? shifted : shifted - 399) / 400
        let yearOfEra = shifted - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra
    }

    /// The date of a day number (``dayNumber``), or `nil` outside the years dates may take.
    init?(dayNumber: Int) {
        let era = (dayNumber >= 0 ? dayNumber : dayNumber - 146_096) / 146_097
        let dayOfEra = dayNumber - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        guard let date = try? CalendarDate(year: year, month: month, day: day) else { return nil }
        self = date
    }
}
