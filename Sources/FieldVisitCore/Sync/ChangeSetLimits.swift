/// The bounds every change set keeps, whoever made it: checked where change sets are
/// read (``ChangeSetReader``) and again by ``ChangeSet/checkShape()``, so that no number,
/// string or list a hostile replica sends can trap a conversion, overflow arithmetic or
/// make the work of applying it grow faster than its size.
///
/// Honest replicas stay far inside them: a laptop makes a few thousand change sets a
/// year, a record is written by a few dozen replicas in its life.
public enum ChangeSetLimits {
    /// The largest counter of a dot, a dependency or a version: 2⁵³ − 1, which every
    /// JSON reader (a browser's too) holds exactly, and which fits `Int64` with room
    /// for the next counter.
    public static let maxCounter: UInt64 = (1 << 53) - 1
    /// The most entries in a dependency clock or a version. An entry stands for one
    /// replica that wrote the record, so an honest clock has a handful.
    public static let maxClockEntries = 1024
    /// The most operations in one change set.
    public static let maxOperations = 2000
    /// The longest text value, in bytes of UTF-8 (the schema's own limits are lower).
    public static let maxValueBytes = 64 * 1024
    /// The longest author (a user name), in bytes of UTF-8.
    public static let maxAuthorBytes = 128
    /// The longest record type or field name, in bytes of UTF-8.
    public static let maxNameBytes = 128
    /// The most a record may hold, in bytes (``EntityState/approximateBytes``): a
    /// hearing sheet with every answer and note filled in is a few tens of kilobytes.
    /// Without it, answers of 64 KiB each would make records, pages and snapshots of
    /// any size.
    public static let maxRecordBytes = 1024 * 1024
    /// The latest wall-clock time a timestamp may carry, in milliseconds since 1970:
    /// the last millisecond of the year 9999. Earlier than 1970 is refused too.
    public static let latestTime: Int64 = 253_402_300_799_999
}
