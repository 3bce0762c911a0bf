import FieldVisitCore
import Foundation

/// What a push reads and writes in a backend, inside the push's one transaction: the
/// backend's part of ``LogAppender``, which decides everything else.
///
/// Appends are serialised by the backend (SQLite has one writer; PostgreSQL takes a
/// lock for the push), so that sequence numbers become visible in the order given.
protocol LogTransaction {
    /// The sequence numbers of those of `dots` the log holds: a push's own dots, asked
    /// once up front.
    mutating func sequences(of dots: [Dot]) throws -> [Dot: Int64]
    /// Whether the log holds `dot`, a dependency from before the push.
    mutating func holds(_ dot: Dot) throws -> Bool
    /// The stored canonical JSON of the change set numbered `seq`.
    mutating func body(at seq: Int64) throws -> Data?
    /// A record's branch, registers and the sequence number at which it first arrived;
    /// `nil` for one the log has not built.
    mutating func record(_ key: EntityKey) throws -> StoredRecord?
    /// A record's branch alone: a record a change set names without changing it.
    mutating func branch(of key: EntityKey) throws -> String?
    /// Whether a branch with this code exists.
    mutating func branchExists(_ code: String) throws -> Bool
    /// Appends an accepted change set; its sequence number.
    mutating func append(_ entry: LogEntry) throws -> Int64
    /// Appends to the audit trail, chained to the entry before.
    mutating func audit(_ event: AuditEvent) throws
    /// Writes the records the push changed, once each, in the order first changed, and
    /// their rows of the review queue: written for a record that waits
    /// (``ReviewStatus/isWaiting``), removed for one stored before that does not.
    mutating func write(_ records: [ChangedRecord]) throws
}

/// A change set accepted into the log.
struct LogEntry {
    /// The replica's id as text, as the log keeps it.
    var replica: String
    var counter: Int64
    var author: String
    /// The device that pushed it.
    var device: String
    /// The branch its records belong to.
    var branch: String
    /// When it was received, in milliseconds since 1970.
    var receivedAt: Int64
    /// Its canonical JSON.
    var body: Data
}

/// A record as the log keeps it, read by a push.
struct StoredRecord {
    var branch: String
    var state: EntityState
    /// The sequence number at which it first arrived.
    var createdSeq: Int64
}

/// A record as a push leaves it.
struct ChangedRecord {
    var key: EntityKey
    var branch: String
    var state: EntityState
    /// Its number of conflicts.
    var conflicts: Int
    /// The sequence number at which it first arrived.
    var createdSeq: Int64
    /// The sequence number of the push's last change set that changed it.
    var updatedSeq: Int64
    /// Where it stands for review.
    var review: ReviewStatus
    /// Whether it was stored before the push: only then may it have a row of the
    /// review queue to remove.
    var wasStored: Bool

    /// Its row of the review queue, when it waits.
    var queueRow: ReviewQueueRow? {
        review.isWaiting ? ReviewQueueRow(key: key, branch: branch, status: review, createdSeq: createdSeq, updatedSeq: updatedSeq) : nil
    }

    /// Whether a row of the review queue it may have must be removed: it was stored
    /// before and does not wait now.
    var leavesQueue: Bool { wasStored && !review.isWaiting }
}
