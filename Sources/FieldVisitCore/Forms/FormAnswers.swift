/// The answers given on one filled-in form, with the form id and version they were
/// given against, so that they are always read with the questions that were asked.
///
/// Encoded as `{"formID": "hearing-sheet", "formVersion": 1, "answers": {"sales": 120000000}}`.
/// An answer of `null` or blank text counts as no answer (a cleared question).
public struct FormAnswers: Sendable, Hashable, Codable {
    /// The id of the form answered (`hearing-sheet`).
    public var formID: String
    /// The version of the form answered.
    public var formVersion: Int
    /// The answers by question id.
    public var answers: [String: FieldValue]

    /// Answers given to version `formVersion` of form `formID`.
    public init(formID: String, formVersion: Int, answers: [String: FieldValue] = [:]) {
        self.formID = formID
        self.formVersion = formVersion
        self.answers = answers
    }

    /// Empty answers to `definition`, ready to be filled in.
    public init(for definition: FormDefinition) {
        self.init(formID: definition.id, formVersion: definition.version)
    }

    /// The answer to `questionID`, or `nil` when there is none.
    public subscript(questionID: String) -> FieldValue? {
        get { answers[questionID] }
        set { answers[questionID] = newValue }
    }

    /// A copy with `value` recorded for `questionID`.
    public func setting(_ questionID: String, to value: FieldValue) -> FormAnswers {
        var copy = self
        copy.answers[questionID] = value
        return copy
    }

    /// `hearing-sheet v1`, for messages.
    public var versionedName: String { "\(formID) v\(formVersion)" }
}
