import Logging
import PostgresNIO

/// The advisory locks by which several servers sharing one database take turns.
///
/// Each key is a fixed 64-bit number: `FVIS` (0x46564953) in the high half, so that
/// FieldVisit's keys keep clear of another program's in the same database, and the
/// lock's number in the low half. A key once shipped never changes: servers of two
/// versions running at once must agree on it.
enum PostgresAdvisoryLock: Int64, Sendable {
    /// Migrating the schema: held for the session while a server migrates, so that two
    /// servers started at once against a fresh database migrate it once.
    case migrations = 0x4656_4953_0000_0001
    /// Appending to the audit trail: held to the end of the appending transaction, from
    /// before the trail's head is read, so that the hash chain never forks.
    case audit = 0x4656_4953_0000_0002
    /// Changing branches, users and devices where a change reads before it writes
    /// (adding, enrolling, revoking): held to the end of the transaction, so that these
    /// changes follow one another as they do in SQLite.
    case accounts = 0x4656_4953_0000_0003
    /// Appending to the change-set log: held from before a push reads the largest
    /// sequence number until it commits, so that sequence numbers commit in order and no
    /// pull moves its cursor past one that could still appear.
    case log = 0x4656_4953_0000_0004

    /// Takes the lock until the end of the current transaction, waiting for it. Outside a
    /// transaction it would be let go at once: call it only inside one.
    func lockForTransaction(on connection: PostgresConnection, logger: Logger) async throws {
        try await connection.send("SELECT pg_advisory_xact_lock(\(rawValue))", logger: logger)
    }
}
