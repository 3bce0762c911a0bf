/// The result of a business-succession diagnosis (事業承継診断): the class the firm falls
/// into, the recommended next step, the owner's age, and whether the owner consented to
/// the result being passed to the 事業承継・引継ぎ支援センター.
///
/// The class comes from the result rules written in the form's JSON (first match wins),
/// read against the form version the answers name. Every version of the diagnosis keeps
/// the question ids ``ownerBirthYearQuestion``, ``diagnosisDateQuestion`` and
/// ``consentQuestion``.
public struct SuccessionDiagnosisResult: Sendable, Hashable {
    /// The question holding the owner's birth year.
    public static let ownerBirthYearQuestion = "ownerBirthYear"
    /// The question holding the date of the diagnosis.
    public static let diagnosisDateQuestion = "diagnosisDate"
    /// The question holding the owner's consent to share the result with the centre.
    public static let consentQuestion = "consentToShareWithCentre"
    /// The question, from v2, holding how the diagnosis was taken (interview, by post, the
    /// centre's own survey).
    public static let methodQuestion = "takenBy"
    /// The questions, from v2, holding the owner's wishes: a consultation with an expert,
    /// and a call from the centre.
    public static let wishQuestions = (consultation: "wantsConsultation", centreContact: "wantsCentreContact")
    /// The age from which an owner is a target of succession interviews, for a form that
    /// names no ``FormDefinition/ownerAgeThresholds``.
    public static let defaultSeniorOwnerAge = 65

    /// The age from which an owner is a target of succession interviews: the last of
    /// `definition`'s ``FormDefinition/ownerAgeThresholds``.
    public static func seniorOwnerAge(in definition: FormDefinition?) -> Int {
        definition?.ownerAgeThresholds.last ?? defaultSeniorOwnerAge
    }

    /// The result class, its Japanese label, next step and referral agency.
    public let outcome: FormOutcome
    /// The owner's birth year.
    public let ownerBirthYear: Int
    /// The date of the diagnosis.
    public let diagnosisDate: CalendarDate
    /// The owner's age in the fiscal year of the diagnosis, by the one rule every report
    /// uses (``OwnerAge``): the fiscal year's first calendar year less the birth year,
    /// the same at every diagnosis and visit of that year.
    public let ownerAgeAtDiagnosis: Int
    /// Whether the owner consented to the result being given to the
    /// 事業承継・引継ぎ支援センター.
    public let consentToShareWithCentre: Bool

    /// What the owner asked for, apart from consent: asked from v2 on, `nil` when the
    /// version does not ask. Wanting the centre's call is not consent to share data.
    public struct Wishes: Sendable, Hashable {
        /// Whether the owner wants to consult an expert about succession.
        public var consultation: Bool?
        /// Whether the owner wants the 事業承継・引継ぎ支援センター to get in touch.
        public var centreContact: Bool?

        /// Wishes as answered.
        public init(consultation: Bool?, centreContact: Bool?) {
            self.consultation = consultation
            self.centreContact = centreContact
        }
    }

    /// The owner's wishes.
    public let wishes: Wishes
    /// How the diagnosis was taken, as the form version lists it (code and label), or
    /// `nil` when the version does not ask.
    public let method: CodeList.Entry?

    /// The result class code (`successionPrepared`, `thirdPartySuccession` …).
    public var code: String { outcome.code }
    /// The result class as staff and owners read it.
    public var label: String { outcome.label }
    /// The recommended next step.
    public var nextStep: String { outcome.nextStep }
    /// The agency the result recommends a referral to, if any.
    public var referralAgency: String? { outcome.referralAgency }

    /// Whether the owner has reached ``seniorOwnerAge`` (65 in the built-in form) in the diagnosis's fiscal year.
    public var isOwnerSenior: Bool { ownerAgeAtDiagnosis >= seniorOwnerAge }
    /// The age from which the form counts an owner as a target of succession interviews.
    public let seniorOwnerAge: Int

