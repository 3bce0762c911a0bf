import Foundation

extension FieldSpec {
    /// Checks one value written to this field (for a set field: one element).
    ///
    /// `null` clears a field and is accepted unless the field is required.
    public func validate(_ value: FieldValue) throws(ValidationError) {
        if value == .null {
            if isRequired { throw ValidationError(field: name, reason: "is required (\(label))") }
            return
        }
        switch kind {
        case .text(let maxLength), .textSet(let maxLength):
            let text = try expectText(value)
            try checkLength(text, maxLength)
            if isRequired, text.allSatisfy(\.isWhitespace) {
                throw ValidationError(field: name, reason: "is required (\(label)) and must not be blank")
            }
        case .yen:
            guard case .integer = value else {
                throw ValidationError(field: name, reason: "takes a whole number of yen (no decimals, no separators), got \(value.kindName) \(value)")
            }
        case .integer(let range):
            guard case .integer(let number) = value else {
                throw ValidationError(field: name, reason: "takes a whole number, got \(value.kindName) \(value)")
            }
            if !range.contains(number) {
                throw ValidationError(field: name, reason: "\(number) is outside \(range.lowerBound)…\(range.upperBound)")
            }
        case .year:
            guard case .integer(let year) = value, (1900...2200).contains(year) else {
                throw ValidationError(field: name, reason: "takes a year such as 1958, got \(value)")
            }
        case .date:
            _ = try CalendarDate(try expectText(value), field: name)
        case .code(let list), .codeSet(let list):
            let code = try expectText(value)
            if !list.contains(code) {
                throw ValidationError(field: name, reason: list.refusal(of: code, label: label))
            }
        case .corporateNumber:
            let text = try expectText(value)
            let number = try CorporateNumber(text, field: name)
            if number.digits != text {
                throw ValidationError(field: name, reason: "store the corporate number as 13 ASCII digits (\(number.digits))")
            }
        case .boolean:
            guard case .bool = value else {
                throw ValidationError(field: name, reason: "takes true or false, got \(value.kindName) \(value)")
            }
        case .reference(let type):
            let id = try expectText(value)
            if !RecordID.isWellFormed(id) {
                throw ValidationError(field: name, reason: "\"\(id)\" is not a \(type.rawValue) id")
            }
        case .formAnswer:
            if case .text(let text) = value { try checkLength(text, 4000) }
        }
    }

    /// Lengths are counted in Unicode scalars, not in characters: one character may
    /// hold any number of combining marks, so counting characters would let "a" and
    /// 30,000 marks pass as one. Japanese text counts the same either way. NUL ends
    /// strings in C and in terminals, and no person types it.
    private func checkLength(_ text: String, _ maxLength: Int) throws(ValidationError) {
        // Every scalar takes at least one UTF-8 byte: count scalars only when needed.
        if text.utf8.count > maxLength, case let length = text.unicodeScalars.count, length > maxLength {
            throw ValidationError(field: name, reason: "is \(length) characters long; at most \(maxLength) are allowed")
        }
        var bytes = text
        if bytes.withUTF8({ buffer in buffer.baseAddress.map { memchr($0, 0, buffer.count) != nil } ?? false }) {
            throw ValidationError(field: name, reason: "contains the NUL character (U+0000), which text may not hold")
        }
    }

    private func expectText(_ value: FieldValue) throws(ValidationError) -> String {
        guard case .text(let text) = value else {
            throw ValidationError(field: name, reason: "takes text, got \(value.kindName) \(value)")
        }
        return text
    }
}
