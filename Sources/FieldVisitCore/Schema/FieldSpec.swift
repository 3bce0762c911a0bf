/// What one field of a record holds, how it is validated and how concurrent writes merge.
public struct FieldSpec: Sendable {
    /// The kind of value a field takes, with the rule that checks it.
    public enum Kind: Sendable {
        /// Free text of at most `maxLength` characters (grapheme clusters).
        case text(maxLength: Int)
        /// A yen amount: a whole number of yen, possibly negative (losses, negative equity).
        case yen
        /// A whole number within `range` (employees, counts).
        case integer(ClosedRange<Int64>)
        /// A calendar year, such as a birth year.
        case year
        /// A date as `YYYY-MM-DD`.
        case date
        /// One code of a code list.
        case code(CodeList)
        /// A set of codes of a code list; the field's policy is ``MergePolicy/addWins``.
        case codeSet(CodeList)
        /// A set of free-text elements (names of attendees); policy ``MergePolicy/addWins``.
        case textSet(maxLength: Int)
        /// A 13-digit corporate number (法人番号) with a valid check digit.
        case corporateNumber
        /// Yes or no.
        case boolean
        /// The id of another record of the given type.
        case reference(RecordType)
        /// Any value the record's form accepts; validated by the form, not the schema.
        case formAnswer
    }

    /// The field name, stable on the wire (`corporateNumber`, `notes`).
    public var name: String
    /// The Japanese label shown to people.
    public var label: String
    /// What the field holds.
    public var kind: Kind
    /// Whether a record is incomplete without it.
    public var isRequired: Bool
    /// How concurrent writes merge.
    public var policy: MergePolicy
    /// Whether the field records the review itself (its state, the manager's comment)
    /// rather than what was learned: editing it does not make an approved record
    /// "changed since approval".
    public var isWorkflow: Bool

    public init(
        _ name: String, label: String, kind: Kind, required: Bool = false, policy: MergePolicy? = nil, workflow: Bool = false
    ) {
        self.name = name
        self.label = label
        self.kind = kind
        self.isRequired = required
        self.policy = policy ?? kind.defaultPolicy
        self.isWorkflow = workflow
    }

    /// Whether the field is a set, changed by adding and removing elements.
    public var isSet: Bool { policy == .addWins }
}

extension FieldSpec.Kind {
    /// Sets merge element by element; every other field is reviewed by a person.
    var defaultPolicy: MergePolicy {
        switch self {
        case .codeSet, .textSet: .addWins
        default: .review
        }
    }
}
