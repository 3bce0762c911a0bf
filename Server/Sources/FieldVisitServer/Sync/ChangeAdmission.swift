import FieldVisitCore
import FieldVisitProtocol

/// Decides whether a pushed change set may be stored, and under which branch: the
/// server's rules, apart from any storage. Every backend asks it the same questions.
///
/// A change set is refused whole: nothing of it is stored when any rule fails.
public struct ChangeAdmission: Sendable {
    /// The record types and fields operations are checked against.
    public let schema: Schema
    /// Who pushes.
    public let caller: Caller

    public init(schema: Schema, caller: Caller) {
        self.schema = schema
        self.caller = caller
    }

    /// The checks that need nothing stored: identity, shape, limits, schema and role.
    /// Returns the refusal, or `nil` when the change set passes.
    public func checkContent(_ change: ChangeSet) -> PushResult? {
        let dot = change.dot
        guard change.replica == caller.device.replica else {
            return .refused(dot, .wrongReplica, "change \(dot) was made by replica \(change.replica), not by this device's replica \(caller.device.replica)")
        }
        guard change.author == caller.user.name else {
            return .refused(dot, .wrongAuthor, "change \(dot) names \(change.author) as its author, but the token is \(caller.user.name)'s")
        }
        guard change.operations.count <= SyncLimits.maxOperationsPerChangeSet else {
            return .refused(dot, .invalidChangeSet, "change \(dot) has \(change.operations.count) operations; at most \(SyncLimits.maxOperationsPerChangeSet) are accepted")
        }
        for operation in change.operations {
            if let bytes = operation.valueBytes, bytes > SyncLimits.maxValueBytes {
                return .refused(dot, .invalidChangeSet, "change \(dot) writes a value of \(bytes) bytes to \(operation.entity) \(operation.field ?? ""); at most \(SyncLimits.maxValueBytes) are accepted")
            }
        }
        do {
            try change.checkShape()
            try schema.validate(change)
        } catch {
            return .refused(dot, .invalidChangeSet, error.description)
        }
        if caller.user.role == .field, let review = change.operations.first(where: Self.isReviewDecision) {
            return .refused(dot, .forbidden, "only a manager or an administrator may approve or return a record (\(review.entity))")
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
        // A change set touches a handful of records, most often one: a list, not a table.
        var placed: [(key: EntityKey, branch: String)] = []
        placed.reserveCapacity(records.count)
        // Companies first: a change set may create a company and its visit in either order.
        let ordered = records.count < 2 ? records : records.sorted(by: { ($0.type == .company ? 0 : 1) < ($1.type == .company ? 0 : 1) })
        for key in ordered {
            // A company names its branch; any other record names its company.
            let written = Self.writtenText(of: key.type == .company ? Company.Field.branch.rawValue : Visit.Field.company.rawValue, key: key, in: change)
            var target: String?   // the branch `written` leads to
            if let written {
                if key.type == .company {
                    guard try branchExists(written) else {
                        return .refused(.refused(dot, .unknownRecord, "company \(key.id) names branch \(written), which the server does not know"))
                    }
                    target = written
                } else {
                    let company = EntityKey(.company, RecordID(rawValue: written))
                    guard let companyBranch = try placed.first(where: { $0.key == company })?.branch ?? storedBranch(company) else {
                        return .refused(.refused(dot, .unknownRecord, "\(key.type) \(key.id) names company \(company.id), which the server does not hold; sync the company first"))
                    }
                    target = companyBranch
                }
            }
            switch (try storedBranch(key), target) {
            case (let stored?, let target?) where target != stored:
                return .refused(.refused(dot, .forbidden, "\(key) belongs to branch \(stored); moving it to branch \(target) is not possible through sync"))
            case (let stored?, _):
                placed.append((key, stored))
            case (nil, let target?):
                placed.append((key, target))
            case (nil, nil):
                return .refused(.refused(dot, .unknownRecord, key.type == .company
                    ? "new company \(key.id) names no branch; give it one (--branch)"
                    : "\(key.type) \(key.id) is new to the server and names no company"))
            }
        }
        guard let branch = placed.first?.branch, placed.allSatisfy({ $0.branch == branch }) else {
            let branches = Set(placed.map(\.branch)).sorted()
            return .refused(.refused(dot, .invalidChangeSet, "change \(dot) touches records of branches \(branches.joined(separator: ", ")); a change set must stay within one branch"))
        }
        guard caller.user.scope.contains(branch) else {
            return .refused(.refused(dot, .forbidden, "\(caller.user.name) may not change records of branch \(branch)"))
        }
        return .branch(branch)
    }

    /// Refuses a field staff member's resolution of a conflict: a write that replaces
    /// more than one of a field's differing values. Managers resolve; staff wait.
    ///
    /// - Parameter state: the stored registers of a record, `nil` for a new one.
    public func checkResolution(_ change: ChangeSet, state: (EntityKey) -> EntityState?) -> PushResult? {
        guard caller.user.role == .field else { return nil }
        for case .set(let key, let field, _) in change.operations {
            guard let register = state(key)?.fields[field], register.hasDifferingValues else { continue }
            if register.siblings.filter({ change.dependencies.covers($0.dot) }).count > 1 {
                return .refused(change.dot, .forbidden, "\(key) \(field) is in conflict; only a manager or an administrator may resolve it")
            }
        }
        return nil
    }

    /// Where a change set goes: its branch, or why it is refused.
    public enum Placement: Sendable, Hashable {
        /// The branch of every record it touches.
        case branch(String)
        /// It cannot be placed, or not by this caller.
        case refused(PushResult)
    }

    /// Approving, or setting a review state only a reviewer sets.
    static func isReviewDecision(_ operation: ChangeSet.Operation) -> Bool {
        switch operation {
        case .approve: true
        case .set(_, let field, .text(let state)):
            field == Visit.Field.reviewState.rawValue && (state == ReviewState.approved.rawValue || state == ReviewState.returned.rawValue)
        default: false
        }
    }

    /// The last text the change set writes to `field` of `key`.
    static func writtenText(of field: String, key: EntityKey, in change: ChangeSet) -> String? {
        var text: String?
        for case .set(key, field, .text(let value)) in change.operations { text = value }
        return text
    }
}

extension ChangeSet.Operation {
    /// The size of the value written, in bytes of UTF-8, for text values.
    var valueBytes: Int? {
        switch self {
        case .set(_, _, .text(let text)), .add(_, _, .text(let text)), .remove(_, _, .text(let text)): text.utf8.count
        default: nil
        }
    }
}
