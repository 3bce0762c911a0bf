import Foundation

extension FieldSpec {
    /// Checks one value written to this field (for a set field: one element).
    ///
    /// `null` clears a field and is accepted unless the field is required.
    public func validate(_ value: FieldValue) throws(ValidationError) {
        do { try check(value) } catch { throw error.labelled(label) }
    }

    private func check(_ value: FieldValue) throws(ValidationError) {
        if value == .null {
            if isRequired { throw ValidationError(field: name, ValidationMessage.required.localized(["label": label])) }
            return
        }
        switch kind {
        case .text(let maxLength), .textSet(let maxLength):
            let text = try expectText(value)
            try checkLength(text, maxLength)
            if isRequired, text.allSatisfy(\.isWhitespace) {
                throw ValidationError(field: name, ValidationMessage.requiredNotBlank.localized(["label": label]))
            }
        case .yen:
            guard case .integer = value else {
                throw ValidationError(field: name, ValidationMessage.notYen.localized(["value": "\(value)"], parts: ["kind": value.kindText]))
            }
        case .integer(let range):
            guard case .integer(let number) = value else {
                throw ValidationError(field: name, ValidationMessage.notInteger.localized(["value": "\(value)"], parts: ["kind": value.kindText]))
            }
            if !range.contains(number) {
                throw ValidationError(field: name, ValidationMessage.outOfRange.localized(["number": "\(number)", "min": "\(range.lowerBound)", "max": "\(range.upperBound)"]))
            }
        case .year:
            guard case .integer(let year) = value, (1900...2200).contains(year) else {
                throw ValidationError(field: name, ValidationMessage.notYear.localized(["value": "\(value)"]))
            }
        case .date:
            _ = try CalendarDate(try expectText(value), field: name)
        case .code(let list), .codeSet(let list):
            let code = try expectText(value)
            if !list.contains(code) {
                throw ValidationError(field: name, label: label, list.refusal(of: code, label: label))
            }
        case .corporateNumber:
            let text = try expectText(value)
            let number = try CorporateNumber(text, field: name)
            if number.digits != text {
                throw ValidationError(field: name, ValidationMessage.corporateNumberDigitsOnly.localized(["digits": number.digits]))
            }
        case .boolean:
            guard case .bool = value else {
                throw ValidationError(field: name, ValidationMessage.notBoolean.localized(["value": "\(value)"], parts: ["kind": value.kindText]))
            }
        case .reference(let type):
            let id = try expectText(value)
            if !RecordID.isWellFormed(id) {
                throw ValidationError(field: name, ValidationMessage.notReference.localized(["id": id, "type": type.rawValue]))
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
            throw ValidationError(field: name, ValidationMessage.tooLong.localized(["length": "\(length)", "max": "\(maxLength)"]))
        }
        var bytes = text
        if bytes.withUTF8({ buffer in buffer.baseAddress.map { memchr($0, 0, buffer.count) != nil } ?? false }) {
            throw ValidationError(field: name, ValidationMessage.containsNUL.localized())
        }
    }

    private func expectText(_ value: FieldValue) throws(ValidationError) -> String {
        guard case .text(let text) = value else {
            throw ValidationError(field: name, ValidationMessage.notText.localized(["value": "\(value)"], parts: ["kind": value.kindText]))
        }
        return text
    }
}
