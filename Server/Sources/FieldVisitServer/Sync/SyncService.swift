import FieldVisitCore
import FieldVisitProtocol
import Foundation
import HummingbirdBcrypt

/// What the server does for each request, apart from HTTP: enrolment, authentication
/// of device tokens, push, pull and snapshots, with the audit trail and metrics.
///
/// Every refusal is a ``Problem`` with a stable code; the routes turn it into an
/// `application/problem+json` response.
public struct SyncService: Sendable {
    /// Where everything is kept.
    public let storage: any SyncStorage
    /// The record types and fields.
    public let schema: Schema
    /// Slows down password guessing.
    public let throttle: LoginThrottle
    /// Counters for `/metrics`.
    public let metrics: ServerMetrics
    /// How long a device token stays valid without a sync; each sync renews it.
    public let tokenLifetime: TimeInterval
    /// Bounds what refused tokens add to the audit trail.
    let refusalAudit = AuditRateLimit()

    /// The token lifetime when none is given: a laptop that has not synced for 90 days
    /// (lost, or left in a drawer) must log in again.
    public static let defaultTokenLifetime: TimeInterval = 90 * 86_400

    /// The bcrypt cost of new password hashes: about 60 ms a check on a laptop-class CPU.
    public static let bcryptCost: UInt8 = 10
    /// Compared against when the user does not exist, so both cases take as long.
    private static let absentUserHash = Bcrypt.hash("absent user", cost: bcryptCost)

    /// - Parameter throttle: by default, one counting in `storage`'s ``AccountStorage/loginFailures``.
    public init(storage: any SyncStorage, schema: Schema = .fieldVisit, throttle: LoginThrottle? = nil, metrics: ServerMetrics = ServerMetrics(),
                tokenLifetime: TimeInterval = SyncService.defaultTokenLifetime) {
        self.tokenLifetime = tokenLifetime
        self.storage = storage
        self.schema = schema
        self.throttle = throttle ?? LoginThrottle(failures: storage.loginFailures)
        self.metrics = metrics
    }

    // MARK: Enrolment

    /// Checks the user's password and enrols the laptop's replica as a device.
    ///
    /// Nothing unauthenticated grows without bound: the user name is checked in bytes
    /// before anything is recorded, and attempts refused while a wait runs are recorded
    /// once per wait, not one by one.
    public func enrol(_ request: EnrolmentRequest, address: String?) async throws -> EnrolmentResponse {
        let deviceName = request.deviceName.trimmingCharacters(in: .whitespacesAndNewlines)
        let userName = UserName.normalized(request.user)
        // Names are stored, counted and audited: no control characters (U+0000 cannot
        // even be stored), whatever a client sends.
        guard UserName.problem(userName) == nil, !request.password.isEmpty, request.password.utf8.count <= 1024,
              !deviceName.isEmpty, deviceName.utf8.count <= 400, deviceName.unicodeScalars.count <= 100,
              !deviceName.containsControlCharacters
        else {
            throw Problem(.malformedRequest, status: 400, title: "Invalid enrolment",
                          detail: ProblemMessage.invalidEnrolment.localized(["maxUser": "\(UserName.maxBytes)"]))
        }
        let user = try await checkPassword(request.password, of: userName, address: address)
        let token = DeviceToken.random()
        let device = Device(id: UUID().uuidString.lowercased(), user: user.name, replica: request.replica, name: deviceName, enrolledAt: Date())
        do {
            try await storage.enrol(device, tokenHash: token.hash)
        } catch StorageError.replicaTaken(let replica) {
            throw Problem(.replicaTaken, status: 409, title: "Replica enrolled elsewhere",
                          detail: ProblemMessage.replicaTaken.localized(["replica": "\(replica)"]))
        }
        try await storage.audit(AuditEvent(time: Date(), kind: .login, user: device.user, device: device.id, address: address, detail: "password accepted"))
        try await storage.audit(AuditEvent(time: Date(), kind: .deviceEnrolled, user: device.user, device: device.id, address: address,
                                           detail: "\(device.name) replica \(device.replica)"))
        // An administrator sees every branch, not only those stored for the account.
        let branches = user.role == .admin ? try await storage.branches().map(\.code) : user.branches
        return EnrolmentResponse(token: token.text, device: device.id, user: user.name, role: user.role, branches: branches)
    }

