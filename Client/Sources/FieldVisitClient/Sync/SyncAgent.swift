import FieldVisitCore
import FieldVisitProtocol

/// One sync with the server: push this laptop's change sets, then pull until caught up.
///
/// Safe to interrupt anywhere: the store records after every page how far the server
/// acknowledged the push and how far the pull got, in the same transaction as what
/// the page changed. Run again, a sync resends at most one page (the server answers
/// `duplicate`) and pulls from where it stopped.
///
/// ```swift
/// let summary = try await ServerConnection.using(address, token: token) { connection in
///     try await SyncAgent(store: store, connection: connection).run()
/// }
/// ```
public struct SyncAgent: Sendable {
    /// The laptop's store.
    public let store: LocalStore
    /// The server.
    public let connection: ServerConnection
    /// Change sets per push request.
    public var pushPageSize = 500
    /// Change sets per pull request.
    public var pullPageSize = SyncLimits.defaultPullPage

    public init(store: LocalStore, connection: ServerConnection) {
        self.store = store
        self.connection = connection
    }

    /// Pushes, then pulls until the server has nothing more.
    ///
    /// A refused change set stops the push (those after it depend on it) and is in the
    /// summary's ``SyncSummary/refused``; the pull still runs.
    ///
    /// - Throws: ``SyncFailure`` when the server cannot be reached, refuses the device,
    ///   or sends something invalid; what was done until then is kept.
    public func run(progress: @escaping @Sendable (SyncProgress) -> Void = { _ in }) async throws -> SyncSummary {
        var summary = SyncSummary()
        let conflictsBefore = Set(try store.conflicts().map(ConflictIdentity.init))
        try await push(into: &summary, progress: progress)
        try await pull(into: &summary, progress: progress)
        summary.waiting = try store.pendingCount()
        summary.newConflicts = try store.conflicts().filter { !conflictsBefore.contains(ConflictIdentity($0)) }.count
        try store.recordSyncFinished()
        return summary
    }

    // MARK: Pushing

    private func push(into summary: inout SyncSummary, progress: @Sendable (SyncProgress) -> Void) async throws {
        let total = try store.pendingCount()
        guard total > 0 else { return }
        var sent = 0
        var pageSize = max(1, min(pushPageSize, SyncLimits.maxChangeSetsPerPush))
        progress(.pushed(sent: 0, total: total))
        while true {
            let page = try store.pendingChangeSets(limit: pageSize)
            guard !page.isEmpty else { return }
            let restampedBefore = summary.restamped
            guard let response = try await pushPage(page, summary: &summary) else {
                // Stamped again: the same page, with its new times. Otherwise large change
                // sets (long notes, whole hearing sheets): send fewer at a time.
                if summary.restamped == restampedBefore { pageSize = max(1, page.count / 2) }
                continue
            }
            var acknowledged: UInt64?
            var refusal: PushResult?
            for (change, result) in zip(page, response.results) {
                switch result.status {
                case .accepted: summary.pushed += 1
                case .duplicate: summary.alreadyOnServer += 1
                case .refused: refusal = result
                }
                if refusal != nil { break }
                acknowledged = change.dot.counter
                sent += 1
            }
            if let acknowledged { try store.markPushed(through: acknowledged) }
            progress(.pushed(sent: sent, total: total))
            if let refusal {
                summary.refused = [refusal]
                return
            }
        }
    }

    /// The server's answer to a page, or `nil` when the page is too large for it and
    /// can be split.
    private func pushPage(_ page: [ChangeSet], summary: inout SyncSummary) async throws -> PushResponse? {
        do {
            return try await connection.push(page)
        } catch let failure {
            if case .refused(let problem, _) = failure, [.bodyTooLarge, .tooManyChangeSets].contains(problem.code), page.count > 1 {
                return nil
            }
            // This laptop's clock is ahead: its unsent change sets are stamped again
            // with the server's time, once a sync, and the page is sent again.
            if case .refused(let problem, _) = failure, problem.code == .clockAhead, let serverTime = problem.serverTime, summary.restamped == 0 {
                summary.restamped = try store.restampAhead(ofServerTime: serverTime)
                summary.clockAheadBy = page.map(\.timestamp.time).max().map { max(0, $0 - serverTime) }
                if summary.restamped > 0 { return nil }
            }
            throw failure
        }
    }

    // MARK: Pulling

    private func pull(into summary: inout SyncSummary, progress: @Sendable (SyncProgress) -> Void) async throws {
        var returned: [EntityKey] = []
        if try store.canStartFromSnapshot() {
            progress(.fetchingSnapshot)
            let folder = store.home.snapshotDownload
            let snapshot = try await connection.snapshot(resumingIn: folder, progress: progress)
            defer { ServerConnection.removeSnapshotDownload(in: folder) }
            if let outcome = try store.loadSnapshot(snapshot) {
                summary.snapshotRecords = outcome.applied
                returned += outcome.returnedForCorrection
                progress(.loadedSnapshot(records: outcome.applied))
            }
        }
        var cursor = try store.syncState().pullCursor ?? 0
        while true {
            let page = try await connection.pull(after: cursor, limit: pullPageSize)
            let outcome = try store.applyPulled(page)
            summary.pulled += outcome.applied
            returned += outcome.returnedForCorrection
            progress(.pulled(count: summary.pulled, cursor: outcome.cursor))
            guard page.more else {
                cursor = outcome.cursor
                break
            }
            guard outcome.cursor > cursor else {
                throw SyncFailure.unexpectedResponse(
                    server: connection.address.description, status: 200,
                    detail: ConnectionMessage.nothingPastCursor.text(["cursor": String(cursor)])
                )
            }
            cursor = outcome.cursor
        }
        summary.cursor = cursor
        var seen: Set<EntityKey> = []
        for key in returned where seen.insert(key).inserted {
            // A later page may have put the record back in review: report what stands.
            guard let values = try store.state(of: key)?.visibleValues,
                  values[ReviewedRecordField.reviewState.rawValue] == .text(ReviewState.returned.rawValue) else { continue }
            summary.returnedForCorrection.append(.init(type: key.type, id: key.id, comment: values[ReviewedRecordField.reviewComment.rawValue]?.textValue))
        }
    }
}

/// A conflict by what it concerns, not by its values: a conflict that gains a
/// sibling in a sync is not a new one.
private struct ConflictIdentity: Hashable {
    var entity: EntityKey
    var kind: Conflict.Kind
    var fields: [String]

    init(_ conflict: Conflict) {
        entity = conflict.entity
        kind = conflict.kind
        fields = conflict.fields
    }
}
