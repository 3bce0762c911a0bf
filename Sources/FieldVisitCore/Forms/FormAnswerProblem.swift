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
        case invalidDate(text: String, reason: String)
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

    /// The problem in plain words, starting with the question's label, ending with what to do.
    public var reason: String {
        let subject = questionLabel.map { "「\($0)」" } ?? "this answer"
        switch kind {
        case .wrongType(let expected, let got):
            return "\(subject) takes \(Self.describe(expected)); got \(got.kindName) \(got). Enter it again in that form"
        case .notAChoice(let code, let allowed):
            return "\(subject): \"\(code)\" is not one of its choices; use one of: \(allowed.joined(separator: ", "))"
        case .outOfRange(let value, let min, let max):
            let bounds = switch (min, max) {
            case (let min?, let max?): "between \(min) and \(max)"
            case (let min?, nil): "at least \(min)"
            case (nil, let max?): "at most \(max)"
            case (nil, nil): "within range"
            }
            return "\(subject): \(value) is out of range; it must be \(bounds)"
        case .tooLong(let length, let maxLength):
            return "\(subject) is \(length) characters long; shorten it to at most \(maxLength)"
        case .invalidDate(_, let reason):
            return "\(subject): \(reason); enter an existing date as YYYY-MM-DD"
        case .missingRequired:
            return "\(subject) is required but has no answer: the form is incomplete until it is answered"
        case .notApplicable(let condition):
            return "\(subject) does not apply to these answers (it is asked only when \(condition)); clear this answer or correct the answer it depends on"
        case .unknownQuestion(let formName):
            return "\"\(questionID)\" is not a question of \(formName); remove the answer or record it against the form version that asks it"
        case .wrongForm(let expected, let got):
            return "the answers were given to \(got) but are being checked against \(expected); check them against the version they name"
        }
    }

    /// The problem as a ``ValidationError`` whose field is the question id.
    public var validationError: ValidationError { ValidationError(field: questionID, reason: reason) }

    /// `questionID: reason`, as ``ValidationError`` prints it.
    public var description: String { validationError.description }

    private static func describe(_ typeName: String) -> String {
        switch typeName {
        case "yen": "a whole number of yen (no decimals, no separators)"
        case "integer": "a whole number"
        case "year": "a year such as 1958"
        case "date": "a date written YYYY-MM-DD"
        case "boolean": "yes or no (true or false)"
        case "choice": "one of its choice codes"
        default: "text"
        }
    }
}
