import FieldVisitCore
import Foundation

extension CalendarDate {
    /// Today's date on this laptop's calendar: the default date of a new record and the
    /// day the agenda looks from.
    static func today() -> CalendarDate {
        let parts = Calendar.current.dateComponents([.year, .month, .day], from: Date())
        return try! CalendarDate(year: parts.year!, month: parts.month!, day: parts.day!)
    }
}
