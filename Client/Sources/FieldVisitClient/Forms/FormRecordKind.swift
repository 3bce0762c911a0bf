import FieldVisitCore

/// The two kinds of record that hold a form's answers: the hearing sheet and the
/// business-succession diagnosis. Ties each to its form, record type and schema.
public enum FormRecordKind: String, Sendable, Hashable, CaseIterable {
    /// A hearing sheet (ヒアリングシート), answered with the `hearing-sheet` form.
    case hearingSheet
    /// A business-succession diagnosis (事業承継診断), answered with the
    /// `succession-diagnosis` form.
    case successionDiagnosis

    /// The id of the form this kind of record is answered with.
    public var formID: String {
        switch self {
        case .hearingSheet: FormDefinition.hearingSheetID
        case .successionDiagnosis: FormDefinition.successionDiagnosisID
        }
    }

    /// The record type stored.
    public var recordType: RecordType {
        switch self {
        case .hearingSheet: .hearingSheet
        case .successionDiagnosis: .successionDiagnosis
        }
    }

    /// The schema the stored record is validated against.
    public var schema: RecordSchema {
        switch self {
        case .hearingSheet: .hearingSheet
        case .successionDiagnosis: .successionDiagnosis
        }
    }

    /// The record type's Japanese name (ヒアリングシート, 事業承継診断).
    public var label: String { schema.label }

    /// The kind holding records of `type`, or `nil` for a type without a form.
    public init?(recordType type: RecordType) {
        guard let kind = Self.allCases.first(where: { $0.recordType == type }) else { return nil }
        self = kind
    }

    /// The field name under which the answer to `questionID` is stored (`answer.sales`).
    public func answerField(_ questionID: String) -> String {
        (schema.answerFieldPrefix ?? "answer.") + questionID
    }

    /// The answers held in a record's fields, keyed by question id; cleared answers are
    /// left out, as they are unanswered questions.
    public func answers(inFields values: [String: FieldValue]) -> [String: FieldValue] {
        guard let prefix = schema.answerFieldPrefix else { return [:] }
        var answers: [String: FieldValue] = [:]
        for (field, value) in values where field.hasPrefix(prefix) && value != .null {
            answers[String(field.dropFirst(prefix.count))] = value
        }
        return answers
    }
}
