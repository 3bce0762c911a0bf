import FieldVisitCore
import Foundation

/// An answers file: one JSON object giving a form's answers by question id, for filling
/// in a form without prompts.
///
/// ```json
/// {"ownerBirthYear": "昭和31年", "diagnosisDate": "2024-06-01", "takenBy": "interview",
///  "hasSuccessorCandidate": false, "intentionWithoutSuccessor": "sell", "hasBuyerCandidate": false,
///  "hasAdvisor": true, "wantsConsultation": true, "wantsCentreContact": true,
///  "consentToShareWithCentre": true}
/// ```
///
/// Values are strings for choice codes, text and dates, whole numbers for yen, integers
/// and years, `true`/`false` for yes/no, and `null` for no answer. Only the shape is
/// checked here; whether the answers suit the form is the form's judgement.
public enum FormAnswersFile {
    /// Reads the answers in the file at `path` (`-` reads standard input).
    ///
    /// - Throws: ``FormInputError`` when the file cannot be read or is not such an object.
    public static func read(path: String) throws(FormInputError) -> [String: FieldValue] {
        let data: Data
        if path == "-" {
            data = FileHandle.standardInput.readDataToEndOfFile()
        } else {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw .unreadableFile(path: path, reason: TextFileMessage.noSuchFile.text())
            }
            guard !isDirectory.boolValue else { throw .unreadableFile(path: path, reason: TextFileMessage.isDirectory.text()) }
            do {
                data = try Data(contentsOf: URL(fileURLWithPath: path))
            } catch {
                throw .unreadableFile(path: path, reason: (error as NSError).localizedDescription)
            }
        }
        return try decode(data, path: path)
    }

    /// Decodes answers from the file's bytes; `path` names the file in messages.
    ///
    /// - Throws: ``FormInputError`` when the bytes are not JSON, not one object, or hold
    ///   a value that no answer can be (a fraction, a list, an object).
    public static func decode(_ data: Data, path: String) throws(FormInputError) -> [String: FieldValue] {
        // JSONSerialization says where the syntax breaks; JSONDecoder (below) keeps the
        // kinds of values apart, which JSONSerialization blurs (true and 1).
        do {
            _ = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
        } catch {
            let reason = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String
            throw .notJSON(path: path, reason: reason ?? FormMessage.fileUnparsable.text())
        }
        let document: JSONShape
        do {
            document = try JSONDecoder().decode(JSONShape.self, from: data)
        } catch {
            throw .notJSON(path: path, reason: "\(error)")
        }
        guard case .object(let members) = document else { throw .notAnAnswerObject(path: path, found: document.kindName) }
        var answers: [String: FieldValue] = [:]
        for (questionID, member) in members {
            switch member {
            case .answer(let value): answers[questionID] = value
            case .fraction(let number) where number.rounded() == number:
                throw .unusableValue(path: path, questionID: questionID, reason: FormMessage.valueTooLarge.text(["number": "\(number)"]))
            case .fraction(let number):
                throw .unusableValue(path: path, questionID: questionID, reason: FormMessage.valueNotWhole.text(["number": "\(number)"]))
            case .list:
                throw .unusableValue(path: path, questionID: questionID, reason: FormMessage.valueList.text())
            case .object:
                throw .unusableValue(path: path, questionID: questionID, reason: FormMessage.valueObject.text())
            }
        }
        return answers
    }

    /// A JSON value as far as answers care: an answer, or a kind no answer can be.
    /// Decoded kind by kind, so that `true` and `1` stay apart.
    private indirect enum JSONShape: Decodable {
        case answer(FieldValue)
        case fraction(Double)
        case list
        case object([String: JSONShape])

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if container.decodeNil() {
                self = .answer(.null)
            } else if let flag = try? container.decode(Bool.self) {
                self = .answer(.bool(flag))
            } else if let number = try? container.decode(Int64.self) {
                self = .answer(.integer(number))
            } else if let text = try? container.decode(String.self) {
                self = .answer(.text(text))
            } else if let number = try? container.decode(Double.self) {
                self = .fraction(number)
            } else if let members = try? container.decode([String: JSONShape].self) {
                self = .object(members)
            } else {
                _ = try container.decode([JSONShape].self)
                self = .list
            }
        }

        var kindName: String {
            switch self {
            case .answer(.null): ValidationMessage.kindNull.text()
            case .answer(.bool): ValidationMessage.expectTrueOrFalse.text()
            case .answer(.integer), .fraction: FormMessage.kindNumber.text()
            case .answer(.text): FormMessage.kindString.text()
            case .list: FormMessage.kindList.text()
            case .object: FormMessage.kindObject.text()
            }
        }
    }
}