    /// Whether the result and the firm's data may be passed to the referral agency.
    /// Sharing personal data with a third party needs the owner's consent: without it a
    /// referral is only a recommendation to the owner, and nothing may be sent.
    public var mayShareWithReferralAgency: Bool { referralAgency != nil && consentToShareWithCentre }

    /// Diagnoses `answers`, read against the form version they name. Refuses, naming the
    /// question, answers that are not a succession diagnosis, incomplete or invalid
    /// answers, answers to questions that do not apply, and a birth year after the
    /// diagnosis date.
    public init(answers: FormAnswers, catalog: FormCatalog = .builtIn) throws(ValidationErrors) {
        guard answers.formID == FormRecordType.successionDiagnosis.formID else {
            throw ValidationErrors([ValidationError(
                field: "formID",
                ValidationMessage.notSuccessionAnswers.localized(["form": answers.formID, "expected": FormRecordType.successionDiagnosis.formID])
            )])
        }
        let evaluator = try catalog.resolvedEvaluator(for: answers)
        guard let outcome = try evaluator.outcome(for: answers) else {
            throw ValidationErrors([ValidationError(
                field: "formVersion",
                ValidationMessage.noResultRules.localized(["form": answers.versionedName])
            )])
        }
        let counted = evaluator.effectiveAnswers(answers.answers)
        let definition = evaluator.definition
        func missing(_ question: String, _ what: ValidationMessage) -> ValidationError {
            ValidationError(field: question, ValidationMessage.mustAsk.localized(["form": definition.versionedName, "question": question], parts: ["what": what.localized()]))
        }
        var errors: [ValidationError] = []
        let birthYear = counted[Self.ownerBirthYearQuestion]?.integerValue
        let dateText = counted[Self.diagnosisDateQuestion]?.textValue
        let consent = counted[Self.consentQuestion]?.boolValue
        if birthYear == nil { errors.append(missing(Self.ownerBirthYearQuestion, .ownerBirthYear)) }
        if dateText == nil { errors.append(missing(Self.diagnosisDateQuestion, .diagnosisDate)) }
        if consent == nil { errors.append(missing(Self.consentQuestion, .ownerConsent)) }
        guard errors.isEmpty, let birthYear, let dateText, let consent else { throw ValidationErrors(errors) }
        // Already checked by the form's date rule; kept as a typed check, not an assumption.
        let date: CalendarDate
        do {
            date = try CalendarDate(dateText, field: Self.diagnosisDateQuestion)
        } catch {
            throw ValidationErrors([error])
        }

        guard birthYear <= Int64(date.year) else {
            let label = definition.question(Self.ownerBirthYearQuestion)?.label ?? Self.ownerBirthYearQuestion
            throw ValidationErrors([ValidationError(
                field: Self.ownerBirthYearQuestion,
                label: label,
                ValidationMessage.birthAfterDiagnosis.localized(["label": label, "year": "\(birthYear)", "date": "\(date)"])
            )])
        }
        self.outcome = outcome
        self.ownerBirthYear = Int(birthYear)
        seniorOwnerAge = Self.seniorOwnerAge(in: definition)
        self.diagnosisDate = date
        // A diagnosis in January to March of the birth year falls in a fiscal year that began the year before: 0, not -1.
        self.ownerAgeAtDiagnosis = max(0, OwnerAge.reached(inFiscalYearOf: date, birthYear: Int(birthYear)) ?? 0)
        self.consentToShareWithCentre = consent
        wishes = Wishes(consultation: counted[Self.wishQuestions.consultation]?.boolValue,
                        centreContact: counted[Self.wishQuestions.centreContact]?.boolValue)
        let methodCode = counted[Self.methodQuestion]?.textValue
        method = definition.question(Self.methodQuestion)?.answerType.choices.first { $0.code == methodCode }
    }
}
