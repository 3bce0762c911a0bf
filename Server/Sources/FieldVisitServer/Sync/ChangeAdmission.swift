import FieldVisitCore
import FieldVisitProtocol
import Foundation

/// Decides whether a pushed change set may be stored, and under which branch: the
/// server's rules, apart from any storage. Every backend asks it the same questions.
///
/// A change set is refused whole: nothing of it is stored when any rule fails.
public struct ChangeAdmission: Sendable {
    /// The record types and fields operations are checked against.
    public let schema: Schema
    /// Who pushes.
    public let caller: Caller

    /// When the push arrived, in milliseconds since 1970: the server's clock, against
    /// which change sets stamped far ahead are refused.
    public let receivedAt: Int64

    /// Who may decide what, over `schema`: made once for the push.
    let policy: ReviewPolicy

    public init(schema: Schema, caller: Caller, receivedAt: Int64 = Self.now()) {
        self.schema = schema
        self.caller = caller
        self.receivedAt = receivedAt
        policy = ReviewPolicy(schema: schema)
    }

    /// The server's clock in milliseconds since 1970.
    public static func now() -> Int64 { Int64((Date().timeIntervalSince1970 * 1000).rounded()) }

    static func isoTime(_ milliseconds: Int64) -> String {
        Date(timeIntervalSince1970: Double(milliseconds) / 1000).formatted(.iso8601)
    }

    /// The checks that need nothing stored: identity, shape, limits, schema and role.
    /// Returns the refusal, or `nil` when the change set passes.
    public func checkContent(_ change: ChangeSet) -> PushResult? {
        let dot = change.dot
        guard change.replica == caller.device.replica else {
            return .refused(dot, .wrongReplica, ProblemMessage.wrongReplica.text(["change": "\(dot)", "replica": "\(change.replica)", "own": "\(caller.device.replica)"], in: caller.language))
        }
        // Byte for byte: `==` on strings would take an NFD spelling of the name for it.
        guard change.author.utf8.elementsEqual(caller.user.name.utf8) else {
            return .refused(dot, .wrongAuthor, ProblemMessage.wrongAuthor.text(["change": "\(dot)", "author": change.author, "user": caller.user.name], in: caller.language))
        }
        if change.timestamp.time > receivedAt &+ HybridLogicalClock.plausibleLead {
            let hours = (change.timestamp.time - receivedAt) / 3_600_000
            return .refused(dot, .clockAhead, ProblemMessage.clockAhead.text(["change": "\(dot)", "stamped": Self.isoTime(change.timestamp.time), "hours": "\(hours)", "now": Self.isoTime(receivedAt)], in: caller.language))
        }
        do {
            try change.checkShape()
            try schema.validate(change)
        } catch {
            return .refused(dot, .invalidChangeSet, error.message.text(in: caller.language))
        }
        // The decisions that need no stored state: approving, returning, commenting.
        if let refusal = policy.refusal(ofDecisionsIn: change, isReviewer: caller.isReviewer) {
            return .refused(dot, .forbidden, "\(refusal.entity): " + refusal.message.text(in: caller.language))
        }
        return nil
    }

    /// The one branch the change set's records belong to.
    ///
    /// - Parameters:
    ///   - storedBranch: the branch of a record the server holds, `nil` for a new one.
    ///   - branchExists: whether a branch code is known.
    /// - Returns: the branch, or the refusal.
    public func place(
        _ change: ChangeSet, storedBranch: (EntityKey) throws -> String?, branchExists: (String) throws -> Bool
    ) throws -> Placement {
        try place(change, records: change.records, storedBranch: storedBranch, branchExists: branchExists)
    }

