/// A corporate number (法人番号): 13 digits, the first a check digit over the other 12.
///
/// The check digit is `9 − (Σ Pₙ·Qₙ mod 9)`, where Pₙ is the n-th of the 12 base digits
/// counted from the right and Qₙ is 1 for odd n and 2 for even n.
///
/// Being a sum modulo 9, it catches every mistyped digit except a base digit 0 typed as
/// 9 or 9 as 0 (the sum moves by 9 or 18): 1180301018771 is valid, and so, by the
/// official rule, is 1189301018771. Such numbers are accepted, as the authority's own
/// check accepts them.
///
/// ```swift
/// let number = try CorporateNumber("1180301018771")   // valid
/// try CorporateNumber("1180301018772")                // throws: wrong check digit
/// ```
public struct CorporateNumber: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The 13 digits.
    public let digits: String

    /// Validates `text` as a corporate number. Full-width digits (１２３) are accepted
    /// and stored as ASCII, since that is how they are often typed in Japan.
    public init(_ text: String, field: String = "corporateNumber") throws(ValidationError) {
        let ascii = String(text.unicodeScalars.map { scalar -> Character in
            // Full-width digits U+FF10…U+FF19 to ASCII.
            if (0xFF10...0xFF19).contains(scalar.value), let digit = Unicode.Scalar(scalar.value - 0xFF10 + 0x30) {
                return Character(digit)
            }
            return Character(scalar)
        })
        guard ascii.count == 13, ascii.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            throw ValidationError(field: field, ValidationMessage.corporateNumberLength.localized(["text": text]))
        }
        let expected = Self.checkDigit(ofBase: ascii.dropFirst())
        let actual = Int(String(ascii.first!))!
        guard expected == actual else {
            throw ValidationError(field: field, ValidationMessage.checkDigit.localized(["text": text, "expected": "\(expected)"]))
        }
        digits = ascii
    }

    /// The check digit for the 12 base digits.
    public static func checkDigit(ofBase base: Substring) -> Int {
        var sum = 0
        for (index, character) in base.reversed().enumerated() {
            let digit = Int(String(character)) ?? 0
            sum += digit * (index % 2 == 0 ? 1 : 2)
        }
        return 9 - sum % 9
    }

    public var description: String { digits }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        do {
            try self.init(text)
        } catch {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: error.description))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(digits)
    }
}
