/// What only a reviewer (a manager or an administrator) may decide, as one pure rule
/// over a record's state and a proposed change set. The laptop asks it before
/// committing an edit, the server's admission before storing a pushed change set, so
/// a hand-made change set meets the same rule as one the client made.
///
/// Field staff may not:
/// - approve a record, return it, or write a review comment: of the workflow fields
///   they only set the review state to draft or submitted;
/// - resolve a conflict: supersede more than one of a conflicted field's values (a
///   direct resolution), or make any of a record's conflicts disappear, whether by
///   writing one side's value over their own, by deleting or restoring the record, or
///   by a deletion that covers a colleague's concurrent edit.
///
/// Writing a conflicted field concurrently stays possible: the new value joins the
/// conflict as one more sibling and a reviewer decides. Refusing that would refuse an
/// honest laptop that edited offline, and its later change sets, which depend on it.
public struct ReviewPolicy: Sendable {
    /// The record types and fields, for the workflow fields and merge policies.
    public let schema: Schema
    /// The labels of the workflow fields, by record type and field: looked up for every
    /// operation, so read from the schema once.
    private let workflowLabels: [WorkflowField: String]

    private struct WorkflowField: Hashable {
        var type: RecordType
        var field: String
    }

    /// A policy over `schema`. Make one and keep it: it reads the schema's workflow
    /// fields when made.
    public init(schema: Schema) {
        self.schema = schema
        var labels: [WorkflowField: String] = [:]
        for (type, record) in schema.records {
            for spec in record.fields where spec.isWorkflow { labels[WorkflowField(type: type, field: spec.name)] = spec.label }
        }
        workflowLabels = labels
    }

    /// Why a change set decides what only a reviewer may decide.
    public struct Refusal: Error, Sendable, Hashable, CustomStringConvertible {
        /// The record concerned.
        public var entity: EntityKey
        /// What the writer may not do, and who may, in both languages.
        public var message: LocalizedText

        /// What the writer may not do, in the process's language.
        public var reason: String { message.text() }

        public var description: String { "\(entity): \(reason)" }
    }

    /// The first decision in `change` that only a reviewer may make, or `nil` when a
    /// writer who is not one may make it. A reviewer may make every decision.
    ///
    /// - Parameters:
    ///   - isReviewer: whether the writer is a manager or an administrator.
    ///   - state: the record's registers before the change, `nil` for a record not held.
    public func refusal(of change: ChangeSet, isReviewer: Bool, state: (EntityKey) -> EntityState?) -> Refusal? {
        guard !isReviewer else { return nil }
        if let refusal = refusal(ofDecisionsIn: change, isReviewer: false) { return refusal }
        for key in change.records {
            guard let before = state(key), before.mayHoldConflicts, let record = schema.records[key.type] else { continue }
            if let refusal = refusal(of: change, on: key, before: before, record: record) { return refusal }
        }
        return nil
    }

    /// The first decision in `change` that only a reviewer may make whatever the
    /// records' state (approving, returning, commenting), or `nil`: the part of
    /// ``refusal(of:isReviewer:state:)`` that needs nothing stored.
    public func refusal(ofDecisionsIn change: ChangeSet, isReviewer: Bool) -> Refusal? {
        guard !isReviewer else { return nil }
        for operation in change.operations {
            if let reason = reviewerOnly(operation) { return Refusal(entity: operation.entity, message: reason) }
        }
        return nil
    }

    /// The reason an operation is a reviewer's alone, whatever the record's state.
    private func reviewerOnly(_ operation: ChangeSet.Operation) -> LocalizedText? {
        switch operation {
        case .approve:
            return ChangeMessage.onlyReviewerApproves.localized()
        case .set(let key, let field, let value):
            guard let label = workflowLabels[WorkflowField(type: key.type, field: field)] else { return nil }
            if field == ReviewedRecordField.reviewState.rawValue,
               value == .text(ReviewState.draft.rawValue) || value == .text(ReviewState.submitted.rawValue) {
                return nil
            }
            return field == ReviewedRecordField.reviewState.rawValue
                ? ChangeMessage.onlyReviewerDecides.localized()
                : ChangeMessage.onlyReviewerWrites.localized(["label": label, "field": field])
        default:
            return nil
        }
    }

    private func refusal(of change: ChangeSet, on key: EntityKey, before: EntityState, record: RecordSchema) -> Refusal? {
        let conflictsBefore = before.conflicts(of: key, schema: record)
        guard !conflictsBefore.isEmpty else { return nil }
        for conflict in conflictsBefore where conflict.kind == .concurrentValues {
            let field = conflict.fields[0]
            guard change.operations.contains(where: { $0.entity == key && $0.field == field }) else { continue }
            if before.fields[field]?.siblings.filter({ change.dependencies.covers($0.dot) }).count ?? 0 > 1 {
                return Refusal(entity: key, message: ChangeMessage.fieldInConflict.localized(["label": record.spec(for: field)?.label ?? field, "field": field]))
            }
        }
        var after = before
        change.forEachRecord { touched, operations in
            if touched == key { after.apply(operations, of: change) }
        }
        let remaining = Set(after.conflicts(of: key, schema: record).flatMap(\.marks))
        if let settled = conflictsBefore.first(where: { !$0.marks.allSatisfy(remaining.contains) }) {
            let conflict = settled.kind.rawValue + (settled.fields.isEmpty ? "" : ": " + settled.fields.joined(separator: ", "))
            return Refusal(entity: key, message: ChangeMessage.wouldSettleConflict.localized(["conflict": conflict]))
        }
        return nil
    }
}

extension EntityState {
    /// Whether the record could be in conflict at all: a register holds two values or
    /// a deletion stands. Most records hold neither, and listing conflicts costs more.
    public var mayHoldConflicts: Bool {
        !tombstone.isEmpty || fields.values.contains(where: { $0.siblings.count > 1 })
    }
}

extension Conflict {
    /// What must stay for the conflict to stand: one mark per field concerned.
    fileprivate var marks: [String] {
        fields.isEmpty ? [kind.rawValue] : fields.map { kind.rawValue + " " + $0 }
    }
}
