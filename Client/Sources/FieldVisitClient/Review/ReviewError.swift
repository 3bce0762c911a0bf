import FieldVisitCore

/// Why a review command was refused. Nothing is changed when one is thrown.
public enum ReviewError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The logged-in user is field staff: only managers and administrators review.
    case notAReviewer(user: String)
    /// The field holds no differing concurrent values.
    case notInConflict(EntityKey, field: String)
    /// `--choose N` outside the numbered values.
    case choiceOutOfRange(field: String, choice: Int, count: Int)
    /// The record has conflicts; they must be resolved before approving.
    case unresolvedConflicts(EntityKey, fields: [String])
    /// The record is deleted.
    case deleted(EntityKey)
    /// The record type is not reviewed (a company is only resolved, never approved).
    case notReviewable(EntityKey)
    /// A comment is required (returning a record) but was empty.
    case commentRequired
    /// The value typed in the editor was empty.
    case emptyEditedValue(field: String)
    /// `--edit` on a field that is not free text.
    case notATextField(field: String)
    /// A value given to resolve a conflict is not valid for its field.
    case invalidValue(field: String, reason: String)
    /// Nothing was given to resolve.
    case nothingToResolve
    /// Restoring or confirming the deletion of a record that is not deleted.
    case notDeleted(EntityKey)

    public var description: String {
        switch self {
        case .notAReviewer(let user):
            "\(user) is logged in as field staff (担当者); only a manager or an administrator may approve, return or resolve records. Nothing was changed"
        case .notInConflict(let key, let field):
            "\(field) of \(key.type) \(key.id) is not in conflict; nothing to resolve (see `fieldvisit review show \(key.id)`)"
        case .choiceOutOfRange(let field, let choice, let count):
            "\(field) has \(count) competing values; choose 1 to \(count), not \(choice). Nothing was changed"
        case .unresolvedConflicts(let key, let fields):
            "\(key.type) \(key.id) has unresolved conflicts (\(fields.joined(separator: ", "))); resolve them first (`fieldvisit review merge \(key.id)`). Nothing was changed"
        case .deleted(let key):
            "\(key.type) \(key.id) is deleted. Nothing was changed"
        case .notReviewable(let key):
            "a \(key.type) is not approved or returned; only visits, hearing sheets and succession diagnoses are. Nothing was changed"
        case .commentRequired:
            "give the reason for returning the record with --comment TEXT. Nothing was changed"
        case .emptyEditedValue(let field):
            "the edited value of \(field) is empty; nothing was changed (use --value \"\" to clear the field)"
        case .invalidValue(let field, let reason):
            "the value for \(field) is not valid: \(reason). Nothing was changed"
        case .notDeleted(let key):
            "\(key.type) \(key.id) is not deleted; nothing to restore or confirm. Nothing was changed"
        case .nothingToResolve:
            "name a field and the value to keep (--field NAME with --choose N, --value V or --edit). Nothing was changed"
        case .notATextField(let field):
            "\(field) is not a free-text field; use --choose N or --value V. Nothing was changed"
        }
    }
}
