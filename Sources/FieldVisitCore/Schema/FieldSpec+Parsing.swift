extension FieldSpec {
    /// Reads a value as a person types it on the command line or in a spreadsheet cell,
    /// then validates it.
    ///
    /// Yen and counts accept thousands separators and full-width digits
    /// (`１，２００，０００`), but no decimals; yes/no accepts `yes`/`no`, `true`/`false`,
    /// `はい`/`いいえ`, `1`/`0`; dates and years are read with their era as well
    /// (`令和6年4月1日`, `R6.4.1`, `昭和33年`: ``CalendarDate/init(typed:field:)``); an empty
    /// text clears the field.
    public func parse(_ text: String) throws(ValidationError) -> FieldValue {
        do { return try read(text) } catch { throw error.labelled(label) }
    }

    private func read(_ text: String) throws(ValidationError) -> FieldValue {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.isEmpty {
            try validate(.null)
            return .null
        }
        let value: FieldValue
        switch kind {
        case .text, .textSet, .formAnswer:
            value = .text(text)
        case .date:
            value = .text(try CalendarDate(typed: trimmed, field: name).description)
        case .code, .codeSet, .reference:
            value = .text(trimmed)
        case .corporateNumber:
            value = .text(try CorporateNumber(trimmed, field: name).digits)
        case .year:
            value = .integer(Int64(try CalendarDate.typedYear(trimmed, field: name)))
        case .yen, .integer:
            let ascii = Self.asciiDigits(trimmed).replacingOccurrences(of: ",", with: "")
            guard let number = Int64(ascii) else {
                let message: ValidationMessage = if case .yen = kind { .typedNotYen } else { .typedNotInteger }
                throw ValidationError(field: name, label: label, message.localized(["typed": text]))
            }
            value = .integer(number)
        case .boolean:
            switch trimmed.lowercased() {
            case "yes", "true", "1", "はい", "y": value = .bool(true)
            case "no", "false", "0", "いいえ", "n": value = .bool(false)
            default: throw ValidationError(field: name, label: label, ValidationMessage.typedNotYesNo.localized(["typed": text]))
            }
        }
        try validate(value)
        return value
    }

    /// Full-width digits, comma and minus to ASCII.
    static func asciiDigits(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.map { scalar in
            switch scalar.value {
            case 0xFF10...0xFF19: Unicode.Scalar(scalar.value - 0xFF10 + 0x30)!
            case 0xFF0C: ","
            case 0xFF0D, 0x2212: "-"
            default: scalar
            }
        }))
    }
}

import Foundation
