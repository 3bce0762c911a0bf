/// One thing wrong with a set of answers, naming the question (id and Japanese label)
/// and saying what to do about it.
///
/// ``FormEvaluator/problems(in:)`` lists them; ``FormEvaluator/validate(_:)`` throws them
/// as ``ValidationErrors`` whose `field` is the question id.
public struct FormAnswerProblem: Sendable, Hashable, CustomStringConvertible {
    /// What is wrong.
    public enum Kind: Sendable, Hashable {
        /// The answer is of the wrong kind (text for a yen amount, a number for yes/no).
        case wrongType(expected: String, got: FieldValue)
        /// The code is not one of the question's choices.
        case notAChoice(code: String, allowed: [String])
        /// The number is outside the question's bounds.
        case outOfRange(value: Int64, min: Int64?, max: Int64?)
        /// The text is longer than the question allows.
        case tooLong(length: Int, maxLength: Int)
        /// The text is not an existing date written `YYYY-MM-DD`.
        case invalidDate(text: String, reason: LocalizedText)
        /// The question applies and is required, but has no answer: the form is incomplete.
        case missingRequired
        /// The question has an answer but does not apply given the other answers; the
        /// answer is ignored in every result until it is cleared or the question applies.
        case notApplicable(condition: FormCondition)
        /// The form version has no question with this id.
        case unknownQuestion(formName: String)
        /// The answers name another form or version than the one they were checked with.
        case wrongForm(expected: String, got: String)
    }

    /// The id of the question concerned (`formID` for ``Kind/wrongForm(expected:got:)``).
    public var questionID: String
    /// The question's Japanese label, when the form has the question.
    public var questionLabel: String?
    /// What is wrong.
    public var kind: Kind

    /// A problem with the answer to `questionID`, labelled `questionLabel` when the form has it.
    public init(questionID: String, questionLabel: String?, kind: Kind) {
        self.questionID = questionID
        self.questionLabel = questionLabel
        self.kind = kind
    }

    /// The problem in plain words, in both languages, starting with the question's label,
    /// ending with what to do.
    public var message: LocalizedText {
        typealias M = FormAnswerMessage
        let subject = questionLabel.map { LocalizedText(verbatim: "「\($0)」") } ?? M.thisAnswer.localized()
        switch kind {
        case .wrongType(let expected, let got):
            return M.wrongType.localized(["value": "\(got)"], parts: ["subject": subject, "expected": Self.describe(expected), "kind": got.kindText])
        case .notAChoice(let code, let allowed):
            return M.notAChoice.localized(["code": code, "allowed": allowed.joined(separator: ", ")], parts: ["subject": subject])
        case .outOfRange(let value, let min, let max):
            let bounds = switch (min, max) {
            case (let min?, let max?): M.between.localized(["min": "\(min)", "max": "\(max)"])
            case (let min?, nil): M.atLeast.localized(["min": "\(min)"])
            case (nil, let max?): M.atMost.localized(["max": "\(max)"])
            case (nil, nil): M.withinRange.localized()
            }
            return M.outOfRange.localized(["value": "\(value)"], parts: ["subject": subject, "bounds": bounds])
        case .tooLong(let length, let maxLength):
            return M.tooLong.localized(["length": "\(length)", "max": "\(maxLength)"], parts: ["subject": subject])
        case .invalidDate(_, let reason):
            return M.invalidDate.localized(parts: ["subject": subject, "reason": reason])
        case .missingRequired:
            return M.missingRequired.localized(parts: ["subject": subject])
        case .notApplicable(let condition):
            return M.notApplicable.localized(["condition": "\(condition)"], parts: ["subject": subject])
        case .unknownQuestion(let formName):
            return M.unknownQuestion.localized(["question": questionID, "form": formName])
        case .wrongForm(let expected, let got):
            return M.wrongForm.localized(["expected": expected, "got": got])
        }
    }

    /// The problem in the process's language.
    public var reason: String { message.text() }

    /// The problem as a ``ValidationError`` whose field is the question id.
    public var validationError: ValidationError { ValidationError(field: questionID, label: questionLabel, message) }

    /// `questionID: reason`, as ``ValidationError`` prints it.
    public var description: String { validationError.description }

    private static func describe(_ typeName: String) -> LocalizedText {
        let message: FormAnswerMessage? = switch typeName {
        case "yen": .typeYen
        case "integer": .typeInteger
        case "year": .typeYear
        case "date": .typeDate
        case "boolean": .typeBoolean
        case "choice": .typeChoice
        default: nil
        }
        return message?.localized() ?? ValidationMessage.kindText.localized()
    }
}
