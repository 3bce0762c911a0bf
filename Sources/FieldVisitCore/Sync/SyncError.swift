/// Why a change set was refused. A refused change set changes nothing.
public enum SyncError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Changes it depends on have not been applied yet: apply (or fetch) those first.
    case missingDependencies(change: Dot, missing: [Dot])
    /// An operation is not valid for its record type.
    case invalidOperation(change: Dot?, index: Int, ValidationError)
    /// The change set itself is malformed (its counter, its dependencies, its author).
    case malformedChangeSet(change: Dot, reason: String)
    /// A local edit cannot be made in the record's present state.
    case editRefused(EntityKey, reason: LocalizedText)
    /// A local change with no edits.
    case nothingToCommit

    /// The error in both languages. How a change set is malformed is a matter for the
    /// program that made it, and is in English.
    public var message: LocalizedText {
        switch self {
        case .missingDependencies(let change, let missing):
            ChangeMessage.missingDependencies.localized(["change": "\(change)", "missing": missing.map(\.description).joined(separator: ", ")])
        case .invalidOperation(let change, let index, let error):
            ChangeMessage.operationRefused.localized(
                ["number": "\(index + 1)"],
                parts: ["change": change.map { ChangeMessage.changeNumbered.localized(["change": "\($0)"]) } ?? LocalizedText(verbatim: ""),
                        "error": LocalizedText(english: error.description(in: .english), japanese: error.description(in: .japanese))]
            )
        case .malformedChangeSet(let change, let reason):
            ChangeMessage.malformed.localized(["change": "\(change)", "reason": reason])
        case .editRefused(let key, let reason):
            LocalizedText(english: "\(key): \(reason.english)", japanese: "\(key): \(reason.japanese)")
        case .nothingToCommit:
            ChangeMessage.nothingToCommit.localized()
        }
    }

    public var description: String { message.text() }
}
