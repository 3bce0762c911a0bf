import FieldVisitCore
import Foundation

extension LocalStore {
    // MARK: Submitting

    /// Hands a record in for review (reviewState → submitted).
    ///
    /// - Returns: the change set, or `nil` when the record was already submitted.
    @discardableResult
    public func submit(_ key: EntityKey, now: Int64 = LocalStore.now()) throws -> ChangeSet? {
        let state = try reviewableState(of: key)
        let field = ReviewedRecordField.reviewState.rawValue
        if state.visibleValues[field] == .text(ReviewState.submitted.rawValue), !(state.fields[field]?.hasDifferingValues ?? false) {
            return nil
        }
        return try commit([.set(key, field: field, value: .text(ReviewState.submitted.rawValue))], now: now)
    }

    // MARK: Deciding

    /// Approves a record as it is now: an `approve` naming the version approved, the
    /// review state approved, and the comment (an earlier comment is cleared when none
    /// is given). Refused for field staff and while conflicts wait.
    @discardableResult
    public func approve(_ key: EntityKey, comment: String? = nil, now: Int64 = LocalStore.now()) throws -> ChangeSet {
        try requireReviewer()
        return try commit(try edits(of: .approve(comment: comment), on: key), now: now)
    }

    /// Returns a record to its author for correction, with the reason.
    @discardableResult
    public func returnForCorrection(_ key: EntityKey, comment: String, now: Int64 = LocalStore.now()) throws -> ChangeSet {
        try requireReviewer()
        return try commit(try edits(of: .returnForCorrection(comment: comment), on: key), now: now)
    }

    /// The edits of `decision` on the record, or the refusal as a review error.
    private func edits(of decision: ReviewDecision, on key: EntityKey) throws -> [Edit] {
        let state = try state(of: key)
        do {
            return try decision.edits(for: key, state: state, schema: schema)
        } catch {
            switch error {
            case .notFound: throw StoreError.recordNotFound(type: key.type.rawValue, id: key.id.rawValue)
            case .notReviewable: throw ReviewError.notReviewable(key)
            case .deleted: throw ReviewError.deleted(key)
            case .unresolvedConflicts(let fields): throw ReviewError.unresolvedConflicts(key, fields: fields)
            case .commentRequired: throw ReviewError.commentRequired
            case .notInConflict(let field): throw ReviewError.notInConflict(key, field: field)
            case .invalidValue(let field, let reason): throw ReviewError.invalidValue(key, field: field, reason: reason)
            case .nothingToResolve: throw ReviewError.nothingToResolve
            case .notDeleted: throw ReviewError.notDeleted(key)
            }
        }
    }

    // MARK: Resolving

    /// The conflict of concurrent values on one field, or an error saying why there is none.
    public func conflict(of key: EntityKey, field: String) throws -> Conflict {
        let record = try schema.requireRecord(key.type)
        _ = try record.requireSpec(for: field)
        guard let state = try state(of: key) else { throw StoreError.recordNotFound(type: key.type.rawValue, id: key.id.rawValue) }
        guard let conflict = state.conflicts(of: key, schema: record).first(where: { $0.kind == .concurrentValues && $0.fields == [field] }) else {
            throw ReviewError.notInConflict(key, field: field)
        }
        return conflict
    }

    /// The competing value numbered `choice` (1-based, in dot order as `review show` numbers them).
    public func competingValue(of key: EntityKey, field: String, choice: Int) throws -> FieldValue {
        let conflict = try conflict(of: key, field: field)
        guard (1...conflict.siblings.count).contains(choice) else {
            throw ReviewError.choiceOutOfRange(key, field: field, choice: choice, count: conflict.siblings.count)
        }
        return conflict.siblings[choice - 1].value
    }

    /// Resolves conflicted fields in one change set: each value is written after seeing
    /// every competing one, so it replaces them all. Refused whole when any field is not
    /// in conflict or any value is invalid.
    @discardableResult
    public func resolve(_ key: EntityKey, _ resolutions: [ConflictResolution], now: Int64 = LocalStore.now()) throws -> ChangeSet {
        try requireReviewer()
        let record = try schema.requireRecord(key.type)
        for resolution in resolutions { _ = try record.requireSpec(for: resolution.field) }
        return try commit(try edits(of: .resolve(resolutions), on: key), now: now)
    }

    /// A record that may be submitted, approved or returned.
    private func reviewableState(of key: EntityKey) throws -> EntityState {
        guard schema.reviewedTypes.contains(key.type) else { throw ReviewError.notReviewable(key) }
        guard let state = try state(of: key) else { throw StoreError.recordNotFound(type: key.type.rawValue, id: key.id.rawValue) }
        if state.isDeleted { throw ReviewError.deleted(key) }
        return state
    }
}

/// The text `--edit` puts in the editor for a conflicted text field, and how the edited
/// text is read back: every competing value under a marker line; marker lines (`#|`)
/// are dropped, the rest is the new value.
public enum ConflictEditorText {
    /// The prefix of the lines that are not part of the value.
    public static let marker = "#|"

    public static func make(_ conflict: Conflict, label: String, describe: (Sibling<FieldValue>) -> String) -> String {
        var lines = [
            "\(marker) 競合: \(label) (\(conflict.fields.joined())) — \(conflict.entity.type) \(conflict.entity.id)",
            "\(marker) " + ReviewMessage.editorInstructions.text(["marker": marker]),
            "\(marker) " + ReviewMessage.editorCancel.text(),
        ]
        for (index, sibling) in conflict.siblings.enumerated() {
            lines.append("\(marker) [\(index + 1)] \(describe(sibling))")
            lines.append(sibling.value.textValue ?? sibling.value.description)
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The value in the edited text, or `nil` when nothing but markers and blanks remains.
    public static func value(from text: String) -> String? {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.hasPrefix(marker) }
        let value = lines.joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
        return value.isEmpty ? nil : value
    }
}
