import Foundation

/// Times as every backend stores them: whole milliseconds since 1970, in a 64-bit integer.
enum StoredTime {
    /// `date` in milliseconds, rounded.
    static func millis(_ date: Date) -> Int64 { Int64((date.timeIntervalSince1970 * 1000).rounded()) }
    /// The date of a stored time.
    static func date(_ millis: Int64) -> Date { Date(timeIntervalSince1970: Double(millis) / 1000) }
}