    /// Checks `password` for the user `userName` (normalised and bounded by the
    /// caller), throttled and audited alike for every way of logging in: a laptop's
    /// enrolment and the console's login. Returns the user; throws a ``Problem``
    /// (401, 403 when disabled, 429 while throttled) after auditing the failure.
    func checkPassword(_ password: String, of userName: String, address: String?) async throws -> User {
        switch try await throttle.admit(user: userName, address: address) {
        case .admitted:
            break
        case .wait(let wait, let firstRefusal):
            if firstRefusal {
                try await storage.audit(AuditEvent(time: Date(), kind: .loginFailed, user: userName, device: nil, address: address,
                                                   detail: "refused: too many failed logins; further attempts during the wait are not recorded one by one"))
            }
            throw Problem(.tooManyAttempts, status: 429, title: "Too many failed logins",
                          detail: ProblemMessage.tooManyLogins.localized(["seconds": "\(Int(wait.rounded(.up)))"]))
        case .busy:
            throw Problem(.unavailable, status: 503, title: "Busy", detail: ProblemMessage.busyHashing.localized())
        }
        let stored: (user: User, passwordHash: String)?
        let matches: Bool
        do {
            defer { throttle.finishedCheck() }
            stored = try await storage.user(named: userName)
            let hash = stored?.passwordHash ?? Self.absentUserHash
            matches = await Task.detached { Bcrypt.verify(password, hash: hash) }.value
        } catch StorageError.unknownRole(let user, let role) {
            try await storage.audit(AuditEvent(time: Date(), kind: .loginFailed, user: user, device: nil, address: address,
                                               detail: "role '\(role)' unknown to this server"))
            throw Self.unknownRole(of: user)
        }
        guard let stored, matches else {
            try await storage.audit(AuditEvent(time: Date(), kind: .loginFailed, user: userName, device: nil, address: address,
                                               detail: stored == nil ? "unknown user" : "wrong password"))
            throw Problem(.unauthenticated, status: 401, title: "Login failed", detail: ProblemMessage.loginFailed.localized())
        }
        guard !stored.user.disabled else {
            try await storage.audit(AuditEvent(time: Date(), kind: .loginFailed, user: userName, device: nil, address: address, detail: "user disabled"))
            throw Problem(.userDisabled, status: 403, title: "User disabled", detail: ProblemMessage.userDisabled.localized(["user": userName]))
        }
        try await throttle.succeeded(user: userName, address: address)
        return stored.user
    }

    /// The caller a bearer token stands for.
    ///
    /// A refused token is audited, at most once a minute per address or device (the
    /// next entry counts those left out), so that nobody grows the trail by sending bad
    /// tokens.
    public func caller(authorization: String?, address: String?) async throws -> Caller {
        try await authenticate(authorization: authorization, address: address, reportingWipe: false)
    }

    /// ``caller(authorization:address:)``, or with `reportingWipe` the device whose
    /// store was ordered erased, which may still report that it did.
    func authenticate(authorization: String?, address: String?, reportingWipe: Bool) async throws -> Caller {
        guard let authorization, authorization.hasPrefix("Bearer "), case let token = authorization.dropFirst(7), !token.isEmpty, token.utf8.count <= 256 else {
            throw Problem(.unauthenticated, status: 401, title: "Not logged in", detail: ProblemMessage.notLoggedIn.localized())
        }
        let found: (device: Device, user: User)?
        do {
            found = try await storage.device(tokenHash: DeviceToken.hash(String(token)))
        } catch StorageError.unknownRole(let user, let role) {
            try await auditRefusedToken(key: "user:" + user, user: user, device: nil, address: address, reason: "role '\(role)' unknown to this server")
            throw Self.unknownRole(of: user)
        }
        guard let (device, user) = found else {
            try await auditRefusedToken(key: "address:" + (address ?? "-"), user: nil, device: nil, address: address, reason: "unknown token")
            throw Problem(.unauthenticated, status: 401, title: "Unknown token", detail: ProblemMessage.unknownToken.localized())
        }
        let now = Date()
        let caller = Caller(user: user, device: device, address: address)
        if device.wipeOrderedAt != nil {
            if reportingWipe { return caller }
            try await auditRefusedToken(key: "device:" + device.id, user: user.name, device: device.id, address: address,
                                        reason: "told to erase its store (wipe ordered)")
            throw Problem(.wipeOrdered, status: 403, title: "Store to be erased",
                          detail: ProblemMessage.wipeOrdered.localized())
        }
        if device.revokedAt != nil {
            try await auditRefusedToken(key: "device:" + device.id, user: user.name, device: device.id, address: address, reason: "device revoked")
            throw Problem(.deviceRevoked, status: 403, title: "Device revoked", detail: ProblemMessage.deviceRevoked.localized())
        }
        if user.disabled {
            try await auditRefusedToken(key: "device:" + device.id, user: user.name, device: device.id, address: address, reason: "user disabled")
            throw Problem(.userDisabled, status: 403, title: "User disabled", detail: ProblemMessage.userDisabled.localized(["user": user.name]))
        }
        if now.timeIntervalSince(device.lastContact) > tokenLifetime {
            try await auditRefusedToken(key: "device:" + device.id, user: user.name, device: device.id, address: address, reason: "token expired")
            throw Problem(.unauthenticated, status: 401, title: "Token expired",
                          detail: ProblemMessage.tokenExpired.localized(["days": "\(Int(tokenLifetime / 86_400))"]))
        }
        // Last contact is kept to the minute: no write for every request. It renews the token.
        if device.lastSeenAt.map({ now.timeIntervalSince($0) >= 60 }) ?? true {
            try await storage.touch(device: device.id, at: now)
        }
        return caller
    }

