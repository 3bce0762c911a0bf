import Crypto
import FieldVisitCore
import FieldVisitProtocol
import Foundation

/// What the review console does apart from HTML: logins and sessions, reading records
/// within the reader's branches, and a reviewer's decisions.
///
/// The server is a replica for the decisions made here: each is an ordinary change set,
/// authored by the manager from a replica of the manager's own ("the console" device),
/// made by the same ``ReviewDecision`` a laptop uses and pushed through
/// ``SyncService/push(_:canonicalBodies:by:)``, so the same admission rules, log and
/// audit trail apply, and laptops receive it on their next sync.
public struct ConsoleService: Sendable {
    /// The sync service whose storage, schema, throttle and admission the console shares.
    public let sync: SyncService
    /// The console devices this process has enrolled, so that it enrols each once.
    private let enrolled = EnrolledConsoleDevices()
    /// The stores the reports are read from.
    let readings: ConsoleReadingReplicas

    /// A session ends after this long without a request.
    public static let idleLifetime: TimeInterval = 30 * 60
    /// A session ends this long after the login, however busy.
    public static let absoluteLifetime: TimeInterval = 12 * 3600

    /// - Parameter readingDirectory: where the reports' stores are kept, so that they
    ///   outlive the process. One process at a time uses a directory (servers sharing a
    ///   PostgreSQL database may share a data directory): when another holds it, or when
    ///   none is given, the stores go to a directory of this process's own under the
    ///   temporary directory and are built again after a restart.
    public init(sync: SyncService, readingDirectory: URL? = nil) {
        self.sync = sync
        let directory = readingDirectory.flatMap(DirectoryLock.claim)
            ?? FileManager.default.temporaryDirectory
                .appendingPathComponent("fieldvisit-console-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString.prefix(8))")
        readings = ConsoleReadingReplicas(directory: directory, storage: sync.storage)
    }

    var storage: any SyncStorage { sync.storage }
    var schema: Schema { sync.schema }

    /// A signed-in reviewer: the session and the user as stored now.
    public struct SignedIn: Sendable {
        public var session: ConsoleSession
        public var user: User
        var tokenHash: Data

        /// The branches the user may read.
        public var scope: BranchScope { user.scope }
    }

    /// Why the console refuses something: shown to the person, in Japanese.
    public enum Refusal: Error, Sendable, Equatable {
        /// Field staff use their laptops; the console is for reviewers.
        case fieldStaff
        /// No such record within the reader's branches.
        case recordNotFound
        /// The record changed after the page that made the decision was shown.
        case changedSinceShown
        /// The decision cannot be made on the record as it stands.
        case decision(ReviewDecision.Refusal)
        /// The server refused the change set.
        case refused(String)
    }

    // MARK: Sessions

    /// Checks the password (throttled and audited as a laptop's login is) and opens a
    /// session. Returns the session token for the cookie.
    public func login(user name: String, password: String, address: String?) async throws -> (token: String, user: User) {
        let userName = UserName.normalized(name)
        guard UserName.problem(userName) == nil, !password.isEmpty, password.utf8.count <= 1024 else {
            throw Problem(.unauthenticated, status: 401, title: "Login failed", detail: ProblemMessage.loginFailed.localized())
        }
        let user = try await sync.checkPassword(password, of: userName, address: address)
        guard user.role.isReviewer else {
            try await storage.audit(AuditEvent(time: Date(), kind: .loginFailed, user: user.name, device: nil, address: address,
                                               detail: "console: field staff use their laptops"))
            throw Refusal.fieldStaff
        }
        let token = DeviceToken.random()
        let now = Date()
        let session = ConsoleSession(user: user.name, formToken: DeviceToken.random().text, address: address, createdAt: now, lastSeenAt: now)
        try await storage.openSession(session, tokenHash: token.hash, idleBefore: now.addingTimeInterval(-Self.idleLifetime),
                                      expiredBefore: now.addingTimeInterval(-Self.absoluteLifetime))
        try await storage.audit(AuditEvent(time: now, kind: .login, user: user.name, device: nil, address: address, detail: "console session"))
        return (token.text, user)
    }

    /// The reviewer a session token stands for, or `nil` when there is no such session,
    /// it expired (and is ended), or its user is disabled or no longer a reviewer.
    public func signedIn(token: String?) async throws -> SignedIn? {
        guard let token, !token.isEmpty, token.utf8.count <= 256 else { return nil }
        let hash = DeviceToken.hash(token)
        guard let (session, user) = try await storage.session(tokenHash: hash) else { return nil }
        let now = Date()
        if now.timeIntervalSince(session.lastSeenAt) > Self.idleLifetime || now.timeIntervalSince(session.createdAt) > Self.absoluteLifetime
            || user.disabled || !user.role.isReviewer {
            try await storage.endSession(tokenHash: hash)
            return nil
        }
        // A write a minute at most: the idle expiry needs no finer clock.
        if now.timeIntervalSince(session.lastSeenAt) > 60 { try await storage.touchSession(tokenHash: hash, at: now) }
        return SignedIn(session: session, user: user, tokenHash: hash)
    }

