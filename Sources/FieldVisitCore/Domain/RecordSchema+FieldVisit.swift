/// The schemas of the field-visit records.
///
/// Field names are the typed records' `Field` codes, or the names several types share
/// (``ReviewedRecordField``, ``FormRecordField``), so the schema and the Swift types
/// cannot drift apart by a typo. Every field a person types merges by review; sets
/// (tags, issues, support, referrals, attendees) merge element by element. No field is
/// cosmetic enough for a silent last-writer-wins choice.
extension RecordSchema {
    /// Maximum lengths, in characters, of the free-text fields.
    enum TextLimit {
        /// A company or person's name, and its kana reading.
        static let name = 200
        /// A person's name in a list of staff.
        static let personName = 50
        /// A postal address.
        static let address = 300
        /// A municipality (市区町村).
        static let municipality = 50
        /// A branch code.
        static let code = 32
        /// A form id.
        static let formID = 64
        /// A short note: goals, a reviewer's comment.
        static let shortNote = 1000
        /// The notes of a visit.
        static let notes = 4000
    }

    /// A company (企業) that staff visit.
    public static let company = RecordSchema(.company, label: "企業", fields: [
        field(Company.Field.name, "企業名（商号・屋号）", .text(maxLength: TextLimit.name), required: true),
        field(Company.Field.nameKana, "企業名（フリガナ）", .text(maxLength: TextLimit.name)),
        field(Company.Field.corporateNumber, "法人番号", .corporateNumber),
        field(Company.Field.legalForm, "法人・個人の別（組織形態）", .code(LegalForm.codeList)),
        field(Company.Field.industry, "業種", .code(Industry.codeList)),
        field(Company.Field.employees, "従業員数", .integer(0...1_000_000)),
        field(Company.Field.capital, "資本金（円）", .yen),
        field(Company.Field.annualSales, "年商（円）", .yen),
        field(Company.Field.representativeName, "代表者氏名", .text(maxLength: TextLimit.name)),
        field(Company.Field.representativeBirthYear, "代表者の生年", .year),
        field(Company.Field.representativeBirthDate, "代表者の生年月日", .date),
        field(Company.Field.address, "所在地", .text(maxLength: TextLimit.address)),
        field(Company.Field.municipality, "市区町村", .text(maxLength: TextLimit.municipality)),
        field(Company.Field.branch, "担当支所", .text(maxLength: TextLimit.code)),
        field(Company.Field.mainBank, "メインバンク", .text(maxLength: TextLimit.name)),
        field(Company.Field.mainBankType, "メインバンクの業態", .code(BankType.codeList)),
        field(Company.Field.lifeStage, "ライフステージ", .code(LifeStage.codeList)),
        field(Company.Field.cohortTags, "フォローアップ区分", .codeSet(CohortTag.codeList)),
        field(Company.Field.cohortStarts, "フォローアップ区分の開始日", .textSet(maxLength: CohortStart.maxLength)),
        field(Company.Field.cohortEndings, "フォローアップ区分の終了理由", .codeSet(CohortEnding.codeList)),
        field(Company.Field.closedOn, "登記記録の閉鎖等年月日", .date),
        field(Company.Field.closeCause, "登記記録の閉鎖等の事由", .code(CloseCause.codeList)),
        field(Company.Field.successorCorporateNumber, "承継先法人番号", .corporateNumber),
    ])

    /// One visit or meeting with a company (訪問記録).
    public static let visit = RecordSchema(.visit, label: "訪問記録", fields: [
        field(Visit.Field.company, "企業", .reference(.company), required: true),
        field(Visit.Field.date, "訪問日", .date, required: true),
        field(Visit.Field.mode, "面談方法", .code(VisitMode.codeList), required: true),
        field(Visit.Field.purpose, "訪問目的", .code(VisitPurpose.codeList), required: true),
        field(Visit.Field.staff, "担当者", .textSet(maxLength: TextLimit.personName), required: true),
        field(Visit.Field.accompanyingOrganisations, "同行機関", .codeSet(AccompanyingOrganisation.codeList)),
        field(Visit.Field.peopleMet, "面談者", .codeSet(AttendeeRole.codeList)),
        field(Visit.Field.notes, "面談内容", .text(maxLength: TextLimit.notes)),
        field(Visit.Field.issues, "経営課題", .codeSet(ManagementIssue.codeList)),
        field(Visit.Field.supportActions, "支援内容", .codeSet(SupportAction.codeList)),
        field(Visit.Field.referrals, "橋渡し先", .codeSet(ReferralAgency.codeList)),
        field(Visit.Field.newGuaranteeAmount, "新規保証の金額（円）", .yen),
        field(Visit.Field.changeOfTermsAmount, "条件変更の金額（円）", .yen),
        field(Visit.Field.referralStatus, "橋渡し後の状況", .code(ReferralStatus.codeList)),
        field(Visit.Field.shortTermGoals, "短期目標", .text(maxLength: TextLimit.shortNote)),
        field(Visit.Field.nextVisitDate, "次回訪問予定日", .date),
    ] + reviewFields)

    /// A hearing sheet built on the local benchmark (ヒアリングシート).
    public static let hearingSheet = FormRecordType.hearingSheet.schema()

    /// A business-succession diagnosis (事業承継診断).
    public static let successionDiagnosis = FormRecordType.successionDiagnosis.schema()

    /// The fields every form record has, before its type's own (``FormRecordType/schema(catalog:)``).
    static let formFields = [
        field(ReviewedRecordField.company, "企業", .reference(.company), required: true),
        field(FormRecordField.visit, "訪問記録", .reference(.visit)),
        field(ReviewedRecordField.date, "実施日", .date, required: true),
        field(ReviewedRecordField.staff, "担当者", .textSet(maxLength: TextLimit.personName)),
        field(FormRecordField.formID, "様式", .text(maxLength: TextLimit.formID), required: true),
        field(FormRecordField.formVersion, "様式の版", .integer(1...10_000), required: true),
    ] + reviewFields

    /// The review's fields, last of every reviewed record's own.
    private static let reviewFields = [
        field(ReviewedRecordField.reviewState, "承認状況", .code(ReviewState.codeList), workflow: true),
        field(ReviewedRecordField.reviewComment, "差戻し・承認コメント", .text(maxLength: TextLimit.shortNote), workflow: true),
    ]

    private static func field<Field: FieldName>(
        _ name: Field, _ label: String, _ kind: FieldSpec.Kind, required: Bool = false, workflow: Bool = false
    ) -> FieldSpec {
        // The review's own fields do not make an approved record "changed since approval".
        FieldSpec(name.rawValue, label: label, kind: kind, required: required, workflow: workflow)
    }
}

extension Schema {
    /// Every record type of a field-visit deployment: companies, visits and the form
    /// types built in.
    public static let fieldVisit = fieldVisit(formTypes: FormRecordType.builtIn, catalog: .builtIn)

    /// Companies, visits and `formTypes`, their forms in `catalog`: a deployment with
    /// form types of its own.
    public static func fieldVisit(formTypes: [FormRecordType], catalog: FormCatalog) -> Schema {
        Schema([.company, .visit] + formTypes.map { $0.schema(catalog: catalog) })
    }

    /// The record types a reviewer approves or returns: those with a review state of
    /// their own. The review queue, the review commands and ``ReviewPolicy`` follow it.
    public var reviewedTypes: [RecordType] {
        records.values.filter { $0.spec(for: ReviewedRecordField.reviewState.rawValue)?.isWorkflow == true }.map(\.recordType).sorted()
    }
}
