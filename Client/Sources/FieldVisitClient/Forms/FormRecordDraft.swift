import FieldVisitCore

/// A form record (a hearing sheet, a succession diagnosis, any ``FormRecordType``) about to be recorded: the company, visit,
/// date and staff it belongs to, and the checks its answers must pass before anything
/// is stored.
///
/// ```swift
/// let draft = try FormRecordDraft.resolve(.successionDiagnosis, company: "c0a1", in: store, today: today)
/// let given = FormAnswers(formID: draft.definition.id, formVersion: draft.definition.version, answers: fromFile)
/// let key = try store.commitForm(draft, answers: draft.completing(given))   // one change set
/// ```
public struct FormRecordDraft: Sendable {
    /// Which form type.
    public var kind: FormRecordType
    /// The form version answered: the newest version of the kind's form.
    public var definition: FormDefinition
    /// The forms known, holding ``definition``: the diagnosis result is read from it.
    public var catalog: FormCatalog
    /// The company the record is about.
    public var company: RecordID
    /// The visit during which the form was taken, if given.
    public var visit: RecordID?
    /// The date given for the record; `nil` takes ``defaultDate`` (for a diagnosis, its
    /// diagnosis date).
    public var date: CalendarDate?
    /// The date used when none is given: today on this laptop.
    public var defaultDate: CalendarDate
    /// The staff member recording it: this laptop's user.
    public var staff: String
    /// The company's representative's birth year, offered at the owner's birth-year
    /// question so it need not be typed twice.
    public var representativeBirthYear: Int64?

    /// A draft with everything given; `definition` must be in `catalog`.
    /// ``resolve(_:company:visit:date:in:today:catalog:)`` makes one from what staff type.
    public init(
        kind: FormRecordType, definition: FormDefinition, company: RecordID, visit: RecordID? = nil,
        date: CalendarDate? = nil, defaultDate: CalendarDate, staff: String, representativeBirthYear: Int64? = nil,
        catalog: FormCatalog = .builtIn
    ) {
        self.kind = kind
        self.definition = definition
        self.catalog = catalog
        self.company = company
        self.visit = visit
        self.date = date
        self.defaultDate = defaultDate
        self.staff = staff
        self.representativeBirthYear = representativeBirthYear
    }

    /// A draft for the company whose id starts with `companyPrefix`, answered with the
    /// newest version of the kind's form, recorded by the store's user.
    ///
    /// - Throws: ``StoreError`` for an unknown or ambiguous company or visit;
    ///   ``ValidationError`` for a date that is not `YYYY-MM-DD` or a visit to another
    ///   company.
    public static func resolve(
        _ kind: FormRecordType, company companyPrefix: String, visit visitPrefix: String? = nil, date dateText: String? = nil,
        in store: LocalStore, today: CalendarDate, catalog: FormCatalog = .builtIn
    ) throws -> FormRecordDraft {
        let company = try store.resolve(companyPrefix, type: .company)
        let companyRecord = try store.summary(of: EntityKey(.company, company))
        var visit: RecordID?
        if let visitPrefix {
            let id = try store.resolve(visitPrefix, type: .visit)
            let visitCompany = try store.summary(of: EntityKey(.visit, id))?.text(Visit.Field.company)
            guard visitCompany == company.rawValue else {
                throw ValidationError(
                    field: FormRecordField.visit.rawValue,
                    reason: FormMessage.visitOfAnotherCompany.text([
                        "visit": id.rawValue, "other": visitCompany ?? FormMessage.noCompany.text(), "company": company.rawValue,
                    ])
                )
            }
            visit = id
        }
        let date = try dateText.map { text throws(ValidationError) in try CalendarDate(typed: text, field: ReviewedRecordField.date.rawValue) }
        return FormRecordDraft(
            kind: kind, definition: try catalog.latest(id: kind.formID), company: company, visit: visit, date: date,
            defaultDate: today, staff: store.user,
            representativeBirthYear: companyRecord?.values[Company.Field.representativeBirthYear.rawValue]?.integerValue, catalog: catalog
        )
    }

    /// The answers to offer at the prompts (Enter takes them): the diagnosis date is the
    /// record's date, and the owner's birth year is the representative's on file.
    public var suggestedAnswers: [String: FieldValue] {
        var suggestions = presetAnswers
        if let representativeBirthYear, definition.question(SuccessionDiagnosisResult.ownerBirthYearQuestion) != nil {
            suggestions[SuccessionDiagnosisResult.ownerBirthYearQuestion] = .integer(representativeBirthYear)
        }
        return suggestions
    }

    /// Answers that follow from the draft itself, used for questions left unanswered:
    /// a diagnosis's date is the record's date.
    public var presetAnswers: [String: FieldValue] {
        guard kind == .successionDiagnosis else { return [:] }
        return [SuccessionDiagnosisResult.diagnosisDateQuestion: .text((date ?? defaultDate).description)]
    }

    /// `answers` with the ``presetAnswers`` of the questions they leave unanswered.
    public func completing(_ answers: FormAnswers) -> FormAnswers {
        var completed = answers
        for (questionID, value) in presetAnswers where (answers[questionID] ?? .null) == .null {
            completed[questionID] = value
        }
        return completed
    }

