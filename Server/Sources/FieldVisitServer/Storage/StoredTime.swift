import Foundation

/// Times as every backend stores them: whole milliseconds since 1970 in a 64-bit
/// integer. The audit chain hashes that same number, so an entry read back from any
/// backend hashes as it did when written.
enum StoredTime {
    /// The milliseconds stored for `date`, rounded to the nearest.
    static func millis(_ date: Date) -> Int64 { Int64((date.timeIntervalSince1970 * 1000).rounded()) }
    /// The date a stored number of milliseconds stands for.
    static func date(_ millis: Int64) -> Date { Date(timeIntervalSince1970: Double(millis) / 1000) }
}
