import FieldVisitCore

/// Why a review command was refused. Nothing is changed when one is thrown.
public enum ReviewError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The logged-in user is field staff: only managers and administrators review.
    case notAReviewer(user: String)
    /// The field holds no differing concurrent values.
    case notInConflict(EntityKey, field: String)
    /// `--choose N` outside the numbered values.
    case choiceOutOfRange(EntityKey, field: String, choice: Int, count: Int)
    /// The record has conflicts; they must be resolved before approving.
    case unresolvedConflicts(EntityKey, fields: [String])
    /// The record is deleted.
    case deleted(EntityKey)
    /// The record type is not reviewed (a company is only resolved, never approved).
    case notReviewable(EntityKey)
    /// A comment is required (returning a record) but was empty.
    case commentRequired
    /// The value typed in the editor was empty.
    case emptyEditedValue(EntityKey, field: String)
    /// `--edit` on a field that is not free text.
    case notATextField(EntityKey, field: String)
    /// A value given to resolve a conflict is not valid for its field.
    case invalidValue(EntityKey, field: String, reason: String)
    /// Nothing was given to resolve.
    case nothingToResolve
    /// Restoring or confirming the deletion of a record that is not deleted.
    case notDeleted(EntityKey)

    public var description: String {
        switch self {
        case .notAReviewer(let user): ReviewMessage.notAReviewer.text(["user": user])
        case .notInConflict(let key, let field): ReviewMessage.notInConflict.text(Self.naming(key, field: field))
        case .choiceOutOfRange(let key, let field, let choice, let count):
            ReviewMessage.choiceOutOfRange.text(Self.naming(key, field: field).merging(["choice": String(choice), "count": String(count)]) { $1 })
        case .unresolvedConflicts(let key, let fields):
            // Japanese names the fields by their labels alone: the ids are in `review show`.
            ReviewMessage.unresolvedConflicts.text(Self.naming(key).merging([
                "fields": Language.current == .japanese
                    ? fields.map { Schema.fieldVisit.records[key.type]?.spec(for: $0)?.label ?? $0 }.joined(separator: "、")
                    : fields.joined(separator: ", "),
            ]) { $1 })
        case .deleted(let key): ReviewMessage.deleted.text(Self.naming(key))
        case .notReviewable(let key): ReviewMessage.notReviewable.text(Self.naming(key))
        case .commentRequired: ReviewMessage.commentRequired.text()
        case .emptyEditedValue(let key, let field): ReviewMessage.emptyEditedValue.text(Self.naming(key, field: field))
        case .invalidValue(let key, let field, let reason):
            ReviewMessage.invalidValue.text(Self.naming(key, field: field).merging(["reason": reason]) { $1 })
        case .notDeleted(let key): ReviewMessage.notDeleted.text(Self.naming(key))
        case .nothingToResolve: ReviewMessage.nothingToResolve.text()
        case .notATextField(let key, let field): ReviewMessage.notATextField.text(Self.naming(key, field: field))
        }
    }

    /// The placeholders naming the record (`type`, `id`) and the field, as messages name them.
    private static func naming(_ key: EntityKey, field: String? = nil) -> [String: String] {
        var values = ["type": StoreMessage.typeName(key.type.rawValue), "id": key.id.rawValue]
        if let field { values["field"] = ReviewMessage.field(field, of: key.type) }
        return values
    }
}
