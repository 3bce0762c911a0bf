import FieldVisitCore

/// A form being filled in one question at a time: which question to ask next given the
/// answers so far (the form's branching, through ``FormEvaluator``), and what a typed
/// answer gives.
///
/// ```swift
/// var session = FormSession(definition: try FormCatalog.builtIn.latest(id: "succession-diagnosis"))
/// while let question = session.nextQuestion {
///     try session.respond(to: question, with: readLine() ?? "")
/// }
/// let answers = session.collectedAnswers
/// ```
public struct FormSession: Sendable {
    /// What a typed line did to the form.
    public enum Response: Sendable, Hashable {
        /// The question now has this answer.
        case answered(FieldValue)
        /// The optional question was left unanswered.
        case skipped
    }

    /// Reads the answers against the form version being filled in.
    public let evaluator: FormEvaluator
    /// The answers so far.
    public private(set) var answers: FormAnswers
    /// The optional questions left unanswered on purpose, so they are not asked again.
    public private(set) var skippedQuestions: Set<String> = []
    /// Answers offered at a question, taken when staff press Enter on an empty line (the
    /// diagnosis date defaults to the record's date, for example).
    public var suggestions: [String: FieldValue]

    /// A session filling in `definition` from scratch.
    public init(definition: FormDefinition, suggestions: [String: FieldValue] = [:]) {
        evaluator = FormEvaluator(definition)
        answers = FormAnswers(for: definition)
        self.suggestions = suggestions
    }

    /// The form version being filled in.
    public var definition: FormDefinition { evaluator.definition }

    /// The next question to ask: the first question shown for the answers so far that
    /// has no acceptable answer and was not skipped; `nil` when the form is done.
    public var nextQuestion: FormQuestion? {
        let counted = evaluator.effectiveAnswers(answers.answers)
        return evaluator.applicableQuestions(answers.answers).first {
            counted[$0.id] == nil && !skippedQuestions.contains($0.id)
        }
    }

    /// The section holding `questionID`, for its heading.
    public func section(of questionID: String) -> FormSection? {
        definition.sections.first { section in section.questions.contains { $0.id == questionID } }
    }

    /// The suggestion for `question`, when there is one and the question would accept it.
    public func suggestion(for question: FormQuestion) -> FieldValue? {
        guard let value = suggestions[question.id], problem(with: value, for: question) == nil else { return nil }
        return value
    }

    /// Records what staff typed at `question`: an answer, the suggestion (empty line,
    /// when there is one), or a skip (empty line at an optional question).
    ///
    /// - Throws: ``ValidationError`` naming the question when the text is not an
    ///   acceptable answer, or is empty at a required question without a suggestion;
    ///   the answers are then unchanged, so the question can be asked again.
    @discardableResult
    public mutating func respond(to question: FormQuestion, with text: String) throws(ValidationError) -> Response {
        guard let value = try FormAnswerInput.parse(text, for: question) else {
            if let suggested = suggestion(for: question) {
                try accept(suggested, for: question)
                return .answered(suggested)
            }
            guard !question.isRequired else {
                throw ValidationError(field: question.id, reason: FormMessage.formRequired.text(["label": question.label]))
            }
            answers[question.id] = nil
            skippedQuestions.insert(question.id)
            return .skipped
        }
        try accept(value, for: question)
        return .answered(value)
    }

    /// Records `value` as the answer to `question` if the form's rules accept it.
    ///
    /// - Throws: ``ValidationError`` naming the question, with the form's reason.
    public mutating func accept(_ value: FieldValue, for question: FormQuestion) throws(ValidationError) {
        if let problem = problem(with: value, for: question) { throw problem.validationError }
        answers[question.id] = value
        skippedQuestions.remove(question.id)
    }

    /// Forgets the answer to `questionID` (or that it was skipped), so that
    /// ``nextQuestion`` asks it again.
    public mutating func reopen(_ questionID: String) {
        answers[questionID] = nil
        skippedQuestions.remove(questionID)
    }

    /// The answers to store: those to questions that no longer apply are left out, since
    /// a question asked again may have closed a branch answered before.
    public var collectedAnswers: FormAnswers { evaluator.pruned(answers) }

    /// What the form's rules say against `value` as the answer to `question`, judged as
    /// the form would judge it in the complete answer set.
    private func problem(with value: FieldValue, for question: FormQuestion) -> FormAnswerProblem? {
        evaluator.problems(in: answers.setting(question.id, to: value)).first { problem in
            guard problem.questionID == question.id else { return false }
            switch problem.kind {
            case .wrongType, .notAChoice, .outOfRange, .tooLong, .invalidDate: return true
            // Whether the question is shown or answered is not about this value.
            case .missingRequired, .notApplicable, .unknownQuestion, .wrongForm: return false
            }
        }
    }
}
