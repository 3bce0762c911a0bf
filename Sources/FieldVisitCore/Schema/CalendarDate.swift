/// A calendar date without a time or a time zone: a visit date, a next-visit date.
///
/// Stored and exchanged as `YYYY-MM-DD`. Comparable, so agendas sort oldest first.
public struct CalendarDate: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// The year, such as 2024.
    public let year: Int
    /// The month, 1…12.
    public let month: Int
    /// The day of the month, 1…31.
    public let day: Int

    /// A date, refused when it does not exist (`2023-02-29`).
    public init(year: Int, month: Int, day: Int, field: String = "date") throws(ValidationError) {
        guard (1900...2200).contains(year) else {
            throw ValidationError(field: field, ValidationMessage.yearOutside.localized(["year": "\(year)"]))
        }
        guard (1...12).contains(month) else {
            throw ValidationError(field: field, ValidationMessage.monthMissing.localized(["month": "\(month)"]))
        }
        guard (1...Self.days(inMonth: month, year: year)).contains(day) else {
            throw ValidationError(field: field, ValidationMessage.dayMissing.localized(["date": String(format: "%04d-%02d-%02d", year, month, day)]))
        }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses `YYYY-MM-DD`, byte by byte: reports parse thousands of dates at a time.
    public init(_ text: String, field: String = "date") throws(ValidationError) {
        let bytes = Array(text.utf8)
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
              Self.digitPositions.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[$0]) })
        else {
            throw ValidationError(field: field, ValidationMessage.notISODate.localized(["text": text]))
        }
        func number(_ range: ClosedRange<Int>) -> Int { range.reduce(0) { $0 * 10 + Int(bytes[$1] - UInt8(ascii: "0")) } }
        try self.init(year: number(0...3), month: number(5...6), day: number(8...9), field: field)
    }

    /// Where the digits of `YYYY-MM-DD` are.
    private static let digitPositions = [0, 1, 2, 3, 5, 6, 8, 9]

    /// The number of days of `month` in `year` (Gregorian).
    public static func days(inMonth month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    public var description: String {
        let y = String(year), m = month < 10 ? "0\(month)" : "\(month)", d = day < 10 ? "0\(day)" : "\(day)"
        return "\(y)-\(m)-\(d)"
    }

    public static func < (lhs: CalendarDate, rhs: CalendarDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        do {
            try self.init(text)
        } catch {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: error.description))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
