/// A business-succession diagnosis (事業承継診断): an owner's answers to one version of
/// the succession questionnaire, with the owner's age at the time and whether the
/// owner agreed to the result being passed to the succession support centre.
///
/// Consent is a field of its own rather than an answer because sharing personal data
/// with a third party depends on it, whatever the questionnaire's version.
public struct SuccessionDiagnosis: Record {
    /// The names of a diagnosis's fields, as stored and sent. Answers are stored under
    /// `answer.<questionID>` besides these.
    public enum Field: String, CaseIterable, Sendable, FieldName {
        /// The company diagnosed; required.
        case company
        /// The visit during which the diagnosis was taken.
        case visit
        /// The date of the diagnosis; required.
        case date
        /// The staff who took it.
        case staff
        /// The id of the questionnaire answered; required.
        case formID
        /// The version of the questionnaire answered; required.
        case formVersion
        /// Where the record stands in review.
        case reviewState
        /// The reviewer's comment.
        case reviewComment
        /// The owner's age at the diagnosis.
        case ownerAge
        /// Whether the owner agreed to the result being passed to the centre.
        case consentToShareWithCentre
    }

    /// The schema of succession diagnoses.
    public static var schema: RecordSchema { .successionDiagnosis }

    /// The diagnosis's record id.
    public var id: RecordID
    /// The company diagnosed.
    public var company: RecordID
    /// The visit during which the diagnosis was taken, if recorded.
    public var visit: RecordID?
    /// The date of the diagnosis.
    public var date: CalendarDate
    /// The names of the staff who took it.
    public var staff: Set<String>
    /// The id of the questionnaire answered.
    public var formID: String
    /// The version of the questionnaire answered, from 1.
    public var formVersion: Int
    /// Where the record stands in review; a record nobody has submitted is a draft.
    public var reviewState: ReviewState
    /// The reviewer's comment.
    public var reviewComment: String?
    /// The owner's age at the diagnosis.
    public var ownerAge: Int?
    /// Whether the owner agreed to the result being passed to the business succession
    /// and transfer support centre; `nil` when not yet asked. Only `true` allows it.
    public var consentToShareWithCentre: Bool?
    /// The answers, keyed by question id. Validated by the questionnaire, not the
    /// schema; an unanswered question has no entry.
    public var answers: [String: FieldValue]

    /// A succession diagnosis, checked against the schema.
    public init(
        id: RecordID,
        company: RecordID,
        visit: RecordID? = nil,
        date: CalendarDate,
        staff: Set<String> = [],
        formID: String,
        formVersion: Int,
        reviewState: ReviewState = .draft,
        reviewComment: String? = nil,
        ownerAge: Int? = nil,
        consentToShareWithCentre: Bool? = nil,
        answers: [String: FieldValue] = [:]
    ) throws(ValidationErrors) {
        self.id = id
        self.company = company
        self.visit = visit
        self.date = date
        self.staff = staff
        self.formID = formID
        self.formVersion = formVersion
        self.reviewState = reviewState
        self.reviewComment = reviewComment
        self.ownerAge = ownerAge
        self.consentToShareWithCentre = consentToShareWithCentre
        self.answers = answers.filter { $0.value != .null }
        try validate()
    }

    /// A diagnosis read from its field values, after validating them against the schema.
    public init(id: RecordID, values: [String: FieldValue], sets: [String: [FieldValue]]) throws(ValidationErrors) {
        var reader = try FieldReader<Field>(validating: values, sets: sets, against: Self.schema)
        self.id = id
        company = try reader.required(.company)
        visit = reader.optional(.visit)
        date = try reader.required(.date)
        staff = reader.set(.staff)
        formID = try reader.required(.formID)
        formVersion = try reader.required(.formVersion)
        reviewState = reader.optional(.reviewState) ?? .draft
        reviewComment = reader.optional(.reviewComment)
        ownerAge = reader.optional(.ownerAge)
        consentToShareWithCentre = reader.optional(.consentToShareWithCentre)
        answers = reader.answers()
        try reader.finish()
    }

    /// The single-valued fields and the answers as `answer.<questionID>`; unknown
    /// values are left out.
    public var values: [String: FieldValue] { fields.values }

    /// The set fields, elements sorted; empty sets are left out.
    public var sets: [String: [FieldValue]] { fields.sets }

    private var fields: FieldWriter<Field> {
        var writer = FieldWriter<Field>()
        writer.put(.company, company)
        writer.put(.visit, visit)
        writer.put(.date, date)
        writer.put(.staff, elements: staff)
        writer.put(.formID, formID)
        writer.put(.formVersion, formVersion)
        writer.put(.reviewState, reviewState)
        writer.put(.reviewComment, reviewComment)
        writer.put(.ownerAge, ownerAge)
        writer.put(.consentToShareWithCentre, consentToShareWithCentre)
        writer.putAnswers(answers, prefix: RecordSchema.answerPrefix)
        return writer
    }

    /// Decodes a diagnosis from a flat JSON object keyed by field name, validating it.
    public init(from decoder: any Decoder) throws { try self.init(decodingFieldsFrom: decoder) }

    /// Encodes the diagnosis as a flat JSON object keyed by field name.
    public func encode(to encoder: any Encoder) throws { try encodeFields(to: encoder) }
}
