/// Why a form's answers could not be taken in: an answers file that cannot be read, or
/// a terminal interview cut short. Nothing is stored in either case; each message says
/// what to do.
public enum FormInputError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The answers file could not be read.
    case unreadableFile(path: String, reason: String)
    /// The answers file is not JSON.
    case notJSON(path: String, reason: String)
    /// The answers file is JSON, but not one object of answers.
    case notAnAnswerObject(path: String, found: String)
    /// One answer in the file is not a JSON value an answer can be.
    case unusableValue(path: String, questionID: String, reason: String)
    /// Standard input ended before the form was complete.
    case inputEnded(questionID: String, questionLabel: String)

    /// The problem in plain words, saying what to do.
    public var description: String {
        switch self {
        case .unreadableFile(let path, let reason):
            "cannot read the answers file \(path): \(reason); nothing was stored"
        case .notJSON(let path, let reason):
            "the answers file \(path) is not valid JSON (\(reason)); write one object {\"questionID\": value, …}. Nothing was stored"
        case .notAnAnswerObject(let path, let found):
            "the answers file \(path) holds \(found), not an object; write one object {\"questionID\": value, …}. Nothing was stored"
        case .unusableValue(let path, let questionID, let reason):
            "\(questionID): in \(path), \(reason); use a string for codes, text and dates, a whole number for yen, integers and years, true or false for yes/no. Nothing was stored"
        case .inputEnded(let questionID, let label):
            FormMessage.formInputEnded.text(["question": questionID, "label": label])
        }
    }
}
