import FieldVisitCore
import Foundation

/// The moment a report is printed as of (`--as-of`): a day, meaning its end (the report
/// as it would have printed that evening), or a date and time in ISO 8601 with its offset.
public struct ReportMoment: Sendable, Hashable, CustomStringConvertible {
    /// Milliseconds since 1970: change sets recorded or received at or before it count.
    public var milliseconds: Int64
    /// As it was given, for the report's title.
    public var description: String

    /// Reads `2024-04-30` or `令和6年4月30日` (the end of that day in `timeZone`) or
    /// `2024-04-30T17:00:00+09:00` (with optional fractions of a second).
    public init(_ text: String, timeZone: TimeZone = .current) throws(ReportMomentError) {
        let text = text.trimmingCharacters(in: .whitespaces)
        // A control character is refused before any date parser sees it (one accepts a trailing NUL).
        guard text.utf8.count <= 40, !text.containsControlCharacters else { throw ReportMomentError(text: String(text.prefix(40))) }
        if let day = try? CalendarDate(typed: text) {
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = timeZone
            guard let start = calendar.date(from: DateComponents(year: day.year, month: day.month, day: day.day)),
                  let next = calendar.date(byAdding: .day, value: 1, to: start) else { throw ReportMomentError(text: text) }
            milliseconds = try Self.milliseconds(next, text) - 1
        } else {
            let formatter = ISO8601DateFormatter()
            formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
            let plain = ISO8601DateFormatter()
            guard let date = formatter.date(from: text) ?? plain.date(from: text) else { throw ReportMomentError(text: text) }
            milliseconds = try Self.milliseconds(date, text)
        }
        description = text
    }

    /// A moment as milliseconds since 1970, refused rather than trapping when out of range.
    private static func milliseconds(_ date: Date, _ text: String) throws(ReportMomentError) -> Int64 {
        let value = (date.timeIntervalSince1970 * 1000).rounded()
        guard let exact = Int64(exactly: value), abs(exact) < 1 << 52 else { throw ReportMomentError(text: text) }
        return exact
    }
}

/// An `--as-of` that is neither a date nor an ISO 8601 date and time.
public struct ReportMomentError: Error, Sendable, CustomStringConvertible {
    public var text: String
    public var description: String { ReportMessage.asOfInvalid.text(["text": text]) }
}
