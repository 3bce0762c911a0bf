import FieldVisitCore
import FieldVisitProtocol
import Foundation

/// Where the server keeps everything: the change-set log numbered by a monotonically
/// increasing sequence, the register state of every record, users, branches, devices
/// with their hashed tokens, and the append-only audit trail.
///
/// Backends (SQLite by default) are interchangeable: the same conformance tests run
/// against each. Every method is one transaction; a push stores each accepted change
/// set whole and nothing of a refused one.
public protocol SyncStorage: Sendable {
    // MARK: Branches and users

    /// Adds a branch. Throws ``StorageError/alreadyExists`` for a known code.
    func addBranch(_ branch: Branch) async throws
    /// Every branch, by code.
    func branches() async throws -> [Branch]
    /// Adds a user with a bcrypt password hash; every branch must exist.
    func addUser(_ user: User, passwordHash: String) async throws
    /// Disables or enables a user; a disabled user's devices are refused at once.
    func setDisabled(_ disabled: Bool, user name: String) async throws
    /// A user and their password hash. Throws ``StorageError/unknownRole(user:role:)``
    /// when the stored role is none this server knows: such a user may do nothing.
    func user(named name: String) async throws -> (user: User, passwordHash: String)?
    /// Every user, by name; ``StorageError/unknownRole(user:role:)`` as for one.
    func users() async throws -> [User]

    // MARK: Devices

    /// Enrols a device under a token hash. Throws ``StorageError/replicaTaken`` when
    /// the replica belongs to another user's device; a user enrolling the same
    /// replica again replaces the old token.
    func enrol(_ device: Device, tokenHash: Data) async throws
    /// The device holding a token, with its user, whether revoked or not;
    /// ``StorageError/unknownRole(user:role:)`` when the user's role is unknown.
    func device(tokenHash: Data) async throws -> (device: Device, user: User)?
    /// Every device, newest first.
    func devices() async throws -> [Device]
    /// Revokes a device; its token is refused from then on. With `wipe`, the device
    /// is also told to erase its store the next time it reaches the server.
    func revoke(device id: String, wipe: Bool) async throws
    /// Revokes every device of a user; returns their ids.
    func revokeDevices(of user: String) async throws -> [String]
    /// Replaces a user's password hash and revokes every device of theirs, in one
    /// transaction; returns the devices revoked.
    func setPassword(_ passwordHash: String, user name: String) async throws -> [String]
    /// Notes when a device was last seen; the service calls it at most once a minute.
    func touch(device id: String, at time: Date) async throws

    // MARK: Sync

    /// Stores change sets whose content ``ChangeAdmission/checkContent(_:)`` accepted:
    /// duplicates, missing dependencies and branches are judged here, one result each,
    /// in order.
    ///
    /// - Parameter canonicalBodies: empty, or one entry per change set: its canonical
    ///   JSON as received (`nil` when it came in another form), stored as it is instead
    ///   of being encoded again.
    func push(_ changes: [ChangeSet], canonicalBodies: [Data?], admission: ChangeAdmission, now: Date) async throws -> PushOutcome
    /// The change sets after `cursor` that `scope` may see, at most `limit`, as the
    /// JSON body of a ``PullPage``: the stored bytes are sent as they are.
    func pull(after cursor: Int64, limit: Int, scope: BranchScope) async throws -> PullBody
    /// The registers of every record `scope` may see, as one consistent view read page
    /// by page, so that no snapshot sits in memory whole however many records it holds.
    func openSnapshot(scope: BranchScope) async throws -> any SnapshotReading
    /// A record's registers.
    func state(of key: EntityKey) async throws -> EntityState?
    /// Every record holding a conflict.
    func conflicts() async throws -> [Conflict]
    /// The number of change sets in the log.
    func logCount() async throws -> Int

    // MARK: Audit

    /// Appends to the audit trail.
    func audit(_ event: AuditEvent) async throws
    /// The audit trail from `since`, optionally for one user, oldest first. Throws
    /// ``StorageError/unknownAuditEvent(sequence:kind:)`` for an entry of a kind this
    /// server does not know.
    func auditTrail(since: Date, user: String?) async throws -> [AuditEvent]
}

/// A snapshot being read: one consistent view of the records, whatever is pushed
/// meanwhile, handed out a page at a time.
public protocol SnapshotReading: Sendable {
    /// The sequence number the records are current at: pull after it to continue.
    var cursor: Int64 { get }
    /// The number of records in all.
    var count: Int { get }
    /// The next records in key order, at most `limit`; `nil` after the last.
    func nextPage(limit: Int) async throws -> [Snapshot.Record]?
}

extension SyncStorage {
    /// The whole snapshot at once, for what needs every record in memory anyway.
    public func snapshot(scope: BranchScope) async throws -> Snapshot {
        let reader = try await openSnapshot(scope: scope)
        var records: [Snapshot.Record] = []
        records.reserveCapacity(reader.count)
        while let page = try await reader.nextPage(limit: 1_000) { records += page }
        return Snapshot(records: records, cursor: reader.cursor)
    }

    /// Stores change sets, encoding each one: ``push(_:canonicalBodies:admission:now:)``
    /// without bodies received.
    public func push(_ changes: [ChangeSet], admission: ChangeAdmission, now: Date) async throws -> PushOutcome {
        try await push(changes, canonicalBodies: [], admission: admission, now: now)
    }
}

/// The results of a push, with what the metrics count.
public struct PushOutcome: Sendable {
    /// One per change set, in order.
    public var results: [PushResult]
    /// Records that gained a conflict.
    public var newConflicts: Int
}

/// A pull page, already serialised.
public struct PullBody: Sendable {
    /// The JSON of a ``PullPage``.
    public var json: Data
    /// How many change sets it holds.
    public var count: Int
}
