/// A hearing sheet (ヒアリングシート) built on the local benchmark: the answers to one
/// version of a hearing form, taken with a company's owner.
///
/// The questions live in the versioned form, not here: ``answers`` holds whatever the
/// form asks, keyed by question id, each stored as its own field.
public struct HearingSheet: Record {
    /// The names of a hearing sheet's fields, as stored and sent. Answers are stored
    /// under `answer.<questionID>` besides these.
    public enum Field: String, CaseIterable, Sendable, FieldName {
        /// The company interviewed; required.
        case company
        /// The visit during which the sheet was taken.
        case visit
        /// The date the sheet was taken; required.
        case date
        /// The staff who took it.
        case staff
        /// The id of the form answered; required.
        case formID
        /// The version of the form answered; required.
        case formVersion
        /// Where the record stands in review.
        case reviewState
        /// The reviewer's comment.
        case reviewComment
    }

    /// The schema of hearing sheets.
    public static var schema: RecordSchema { .hearingSheet }

    /// The sheet's record id.
    public var id: RecordID
    /// The company interviewed.
    public var company: RecordID
    /// The visit during which the sheet was taken, if recorded.
    public var visit: RecordID?
    /// The date the sheet was taken.
    public var date: CalendarDate
    /// The names of the staff who took it.
    public var staff: Set<String>
    /// The id of the form answered.
    public var formID: String
    /// The version of the form answered, from 1: answers are read with that version.
    public var formVersion: Int
    /// Where the record stands in review; a record nobody has submitted is a draft.
    public var reviewState: ReviewState
    /// The reviewer's comment.
    public var reviewComment: String?
    /// The answers, keyed by question id. Validated by the form, not the schema; an
    /// unanswered question has no entry.
    public var answers: [String: FieldValue]

    /// A hearing sheet, checked against the schema.
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
        self.answers = answers.filter { $0.value != .null }
        try validate()
    }

    /// A hearing sheet read from its field values, after validating them against the schema.
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
        writer.putAnswers(answers, prefix: RecordSchema.answerPrefix)
        return writer
    }

    /// Decodes a hearing sheet from a flat JSON object keyed by field name, validating it.
    public init(from decoder: any Decoder) throws { try self.init(decodingFieldsFrom: decoder) }

    /// Encodes the hearing sheet as a flat JSON object keyed by field name.
    public func encode(to encoder: any Encoder) throws { try encodeFields(to: encoder) }
}
