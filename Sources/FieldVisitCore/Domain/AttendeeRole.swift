/// Who was met on the company's side during a visit.
public enum AttendeeRole: String, CodedEnumeration {
    /// The representative, usually the owner (代表者).
    case representative
    /// A candidate to succeed the owner (後継者候補).
    case successorCandidate
    /// A director or other officer (役員).
    case officer
    /// An employee (従業員).
    case employee
    /// The company's tax accountant or accountant (税理士・会計士).
    case accountant
    /// Anyone else.
    case other

    /// The label shown to people, in Japanese.
    public var japaneseLabel: String {
        switch self {
        case .representative: "代表者"
        case .successorCandidate: "後継者候補"
        case .officer: "役員"
        case .employee: "従業員"
        case .accountant: "税理士・会計士"
        case .other: "その他"
        }
    }
}