    /// The refusal of a user whose stored role this server does not know: it cannot tell
    /// what they may do, so they may do nothing. The audit trail names the role.
    private static func unknownRole(of user: String) -> Problem {
        Problem(.forbidden, status: 403, title: "Role unknown",
                detail: ProblemMessage.unknownRole.localized(["user": user]))
    }

    private func auditRefusedToken(key: String, user: String?, device: String?, address: String?, reason: String) async throws {
        let (admitted, leftOut) = refusalAudit.admit(key)
        guard admitted else { return }
        try await storage.audit(AuditEvent(time: Date(), kind: .tokenRefused, user: user, device: device, address: address,
                                           detail: reason + (leftOut > 0 ? "; \(leftOut) more refused since the last entry" : "")))
    }

    /// Records that the caller's laptop erased its store as ordered.
    public func reportWipe(authorization: String?, address: String?) async throws {
        let caller = try await authenticate(authorization: authorization, address: address, reportingWipe: true)
        guard caller.device.wipeOrderedAt != nil else {
            throw Problem(.forbidden, status: 403, title: "No wipe ordered", detail: ProblemMessage.noWipeOrdered.localized())
        }
        // A stolen token could send the report again and again: once a minute is recorded.
        guard refusalAudit.admit("wiped:" + caller.device.id).admitted else { return }
        try await storage.audit(AuditEvent(time: Date(), kind: .deviceWiped, user: caller.user.name, device: caller.device.id, address: address,
                                           detail: "\(caller.device.name): store and token erased"))
    }

    /// Revokes the caller's own device: logging out.
    public func logout(_ caller: Caller) async throws {
        try await storage.revoke(device: caller.device.id, wipe: false)
        try await storage.audit(AuditEvent(time: Date(), kind: .logout, user: caller.user.name, device: caller.device.id, address: caller.address, detail: caller.device.name))
    }

    // MARK: Sync

    /// Stores what may be stored of a push, a result per change set.
    ///
    /// - Parameter canonicalBodies: empty, or for each change set its canonical JSON as
    ///   received (``PushRequest/readKeepingCanonicalBodies(_:)``), `nil` where it was not.
    public func push(_ request: PushRequest, canonicalBodies: [Data?] = [], by caller: Caller) async throws -> PushResponse {
        guard request.changeSets.count <= SyncLimits.maxChangeSetsPerPush else {
            throw Problem(.tooManyChangeSets, status: 413, title: "Too many change sets",
                          detail: ProblemMessage.tooManyChangeSets.localized(["max": "\(SyncLimits.maxChangeSetsPerPush)", "count": "\(request.changeSets.count)"]))
        }
        let admission = ChangeAdmission(schema: schema, caller: caller)
        // A change set nobody could ever store (forged, malformed, not of this schema)
        // refuses the whole request: it is a client's fault, not a state of the log.
        if let refusal = Self.firstContentRefusal(request.changeSets, admission: admission), let code = refusal.code {
            metrics.pushed(accepted: 0, duplicates: 0, refused: request.changeSets.count, newConflicts: 0)
            let detail = refusal.reason ?? code.rawValue
            try await storage.audit(AuditEvent(time: Date(), kind: .pushRefused, user: caller.user.name, device: caller.device.id, address: caller.address,
                                               detail: "\(request.changeSets.count) change sets refused whole, \(code.rawValue): " + Self.bounded(detail)))
            throw Problem(code, status: code.httpStatus, title: "Change set refused", detail: detail,
                          serverTime: code == .clockAhead ? admission.receivedAt : nil)
        }
        let outcome: PushOutcome
        do {
            outcome = try await storage.push(request.changeSets, canonicalBodies: canonicalBodies, admission: admission, now: Date())
        } catch StorageError.pushForbidden(let reason) {
            throw Problem(.forbidden, status: 403, title: "Forbidden", detail: reason)
        }
        var counts: [PushResult.Status: Int] = [:]
        for result in outcome.results { counts[result.status, default: 0] += 1 }
        if let refused = counts[.refused] {
            var codes: [String: Int] = [:]
            for result in outcome.results where result.status == .refused { codes[result.code?.rawValue ?? "refused", default: 0] += 1 }
            try await storage.audit(AuditEvent(time: Date(), kind: .pushRefused, user: caller.user.name, device: caller.device.id, address: caller.address,
                                               detail: "\(refused) of \(request.changeSets.count) change sets refused: "
                                                   + codes.sorted(by: { $0.key < $1.key }).map { "\($0.key) \($0.value)" }.joined(separator: ", ")))
        }
        metrics.pushed(accepted: counts[.accepted] ?? 0, duplicates: counts[.duplicate] ?? 0, refused: counts[.refused] ?? 0, newConflicts: outcome.newConflicts)
        return PushResponse(results: outcome.results)
    }

