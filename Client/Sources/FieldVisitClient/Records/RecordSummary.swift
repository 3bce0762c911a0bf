import FieldVisitCore
import Foundation

/// One record as the view holds it: what lists, exports and `show` read.
public struct RecordSummary: Sendable, Hashable {
    /// The record.
    public var key: EntityKey
    /// The visible value of each field holding one.
    public var values: [String: FieldValue]
    /// The elements of each non-empty set field.
    public var sets: [String: [FieldValue]]
    /// Whether the record is deleted.
    public var isDeleted: Bool
    /// How many conflicts wait on it.
    public var conflictCount: Int
    /// For an approved record, the fields changed since approval.
    public var changedSinceApproval: [String]?

    /// The text of a field, or `nil`.
    public func text(_ field: String) -> String? { values[field]?.textValue }

    /// The text of a field, or `nil`.
    public func text(_ field: some FieldName) -> String? { text(field.rawValue) }

    /// A field shown to a person: codes with their Japanese label, sets joined.
    public func display(_ field: some FieldName, schema: RecordSchema) -> String { display(field.rawValue, schema: schema) }

    /// A field shown to a person: codes with their Japanese label, sets joined.
    public func display(_ field: String, schema: RecordSchema) -> String {
        let spec = schema.spec(for: field)
        if let elements = sets[field] {
            return elements.map { Self.display($0, spec: spec) }.joined(separator: "、")
        }
        guard let value = values[field] else { return "" }
        return Self.display(value, spec: spec)
    }

    /// A value shown to a person: a code with its Japanese label, yen with separators.
    public static func display(_ value: FieldValue, spec: FieldSpec?) -> String {
        switch (value, spec?.kind) {
        case (.text(let code), .code(let list)?), (.text(let code), .codeSet(let list)?):
            return list.label(of: code) ?? code
        case (.integer(let yen), .yen?):
            return "¥" + yen.formatted(.number.grouping(.automatic))
        case (.bool(let flag), _):
            return flag ? "はい" : "いいえ"
        default:
            return value.description
        }
    }
}
