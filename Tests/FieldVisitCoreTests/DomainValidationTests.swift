import Foundation
import Testing
@testable import FieldVisitCore

@Suite("Domain: validation")
struct DomainValidationTests {
    let id = DomainFixture.companyID

    // MARK: Ids

    @Test func newRecordIDsAreDistinctLowercaseVersion4UUIDs() throws {
        let ids = (0..<2_000).map { _ in RecordID.random().rawValue }
        #expect(Set(ids).count == ids.count)
        for id in ids {
            let uuid = try #require(UUID(uuidString: id))
            #expect(uuid.uuidString.lowercased() == id)
            #expect(uuid.uuid.6 >> 4 == 4 && uuid.uuid.8 >> 6 == 0b10)
            #expect(RecordID.isWellFormed(id))
        }
        // Every hex digit outside the version and variant varies.
        let positions = Array(ids[0].indices).filter { ids[0][$0] != "-" }
        let varying = positions.filter { position in Set(ids.map { $0[position] }).count > 1 }
        #expect(varying.count == 31)
    }

    // MARK: Yen

    @Test func yenTakesWholeNumbersIncludingLosses() throws {
        let company = try Company(id: id, values: ["name": "有限会社テスト", "annualSales": 123_456_789, "capital": -5_000_000], sets: [:])
        #expect(company.annualSales == 123_456_789)
        #expect(company.capital == -5_000_000)
    }

    @Test(arguments: [FieldValue.text("1000000"), .text("1,000,000"), .text("100万円"), .bool(true)])
    func yenRefusesAnythingButAWholeNumber(value: FieldValue) {
        let errors = validationErrors { _ = try Company(id: id, values: ["name": "有限会社テスト", "annualSales": value], sets: [:]) }
        #expect(errors.map(\.field) == ["annualSales"])
        #expect(errors.first?.reason.contains("whole number of yen") == true)
    }

