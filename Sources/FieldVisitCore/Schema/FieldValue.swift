/// A value held by one field of a record.
///
/// Values are deliberately few: text (which also carries dates as `YYYY-MM-DD` and
/// enumeration codes), whole numbers (yen amounts, counts, years) and yes/no. A field's
/// ``FieldSpec`` says which of them it takes and validates it.
public enum FieldValue: Sendable, Hashable {
    /// The field was cleared.
    case null
    /// A yes/no answer.
    case bool(Bool)
    /// A whole number: yen, a count, a year.
    case integer(Int64)
    /// Text, a date (`YYYY-MM-DD`) or an enumeration code.
    case text(String)

    /// The text, if this value is text.
    public var textValue: String? {
        if case .text(let value) = self { return value }
        return nil
    }

    /// The number, if this value is a whole number.
    public var integerValue: Int64? {
        if case .integer(let value) = self { return value }
        return nil
    }

    /// The yes/no answer, if this value is one.
    public var boolValue: Bool? {
        if case .bool(let value) = self { return value }
        return nil
    }

    /// Whether the field holds nothing.
    public var isNull: Bool { self == .null }

    /// A short name of the value's kind, for error messages.
    public var kindName: String {
        switch self {
        case .null: "null"
        case .bool: "boolean"
        case .integer: "integer"
        case .text: "text"
        }
    }
}

extension FieldValue: Comparable {
    /// A total order used wherever replicas must agree on an order of values
    /// (set elements, tie-breaks): null < booleans < integers < text.
    public static func < (lhs: FieldValue, rhs: FieldValue) -> Bool {
        switch (lhs, rhs) {
        case (.bool(let a), .bool(let b)): return !a && b
        case (.integer(let a), .integer(let b)): return a < b
        case (.text(let a), .text(let b)): return a.utf8.lexicographicallyPrecedes(b.utf8)
        default: return lhs.rank < rhs.rank
        }
    }

    private var rank: Int {
        switch self {
        case .null: 0
        case .bool: 1
        case .integer: 2
        case .text: 3
        }
    }
}

extension FieldValue: Codable {
    /// Encodes as the plain JSON value: `null`, `true`, `42`, `"text"`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let value): try container.encode(value)
        case .integer(let value): try container.encode(value)
        case .text(let value): try container.encode(value)
        }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Int64.self) {
            self = .integer(value)
        } else if let value = try? container.decode(String.self) {
            self = .text(value)
        } else {
            throw DecodingError.dataCorruptedError(
                in: container,
                debugDescription: "A field value must be null, true/false, a whole number or a string."
            )
        }
    }
}

extension FieldValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral {
    public init(stringLiteral value: String) { self = .text(value) }
    public init(integerLiteral value: Int64) { self = .integer(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
}

extension FieldValue: CustomStringConvertible {
    public var description: String {
        switch self {
        case .null: "null"
        case .bool(let value): value ? "true" : "false"
        case .integer(let value): String(value)
        case .text(let value): value
        }
    }
}