    /// Ends the session on the server.
    public func logout(_ signedIn: SignedIn, address: String?) async throws {
        try await storage.endSession(tokenHash: signedIn.tokenHash)
        try await storage.audit(AuditEvent(time: Date(), kind: .logout, user: signedIn.user.name, device: nil, address: address, detail: "console session"))
    }

    // MARK: Records

    /// A record the reader may see: its registers and branch; ``Refusal/recordNotFound``
    /// for one outside the reader's branches, exactly as for one that does not exist.
    public func record(_ key: EntityKey, for reader: SignedIn) async throws -> EntityState {
        guard schema.records[key.type] != nil, let branch = try await storage.branch(of: key), reader.scope.contains(branch),
              let state = try await storage.state(of: key)
        else { throw Refusal.recordNotFound }
        return state
    }

    /// The name of the company a record is about (itself, for a company).
    public func companyName(of key: EntityKey, state: EntityState) async throws -> String? {
        if key.type == .company { return state.visibleValues["name"]?.textValue }
        guard let company = state.visibleValues["company"]?.textValue else { return nil }
        return try await storage.state(of: EntityKey(.company, RecordID(rawValue: company)))?.visibleValues["name"]?.textValue
    }

    /// The version a page shows and a decision names: a digest of every value's dot,
    /// so that any change to the record after the page was shown is noticed.
    public static func version(of state: EntityState) -> String {
        let digest = SHA256.hash(data: Data(state.version().description.utf8))
        return digest.prefix(12).map { String(format: "%02x", $0) }.joined()
    }

    // MARK: Decisions

    /// Makes `decision` on the record as the reviewer saw it (`seenVersion`), as a
    /// change set of the reviewer's console replica pushed like a laptop's.
    public func decide(_ decision: ReviewDecision, on key: EntityKey, seenVersion: String, by reviewer: SignedIn, address: String?) async throws {
        let device = try await consoleDevice(of: reviewer.user)
        let caller = Caller(user: reviewer.user, device: device, address: address, language: .japanese)
        // Another server may take the reviewer's next counter first: then again, from the log.
        for _ in 0..<3 {
            let state = try await record(key, for: reviewer)
            guard Self.version(of: state) == seenVersion else { throw Refusal.changedSinceShown }
            let edits: [Edit]
            do {
                edits = try decision.edits(for: key, state: state, schema: schema)
            } catch {
                throw Refusal.decision(error)
            }
            var clock = HybridLogicalClock()
            for register in state.fields.values { for sibling in register.siblings { clock.observe(sibling.timestamp) } }
            let replica = Replica(id: device.replica, schema: schema, counter: try await storage.lastCounter(of: device.replica), clock: clock, entities: [key: state])
            let change = try replica.prepare(edits, author: reviewer.user.name, now: ChangeAdmission.now())
            let result = try await sync.push(PushRequest(changeSets: [change]), by: caller).results.first
            switch result?.status {
            case .accepted?, .duplicate?:
                return
            case .refused? where result?.code == .invalidChangeSet:
                // Its dot taken by a decision recorded meanwhile on another server.
                if try await storage.lastCounter(of: device.replica) >= change.dot.counter { continue }
                throw Refusal.refused(result?.reason ?? "理由は示されていません")
            default:
                throw Refusal.refused(result?.reason ?? "理由は示されていません")
            }
        }
        throw Refusal.refused("ほかの決定を同時に記録していました。もう一度お試しください")
    }

    /// The reviewer's console device, enrolled on first use. Its replica is derived
    /// from the user's name, so every server makes the same one.
    func consoleDevice(of user: User) async throws -> Device {
        let digest = Array(SHA256.hash(data: Data("fieldvisit console \(user.name)".utf8)))
        var bytes = Array(digest.prefix(16))
        bytes[6] = bytes[6] & 0x0F | 0x80 // a UUID of version 8: made from a name, by this program's rule
        bytes[8] = bytes[8] & 0x3F | 0x80
        let uuid = UUID(uuid: (bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7],
                               bytes[8], bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]))
        let device = Device(id: "console-" + uuid.uuidString.lowercased(), user: user.name, replica: ReplicaID(uuid), name: "コンソール", enrolledAt: Date())
        if await enrolled.insert(user.name) {
            // The token is never given out: only this server pushes for the device.
            try await storage.enrol(device, tokenHash: DeviceToken.random().hash)
        }
        return device
    }
}

/// The users whose console device this process has enrolled.
actor EnrolledConsoleDevices {
    private var users: Set<String> = []

    /// Whether `user` was not yet in the set.
    func insert(_ user: String) -> Bool { users.insert(user).inserted }
}