    /// The date the record is filed under: the date given; else, for a diagnosis, its
    /// diagnosis date; else ``defaultDate``.
    public func recordDate(for answers: FormAnswers) -> CalendarDate {
        if let date { return date }
        if kind == .successionDiagnosis,
           let text = answers[SuccessionDiagnosisResult.diagnosisDateQuestion]?.textValue,
           let diagnosed = try? CalendarDate(text) {
            return diagnosed
        }
        return defaultDate
    }

    /// Everything that keeps `answers` from being recorded, each naming its question:
    /// the form's own problems (missing, refused or inapplicable answers), then for a
    /// diagnosis what its result needs (a birth year before the diagnosis, an age the
    /// record can hold, a diagnosis date matching the record's date). Empty when the
    /// answers can be recorded.
    public func problems(in answers: FormAnswers) -> [ValidationError] {
        let formProblems = FormEvaluator(definition).problems(in: answers)
        guard formProblems.isEmpty else { return formProblems.map(\.validationError) }
        guard kind == .successionDiagnosis else { return [] }
        do throws(ValidationErrors) {
            _ = try diagnosis(of: answers)
            return []
        } catch {
            return error.errors
        }
    }

    /// The diagnosis result of complete, valid answers, with the checks the stored
    /// record needs on top of the form's.
    func diagnosis(of answers: FormAnswers) throws(ValidationErrors) -> SuccessionDiagnosisResult {
        let result = try SuccessionDiagnosisResult(answers: answers, catalog: catalog)
        let birthYearQuestion = SuccessionDiagnosisResult.ownerBirthYearQuestion
        let dateQuestion = SuccessionDiagnosisResult.diagnosisDateQuestion
        func label(_ questionID: String) -> String { definition.question(questionID)?.label ?? questionID }
        if let ages = Self.ownerAgeRange, !ages.contains(Int64(result.ownerAgeAtDiagnosis)) {
            throw ValidationErrors([ValidationError(
                field: birthYearQuestion,
                reason: FormMessage.ownerAgeOutOfRange.text([
                    "label": label(birthYearQuestion), "year": "\(result.ownerBirthYear)", "age": "\(result.ownerAgeAtDiagnosis)",
                    "date": "\(result.diagnosisDate)", "min": "\(ages.lowerBound)", "max": "\(ages.upperBound)",
                ])
            )])
        }
        if let date, date != result.diagnosisDate {
            throw ValidationErrors([ValidationError(
                field: dateQuestion,
                reason: FormMessage.diagnosisDateMismatch.text(["label": label(dateQuestion), "diagnosed": "\(result.diagnosisDate)", "date": "\(date)"])
            )])
        }
        return result
    }

    /// The ages a stored diagnosis may hold, from the schema.
    private static var ownerAgeRange: ClosedRange<Int64>? {
        let ownerAge = FormRecordType.successionDiagnosis.ownFields.first { $0.name == SuccessionDiagnosisField.ownerAge.rawValue }
        if case .integer(let range)? = ownerAge?.kind {
            return range
        }
        return nil
    }

    /// The edits that create the record with `id` from valid `answers`: company, visit,
    /// date, staff, form and version, review state draft, each answer as
    /// `answer.<questionID>`, and for a diagnosis the owner's age and the consent.
    ///
    /// - Throws: ``ValidationErrors`` naming each question or field that is wrong.
    public func edits(id: RecordID, answers: FormAnswers) throws(ValidationErrors) -> [Edit] {
        let problems = problems(in: answers)
        guard problems.isEmpty else { throw ValidationErrors(problems) }
        // Blank and null answers are no answers; nothing else is dropped once valid.
        let stored = FormEvaluator(definition).effectiveAnswers(answers.answers)
        let date = recordDate(for: answers)
        var own: [String: FieldValue] = [:]
        if kind == .successionDiagnosis {
            let result = try diagnosis(of: answers)
            own[SuccessionDiagnosisField.ownerAge.rawValue] = .integer(Int64(result.ownerAgeAtDiagnosis))
            own[SuccessionDiagnosisField.consentToShareWithCentre.rawValue] = .bool(result.consentToShareWithCentre)
        }
        let schema = kind.schema(catalog: catalog)
        let record = try FormRecord(
            schema: schema, id: id, company: company, visit: visit, date: date, staff: [staff],
            formID: definition.id, formVersion: definition.version, reviewState: .draft, own: own, answers: stored
        )
        var change = RecordChange(EntityKey(kind.recordType, id))
        change.values = record.values
        change.additions = record.sets
        return try change.edits(current: nil, schema: schema)
    }
}

extension LocalStore {
    /// Records a new form record from `answers` as one change
    /// set, and returns its key.
    ///
    /// - Throws: ``ValidationErrors`` naming each question that keeps the answers from
    ///   being recorded; the store is then unchanged.
    @discardableResult
    public func commitForm(_ draft: FormRecordDraft, answers: FormAnswers, id: RecordID = .random()) throws -> EntityKey {
        let edits = try draft.edits(id: id, answers: answers)
        try commit(edits)
        return EntityKey(draft.kind.recordType, id)
    }
}
