import FieldVisitCore

/// A stored hearing sheet or succession diagnosis read back with what follows from it:
/// its answers under their questions, the problems the form version it names finds in
/// them, and the derived results (the six local-benchmark indicators, or the diagnosis
/// result). What `show` prints, as text rows or as JSON.
///
/// The answers are always read against the form version the record names, never the
/// newest, so a record keeps its meaning after a new version of the form ships.
public struct FormRecordReport: Sendable {
    /// One answered question, for display.
    public struct AnswerLine: Sendable, Hashable {
        /// The question id (the answer's field is `answer.<questionID>`).
        public var questionID: String
        /// The question's Japanese label, or its id when the form version lacks it.
        public var label: String
        /// The answer as stored.
        public var value: FieldValue
        /// The answer as staff read it: choice labels, yen with separators, はい/いいえ.
        public var display: String
    }

    /// The answered questions of one section, in the order asked.
    public struct AnsweredSection: Sendable, Hashable {
        /// The section's heading; answers to questions the form version lacks are listed
        /// under a heading of their own.
        public var title: String
        /// The answers.
        public var answers: [AnswerLine]
    }

    /// One local-benchmark indicator with its result.
    public struct IndicatorLine: Sendable, Hashable {
        /// The indicator.
        public var indicator: LocalBenchmarkIndicator
        /// Its value, or why it cannot be computed.
        public var result: IndicatorResult
    }

    /// The record.
    public var key: EntityKey
    /// Which kind of form record it is.
    public var kind: FormRecordType
    /// The record's fields as the view holds them (answers included).
    public var values: [String: FieldValue]
    /// The staff who took it.
    public var staff: [String]
    /// The company's name, when the company is known here.
    public var companyName: String?
    /// The answers, with the form id and version the record names.
    public var answers: FormAnswers
    /// The form version the record names, or `nil` when this program does not know it.
    public var definition: FormDefinition?
    /// What the form version finds wrong with the answers (or that it is unknown); empty
    /// for a complete, valid record.
    public var problems: [ValidationError]
    /// For a hearing sheet, the six indicators (computed from the answers that count,
    /// even when the sheet is incomplete); empty for a diagnosis.
    public var indicators: [IndicatorLine]
    /// For a hearing sheet, its accounting periods (決算期) with their indicators, oldest
    /// first: up to three from v2, the latest alone from v1; empty for a diagnosis.
    public var periods: [AccountingPeriod]
    /// For a succession diagnosis with complete, valid answers, its result.
    public var diagnosis: SuccessionDiagnosisResult?
    /// Whether the record is deleted.
    public var isDeleted: Bool
    /// How many conflicts wait on the record.
    public var conflictCount: Int

    /// Reads a form record from its view, evaluating its answers against the form
    /// version it names in `catalog`.
    public init(_ summary: RecordSummary, kind: FormRecordType, companyName: String?, catalog: FormCatalog = .builtIn) {
        key = summary.key
        self.kind = kind
        values = summary.values
        staff = (summary.sets[ReviewedRecordField.staff.rawValue] ?? []).compactMap(\.textValue)
        self.companyName = companyName
        isDeleted = summary.isDeleted
        conflictCount = summary.conflictCount
        answers = FormAnswers(
            formID: summary.text(FormRecordField.formID) ?? kind.formID,
            formVersion: summary.values[FormRecordField.formVersion.rawValue]?.integerValue.map { Int($0) } ?? 0,
            answers: kind.answers(inFields: summary.values)
        )
        do {
            let definition = try catalog.definition(for: answers)
            self.definition = definition
            problems = FormEvaluator(definition).problems(in: answers).map(\.validationError)
        } catch {
            definition = nil
            problems = [ValidationError(field: FormRecordField.formVersion.rawValue, reason: FormMessage.newerFormVersion.text(["problem": "\(error)"]))]
        }
        indicators = []
        periods = []
        diagnosis = nil
        switch kind {
        case .hearingSheet:
            if definition != nil, let benchmark = try? LocalBenchmark(hearingSheet: answers, catalog: catalog) {
                indicators = benchmark.results.map { IndicatorLine(indicator: $0.indicator, result: $0.result) }
                periods = (try? LocalBenchmark.periods(hearingSheet: answers, catalog: catalog)) ?? []
            }
        case .successionDiagnosis:
            if problems.isEmpty {
                do throws(ValidationErrors) {
                    diagnosis = try SuccessionDiagnosisResult(answers: answers, catalog: catalog)
                } catch {
                    problems += error.errors
                }
            }
        default:
            break
        }
    }

