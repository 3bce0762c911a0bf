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
            // Every character takes at least one UTF-8 byte: count characters only when needed.
            if text.utf8.count > maxLength, text.count > maxLength {
                throw ValidationError(field: name, reason: "is \(text.count) characters long; at most \(maxLength) are allowed")
            }
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
                throw ValidationError(field: name, reason: "\"\(code)\" is not a \(list.name) code; use one of: \(list.codesDescription)")
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
            if case .text(let text) = value, text.count > 4000 {
                throw ValidationError(field: name, reason: "is \(text.count) characters long; at most 4000 are allowed")
            }
        }
    }

    private func expectText(_ value: FieldValue) throws(ValidationError) -> String {
        guard case .text(let text) = value else {
            throw ValidationError(field: name, reason: "takes text, got \(value.kindName) \(value)")
        }
        return text
    }
}
