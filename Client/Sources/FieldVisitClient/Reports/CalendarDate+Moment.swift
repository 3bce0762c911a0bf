import FieldVisitCore
import Foundation

extension CalendarDate {
    /// The day on which a moment (milliseconds since 1970, as change sets carry it) falls
    /// in `timeZone`: the day a change was made, for the reports that date memberships
    /// and attributes by their changes.
    init?(milliseconds: Int64, in timeZone: TimeZone) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = calendar.dateComponents([.year, .month, .day], from: Date(timeIntervalSince1970: Double(milliseconds) / 1000))
        guard let year = parts.year, let month = parts.month, let day = parts.day,
              let date = try? CalendarDate(year: year, month: month, day: day) else { return nil }
        self = date
    }
}
