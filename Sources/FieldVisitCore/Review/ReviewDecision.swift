import Foundation

/// A reviewer's decision on one record, turned into the edits that record it: the one
/// meaning of approving, returning and resolving, whoever decides (a laptop's
/// `fieldvisit review`, or the server's console). Who may decide is ``ReviewPolicy``'s
/// question; this says what a decision writes and when it cannot be made.
///
/// ```swift
/// let edits = try ReviewDecision.approve(comment: "確認しました").edits(for: key, state: state, schema: .fieldVisit)
/// let change = try replica.commit(edits, author: "高橋 課長", now: now)
/// ```
public enum ReviewDecision: Sendable, Hashable {
    /// Approves the record as it is: an `approve` naming the version seen, the review
    /// state approved, and the comment (an earlier comment is cleared when none is given).
    case approve(comment: String?)
    /// Returns the record to its author for correction, with the reason.
    case returnForCorrection(comment: String)
    /// Writes each value over every competing value of its conflicted field.
    case resolve([ConflictResolution])
    /// Undoes the record's standing deletions: what was edited meanwhile stays.
    case restore
    /// Deletes the record again over whatever was edited or restored concurrently
    /// with its deletion: the deletion stands, settled.
    case confirmDeletion

    /// Why a decision cannot be made on a record as it stands. Nothing is written.
    public enum Refusal: Error, Sendable, Hashable {
        /// No such record.
        case notFound
        /// The record type is not reviewed (a company is only resolved, never approved).
        case notReviewable
        /// The record is deleted.
        case deleted
        /// The record has conflicts, to be resolved before approving.
        case unresolvedConflicts(fields: [String])
        /// Returning needs a reason, and none was given.
        case commentRequired
        /// The field holds no differing concurrent values.
        case notInConflict(field: String)
        /// A resolution's value is not valid for its field.
        case invalidValue(field: String, reason: String)
        /// A resolution names no field.
        case nothingToResolve
        /// Restoring or confirming a deletion of a record that is not deleted.
        case notDeleted
    }

    /// The edits that record this decision on the record `key`, whose state is `state`.
    public func edits(for key: EntityKey, state: EntityState?, schema: Schema) throws(Refusal) -> [Edit] {
        guard let state else { throw .notFound }
        guard let record = schema.records[key.type] else { throw .notFound }
        let stateField = ReviewedRecordField.reviewState.rawValue
        let commentField = ReviewedRecordField.reviewComment.rawValue
        switch self {
        case .approve(let comment):
            try Self.requireReviewable(key, state, schema)
            let conflicts = state.conflicts(of: key, schema: record)
            if !conflicts.isEmpty { throw .unresolvedConflicts(fields: Array(Set(conflicts.flatMap(\.fields))).sorted()) }
            var edits: [Edit] = [.approve(key), .set(key, field: stateField, value: .text(ReviewState.approved.rawValue))]
            if let comment = Self.trimmed(comment) {
                edits.append(.set(key, field: commentField, value: .text(comment)))
            } else if state.fields[commentField]?.isEmpty == false, state.visibleValues[commentField] != nil {
                edits.append(.set(key, field: commentField, value: .null))
            }
            return edits
        case .returnForCorrection(let comment):
            guard let comment = Self.trimmed(comment) else { throw .commentRequired }
            try Self.requireReviewable(key, state, schema)
            return [
                .set(key, field: stateField, value: .text(ReviewState.returned.rawValue)),
                .set(key, field: commentField, value: .text(comment)),
            ]
        case .resolve(let resolutions):
            guard !resolutions.isEmpty else { throw .nothingToResolve }
            let conflicted = Set(state.conflicts(of: key, schema: record).filter { $0.kind == .concurrentValues }.flatMap(\.fields))
            for resolution in resolutions {
                guard conflicted.contains(resolution.field), let spec = record.spec(for: resolution.field) else {
                    throw .notInConflict(field: resolution.field)
                }
                do {
                    try spec.validate(resolution.value)
                } catch {
                    throw .invalidValue(field: resolution.field, reason: error.description)
                }
            }
            return resolutions.map { .set(key, field: $0.field, value: $0.value) }
        case .restore:
            guard !state.standingDeletions.isEmpty else { throw .notDeleted }
            return [.restore(key)]
        case .confirmDeletion:
            guard !state.standingDeletions.isEmpty else { throw .notDeleted }
            return [.delete(key)]
        }
    }

    private static func requireReviewable(_ key: EntityKey, _ state: EntityState, _ schema: Schema) throws(Refusal) {
        guard schema.reviewedTypes.contains(key.type) else { throw .notReviewable }
        if state.isDeleted { throw .deleted }
    }

    private static func trimmed(_ comment: String?) -> String? {
        guard let comment = comment?.trimmingCharacters(in: .whitespacesAndNewlines), !comment.isEmpty else { return nil }
        return comment
    }
}

/// A decision on one conflicted field: the value that replaces every competing one.
public struct ConflictResolution: Sendable, Hashable {
    /// The field in conflict.
    public var field: String
    /// The value that replaces the competing ones.
    public var value: FieldValue

    public init(field: String, value: FieldValue) {
        self.field = field
        self.value = value
    }
}
