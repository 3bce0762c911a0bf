/// When a question is shown, or when a result rule matches: a condition over earlier
/// answers, written as data in the form's JSON.
///
/// ```json
/// {"question": "hasSuccessorCandidate", "equals": true}
/// {"question": "businessTrend", "in": ["flat", "down"]}
/// {"question": "previousSales", "answered": true}
/// {"all": [ … ]}   {"any": [ … ]}   {"not": { … }}
/// ```
///
/// A question without an answer (or answered `null`) equals nothing and is in no list,
/// so `not equals` holds for it; write `{"question": "x", "equals": false}` to wait for a
/// no rather than `{"not": {"question": "x", "equals": true}}`.
public indirect enum FormCondition: Sendable, Hashable {
    /// The question's answer is exactly `value`.
    case equals(question: String, value: FieldValue)
    /// The question's answer is one of `values`.
    case isIn(question: String, values: [FieldValue])
    /// The question has an answer (`true`) or has none (`false`).
    case answered(question: String, Bool)
    /// Every condition holds (an empty list always holds).
    case all([FormCondition])
    /// At least one condition holds (an empty list never holds).
    case any([FormCondition])
    /// The condition does not hold.
    case not(FormCondition)

    /// Whether the condition holds for `answers` (question id → value). Callers pass only
    /// the answers that count, so an answer to a hidden question never steers anything.
    public func holds(for answers: [String: FieldValue]) -> Bool {
        switch self {
        case .equals(let question, let value):
            guard let answer = answers[question], answer != .null else { return false }
            return answer == value
        case .isIn(let question, let values):
            guard let answer = answers[question], answer != .null else { return false }
            return values.contains(answer)
        case .answered(let question, let expected):
            let isAnswered = (answers[question] ?? .null) != .null
            return isAnswered == expected
        case .all(let conditions):
            return conditions.allSatisfy { $0.holds(for: answers) }
        case .any(let conditions):
            return conditions.contains { $0.holds(for: answers) }
        case .not(let condition):
            return !condition.holds(for: answers)
        }
    }

    /// The ids of every question the condition reads, in the order written.
    public var referencedQuestions: [String] {
        switch self {
        case .equals(let question, _), .isIn(let question, _), .answered(let question, _): [question]
        case .all(let conditions), .any(let conditions): conditions.flatMap(\.referencedQuestions)
        case .not(let condition): condition.referencedQuestions
        }
    }

    /// Every comparison of an answer with a value, for checking the values against the
    /// questions' answer types.
    var comparedValues: [(question: String, value: FieldValue)] {
        switch self {
        case .equals(let question, let value): [(question, value)]
        case .isIn(let question, let values): values.map { (question, $0) }
        case .answered: []
        case .all(let conditions), .any(let conditions): conditions.flatMap(\.comparedValues)
        case .not(let condition): condition.comparedValues
        }
    }
}

extension FormCondition: CustomStringConvertible {
    /// A compact reading of the condition for messages: `hasSuccessorCandidate = true`.
    public var description: String {
        switch self {
        case .equals(let question, let value): "\(question) = \(Self.literal(value))"
        case .isIn(let question, let values): "\(question) in [\(values.map(Self.literal).joined(separator: ", "))]"
        case .answered(let question, let expected): expected ? "\(question) is answered" : "\(question) is not answered"
        case .all(let conditions): conditions.isEmpty ? "always" : conditions.map { "(\($0))" }.joined(separator: " and ")
        case .any(let conditions): conditions.isEmpty ? "never" : conditions.map { "(\($0))" }.joined(separator: " or ")
        case .not(let condition): "not (\(condition))"
        }
    }

    private static func literal(_ value: FieldValue) -> String {
        if case .text(let text) = value { return "\"\(text)\"" }
        return value.description
    }
}

extension FormCondition: Codable {
    private static let members: Set<String> = ["question", "equals", "in", "answered", "all", "any", "not"]

    /// Reads one of the documented shapes; refuses anything else with the list of shapes.
    public init(from decoder: any Decoder) throws {
        try FormCodingKey.refuseUnknownMembers(in: decoder, allowed: Self.members, what: "A condition")
        let container = try decoder.container(keyedBy: FormCodingKey.self)
        let present = Set(container.allKeys.map(\.stringValue))
        func key(_ name: String) -> FormCodingKey { FormCodingKey(name) }

        if present == ["all"] {
            self = .all(try container.decode([FormCondition].self, forKey: key("all")))
        } else if present == ["any"] {
            self = .any(try container.decode([FormCondition].self, forKey: key("any")))
        } else if present == ["not"] {
            self = .not(try container.decode(FormCondition.self, forKey: key("not")))
        } else if present.contains("question"), present.count == 2 {
            let question = try container.decode(String.self, forKey: key("question"))
            if present.contains("equals") {
                self = .equals(question: question, value: try container.decode(FieldValue.self, forKey: key("equals")))
            } else if present.contains("in") {
                self = .isIn(question: question, values: try container.decode([FieldValue].self, forKey: key("in")))
            } else if present.contains("answered") {
                self = .answered(question: question, try container.decode(Bool.self, forKey: key("answered")))
            } else {
                throw Self.malformed(decoder)
            }
        } else {
            throw Self.malformed(decoder)
        }
    }

    /// Writes the shape that ``init(from:)`` reads.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: FormCodingKey.self)
        switch self {
        case .equals(let question, let value):
            try container.encode(question, forKey: FormCodingKey("question"))
            try container.encode(value, forKey: FormCodingKey("equals"))
        case .isIn(let question, let values):
            try container.encode(question, forKey: FormCodingKey("question"))
            try container.encode(values, forKey: FormCodingKey("in"))
        case .answered(let question, let expected):
            try container.encode(question, forKey: FormCodingKey("question"))
            try container.encode(expected, forKey: FormCodingKey("answered"))
        case .all(let conditions):
            try container.encode(conditions, forKey: FormCodingKey("all"))
        case .any(let conditions):
            try container.encode(conditions, forKey: FormCodingKey("any"))
        case .not(let condition):
            try container.encode(condition, forKey: FormCodingKey("not"))
        }
    }

    private static func malformed(_ decoder: any Decoder) -> DecodingError {
        DecodingError.dataCorrupted(.init(
            codingPath: decoder.codingPath,
            debugDescription: "A condition is one of {\"question\": id, \"equals\": value}, {\"question\": id, \"in\": [values]}, "
                + "{\"question\": id, \"answered\": true|false}, {\"all\": [conditions]}, {\"any\": [conditions]} or {\"not\": condition}"
        ))
    }
}
