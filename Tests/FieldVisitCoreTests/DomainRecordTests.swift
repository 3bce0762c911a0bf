import Foundation
import Testing
@testable import FieldVisitCore

@Suite("Domain: records")
struct DomainRecordTests {
    // Text that must come back byte for byte: kanji with a variant form (髙), half-width
    // kana, a decomposed が (か + combining mark, which Swift's == would equate with the
    // composed one), an ideographic space, a newline, and a wave dash.
    static let trickyJapanese = "髙橋ｶﾌﾞｼｷｶﾞｲｼｬ か\u{3099}んばる\u{3000}東日本大震災～復興\n二行目"

    static func fullCompany() throws -> Company {
        try Company(
            id: DomainFixture.companyID,
            name: "株式会社八戸水産",
            nameKana: "カブシキガイシャハチノヘスイサン",
            corporateNumber: try CorporateNumber("1180301018771"),
            legalForm: .stockCompany,
            industry: .manufacturing,
            employees: 23,
            capital: 10_000_000,
            annualSales: 312_000_000,
            representativeName: "八戸 太郎",
            representativeBirthYear: 1956,
            address: "青森県八戸市大字湊町字館鼻67",
            municipality: "八戸市",
            branch: "hachinohe",
            mainBank: trickyJapanese,
            mainBankType: .regionalBank,
            lifeStage: .succession,
            cohortTags: [.disasterAffectedDebtBuyOut, .covidZeroInterestLoan]
        )
    }

    static func fullVisit() throws -> Visit {
        try Visit(
            id: DomainFixture.visitID,
            company: DomainFixture.companyID,
            date: try CalendarDate("2024-02-29"),
            mode: .onSite,
            purpose: .expertDispatch,
            staff: ["佐藤 花子", "鈴木 一郎"],
            accompanyingOrganisations: [.financialInstitution, .expert],
            peopleMet: [.representative, .successorCandidate, .accountant],
            notes: trickyJapanese,
            issues: [.pricePassThrough, .labourShortage, .noSuccessor],
            supportActions: [.expertDispatch, .referral],
            referrals: [.successionSupportCentre],
            shortTermGoals: "原価計算表を作り、主要取引先へ価格改定を申し入れる",
            nextVisitDate: try CalendarDate("2024-04-10"),
            reviewState: .returned,
            reviewComment: "面談者の記載を補ってください"
        )
    }

    static func fullHearingSheet() throws -> FormRecord {
        try FormRecord(
            schema: .hearingSheet, id: RecordID(rawValue: "hs-1"),
            company: DomainFixture.companyID,
            visit: DomainFixture.visitID,
            date: try CalendarDate("2024-02-29"),
            staff: ["佐藤 花子"],
            formID: "hearing-sheet",
            formVersion: 1,
            reviewState: .submitted,
            answers: ["sales": 312_000_000, "previousSales": 298_500_000, "trialBalanceFrequency": "monthly", "hasBusinessPlan": false, "managementVision": .text(trickyJapanese)]
        )
    }

    static func fullSuccessionDiagnosis() throws -> FormRecord {
        try FormRecord(
            schema: .successionDiagnosis, id: RecordID(rawValue: "sd-1"),
            company: DomainFixture.companyID,
            visit: DomainFixture.visitID,
            date: try CalendarDate("2024-02-29"),
            staff: ["鈴木 一郎"],
            formID: "succession-diagnosis",
            formVersion: 2,
            reviewState: .approved,
            reviewComment: "承認します",
            own: ["ownerAge": 68, "consentToShareWithCentre": true],
            answers: ["hasSuccessorCandidate": true, "successorRelation": "family", "successorInformed": false]
        )
    }

    /// Rebuilds a record from its own values and sets.
    func rebuilt<R: Record>(_ record: R) throws -> R {
        try R(id: record.id, values: record.values, sets: record.sets)
    }

    /// Rebuilds a form record from its own values and sets.
    func rebuilt(_ record: FormRecord) throws -> FormRecord {
        try FormRecord(schema: Schema.fieldVisit.requireRecord(record.type), id: record.id, values: record.values, sets: record.sets)
    }

