/// Where one record stands for a manager's review, derived from its registers alone:
/// the one place that says whether a record waits in the review queue and why.
///
/// The laptop's record view, its review queue and the server's queue table are all
/// written from it, so that they agree on every record.
///
/// A record waits (``reasons`` not empty) when it is
/// - ``ReviewReason/submitted``: of a reviewed type (``Schema/reviewedTypes``), not
///   deleted, its review state `submitted`;
/// - ``ReviewReason/changed``: of a reviewed type, not deleted, approved once and its
///   content edited after, or concurrently with, the approval;
/// - ``ReviewReason/conflict``: of any type, a reviewed field holding concurrent values;
/// - ``ReviewReason/deleted``: of any type, edited while deleted, or deleted and
///   restored at once.
public struct ReviewStatus: Sendable, Hashable {
    /// The record.
    public var key: EntityKey
    /// Whether the record's type is reviewed (has a review state of its own).
    public var isReviewed: Bool
    /// Whether the record shows as deleted.
    public var isDeleted: Bool
    /// The review state the record shows, as stored; `nil` when it has none (a company,
    /// or a record never given one, which counts as a draft).
    public var reviewState: String?
    /// The record's date (`YYYY-MM-DD`): the date records are listed and sorted by;
    /// `nil` for a type without one (a company).
    public var date: String?
    /// The staff who took the record, in the order every replica agrees on.
    public var staff: [String]
    /// The company the record is about: itself for a company.
    public var companyID: RecordID?
    /// The content fields edited after, or concurrently with, the approval; `nil` when
    /// the record was never approved, empty when the approval stands.
    public var changedSinceApproval: [String]?
    /// The fields holding concurrent values, in name order.
    public var conflicts: [String]
    /// The fields edited while the record was deleted, in name order.
    public var fieldsEditedWhileDeleted: [String]
    /// Whether one person deleted the record while another restored it.
    public var deletedAndRestored: Bool

    /// The status of `key`, whose registers are `state`, under its type's schema `record`.
    public init(_ key: EntityKey, state: EntityState, record: RecordSchema) {
        self.key = key
        isReviewed = record.spec(for: ReviewedRecordField.reviewState.rawValue)?.isWorkflow == true
        isDeleted = state.isDeleted
        let values = state.visibleValues
        reviewState = values[ReviewedRecordField.reviewState.rawValue]?.textValue
        date = values[ReviewedRecordField.date.rawValue]?.textValue
        staff = state.visibleSets[ReviewedRecordField.staff.rawValue]?.compactMap(\.textValue) ?? []
        companyID = key.type == .company ? key.id : values[ReviewedRecordField.company.rawValue]?.textValue.map(RecordID.init(rawValue:))
        changedSinceApproval = state.changedSinceApproval(schema: record)
        conflicts = []
        fieldsEditedWhileDeleted = []
        deletedAndRestored = false
        guard state.mayHoldConflicts else { return }
        for conflict in state.conflicts(of: key, schema: record) {
            switch conflict.kind {
            case .concurrentValues: conflicts += conflict.fields
            case .editedWhileDeleted: fieldsEditedWhileDeleted += conflict.fields
            case .deletedAndRestored: deletedAndRestored = true
            }
        }
    }

    /// The status of `key` under `schema`; throws for a type the schema does not know.
    public init(_ key: EntityKey, state: EntityState, schema: Schema) throws(ValidationError) {
        self.init(key, state: state, record: try schema.requireRecord(key.type))
    }

    /// Whether the record was handed in and waits for approval or return.
    public var isSubmitted: Bool { isReviewed && !isDeleted && reviewState == ReviewState.submitted.rawValue }

    /// Whether the record was approved and its content changed since.
    public var isChangedSinceApproval: Bool { isReviewed && !isDeleted && !(changedSinceApproval ?? []).isEmpty }

    /// Whether the record has a conflict with a deletion: edited while deleted, or
    /// deleted and restored at once.
    public var deletionConflict: Bool { deletedAndRestored || !fieldsEditedWhileDeleted.isEmpty }

    /// The number of the record's conflicts (``EntityState/conflicts(of:schema:)``):
    /// one per field with concurrent values, one for edits while deleted, one for a
    /// deletion and a restore at once.
    public var conflictCount: Int { conflicts.count + (fieldsEditedWhileDeleted.isEmpty ? 0 : 1) + (deletedAndRestored ? 1 : 0) }

    /// Why the record waits for a manager, in ``ReviewReason`` order; empty when it
    /// does not wait.
    public var reasons: [ReviewReason] {
        var reasons: [ReviewReason] = []
        if isSubmitted { reasons.append(.submitted) }
        if isChangedSinceApproval { reasons.append(.changed) }
        if !conflicts.isEmpty { reasons.append(.conflict) }
        if deletionConflict { reasons.append(.deleted) }
        return reasons
    }

    /// Whether the record waits in the review queue.
    public var isWaiting: Bool { isSubmitted || isChangedSinceApproval || !conflicts.isEmpty || deletionConflict }

    /// The review state the queue shows: the stored one, or `draft` when there is none.
    public var shownReviewState: String { reviewState ?? ReviewState.draft.rawValue }
}
