import Foundation
import GRDBSQLite

/// Copies the write-ahead log back into the database file on a thread and connection
/// of its own once the log holds ``pages`` pages, instead of in the transaction that
/// crosses that size.
///
/// SQLite's automatic checkpoint runs in the committing thread, so one transaction in
/// several also pays for copying tens of megabytes and syncing the file. Here a passive
/// checkpoint (it never waits for, nor blocks, the writer or readers) copies the bulk
/// in the background while writes go on; the next writer then copies the little
/// appended meanwhile (``takeCatchUp()``) before it begins, so that the log is wholly
/// copied when it writes and SQLite starts the log file over instead of letting it grow.
///
/// ```swift
/// let checkpointer = WALCheckpointer(path: path)
/// configuration.prepareDatabase { db in
///     if let connection = db.sqliteConnection { checkpointer.attach(to: connection) }
/// }
/// // Each write:
/// try pool.writeWithoutTransaction { db in
///     if checkpointer.takeCatchUp() { _ = try? db.checkpoint(.passive) }
///     try db.inTransaction { …; return .commit }
/// }
/// ```
public final class WALCheckpointer: @unchecked Sendable {
    // Unchecked: `running` and `catchUp` are only touched under `lock`, `connection`
    // only on `queue`.
    private let path: String
    private let queue = DispatchQueue(label: "fieldvisit.wal-checkpoint")
    private let lock = NSLock()
    private var running = false
    private var catchUp = false
    private var connection: OpaquePointer?

    /// The log's size that calls for a checkpoint.
    public let pages: CInt

    /// About 40 MB rather than SQLite's 1,000 pages (which one push of 1,000 change sets
    /// fills), so that pages every transaction changes (indexes of random record ids)
    /// are copied back once for many transactions.
    public static let defaultPages: CInt = 10_000

    /// A checkpointer for the database file at `path`; it opens its connection when first needed.
    public init(path: String, pages: CInt = defaultPages) {
        self.path = path
        self.pages = pages
    }

    /// Makes the connection report the log's size after each commit, in place of its
    /// own automatic checkpoint. The checkpointer must outlive the connection.
    public func attach(to connection: OpaquePointer) {
        sqlite3_wal_hook(connection, { context, _, _, pages in
            guard let context else { return SQLITE_OK }
            let checkpointer = Unmanaged<WALCheckpointer>.fromOpaque(context).takeUnretainedValue()
            if pages >= checkpointer.pages { checkpointer.start() }
            return SQLITE_OK
        }, Unmanaged.passUnretained(self).toOpaque())
    }

    /// Whether a background checkpoint finished since the last call: the writer then
    /// checkpoints what was appended meanwhile, outside a transaction, before writing.
    public func takeCatchUp() -> Bool {
        lock.lock()
        defer { lock.unlock() }
        let due = catchUp
        catchUp = false
        return due
    }

    private func start() {
        lock.lock()
        defer { lock.unlock() }
        guard !running else { return }
        running = true
        queue.async { [self] in
            if connection == nil {
                // A read first: a new connection finds the log only when it reads.
                if sqlite3_open_v2(path, &connection, SQLITE_OPEN_READWRITE, nil) != SQLITE_OK
                    || sqlite3_exec(connection, "SELECT count(*) FROM sqlite_master", nil, nil, nil) != SQLITE_OK {
                    sqlite3_close_v2(connection)
                    connection = nil
                }
            }
            // Whatever this one could not copy (or all, if the file could not be
            // opened), the writer's catch-up copies.
            if let connection { sqlite3_wal_checkpoint_v2(connection, nil, SQLITE_CHECKPOINT_PASSIVE, nil, nil) }
            lock.lock()
            running = false
            catchUp = true
            lock.unlock()
        }
    }

    deinit {
        // `queue` holds `self` while a checkpoint runs: none is running now.
        if let connection { sqlite3_close_v2(connection) }
    }
}
