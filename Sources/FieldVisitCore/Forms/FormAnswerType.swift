/// The kind of answer a form question takes, and the rule an answer must meet.
///
/// In the form's JSON it is written flat on the question: `"type": "yen"`,
/// `"type": "integer", "min": 0`, `"type": "text", "maxLength": 400`,
/// `"type": "choice", "choices": [{"code": "monthly", "label": "毎月"}]`.
/// Answers are ``FieldValue``s: `.integer` for yen, integers and years, `.text` for text,
/// dates and choice codes, `.bool` for yes/no.
public enum FormAnswerType: Sendable, Hashable {
    /// A whole number of yen, optionally bounded (sales cannot be negative, profit can).
    case yen(min: Int64?, max: Int64?)
    /// A whole number, optionally bounded (employees, years of a plan).
    case integer(min: Int64?, max: Int64?)
    /// Free text of at most `maxLength` characters.
    case text(maxLength: Int)
    /// A calendar year such as 1958, within 1900–2200.
    case year
    /// A date written `YYYY-MM-DD`.
    case date
    /// Yes or no.
    case boolean
    /// One code of a fixed list; people see the labels.
    case choice([CodeList.Entry])

    /// The years a `year` answer may take, the same as ``FieldSpec/Kind/year``.
    public static let yearRange: ClosedRange<Int64> = 1900...2200

    /// The name written in the JSON `"type"` member.
    public var typeName: String {
        switch self {
        case .yen: "yen"
        case .integer: "integer"
        case .text: "text"
        case .year: "year"
        case .date: "date"
        case .boolean: "boolean"
        case .choice: "choice"
        }
    }

    /// The choices of a `choice` question, empty for the others.
    public var choices: [CodeList.Entry] {
        if case .choice(let entries) = self { return entries }
        return []
    }

    /// Why `value` is not an acceptable answer, or `nil` when it is. `value` is not null.
    func problem(with value: FieldValue) -> FormAnswerProblem.Kind? {
        switch self {
        case .yen(let min, let max), .integer(let min, let max):
            guard case .integer(let number) = value else { return .wrongType(expected: typeName, got: value) }
            if let min, number < min { return .outOfRange(value: number, min: min, max: max) }
            if let max, number > max { return .outOfRange(value: number, min: min, max: max) }
            return nil
        case .year:
            guard case .integer(let year) = value else { return .wrongType(expected: typeName, got: value) }
            return Self.yearRange.contains(year) ? nil : .outOfRange(value: year, min: Self.yearRange.lowerBound, max: Self.yearRange.upperBound)
        case .text(let maxLength):
            guard case .text(let text) = value else { return .wrongType(expected: typeName, got: value) }
            return text.count > maxLength ? .tooLong(length: text.count, maxLength: maxLength) : nil
        case .date:
            guard case .text(let text) = value else { return .wrongType(expected: typeName, got: value) }
            do {
                _ = try CalendarDate(text)
                return nil
            } catch {
                return .invalidDate(text: text, reason: error.message)
            }
        case .boolean:
            guard case .bool = value else { return .wrongType(expected: typeName, got: value) }
            return nil
        case .choice(let entries):
            guard case .text(let code) = value else { return .wrongType(expected: typeName, got: value) }
            return entries.contains { $0.code == code } ? nil : .notAChoice(code: code, allowed: entries.map(\.code))
        }
    }

    /// Whether `value` counts as an answer at all: `null` and blank text do not.
    static func isAnswer(_ value: FieldValue?) -> Bool {
        switch value {
        case nil, .null?: false
        case .text(let text)?: !text.allSatisfy(\.isWhitespace)
        default: true
        }
    }
}

extension FormAnswerType {
    /// The JSON members an answer type may use on its question.
    static let members: Set<String> = ["type", "min", "max", "maxLength", "choices"]

    private static let typeNames = ["yen", "integer", "text", "year", "date", "boolean", "choice"]

    /// Reads the type from the question object `decoder` is positioned on.
    init(fromQuestion decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: FormCodingKey.self)
        let typeKey = FormCodingKey("type")
        let name = try container.decode(String.self, forKey: typeKey)
        let min = try container.decodeIfPresent(Int64.self, forKey: FormCodingKey("min"))
        let max = try container.decodeIfPresent(Int64.self, forKey: FormCodingKey("max"))
        let maxLength = try container.decodeIfPresent(Int.self, forKey: FormCodingKey("maxLength"))
        let choices = try container.decodeIfPresent([CodeList.Entry].self, forKey: FormCodingKey("choices"))
        let present = Set(container.allKeys.map(\.stringValue))

        func refuse(_ members: Set<String>) throws {
            let misplaced = present.intersection(members).sorted()
            guard misplaced.isEmpty else {
                throw DecodingError.dataCorruptedError(
                    forKey: typeKey, in: container,
                    debugDescription: "a \(name) question does not take \(misplaced.joined(separator: ", ")); remove it"
                )
            }
        }

        switch name {
        case "yen", "integer":
            try refuse(["maxLength", "choices"])
            self = name == "yen" ? .yen(min: min, max: max) : .integer(min: min, max: max)
        case "text":
            try refuse(["min", "max", "choices"])
            guard let maxLength else {
                throw DecodingError.dataCorruptedError(forKey: typeKey, in: container, debugDescription: "a text question needs \"maxLength\"")
            }
            self = .text(maxLength: maxLength)
        case "year", "date", "boolean":
            try refuse(["min", "max", "maxLength", "choices"])
            self = name == "year" ? .year : name == "date" ? .date : .boolean
        case "choice":
            try refuse(["min", "max", "maxLength"])
            guard let choices else {
                throw DecodingError.dataCorruptedError(forKey: typeKey, in: container, debugDescription: "a choice question needs \"choices\": [{\"code\": …, \"label\": …}]")
            }
            self = .choice(choices)
        default:
            throw DecodingError.dataCorruptedError(
                forKey: typeKey, in: container,
                debugDescription: "\"\(name)\" is not an answer type; use one of: \(Self.typeNames.joined(separator: ", "))"
            )
        }
    }

    /// Writes the type's members onto the question object `encoder` is positioned on.
    func encode(toQuestion encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: FormCodingKey.self)
        try container.encode(typeName, forKey: FormCodingKey("type"))
        switch self {
        case .yen(let min, let max), .integer(let min, let max):
            try container.encodeIfPresent(min, forKey: FormCodingKey("min"))
            try container.encodeIfPresent(max, forKey: FormCodingKey("max"))
        case .text(let maxLength):
            try container.encode(maxLength, forKey: FormCodingKey("maxLength"))
        case .choice(let entries):
            try container.encode(entries, forKey: FormCodingKey("choices"))
        case .year, .date, .boolean:
            break
        }
    }
}