    // MARK: Round trips

    @Test func aFullCompanyRoundTrips() throws {
        let company = try Self.fullCompany()
        #expect(try rebuilt(company) == company)
        #expect(company.values["corporateNumber"] == "1180301018771")
        #expect(company.sets["cohortTags"] == ["covidZeroInterestLoan", "disasterAffectedDebtBuyOut"])
    }

    @Test func aFullVisitRoundTrips() throws {
        let visit = try Self.fullVisit()
        #expect(try rebuilt(visit) == visit)
        #expect(visit.values["date"] == "2024-02-29")
        #expect(visit.sets["staff"] == ["佐藤 花子", "鈴木 一郎"].sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }.map(FieldValue.text))
    }

    @Test func aFullHearingSheetRoundTripsWithAnswersAsTheirOwnFields() throws {
        let sheet = try Self.fullHearingSheet()
        #expect(try rebuilt(sheet) == sheet)
        #expect(sheet.values["answer.sales"] == 312_000_000)
        #expect(sheet.values["answer.hasBusinessPlan"] == false)
        #expect(sheet.values.keys.filter { $0.hasPrefix("answer.") }.count == 5)
    }

    @Test func aFullSuccessionDiagnosisRoundTrips() throws {
        let diagnosis = try Self.fullSuccessionDiagnosis()
        #expect(try rebuilt(diagnosis) == diagnosis)
        #expect(diagnosis.values["consentToShareWithCentre"] == true)
        #expect(diagnosis.values["answer.successorRelation"] == "family")
    }

    @Test func minimalRecordsRoundTripAndLeaveAbsentFieldsOut() throws {
        for (schema, values, sets) in DomainFixture.minimalValues {
            let record = try record(schema.recordType, values: values, sets: sets)
            // Only the review state is added: an unsubmitted record is a draft.
            var expected = values
            if schema.recordType != .company { expected["reviewState"] = "draft" }
            #expect(record.values == expected, "\(schema.recordType)")
            #expect(record.sets == sets, "\(schema.recordType)")
            // Read back from what it gave, it gives the same again.
            let again = try FieldVisitCoreTests.record(schema.recordType, values: record.values, sets: record.sets)
            #expect(again.values == record.values && again.sets == record.sets, "\(schema.recordType)")
        }
    }


    @Test func setsAreSortedAndDeduplicated() throws {
        let company = try Company(id: DomainFixture.companyID, values: ["name": "株式会社テスト"], sets: ["cohortTags": ["overdue", "foundingLoanUser", "overdue"]])
        #expect(company.cohortTags == [.overdue, .foundingLoanUser])
        #expect(company.sets["cohortTags"] == ["foundingLoanUser", "overdue"])
    }

    @Test func clearedFieldsReadAsAbsent() throws {
        let company = try Company(id: DomainFixture.companyID, values: ["name": "株式会社テスト", "nameKana": .null, "employees": .null], sets: [:])
        #expect(company.nameKana == nil && company.employees == nil)
        #expect(company.values == ["name": "株式会社テスト"])
    }

    @Test func clearedAnswersAreUnansweredQuestions() throws {
        var values = DomainFixture.minimalValues[2].1
        values["answer.sales"] = .null
        values["answer.trialBalanceFrequency"] = "quarterly"
        let sheet = try FormRecord(schema: .hearingSheet, id: RecordID(rawValue: "hs-2"), values: values, sets: [:])
        #expect(sheet.answers == ["trialBalanceFrequency": "quarterly"])
        let typed = try FormRecord(schema: .hearingSheet, id: sheet.id, company: sheet.company, date: sheet.date, formID: "hearing-sheet", formVersion: 1, answers: ["sales": .null])
        #expect(typed.answers.isEmpty)
    }

    // MARK: Japanese text