    /// The text of one of the record's own fields, or `nil`.
    private func text(_ field: some FieldName) -> String? { values[field.rawValue]?.textValue }

    // MARK: Rows for display

    /// The record's own fields as (項目, 内容) rows.
    public var headerRows: [[String]] {
        var rows: [[String]] = [["種類", kind.label], ["ID", key.id.rawValue]]
        if let company = text(ReviewedRecordField.company) {
            rows.append(["企業", companyName.map { "\($0)（\(company.prefix(8))）" } ?? company])
        }
        if let visit = text(FormRecordField.visit) { rows.append(["訪問記録", visit]) }
        if let date = text(ReviewedRecordField.date) { rows.append(["実施日", date]) }
        if !staff.isEmpty { rows.append(["担当者", staff.joined(separator: "、")]) }
        let form = definition.map { "\($0.title)（\($0.versionedName)）" } ?? answers.versionedName
        rows.append(["様式", form])
        // A state this version does not know is shown as stored, not taken for a draft.
        let state = text(ReviewedRecordField.reviewState).map { ReviewState(rawValue: $0)?.japaneseLabel ?? $0 }
        rows.append(["承認状況", state ?? ReviewState.draft.japaneseLabel])
        if let comment = text(ReviewedRecordField.reviewComment) { rows.append(["差戻し・承認コメント", comment]) }
        if isDeleted { rows.append(["状態", "削除済み"]) }
        if conflictCount > 0 { rows.append(["⚠ 競合", "\(conflictCount) 件（fieldvisit conflicts で確認）"]) }
        return rows
    }

    /// The answers by section, in the order the form version asks them; answers to
    /// questions it lacks come last.
    public var answeredSections: [AnsweredSection] {
        var sections: [AnsweredSection] = []
        var listed: Set<String> = []
        for section in definition?.sections ?? [] {
            let lines = section.questions.compactMap { question -> AnswerLine? in
                guard let value = answers[question.id] else { return nil }
                listed.insert(question.id)
                return AnswerLine(questionID: question.id, label: question.label, value: value, display: Self.display(value, for: question))
            }
            if !lines.isEmpty { sections.append(AnsweredSection(title: section.title, answers: lines)) }
        }
        let others = answers.answers.keys.filter { !listed.contains($0) }.sorted().map { questionID in
            AnswerLine(questionID: questionID, label: questionID, value: answers.answers[questionID]!, display: answers.answers[questionID]!.description)
        }
        if !others.isEmpty { sections.append(AnsweredSection(title: "様式にない回答", answers: others)) }
        return sections
    }

    /// The six indicators as a table, header first: a column per accounting period
    /// (`2024年3月期`), the value or 算出不可 with the reason; one column of the indicators
    /// the answers allow when no period end is answered yet.
    public var indicatorTable: [[String]] {
        guard !periods.isEmpty else {
            return [["指標", "値"]] + indicators.map { [$0.indicator.japaneseLabel, $0.result.displayText] }
        }
        return [["指標"] + periods.map(\.label)] + LocalBenchmarkIndicator.allCases.map { indicator in
            [indicator.japaneseLabel] + periods.map { $0.benchmark.result(for: indicator).displayText }
        }
    }

