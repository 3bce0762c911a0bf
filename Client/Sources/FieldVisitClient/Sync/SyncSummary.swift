import FieldVisitCore
import FieldVisitProtocol

/// What one sync did, for the summary `fieldvisit sync` prints (or `--json`).
public struct SyncSummary: Sendable, Hashable, Codable {
    /// A record of this user that a manager returned for correction.
    public struct ReturnedRecord: Sendable, Hashable, Codable {
        /// The record type.
        public var type: RecordType
        /// The record id.
        public var id: RecordID
        /// The manager's comment, when there is one.
        public var comment: String?

        public init(type: RecordType, id: RecordID, comment: String?) {
            self.type = type
            self.id = id
            self.comment = comment
        }
    }

    /// Change sets of this laptop the server stored now.
    public var pushed: Int = 0
    /// Change sets the server already held (a retry after an interruption).
    public var alreadyOnServer: Int = 0
    /// Change sets the server refused, with its reasons; pushing stopped at the first.
    public var refused: [PushResult] = []
    /// Change sets of this laptop still waiting to be pushed.
    public var waiting: Int = 0
    /// Records loaded from a snapshot, on a first sync that started from one.
    public var snapshotRecords: Int?
    /// Change sets pulled and applied.
    public var pulled: Int = 0
    /// Conflicts that were not there before the sync.
    public var newConflicts: Int = 0
    /// Records of this user returned for correction by what was pulled.
    public var returnedForCorrection: [ReturnedRecord] = []
    /// The server position pulled up to.
    public var cursor: Int64 = 0

    /// Change sets stamped again with the server's time because this laptop's clock
    /// was ahead of it (`clock-ahead`).
    public var restamped: Int = 0
    /// How far ahead of the server's clock this laptop's clock was, in milliseconds,
    /// when the server refused it.
    public var clockAheadBy: Int64?

    public init() {}

    /// Whether everything was pushed: no change set was refused.
    public var succeeded: Bool { refused.isEmpty }
}