    /// ``place(_:storedBranch:branchExists:)`` for a caller that already holds the
    /// change set's `records`.
    public func place(
        _ change: ChangeSet, records: [EntityKey], storedBranch: (EntityKey) throws -> String?, branchExists: (String) throws -> Bool
    ) throws -> Placement {
        let dot = change.dot
        let scope = caller.user.scope
        // A change set touches a handful of records, most often one: a list, not a table.
        var placed: [(key: EntityKey, branch: String)] = []
        placed.reserveCapacity(records.count)
        // Companies first: a change set may create a company and its visit in either order.
        let ordered = records.count < 2 ? records : records.sorted(by: { ($0.type == .company ? 0 : 1) < ($1.type == .company ? 0 : 1) })
        for key in ordered {
            // A company names its branch; any other record names its company.
            let written = Self.writtenText(of: key.type == .company ? Company.Field.branch.rawValue : ReviewedRecordField.company.rawValue, key: key, in: change)
            var target: String?   // the branch `written` leads to
            if let written {
                if key.type == .company {
                    // Outside the caller's branches, a branch that exists and one that
                    // does not are refused alike: refusals tell nobody which codes exist.
                    guard scope.contains(written) else {
                        return .refused(.refused(dot, .forbidden, ProblemMessage.notYourBranch.text(["id": key.id.rawValue, "branch": written, "user": caller.user.name], in: caller.language)))
                    }
                    guard try branchExists(written) else {
                        return .refused(.refused(dot, .unknownRecord, ProblemMessage.unknownBranch.text(["id": key.id.rawValue, "branch": written], in: caller.language)))
                    }
                    target = written
                } else {
                    let company = EntityKey(.company, RecordID(rawValue: written))
                    // A company of another branch is answered as one the server does not hold.
                    guard let companyBranch = try placed.first(where: { $0.key == company })?.branch ?? storedBranch(company),
                          scope.contains(companyBranch)
                    else {
                        return .refused(.refused(dot, .unknownRecord, ProblemMessage.companyNotHeld.text(["type": "\(key.type)", "id": key.id.rawValue, "company": company.id.rawValue], in: caller.language)))
                    }
                    target = companyBranch
                }
            }
            switch (try storedBranch(key), target) {
            case (let stored?, _) where !scope.contains(stored):
                // Neither the branch nor more of the record is named to someone outside it.
                return .refused(.refused(dot, .forbidden, ProblemMessage.mayNotChange.text(["user": caller.user.name, "record": "\(key)"], in: caller.language)))
            case (let stored?, let target?) where target != stored:
                return .refused(.refused(dot, .forbidden, ProblemMessage.branchMove.text(["record": "\(key)", "stored": stored, "target": target], in: caller.language)))
            case (let stored?, _):
                placed.append((key, stored))
            case (nil, let target?):
                placed.append((key, target))
            case (nil, nil):
                return .refused(.refused(dot, .unknownRecord, key.type == .company
                    ? ProblemMessage.newCompanyNoBranch.text(["id": key.id.rawValue], in: caller.language)
                    : ProblemMessage.newRecordNoCompany.text(["type": "\(key.type)", "id": key.id.rawValue], in: caller.language)))
            }
        }
        guard let branch = placed.first?.branch, placed.allSatisfy({ $0.branch == branch }) else {
            let branches = Set(placed.map(\.branch)).sorted()
            return .refused(.refused(dot, .invalidChangeSet, ProblemMessage.severalBranches.text(["change": "\(dot)", "branches": branches.joined(separator: ", ")], in: caller.language)))
        }
        return .branch(branch)
    }

    /// Refuses what only a reviewer may decide about records the server holds: resolving
    /// or settling a conflict (``ReviewPolicy``).
    ///
    /// - Parameter state: the stored registers of a record, `nil` for a new one.
    public func checkReview(_ change: ChangeSet, state: (EntityKey) -> EntityState?) -> PushResult? {
        guard let refusal = policy.refusal(of: change, isReviewer: caller.isReviewer, state: state) else { return nil }
        return .refused(change.dot, .forbidden, "\(refusal.entity): " + refusal.message.text(in: caller.language))
    }

    /// Where a change set goes: its branch, or why it is refused.
    public enum Placement: Sendable, Hashable {
        /// The branch of every record it touches.
        case branch(String)
        /// It cannot be placed, or not by this caller.
        case refused(PushResult)
    }

    /// The last text the change set writes to `field` of `key`.
    static func writtenText(of field: String, key: EntityKey, in change: ChangeSet) -> String? {
        var text: String?
        for case .set(key, field, .text(let value)) in change.operations { text = value }
        return text
    }
}
