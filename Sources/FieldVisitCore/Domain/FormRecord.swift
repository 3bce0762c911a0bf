/// A record that holds a form's answers — a hearing sheet, a succession diagnosis, any
/// ``FormRecordType``: the fields every such record has (``ReviewedRecordField``,
/// ``FormRecordField``), the type's own fields, and the
/// answers to one version of its form.
///
/// The questions live in the versioned form, not here: ``answers`` holds whatever the
/// form asks, keyed by question id, each stored as its own field `answer.<questionID>`,
/// so that two people answering different questions merge without a conflict. Like the
/// typed records (``Record``), it is built from field values only after they pass its
/// schema, and gives them back: `try FormRecord(schema: s, id: r.id, values: r.values, sets: r.sets) == r`.
public struct FormRecord: Sendable, Hashable, Identifiable {
    /// The prefix of answer fields.
    public static let answerPrefix = "answer."

    /// The record type (`hearingSheet`).
    public var type: RecordType
    /// The record's id.
    public var id: RecordID
    /// The company the form was taken with.
    public var company: RecordID
    /// The visit during which it was taken, if recorded.
    public var visit: RecordID?
    /// The date it was taken.
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
    /// The values of the type's own fields (``FormRecordType/ownFields``), by field name.
    public var own: [String: FieldValue]
    /// The answers, keyed by question id. Validated by the form, not the schema; an
    /// unanswered question has no entry.
    public var answers: [String: FieldValue]

    /// A form record, checked against `schema` (its type's: ``FormRecordType/schema(catalog:)``).
    public init(
        schema: RecordSchema,
        id: RecordID,
        company: RecordID,
        visit: RecordID? = nil,
        date: CalendarDate,
        staff: Set<String> = [],
        formID: String,
        formVersion: Int,
        reviewState: ReviewState = .draft,
        reviewComment: String? = nil,
        own: [String: FieldValue] = [:],
        answers: [String: FieldValue] = [:]
    ) throws(ValidationErrors) {
        self.type = schema.recordType
        self.id = id
        self.company = company
        self.visit = visit
        self.date = date
        self.staff = staff
        self.formID = formID
        self.formVersion = formVersion
        self.reviewState = reviewState
        self.reviewComment = reviewComment
        self.own = own.filter { $0.value != .null }
        self.answers = answers.filter { $0.value != .null }
        try schema.validate(values: values, sets: sets)
    }

    /// A form record read from its field values, after validating them against `schema`.
    public init(schema: RecordSchema, id: RecordID, values: [String: FieldValue], sets: [String: [FieldValue]]) throws(ValidationErrors) {
        var reader = try FieldReader<ReviewedRecordField>(validating: values, sets: sets, against: schema)
        type = schema.recordType
        self.id = id
        company = try reader.required(.company)
        visit = reader.optional(FormRecordField.visit)
        date = try reader.required(.date)
        staff = reader.set(.staff)
        formID = try reader.required(FormRecordField.formID)
        formVersion = try reader.required(FormRecordField.formVersion)
        reviewState = reader.optional(.reviewState) ?? .draft
        reviewComment = reader.optional(.reviewComment)
        let common = Set(RecordSchema.formFields.map(\.name))
        own = values.filter { field, value in
            !common.contains(field) && !field.hasPrefix(Self.answerPrefix) && value != .null
        }
        answers = reader.answers()
        try reader.finish()
    }

    /// The single-valued fields, the type's own and the answers as `answer.<questionID>`.
    public var values: [String: FieldValue] { fields.values }

    /// The set fields, elements sorted; empty sets are left out.
    public var sets: [String: [FieldValue]] { fields.sets }

    private var fields: FieldWriter<ReviewedRecordField> {
        var writer = FieldWriter<ReviewedRecordField>()
        writer.put(.company, company)
        writer.put(FormRecordField.visit, visit)
        writer.put(.date, date)
        writer.put(.staff, elements: staff)
        writer.put(FormRecordField.formID, formID)
        writer.put(FormRecordField.formVersion, formVersion)
        writer.put(.reviewState, reviewState)
        writer.put(.reviewComment, reviewComment)
        writer.putOwn(own)
        writer.putAnswers(answers, prefix: Self.answerPrefix)
        return writer
    }
}
