/// Where a record stands in a manager's review: draft → submitted → approved, or
/// returned to its author with a comment.
public enum ReviewState: String, CodedEnumeration {
    /// Still being written; not yet shown to a manager (下書き).
    case draft
    /// Handed in for review (提出済み).
    case submitted
    /// Sent back to the author for correction (差戻し).
    case returned
    /// Approved by a manager (承認済み).
    case approved

    /// The label shown to people, in Japanese.
    public var japaneseLabel: String {
        switch self {
        case .draft: "下書き"
        case .submitted: "提出済み"
        case .returned: "差戻し"
        case .approved: "承認済み"
        }
    }
}
