/// Where the server keeps everything: accounts and devices, the change-set log with
/// the records it builds with the review queue, and the audit trail.
///
/// Backends are interchangeable: SQLite by default (``SQLiteStorage``); the same
/// conformance tests run against each. Each concern is a protocol of its own, so that
/// a backend is written, and read, one small piece at a time.
public protocol SyncStorage: AccountStorage, ChangeLogStorage, ReviewQueueStorage, AuditStorage, ConsoleSessionStorage {}
