import Testing
@testable import FieldVisitCore

@Suite("Domain: corporate numbers")
struct DomainCorporateNumberTests {
    static let valid = "1180301018771"

    @Test func aKnownValidNumberIsAccepted() throws {
        let number = try CorporateNumber(Self.valid)
        #expect(number.digits == Self.valid)
        #expect(CorporateNumber.checkDigit(ofBase: Self.valid.dropFirst()) == 1)
    }

    /// The check digit is a sum modulo 9 with weights 1 and 2, so it catches every
    /// single-digit change except swapping a base digit 0 for 9 or 9 for 0 (the sum moves
    /// by 9 or 18). That is the official algorithm's limit, not ours: this test pins it
    /// down exactly over all 13 × 9 variants.
    @Test func everySingleDigitChangeIsRefusedExceptTheUndetectableZeroNineSwap() {
        var stillValid: [String] = []
        for position in 0..<13 {
            for replacement in "0123456789" {
                var digits = Array(Self.valid)
                let original = digits[position]
                guard replacement != original else { continue }
                digits[position] = replacement
                let variant = String(digits)
                let accepted = (try? CorporateNumber(variant)) != nil
                let undetectable = position > 0 && Set([original, replacement]) == Set(["0", "9"])
                #expect(accepted == undetectable, "\(variant) (digit \(position + 1) changed from \(original) to \(replacement))")
                if accepted { stillValid.append(variant) }
            }
        }
        // 1180301018771 has three zeros among its base digits.
        #expect(stillValid.sorted() == ["1180301918771", "1180391018771", "1189301018771"])
    }

    @Test func everyChangeOfTheCheckDigitItselfIsRefused() {
        for replacement in "023456789" {
            let variant = String(replacement) + Self.valid.dropFirst()
            #expect((try? CorporateNumber(variant)) == nil, "\(variant)")
        }
    }

    @Test func aWrongCheckDigitSaysWhichDigitIsExpected() {
        let error = validationError { _ = try CorporateNumber("2180301018771") }
        #expect(error?.field == "corporateNumber")
        #expect(error?.reason.contains("should be 1") == true)
    }

    @Test func fullWidthDigitsAreAcceptedAndStoredAsASCII() throws {
        let number = try CorporateNumber("１１８０３０１０１８７７１")
        #expect(number.digits == Self.valid)
    }

    @Test(arguments: ["118030101877", "11803010187711", "", "1180-301-018771", "118030101877a", "118030101877１ "])
    func wrongLengthsAndNonDigitsAreRefused(text: String) {
        let error = validationError { _ = try CorporateNumber(text) }
        #expect(error?.field == "corporateNumber")
        #expect(error?.reason.contains("13 digits") == true)
    }

    @Test func theCompanySchemaStoresOnlyASCIIDigits() throws {
        _ = try Company(id: DomainFixture.companyID, values: ["name": "株式会社テスト", "corporateNumber": .text(Self.valid)], sets: [:])
        let errors = validationErrors {
            _ = try Company(id: DomainFixture.companyID, values: ["name": "株式会社テスト", "corporateNumber": "１１８０３０１０１８７７１"], sets: [:])
        }
        #expect(errors.map(\.field) == ["corporateNumber"])
        #expect(errors.first?.reason.contains(Self.valid) == true)
    }
}