    @Test func japaneseTextRoundTripsByteForByte() throws {
        let visit = try rebuilt(try Self.fullVisit())
        #expect(visit.notes.map { Array($0.utf8) } == Array(Self.trickyJapanese.utf8))
        let company = try rebuilt(try Self.fullCompany())
        #expect(company.mainBank.map { Array($0.utf8) } == Array(Self.trickyJapanese.utf8))
        let sheet = try rebuilt(try Self.fullHearingSheet())
        #expect(sheet.answers["managementVision"]?.textValue.map { Array($0.utf8) } == Array(Self.trickyJapanese.utf8))
    }

    @Test func japaneseTextSurvivesJSONByteForByte() throws {
        let data = try JSONEncoder().encode(try Self.fullVisit())
        let decoded = try JSONDecoder().decode(Visit.self, from: data)
        #expect(decoded.notes.map { Array($0.utf8) } == Array(Self.trickyJapanese.utf8))
    }

    // MARK: JSON

    @Test func recordsRoundTripThroughJSON() throws {
        let encoder = JSONEncoder()
        let decoder = JSONDecoder()
        let company = try Self.fullCompany()
        #expect(try decoder.decode(Company.self, from: encoder.encode(company)) == company)
        let visit = try Self.fullVisit()
        #expect(try decoder.decode(Visit.self, from: encoder.encode(visit)) == visit)
    }

    @Test func jsonIsOneFlatObjectKeyedByFieldName() throws {
        let company = try Company(id: DomainFixture.companyID, name: "株式会社テスト", employees: 3, cohortTags: [.overdue])
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let json = String(decoding: try encoder.encode(company), as: UTF8.self)
        #expect(json == #"{"cohortTags":["overdue"],"employees":3,"id":"c0ffee00-0000-4000-8000-000000000001","name":"株式会社テスト"}"#)
    }