    /// The diagnosis result as (項目, 内容) rows: the class, the next step, the referral,
    /// the owner's age and whether 65 or over, and the consent with what it allows.
    public var diagnosisRows: [[String]] {
        guard let diagnosis else { return [] }
        let agency = diagnosis.referralAgency.map { ReferralAgency(rawValue: $0)?.japaneseLabel ?? $0 }
        let sharing: String = switch (diagnosis.consentToShareWithCentre, agency) {
        case (true, let agency?): "同意あり：\(agency)への橋渡しの際に診断結果を提供できます"
        case (true, nil): "同意あり（この結果では紹介先はありません）"
        case (false, _): "同意なし：診断結果や企業情報を事業承継・引継ぎ支援センターに提供してはいけません（紹介は代表者への案内にとどめます）"
        }
        return [
            ["診断結果", "\(diagnosis.label)（\(diagnosis.code)）"],
            ["次の一歩", diagnosis.nextStep],
            ["紹介先", agency ?? "なし"],
            ["診断時の経営者の年齢", "\(diagnosis.ownerAgeAtDiagnosis)歳（\(diagnosis.ownerBirthYear)年生、\(diagnosis.diagnosisDate)時点）"],
            ["65歳以上", diagnosis.isOwnerSenior ? "はい" : "いいえ"],
            ["センターへの情報提供", sharing],
        ]
    }

    /// An answer as staff read it: a choice's label with its code, yen with separators,
    /// はい/いいえ; an answer that does not fit the question is shown as stored.
    public static func display(_ value: FieldValue, for question: FormQuestion) -> String {
        switch (question.answerType, value) {
        case (.yen, .integer(let yen)):
            return grouped(yen) + "円"
        case (.boolean, .bool(let flag)):
            return flag ? "はい" : "いいえ"
        case (.choice(let choices), .text(let code)):
            return choices.first { $0.code == code }.map { "\($0.label)（\(code)）" } ?? code
        default:
            return value.description
        }
    }

    /// `-1,234,567`: thousands separated by commas whatever the locale, as in accounts.
    static func grouped(_ number: Int64) -> String {
        let digits = Array(String(number.magnitude))
        var text = number < 0 ? "-" : ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { text.append(",") }
            text.append(digit)
        }
        return text
    }
}

extension FormRecordReport: Encodable {
    private enum CodingKeys: String, CodingKey {
        case id, type, company, companyName, visit, date, staff, formID, formVersion, formTitle, reviewState, reviewComment
        case answers, problems, localBenchmark, localBenchmarkPeriods, ownerAge, consentToShareWithCentre, result, deleted, conflicts
    }

    private struct Problem: Encodable {
        var question: String
        var reason: String
    }

    private struct Indicator: Encodable {
        var indicator: String
        var name: String
        var unit: String
        var computed: Bool
        var display: String
        var displaySteps: Int64?
        var exactNumerator: Int64?
        var exactDenominator: Int64?
        var reason: String?
    }

    private struct Period: Encodable {
        var periodEnd: CalendarDate
        var label: String
        var indicators: [Indicator]
    }

    private struct Diagnosis: Encodable {
        var code: String
        var label: String
        var nextStep: String
        var referralAgency: String?
        var ownerBirthYear: Int
        var diagnosisDate: CalendarDate
        var ownerAgeAtDiagnosis: Int
        var ownerIsSenior: Bool
        var consentToShareWithCentre: Bool
        var mayShareWithReferralAgency: Bool

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(code, forKey: .code)
            try container.encode(label, forKey: .label)
            try container.encode(nextStep, forKey: .nextStep)
            // Written even when null, so a reader sees that no referral is meant.
            try container.encode(referralAgency, forKey: .referralAgency)
            try container.encode(ownerBirthYear, forKey: .ownerBirthYear)
            try container.encode(diagnosisDate, forKey: .diagnosisDate)
            try container.encode(ownerAgeAtDiagnosis, forKey: .ownerAgeAtDiagnosis)
            try container.encode(ownerIsSenior, forKey: .ownerIsSenior)
            try container.encode(consentToShareWithCentre, forKey: .consentToShareWithCentre)
            try container.encode(mayShareWithReferralAgency, forKey: .mayShareWithReferralAgency)
        }

