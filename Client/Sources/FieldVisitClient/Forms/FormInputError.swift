import FieldVisitCore

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
            FormMessage.fileUnreadable.text(["path": path, "reason": reason])
        case .notJSON(let path, let reason):
            FormMessage.fileNotJSON.text(["path": path, "reason": reason, "shape": Self.shape])
        case .notAnAnswerObject(let path, let found):
            FormMessage.fileNotAnObject.text(["path": path, "found": found, "shape": Self.shape])
        case .unusableValue(let path, let questionID, let reason):
            FormMessage.fileUnusableValue.text(["question": questionID, "path": path, "reason": reason])
        case .inputEnded(let questionID, let label):
            FormMessage.formInputEnded.text(["question": questionID, "label": label])
        }
    }

    /// The shape an answers file must have, as the messages show it.
    static let shape = "{\"questionID\": value, …}"
}
