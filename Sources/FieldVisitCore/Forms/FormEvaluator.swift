/// Reads answers against one version of a form: which questions apply (branching),
/// what to ask next, whether the form is complete, what is wrong with the answers, and
/// which result rule they reach.
///
/// Answers to questions that do not apply are never used: they are left out of
/// ``effectiveAnswers(_:)``, so they steer no branching and no result, and
/// ``problems(in:)`` reports each of them as ``FormAnswerProblem/Kind/notApplicable(condition:)``
/// so that staff clear them (``pruned(_:)`` does it) or correct the answer they depend on.
/// Keeping them until then matters offline: switching a yes to a no and back must not
/// lose what was typed in between.
public struct FormEvaluator: Sendable {
    /// The form version the answers are read against.
    public let definition: FormDefinition

    /// An evaluator for `definition`. Use ``FormCatalog/evaluator(for:)`` to get the one
    /// for the version that answers name.
    public init(_ definition: FormDefinition) {
        self.definition = definition
    }

    /// The answers that count: valid answers to questions that apply, without `null` or
    /// blank text. Questions are visited in order and each condition reads only earlier
    /// questions, so one pass settles every question.
    public func effectiveAnswers(_ answers: [String: FieldValue]) -> [String: FieldValue] {
        walk(answers).counted
    }

    /// The questions shown for `answers` (the answers so far), in the order asked.
    public func applicableQuestions(_ answers: [String: FieldValue]) -> [FormQuestion] {
        walk(answers).applicable
    }

    /// One pass over the form: the questions shown and the answers that count. An answer
    /// that is refused (wrong kind, not a choice …) counts as none, so it opens no branch.
    private func walk(_ answers: [String: FieldValue]) -> (applicable: [FormQuestion], counted: [String: FieldValue]) {
        var counted: [String: FieldValue] = [:]
        var applicable: [FormQuestion] = []
        for question in definition.questions where question.when?.holds(for: counted) ?? true {
            applicable.append(question)
            if let value = answers[question.id], FormAnswerType.isAnswer(value), question.answerType.problem(with: value) == nil {
                counted[question.id] = value
            }
        }
        return (applicable, counted)
    }

    /// Whether `questionID` is shown for `answers`; `false` for a question the form lacks.
    public func applies(_ questionID: String, given answers: [String: FieldValue]) -> Bool {
        applicableQuestions(answers).contains { $0.id == questionID }
    }

    /// The first shown question without an acceptable answer (required or not; a refused
    /// answer is asked again), or `nil` when every shown question is answered: what to
    /// ask next.
    public func nextUnansweredQuestion(_ answers: [String: FieldValue]) -> FormQuestion? {
        let (applicable, counted) = walk(answers)
        return applicable.first { counted[$0.id] == nil }
    }

    /// The shown, required questions without an answer, in the order asked. (A refused
    /// answer is reported by ``problems(in:)`` as what it is, not as missing.)
    public func missingRequiredQuestions(_ answers: [String: FieldValue]) -> [FormQuestion] {
        applicableQuestions(answers).filter { $0.isRequired && !FormAnswerType.isAnswer(answers[$0.id]) }
    }

    /// Whether every shown, required question has an answer. Says nothing about whether
    /// the answers are valid; ``validate(_:)`` checks both.
    public func isComplete(_ answers: [String: FieldValue]) -> Bool {
        missingRequiredQuestions(answers).isEmpty
    }

    /// The answers with those to questions that do not apply removed: what to store once
    /// staff confirm that the hidden answers should go.
    public func pruned(_ answers: FormAnswers) -> FormAnswers {
        FormAnswers(formID: answers.formID, formVersion: answers.formVersion, answers: effectiveAnswers(answers.answers))
    }

    /// Everything wrong with `answers`, question by question in form order, then answers
    /// to unknown questions by id: wrong form or version, wrong kinds, codes outside the
    /// choice list, numbers out of range, bad dates, text too long, required answers
    /// missing, and answers to questions that do not apply or do not exist.
    public func problems(in answers: FormAnswers) -> [FormAnswerProblem] {
        guard answers.formID == definition.id, answers.formVersion == definition.version else {
            return [FormAnswerProblem(
                questionID: "formID", questionLabel: nil,
                kind: .wrongForm(expected: definition.versionedName, got: answers.versionedName)
            )]
        }
        let values = answers.answers
        var problems: [FormAnswerProblem] = []
        var effective: [String: FieldValue] = [:]
        var known: Set<String> = []
        // Questions whose answer was refused, and questions whose showing depends on one:
        // whether the latter apply is unknown until the refused answer is corrected, so
        // they are not reported as missing or as not applying (one error, not a cascade).
        var unsettled: Set<String> = []
        for question in definition.questions {
            known.insert(question.id)
            let value = values[question.id]
            let isAnswered = FormAnswerType.isAnswer(value)
            func report(_ kind: FormAnswerProblem.Kind) {
                problems.append(FormAnswerProblem(questionID: question.id, questionLabel: question.label, kind: kind))
            }
            if !unsettled.isEmpty, let condition = question.when, condition.referencedQuestions.contains(where: unsettled.contains) {
                unsettled.insert(question.id)
                continue
            }
            if let condition = question.when, !condition.holds(for: effective) {
                if isAnswered { report(.notApplicable(condition: condition)) }
                continue
            }
            guard isAnswered, let value else {
                if question.isRequired { report(.missingRequired) }
                continue
            }
            if let problem = question.answerType.problem(with: value) {
                report(problem)
                // A refused answer must not open branches either.
                unsettled.insert(question.id)
                continue
            }
            effective[question.id] = value
        }
        for questionID in values.keys.sorted() where !known.contains(questionID) {
            problems.append(FormAnswerProblem(
                questionID: questionID, questionLabel: nil, kind: .unknownQuestion(formName: definition.versionedName)
            ))
        }
        return problems
    }

    /// Throws every problem of ``problems(in:)`` together, each naming its question, or
    /// returns when the answers are complete and valid.
    public func validate(_ answers: FormAnswers) throws(ValidationErrors) {
        let problems = problems(in: answers)
        if !problems.isEmpty { throw ValidationErrors(problems.map(\.validationError)) }
    }

    /// The first result rule that the complete, valid `answers` reach (the form's final
    /// catch-all when no other matches), or `nil` for a form without result rules.
    /// Refuses incomplete or invalid answers rather than classify a half-filled form.
    public func outcome(for answers: FormAnswers) throws(ValidationErrors) -> FormOutcome? {
        try validate(answers)
        let effective = effectiveAnswers(answers.answers)
        return definition.outcomes.first { $0.when?.holds(for: effective) ?? true }
    }
}
