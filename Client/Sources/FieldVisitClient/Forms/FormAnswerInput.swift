import FieldVisitCore
import Foundation

/// Turns what staff type at a question's prompt into the answer value the form takes.
///
/// Typing is forgiving where the meaning is plain (full-width digits from a Japanese
/// input method, thousands separators, `円`, `▲` for a negative amount as in Japanese
/// accounts, `2024/3/31`), and strict where it is not: the value is then checked by
/// the form's own rules (range, length, existing date, choice list), so a typed answer
/// is held to exactly the rules an answers file is.
public enum FormAnswerInput {
    /// What is accepted for a yes.
    public static let yesWords: Set<String> = ["y", "yes", "はい"]
    /// What is accepted for a no.
    public static let noWords: Set<String> = ["n", "no", "いいえ"]

    /// The answer `text` gives to `question`, or `nil` when it is blank (no answer).
    ///
    /// - Throws: ``ValidationError`` naming the question, saying what to type instead,
    ///   when the text cannot be read as that kind of answer. Whether the value meets
    ///   the question's rules is checked by ``FormSession``.
    public static func parse(_ text: String, for question: FormQuestion) throws(ValidationError) -> FieldValue? {
        let typed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !typed.isEmpty else { return nil }
        func refuse(_ reason: String) -> ValidationError {
            ValidationError(field: question.id, reason: "「\(question.label)」: \(reason)")
        }
        switch question.answerType {
        case .text:
            // Free text is kept as typed, full-width characters included.
            return .text(typed)
        case .yen, .integer:
            let isYen = if case .yen = question.answerType { true } else { false }
            guard let number = wholeNumber(halfWidth(typed), allowingYenSuffix: isYen) else {
                throw refuse((isYen ? FormMessage.refuseYen : FormMessage.refuseInteger).text(["typed": typed]))
            }
            return .integer(number)
        case .year:
            do { return .integer(Int64(try CalendarDate.typedYear(typed, field: question.id))) } catch {
                throw refuse(FormMessage.refuseYear.text(["reason": error.reason]))
            }
        case .date:
            do { return .text(try CalendarDate(typed: typed, field: question.id).description) } catch {
                throw refuse(FormMessage.refuseDate.text(["reason": error.reason]))
            }
        case .boolean:
            let word = halfWidth(typed).lowercased()
            if yesWords.contains(word) { return .bool(true) }
            if noWords.contains(word) { return .bool(false) }
            throw refuse(FormMessage.refuseBoolean.text(["typed": typed]))
        case .choice(let choices):
            let entry = halfWidth(typed)
            if entry.allSatisfy(\.isASCIIDigit), let number = Int(entry) {
                guard (1...choices.count).contains(number) else {
                    throw refuse(FormMessage.refuseChoiceNumber.text(["number": String(number), "count": String(choices.count)]))
                }
                return .text(choices[number - 1].code)
            }
            // An unknown code is passed on, so the form's rule names the allowed codes.
            return .text(entry)
        }
    }

    /// Full-width ASCII (from a Japanese input method) as half-width, and the minus
    /// signs people type as `-`.
    static func halfWidth(_ text: String) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0xFF01...0xFF5E: scalars.append(Unicode.Scalar(scalar.value - 0xFEE0)!)
            case 0x3000: scalars.append(" ")
            case 0x2212, 0x2010, 0x2011, 0x2012, 0x2013, 0x2014, 0x30FC: scalars.append("-")
            default: scalars.append(scalar)
            }
        }
        return String(scalars)
    }

    /// A whole number written with optional sign (`-`, `+`, `▲`, `△`), thousands
    /// separators and, for yen, a trailing `円`.
    static func wholeNumber(_ text: String, allowingYenSuffix: Bool) -> Int64? {
        var body = Substring(text.replacingOccurrences(of: " ", with: ""))
        if allowingYenSuffix, body.hasSuffix("円") { body = body.dropLast() }
        var negative = false
        if let first = body.first, "-+▲△".contains(first) {
            negative = first != "+"
            body = body.dropFirst()
        }
        let groups = body.split(separator: ",", omittingEmptySubsequences: false)
        // Separators only between groups of three, so that "1,20" is not read as 120.
        if groups.count > 1, groups.dropFirst().contains(where: { $0.count != 3 }) || groups[0].isEmpty || groups[0].count > 3 {
            return nil
        }
        let digits = groups.joined()
        guard !digits.isEmpty, digits.allSatisfy(\.isASCIIDigit), let magnitude = Int64(digits) else { return nil }
        return negative ? -magnitude : magnitude
    }
}
