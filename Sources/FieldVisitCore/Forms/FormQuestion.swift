/// One question of a form: what is asked, what answer it takes, whether it must be
/// answered, and when it is shown.
///
/// ```json
/// {"id": "successorRelation", "label": "後継者候補はどなたですか", "type": "choice",
///  "choices": [{"code": "family", "label": "親族"}], "required": true,
///  "when": {"question": "hasSuccessorCandidate", "equals": true}}
/// ```
public struct FormQuestion: Sendable, Hashable, Identifiable {
    /// The stable id, ASCII lowerCamelCase (`previousSales`). Answers are stored under it,
    /// so it never changes meaning within a form; a changed question gets a new id.
    public var id: String
    /// The question as staff read it, in Japanese.
    public var label: String
    /// An optional hint shown under the question (where to find the figure, what counts).
    public var help: String?
    /// The kind of answer taken.
    public var answerType: FormAnswerType
    /// Whether the form is incomplete while this question applies and has no answer.
    public var isRequired: Bool
    /// When the question is shown; `nil` means always. It reads only earlier questions.
    public var when: FormCondition?

    /// A question built in code (tests, tools); shipped forms are JSON files.
    public init(
        id: String, label: String, help: String? = nil, answerType: FormAnswerType,
        required: Bool = false, when: FormCondition? = nil
    ) {
        self.id = id
        self.label = label
        self.help = help
        self.answerType = answerType
        self.isRequired = required
        self.when = when
    }
}

extension FormQuestion: Codable {
    private static let ownMembers: Set<String> = ["id", "label", "help", "required", "when"]

    /// Reads a question with its answer type written flat on it, refusing unknown members.
    public init(from decoder: any Decoder) throws {
        try FormCodingKey.refuseUnknownMembers(in: decoder, allowed: Self.ownMembers.union(FormAnswerType.members), what: "A question")
        let container = try decoder.container(keyedBy: FormCodingKey.self)
        id = try container.decode(String.self, forKey: FormCodingKey("id"))
        label = try container.decode(String.self, forKey: FormCodingKey("label"))
        help = try container.decodeIfPresent(String.self, forKey: FormCodingKey("help"))
        isRequired = try container.decodeIfPresent(Bool.self, forKey: FormCodingKey("required")) ?? false
        when = try container.decodeIfPresent(FormCondition.self, forKey: FormCodingKey("when"))
        answerType = try FormAnswerType(fromQuestion: decoder)
    }

    /// Writes the question as ``init(from:)`` reads it.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: FormCodingKey.self)
        try container.encode(id, forKey: FormCodingKey("id"))
        try container.encode(label, forKey: FormCodingKey("label"))
        try container.encodeIfPresent(help, forKey: FormCodingKey("help"))
        try answerType.encode(toQuestion: encoder)
        try container.encode(isRequired, forKey: FormCodingKey("required"))
        try container.encodeIfPresent(when, forKey: FormCodingKey("when"))
    }
}