    @Test func yenWithDecimalsCannotEvenBeDecoded() {
        let json = #"{"id": "c1", "name": "有限会社テスト", "annualSales": 1500000.5}"#
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(Company.self, from: Data(json.utf8)) }
    }

    // MARK: Codes

    @Test func anUnknownCodeIsRefusedListingTheValidCodes() {
        let errors = validationErrors { _ = try Company(id: id, values: ["name": "株式会社テスト", "legalForm": "kabushikiKaisha"], sets: [:]) }
        #expect(errors.map(\.field) == ["legalForm"])
        let reason = errors.first?.reason ?? ""
        #expect(reason.contains("「法人・個人の別（組織形態）」: \"kabushikiKaisha\" is not one of its codes; use one of: stockCompany (株式会社)"))
        for legalForm in LegalForm.allCases {
            #expect(reason.contains(legalForm.code), "the message should offer \(legalForm.code)")
        }
    }

    @Test func aJapaneseLabelIsNotACode() {
        let errors = validationErrors { _ = try Company(id: id, values: ["name": "株式会社テスト", "industry": "製造業"], sets: [:]) }
        #expect(errors.map(\.field) == ["industry"])
        #expect(errors.first?.reason.contains("manufacturing") == true)
    }

    @Test func anUnknownElementOfACodeSetIsRefused() {
        let errors = validationErrors {
            _ = try Company(id: id, values: ["name": "株式会社テスト"], sets: ["cohortTags": ["overdue", "bankrupt"]])
        }
        #expect(errors.map(\.field) == ["cohortTags"])
        #expect(errors.first?.reason.contains("「フォローアップ区分」: \"bankrupt\" is not one of its codes") == true)
    }

    // MARK: Required fields

    @Test func everyMissingRequiredFieldIsReportedAtOnce() {
        let errors = validationErrors { _ = try Visit(id: DomainFixture.visitID, values: [:], sets: [:]) }
        #expect(Set(errors.map(\.field)) == ["company", "date", "mode", "purpose", "staff"])
        #expect(errors.allSatisfy { $0.reason.contains("is required") })
    }

    @Test(arguments: [RecordSchema.company, .visit, .hearingSheet, .successionDiagnosis])
    func eachRequiredFieldIsNeeded(schema: RecordSchema) {
        let (_, values, sets) = DomainFixture.minimalValues.first { $0.0.recordType == schema.recordType }!
        for spec in schema.fields where spec.isRequired {
            var values = values, sets = sets
            values[spec.name] = nil
            sets[spec.name] = nil
            let errors = validationErrors { _ = try record(schema.recordType, values: values, sets: sets) }
            #expect(errors.map(\.field) == [spec.name], "\(schema.recordType).\(spec.name)")
            #expect(errors.first?.reason.contains(spec.label) == true)
        }
    }

    @Test(arguments: ["", "   ", "\u{3000}"])
    func aBlankNameIsNotAName(name: String) {
        let errors = validationErrors { _ = try Company(id: id, values: ["name": .text(name)], sets: [:]) }
        #expect(errors.map(\.field) == ["name"])
    }

    @Test func aVisitNeedsAtLeastOneStaffMember() {
        let errors = validationErrors {
            _ = try Visit(id: DomainFixture.visitID, values: DomainFixture.minimalValues[1].1, sets: ["staff": []])
        }
        #expect(errors.map(\.field) == ["staff"])
    }

    @Test func typedInitialisersValidateToo() {
        let errors = validationErrors { _ = try Company(id: id, name: "") }
        #expect(errors.map(\.field) == ["name"])
        let visitErrors = validationErrors {
            _ = try Visit(id: DomainFixture.visitID, company: id, date: try! CalendarDate("2024-05-01"), mode: .online, purpose: .other, staff: [])
        }
        #expect(visitErrors.map(\.field) == ["staff"])
    }

    @Test func aFormVersionStartsAtOne() {
        var values = DomainFixture.minimalValues[2].1
        values["formVersion"] = 0
        let errors = validationErrors { _ = try FormRecord(schema: .hearingSheet, id: id, values: values, sets: [:]) }
        #expect(errors.map(\.field) == ["formVersion"])
    }

    // MARK: Lengths

    @Test func japaneseTextIsCountedInCharactersNotBytes() throws {
        let longest = String(repeating: "株", count: 200)   // 600 bytes in UTF-8
        #expect(try Company(id: id, name: longest).name == longest)
        let errors = validationErrors { _ = try Company(id: id, name: longest + "式") }
        #expect(errors.map(\.field) == ["name"])
        #expect(errors.first?.reason == "is 201 characters long; at most 200 are allowed")
    }

    /// Lengths count Unicode scalars, not characters, so that no character can hide
    /// an unbounded number of combining marks: a family emoji is five.
    @Test func lengthsCountUnicodeScalars() throws {
        let name = String(repeating: "あ", count: 195) + "👨‍👩‍👧"
        #expect(try Company(id: id, name: name).name == name)
        let errors = validationErrors { _ = try Company(id: id, name: "あ" + name) }
        #expect(errors.first?.reason == "is 201 characters long; at most 200 are allowed")
        #expect(!validationErrors { _ = try Company(id: id, name: "a" + String(repeating: "\u{0301}", count: 300)) }.isEmpty)
    }

    @Test func visitNotesTakeUpTo4000Characters() throws {
        var values = DomainFixture.minimalValues[1].1
        values["notes"] = .text(String(repeating: "面", count: 4000))
        _ = try Visit(id: DomainFixture.visitID, values: values, sets: ["staff": ["佐藤"]])
        values["notes"] = .text(String(repeating: "面", count: 4001))
        let errors = validationErrors { _ = try Visit(id: DomainFixture.visitID, values: values, sets: ["staff": ["佐藤"]]) }
        #expect(errors.map(\.field) == ["notes"])
    }

    @Test func staffNamesHaveALengthLimitToo() {
        let errors = validationErrors {
            _ = try Visit(id: DomainFixture.visitID, values: DomainFixture.minimalValues[1].1, sets: ["staff": [.text(String(repeating: "佐", count: 51))]])
        }
        #expect(errors.map(\.field) == ["staff"])
    }

    // MARK: Shape

    @Test func unknownFieldsAreRefusedNamingTheKnownOnes() {
        let errors = validationErrors { _ = try Company(id: id, values: ["name": "株式会社テスト", "phone": "0178-00-0000"], sets: [:]) }
        #expect(errors.map(\.field) == ["phone"])
        #expect(errors.first?.reason.contains("representativeName") == true)
    }

    @Test func aSetGivenAsASingleValueIsRefused() {
        let errors = validationErrors { _ = try Company(id: id, values: ["name": "株式会社テスト", "cohortTags": "overdue"], sets: [:]) }
        #expect(errors.map(\.field) == ["cohortTags"])
    }

    // MARK: Messages

    /// One bad value per rule; each message must start with the field it concerns.
    static let badInputs: [(RecordType, String, [String: FieldValue], [String: [FieldValue]])] = [
        (.company, "name", ["name": 42], [:]),
        (.company, "corporateNumber", ["name": "株式会社テスト", "corporateNumber": "1180301018772"], [:]),
        (.company, "employees", ["name": "株式会社テスト", "employees": -1], [:]),
        (.company, "representativeBirthYear", ["name": "株式会社テスト", "representativeBirthYear": 58], [:]),
        (.company, "mainBankType", ["name": "株式会社テスト", "mainBankType": "megaBank"], [:]),
        (.company, "municipality", ["name": "株式会社テスト", "municipality": .text(String(repeating: "市", count: 51))], [:]),
        (.visit, "company", ["company": "not an id!", "date": "2024-05-01", "mode": "onSite", "purpose": "other"], ["staff": ["佐藤"]]),
        (.visit, "nextVisitDate", ["company": "c1", "date": "2024-05-01", "mode": "onSite", "purpose": "other", "nextVisitDate": "来月"], ["staff": ["佐藤"]]),
        (.visit, "issues", ["company": "c1", "date": "2024-05-01", "mode": "onSite", "purpose": "other"], ["staff": ["佐藤"], "issues": ["tooManyMeetings"]]),
        (.visit, "reviewState", ["company": "c1", "date": "2024-05-01", "mode": "onSite", "purpose": "other", "reviewState": "rejected"], ["staff": ["佐藤"]]),
        (.hearingSheet, "answer.sales", ["company": "c1", "date": "2024-05-01", "formID": "h", "formVersion": 1, "answer.sales": .text(String(repeating: "売", count: 4001))], [:]),
        (.successionDiagnosis, "consentToShareWithCentre", ["company": "c1", "date": "2024-05-01", "formID": "s", "formVersion": 1, "consentToShareWithCentre": "はい"], [:]),
        (.successionDiagnosis, "ownerAge", ["company": "c1", "date": "2024-05-01", "formID": "s", "formVersion": 1, "ownerAge": 3], [:]),
    ]

    @Test func everyValidationMessageNamesTheField() {
        for (type, field, values, sets) in Self.badInputs {
            let errors = validationErrors { _ = try record(type, values: values, sets: sets) }
            #expect(errors.map(\.field) == [field], "\(type).\(field)")
            #expect(errors.allSatisfy { $0.description.hasPrefix("\(field): ") }, "\(errors)")
        }
    }
}

/// Builds the typed record of `type`, for tests that run over every record type.
func record(_ type: RecordType, values: [String: FieldValue], sets: [String: [FieldValue]]) throws(ValidationErrors) -> (values: [String: FieldValue], sets: [String: [FieldValue]]) {
    let id = RecordID(rawValue: "r1")
    switch type {
    case .company: let record = try Company(id: id, values: values, sets: sets); return (record.values, record.sets)
    case .visit: let record = try Visit(id: id, values: values, sets: sets); return (record.values, record.sets)
    default:
        let record = try FormRecord(schema: Schema.fieldVisit.records[type]!, id: id, values: values, sets: sets)
        return (record.values, record.sets)
    }
}
