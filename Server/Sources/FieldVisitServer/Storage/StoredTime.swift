import Foundation

/// Times as every backend stores them: whole milliseconds since 1970, in a 64-bit integer.
enum StoredTime {
    /// `date` in milliseconds, rounded; a date beyond what 64 bits hold (an administrator's
    /// `--since` in the year 300,000,000) is held at the nearest end, not a trap.
    static func millis(_ date: Date) -> Int64 {
        let millis = (date.timeIntervalSince1970 * 1000).rounded()
        guard millis.isFinite else { return millis > 0 ? .max : .min }
        return millis >= 0x1p63 ? .max : millis < -0x1p63 ? .min : Int64(millis)
    }
    /// The date of a stored time.
    static func date(_ millis: Int64) -> Date { Date(timeIntervalSince1970: Double(millis) / 1000) }
}
