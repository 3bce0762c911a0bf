import FieldVisitCore

extension FormSession {
    /// Asks the form's questions one by one over lines of text, following its branching,
    /// until every question shown is answered or skipped.
    ///
    /// Each section's title is written when the section changes; each question with its
    /// help, what to type and, for a choice, the numbered choices with their codes. A line
    /// that is not an acceptable answer is refused with the reason and the question asked
    /// again; an empty line skips an optional question or takes the suggestion shown.
    /// When the form is done, `finalCheck` judges the answers as a whole: a problem it
    /// names against an answered question reopens that question.
    ///
    /// - Parameters:
    ///   - readLine: the next line typed, without its line break; `nil` at the end of input.
    ///   - write: shows text (prompts end without a line break, where the answer is typed).
    ///   - finalCheck: the problems of the complete answers, each naming its question.
    /// - Throws: ``FormInputError/inputEnded(questionID:questionLabel:)`` when the input
    ///   ends before the form is done.
    public mutating func interview(
        readLine: () -> String?,
        write: (String) -> Void,
        finalCheck: (FormAnswers) -> [ValidationError] = { _ in [] }
    ) throws(FormInputError) {
        write("\(definition.title)（\(definition.versionedName)）\n")
        write(FormMessage.formIntroduction.text() + "\n")
        var currentSection: String?
        while true {
            guard let question = nextQuestion else {
                let reopened = finalCheck(collectedAnswers).filter { problem in
                    answers[problem.field] != nil && evaluator.applies(problem.field, given: answers.answers)
                }
                guard !reopened.isEmpty else { return }
                for problem in reopened {
                    write("✗ \(problem.reason)\n")
                    reopen(problem.field)
                }
                currentSection = nil
                continue
            }
            if let section = section(of: question.id), section.id != currentSection {
                write("\n■ \(section.title)\n")
                currentSection = section.id
            }
            write(prompt(for: question))
            while true {
                write("> ")
                guard let line = readLine() else {
                    throw .inputEnded(questionID: question.id, questionLabel: question.label)
                }
                do {
                    try respond(to: question, with: line)
                    break
                } catch {
                    write("  ✗ \(error.reason)\n")
                }
            }
        }
    }

    /// The text shown before the answer to `question` is typed: its label, its help,
    /// the numbered choices with codes, and what to type.
    public func prompt(for question: FormQuestion) -> String {
        var lines = [question.label + (question.isRequired ? "" : FormMessage.formOptional.text())]
        if let help = question.help { lines.append("  \(help)") }
        if case .choice(let choices) = question.answerType {
            let rows = choices.enumerated().map { index, choice in ["\(index + 1).", choice.code, choice.label] }
            let table = TextTable(
                columns: [.init("", alignment: .right), .init(""), .init("")], rows: rows, showsHeader: false
            )
            lines += table.render().split(separator: "\n", omittingEmptySubsequences: false).map { "  " + $0 }
        }
        var hint = "  [" + Self.typingHint(for: question.answerType)
        if let suggested = suggestion(for: question) {
            hint += FormMessage.formEnterTakes.text(["suggestion": Self.suggestionText(suggested, for: question)])
        } else if !question.isRequired {
            hint += FormMessage.formEnterSkips.text()
        }
        lines.append(hint + "]")
        return lines.joined(separator: "\n") + "\n"
    }

    /// What to type for an answer of `type`.
    static func typingHint(for type: FormAnswerType) -> String {
        switch type {
        case .yen(let min, _):
            (min ?? -1) >= 0 ? FormMessage.typeYenPositive.text() : FormMessage.typeYenSigned.text()
        case .integer(let min, let max):
            switch (min, max) {
            case (let min?, let max?): FormMessage.typeIntegerBetween.text(["min": String(min), "max": String(max)])
            case (let min?, nil): FormMessage.typeIntegerAtLeast.text(["min": String(min)])
            case (nil, let max?): FormMessage.typeIntegerAtMost.text(["max": String(max)])
            case (nil, nil): FormAnswerMessage.typeInteger.text()
            }
        case .text(let maxLength): FormMessage.typeText.text(["length": String(maxLength)])
        case .year: FormMessage.typeYear.text()
        case .date: FormMessage.typeDate.text()
        case .boolean: FormMessage.typeBoolean.text()
        case .choice: FormMessage.typeChoice.text()
        }
    }

    /// A suggested answer as typed back at the prompt.
    private static func suggestionText(_ value: FieldValue, for question: FormQuestion) -> String {
        switch value {
        case .bool(let flag): flag ? "はい" : "いいえ"
        case .text(let code) where !question.answerType.choices.isEmpty: code
        default: value.description
        }
    }
}