    /// The refusal of the first change set, in order, whose content ``ChangeAdmission``
    /// refuses. A page's checks are split between two threads: they need nothing but
    /// the change sets, and the client waits for the answer meanwhile.
    static func firstContentRefusal(_ changes: [ChangeSet], admission: ChangeAdmission) -> PushResult? {
        guard changes.count >= 64 else { return changes.lazy.compactMap(admission.checkContent).first }
        let middle = changes.count / 2
        let halves = [changes[..<middle], changes[middle...]]
        let first = Refusals()
        DispatchQueue.concurrentPerform(iterations: 2) { half in
            first.set(halves[half].lazy.compactMap(admission.checkContent).first, at: half)
        }
        return first.get(0) ?? first.get(1)
    }

    /// The first refusal of each half, set from two threads.
    private final class Refusals: @unchecked Sendable {
        // Unchecked: each half writes its own slot once; `lock` orders the reads after.
        private var slots: [PushResult?] = [nil, nil]
        private let lock = NSLock()

        func set(_ refusal: PushResult?, at half: Int) {
            lock.lock()
            slots[half] = refusal
            lock.unlock()
        }

        func get(_ half: Int) -> PushResult? {
            lock.lock()
            defer { lock.unlock() }
            return slots[half]
        }
    }

    /// A page of the change sets the caller may see after `cursor`.
    public func pull(after cursor: Int64, limit: Int, by caller: Caller) async throws -> LogPage {
        guard cursor >= 0 else {
            throw Problem(.invalidParameter, status: 400, title: "Invalid cursor", detail: ProblemMessage.badCursor.localized())
        }
        guard (1...SyncLimits.maxPullPage).contains(limit) else {
            throw Problem(.invalidParameter, status: 400, title: "Invalid limit", detail: ProblemMessage.badLimit.localized(["max": "\(SyncLimits.maxPullPage)"]))
        }
        let page = try await storage.pull(after: cursor, limit: limit, scope: caller.user.scope)
        metrics.pulled(page.bodies.count)
        // Who read which branches' records, and how many: what an inspection of
        // personal data asks. A pull that read nothing is not worth an entry.
        if page.bodies.count > 0 {
            try await storage.audit(AuditEvent(time: Date(), kind: .pulled, user: caller.user.name, device: caller.device.id, address: caller.address,
                                               detail: "\(page.bodies.count) change sets after \(cursor) of \(Self.describe(caller.user.scope))"))
        }
        return page
    }

    /// The current state of every record the caller may see.
    ///
    /// Opened before anything is sent, so that a failure is still a problem answer;
    /// then written a page at a time (``writeSnapshot(_:to:)``).
    public func snapshot(for caller: Caller) async throws -> any SnapshotReading {
        let snapshot = try await storage.openSnapshot(scope: caller.user.scope)
        try await storage.audit(AuditEvent(time: Date(), kind: .snapshotRead, user: caller.user.name, device: caller.device.id, address: caller.address,
                                           detail: "\(snapshot.count) records of \(Self.describe(caller.user.scope)) at cursor \(snapshot.cursor)"))
        return snapshot
    }

    /// The records a page of a snapshot answer holds: a few megabytes at most.
    public static let snapshotPageRecords = 500

    /// Writes a snapshot's JSON as it is read, a page of records at a time: the
    /// server's memory holds one page, whatever the snapshot's size.
    public static func writeSnapshot(_ snapshot: any SnapshotReading, to write: (Data) async throws -> Void) async throws {
        try await write(Snapshot.encodedStart(cursor: snapshot.cursor))
        var written = false
        while let page = try await snapshot.nextPage(limit: snapshotPageRecords) {
            try await write(Snapshot.encoded(page[...], afterOthers: written))
            written = written || !page.isEmpty
        }
        try await write(Snapshot.encodedEnd)
    }

    /// The branches a scope covers, as the audit trail names them.
    static func describe(_ scope: BranchScope) -> String {
        switch scope {
        case .all: "every branch"
        case .branches(let codes): "branches " + codes.sorted().joined(separator: ", ")
        }
    }

    /// A refusal's text, cut to a size the audit trail keeps.
    static func bounded(_ text: String) -> String {
        text.utf8.count <= 500 ? text : String(decoding: text.utf8.prefix(500), as: UTF8.self) + "…"
    }
}