        private enum CodingKeys: String, CodingKey {
            case code, label, nextStep, referralAgency, ownerBirthYear, diagnosisDate, ownerAgeAtDiagnosis
            case ownerIsSenior, consentToShareWithCentre, mayShareWithReferralAgency
        }
    }

    /// Encodes the record's fields, its answers by question id exactly as stored, the
    /// problems found, and the derived results: `localBenchmark` for a hearing sheet,
    /// `result` (null while the answers do not give one) for a diagnosis.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(key.id, forKey: .id)
        try container.encode(key.type, forKey: .type)
        try container.encode(text(ReviewedRecordField.company), forKey: .company)
        try container.encodeIfPresent(companyName, forKey: .companyName)
        try container.encode(text(FormRecordField.visit), forKey: .visit)
        try container.encode(text(ReviewedRecordField.date), forKey: .date)
        try container.encode(staff, forKey: .staff)
        try container.encode(answers.formID, forKey: .formID)
        try container.encode(answers.formVersion, forKey: .formVersion)
        try container.encodeIfPresent(definition?.title, forKey: .formTitle)
        try container.encode(text(ReviewedRecordField.reviewState) ?? ReviewState.draft.code, forKey: .reviewState)
        try container.encodeIfPresent(text(ReviewedRecordField.reviewComment), forKey: .reviewComment)
        try container.encode(answers.answers, forKey: .answers)
        try container.encode(problems.map { Problem(question: $0.field, reason: $0.reason) }, forKey: .problems)
        switch kind {
        case .hearingSheet:
            func encoded(_ lines: [IndicatorLine]) -> [Indicator] {
                lines.map { line in
                    Indicator(
                        indicator: line.indicator.code, name: line.indicator.japaneseLabel, unit: line.indicator.unit.rawValue,
                        computed: line.result.value != nil, display: line.result.displayText,
                        displaySteps: line.result.value?.displaySteps,
                        exactNumerator: line.result.value?.exact.numerator, exactDenominator: line.result.value?.exact.denominator,
                        reason: line.result.notComputableReason?.description
                    )
                }
            }
            try container.encode(encoded(indicators), forKey: .localBenchmark)
            try container.encode(periods.map { period in
                Period(periodEnd: period.end, label: period.label,
                       indicators: encoded(period.benchmark.results.map { IndicatorLine(indicator: $0.indicator, result: $0.result) }))
            }, forKey: .localBenchmarkPeriods)
        case .successionDiagnosis:
            try container.encode(values[SuccessionDiagnosisField.ownerAge.rawValue]?.integerValue, forKey: .ownerAge)
            try container.encode(values[SuccessionDiagnosisField.consentToShareWithCentre.rawValue]?.boolValue, forKey: .consentToShareWithCentre)
            try container.encode(diagnosis.map { result in
                Diagnosis(
                    code: result.code, label: result.label, nextStep: result.nextStep, referralAgency: result.referralAgency,
                    ownerBirthYear: result.ownerBirthYear, diagnosisDate: result.diagnosisDate,
                    ownerAgeAtDiagnosis: result.ownerAgeAtDiagnosis, ownerIsSenior: result.isOwnerSenior,
                    consentToShareWithCentre: result.consentToShareWithCentre,
                    mayShareWithReferralAgency: result.mayShareWithReferralAgency
                )
            }, forKey: .result)
        default:
            break
        }
        if isDeleted { try container.encode(true, forKey: .deleted) }
        if conflictCount > 0 { try container.encode(conflictCount, forKey: .conflicts) }
    }
}

extension LocalStore {
    /// The form record `key` (of one of `formTypes`), read back with its results.
    ///
    /// - Throws: ``StoreError/recordNotFound(type:id:)`` when it is not here, or is not
    ///   a form record.
    public func formReport(of key: EntityKey, catalog: FormCatalog = .builtIn, formTypes: [FormRecordType] = FormRecordType.builtIn) throws -> FormRecordReport {
        guard let kind = FormRecordType.of(key.type, among: formTypes), let summary = try summary(of: key) else {
            throw StoreError.recordNotFound(type: key.type.rawValue, id: key.id.rawValue)
        }
        let companyName = try summary.text(ReviewedRecordField.company).flatMap { company in
            try self.summary(of: EntityKey(.company, RecordID(rawValue: company)))?.text(Company.Field.name)
        }
        return FormRecordReport(summary, kind: kind, companyName: companyName, catalog: catalog)
    }
}
