import Foundation

/// Field values read from JSON: in a change set, and a record's visible values as the
/// local store's view rows hold them.
extension FieldValue {
    /// Reads an object of field values as ``CanonicalJSONWriter`` writes a record's
    /// visible values (any valid spelling is read).
    public static func readValues(_ data: Data) throws(JSONReadFailure) -> [String: FieldValue] {
        var scanner = JSONScanner(data, subject: "a record's values")
        var values: [String: FieldValue] = [:]
        try scanner.object("the values") { scanner, field throws(JSONReadFailure) in values[field] = try scanner.fieldValue(field) }
        try scanner.expectEnd()
        return values
    }
}

extension JSONScanner {
    /// A field value in any valid spelling: null, true, false, a whole number or a
    /// string; `what` names it in refusals.
    public mutating func fieldValue(_ what: @autoclosure () -> String) throws(JSONReadFailure) -> FieldValue {
        switch try peek() {
        case UInt8(ascii: "\""): return .text(try string())
        case UInt8(ascii: "n"): try expect("null"); return .null
        case UInt8(ascii: "t"): try expect("true"); return .bool(true)
        case UInt8(ascii: "f"): try expect("false"); return .bool(false)
        case UInt8(ascii: "{"), UInt8(ascii: "["): break
        default: if case .integer(let number) = try number() { return .integer(number) }
        }
        throw failure("\(what()) must be null, true/false, a whole number or a string")
    }

    /// A field value as the canonical writer writes it.
    public mutating func canonicalFieldValue() -> FieldValue? {
        guard position < bytes.count else { return nil }
        switch bytes[position] {
        case UInt8(ascii: "\""): return canonicalString().map(FieldValue.text)
        case UInt8(ascii: "n"): return literal("null") ? .null : nil
        case UInt8(ascii: "t"): return literal("true") ? .bool(true) : nil
        case UInt8(ascii: "f"): return literal("false") ? .bool(false) : nil
        default: return canonicalSigned().map(FieldValue.integer)
        }
    }
}