    @Test func invalidJSONNeverBecomesARecord() {
        let tooLong = String(repeating: "株", count: 201)
        let json = #"{"id": "c1", "name": "\#(tooLong)"}"#
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(Company.self, from: Data(json.utf8)) }
        let badID = #"{"id": "not an id", "name": "株式会社テスト"}"#
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(Company.self, from: Data(badID.utf8)) }
    }

    // MARK: Schema

    @Test func theTypedFieldsAreExactlyTheSchemaFields() {
        #expect(Company.Field.allCases.map(\.rawValue) == RecordSchema.company.fields.map(\.name))
        #expect(Visit.Field.allCases.map(\.rawValue) == RecordSchema.visit.fields.map(\.name))
        #expect(RecordSchema.formFields.map(\.name) == RecordSchema.hearingSheet.fields.map(\.name))
        #expect(RecordSchema.formFields.map(\.name) + SuccessionDiagnosisField.allCases.map(\.rawValue) == RecordSchema.successionDiagnosis.fields.map(\.name))
    }

    @Test func theSharedFieldNamesAreFieldsOfEveryTypeThatShares() throws {
        #expect(Schema.fieldVisit.reviewedTypes == [.hearingSheet, .successionDiagnosis, .visit])
        for type in Schema.fieldVisit.reviewedTypes {
            let record = try Schema.fieldVisit.requireRecord(type)
            for field in ReviewedRecordField.allCases {
                #expect(record.spec(for: field.rawValue) != nil, "\(type) has no field \(field.rawValue)")
            }
        }
        for record in [RecordSchema.hearingSheet, .successionDiagnosis] {
            for field in FormRecordField.allCases {
                #expect(record.spec(for: field.rawValue) != nil, "\(record.recordType) has no field \(field.rawValue)")
            }
        }
    }

    @Test func theDeploymentSchemaHoldsTheFourRecordTypes() throws {
        #expect(Schema.fieldVisit.records.keys.sorted() == [.company, .hearingSheet, .successionDiagnosis, .visit])
        #expect(Company.recordType == .company && Visit.recordType == .visit)
        #expect(FormRecordType.builtIn.map(\.recordType) == [.hearingSheet, .successionDiagnosis])
        #expect(RecordSchema.hearingSheet.answerFieldPrefix == "answer.")
        #expect(RecordSchema.successionDiagnosis.answerFieldPrefix == "answer.")
        #expect(RecordSchema.company.answerFieldPrefix == nil && RecordSchema.visit.answerFieldPrefix == nil)
        #expect(try Schema.fieldVisit.requireRecord(.visit).spec(for: "notes")?.label == "面談内容")
    }

    @Test(arguments: [RecordSchema.company, .visit, .hearingSheet, .successionDiagnosis])
    func setsMergeByElementAndEverythingTypedIsReviewed(schema: RecordSchema) {
        for spec in schema.fields {
            switch spec.kind {
            case .codeSet, .textSet: #expect(spec.policy == .addWins, "\(schema.recordType).\(spec.name)")
            default: #expect(spec.policy == .review, "\(schema.recordType).\(spec.name)")
            }
            #expect(!spec.label.isEmpty)
        }
    }

    @Test func theExpectedSetFieldsAreSets() {
        func setNames(_ schema: RecordSchema) -> [String] { schema.fields.filter(\.isSet).map(\.name) }
        #expect(setNames(.company) == ["cohortTags", "cohortStarts", "cohortEndings"])
        #expect(setNames(.visit) == ["staff", "accompanyingOrganisations", "peopleMet", "issues", "supportActions", "referrals"])
        #expect(setNames(.hearingSheet) == ["staff"])
    }

    // MARK: Behaviour

    @Test func anEditedRecordCanBeCheckedAgain() throws {
        var company = try Self.fullCompany()
        try company.validate()
        company.municipality = String(repeating: "町", count: 51)
        let errors = validationErrors { try company.validate() }
        #expect(errors.map(\.field) == ["municipality"])
    }

    @Test func theOwnersAgeIsTheAgeReachedInTheFiscalYear() throws {
        // Born 1958: 65 at every visit of FY2023, May or February alike.
        #expect(OwnerAge.reached(inFiscalYearOf: try CalendarDate("2023-05-01"), birthYear: 1958) == 65)
        #expect(OwnerAge.reached(inFiscalYearOf: try CalendarDate("2024-02-01"), birthYear: 1958) == 65)
        #expect(OwnerAge.reached(inFiscalYearOf: try CalendarDate("2024-04-01"), birthYear: 1958) == 66)
        // With a birth date: the age on 31 March. Born 10 February 1959, the owner turns
        // 65 in February 2024, within FY2023; born 1 April 1958, on the first day of FY2023.
        #expect(OwnerAge.reached(inFiscalYear: 2023, birthYear: 1959, birthDate: try CalendarDate("1959-02-10")) == 65)
        #expect(OwnerAge.reached(inFiscalYear: 2023, birthYear: nil, birthDate: try CalendarDate("1958-04-01")) == 65)
        #expect(OwnerAge.reached(inFiscalYear: 2023, birthYear: nil, birthDate: try CalendarDate("1958-12-31")) == 65)
        #expect(OwnerAge.reached(inFiscalYear: 2023, birthYear: nil, birthDate: try CalendarDate("1959-03-31")) == 65)
        #expect(OwnerAge.reached(inFiscalYear: 2023, birthYear: nil, birthDate: try CalendarDate("1959-04-01")) == 64)
        #expect(OwnerAge.reached(inFiscalYear: 2023, birthYear: nil) == nil)
        let company = try Company(id: .random(), name: "株式会社カワムラ", representativeBirthYear: 1959,
                                  representativeBirthDate: try CalendarDate("1959-02-10"))
        #expect(company.representativeAge(inFiscalYear: 2023) == 65)
    }

    @Test func theRepresentativesAgeComesFromTheBirthYear() throws {
        let company = try Self.fullCompany()
        #expect(company.representativeAge(inFiscalYear: 2024) == 68)
        #expect(try Company(id: company.id, name: "個人商店").representativeAge(inFiscalYear: 2024) == nil)
        #expect(company.annualSalesBand == .atLeast100Million)
        #expect(company.employeeBand == .from21To50)
    }

    @Test func aSoleProprietorWithoutACorporateNumberIsValid() throws {
        let shop = try Company(id: DomainFixture.companyID, name: "佐藤商店", legalForm: .soleProprietor)
        #expect(shop.corporateNumber == nil)
        #expect(shop.values["corporateNumber"] == nil)
    }
}
