/// Dates and years as people in Japan type them, in options, answer files and CSV cells:
/// `2024-04-01`, `2024/4/1`, `2024年4月1日`, `令和6年4月1日`, `令和元年5月1日`, `R6.4.1`,
/// `R6/4/1`, `H30-4-1`, full-width digits and letters alike. A date outside its era
/// (`平成31年5月1日`, `令和1年4月30日`) or that does not exist (`R6.2.30`) is refused with a
/// message naming the field. Stored and printed dates stay ISO (`2024-04-01`).
extension CalendarDate {
    /// Reads a date as a person types it (see above).
    public init(typed text: String, field: String = "date") throws(ValidationError) {
        let normal = Self.normalised(text)
        func refuse(_ message: ValidationMessage, _ values: [String: String] = [:]) -> ValidationError {
            ValidationError(field: field, message.localized(values.merging(["text": text]) { $1 }))
        }
        guard normal.count <= 40 else { throw refuse(.typedNotDate) }
        let (era, rest) = Self.era(of: normal)
        let parts = Self.numbers(rest, separators: ["-", "/", ".", "年", "月", "日"])
        guard parts.count == 3, let month = parts[1], let day = parts[2] else {
            throw refuse(.typedDateForm)
        }
        guard let yearNumber = parts[0] ?? (era != nil && Self.isFirstYear(rest) ? 1 : nil) else {
            throw refuse(.typedDateForm)
        }
        let year = era.map { $0.firstYear + yearNumber - 1 } ?? yearNumber
        if era == nil, yearNumber < 1000 { throw refuse(.typedNoEra) }
        let date: CalendarDate
        do { date = try CalendarDate(year: year, month: month, day: day, field: field) } catch {
            // `2023-02-29 does not exist`; an era date names the text typed as well.
            let plain = normal.allSatisfy { $0.isASCIIDigit || $0 == "-" }
            throw plain ? error : ValidationError(field: field, ValidationMessage.typedWrapped.localized(["text": text], parts: ["reason": error.message]))
        }
        if let era {
            guard yearNumber >= 1, date >= era.firstDay else { throw refuse(.beforeEra, ["era": era.name, "date": "\(era.firstDay)"]) }
            if let last = era.lastDay, date > last { throw refuse(.afterEra, ["era": era.name, "date": "\(last)", "next": era.next!.name]) }
        }
        self = date
    }

    /// Reads a year as a person types it: `1958`, `1958年`, `昭和33年`, `S33`, `令和元年`,
    /// `R5`, and a fiscal year's `令和5年度`. An era's year past its end (`平成32年`) is
    /// refused.
    public static func typedYear(_ text: String, field: String = "year") throws(ValidationError) -> Int {
        var normal = normalised(text)
        func refuse(_ message: ValidationMessage, _ values: [String: String] = [:]) -> ValidationError {
            ValidationError(field: field, message.localized(values.merging(["text": text]) { $1 }))
        }
        guard normal.count <= 20 else { throw refuse(.typedNotYear) }
        if normal.hasSuffix("年度") { normal.removeLast(2) } else if normal.hasSuffix("年") { normal.removeLast() }
        let (era, rest) = era(of: normal)
        guard let era else {
            guard rest.count == 4, rest.allSatisfy(\.isASCIIDigit), let year = Int(rest) else {
                throw refuse(.typedYearForm)
            }
            return year
        }
        let number = rest == "元" ? 1 : Int(rest)
        guard let number, number >= 1, number <= 99 else { throw refuse(.notEraYear, ["era": era.name, "initial": String(era.initial)]) }
        let year = era.firstYear + number - 1
        if let last = era.lastDay, year > last.year {
            throw refuse(.yearAfterEra, ["era": era.name, "year": "\(last.year)", "next": era.next!.name])
        }
        return year
    }

    /// Full-width digits, letters and punctuation as ASCII, letters in capitals, spaces out.
    static func normalised(_ text: String) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0xFF01...0xFF5E: scalars.append(Unicode.Scalar(scalar.value - 0xFEE0)!)
            case 0x20, 0x3000, 0x09: continue
            default: scalars.append(scalar)
            }
        }
        return String(scalars).uppercased()
    }

    /// The era a text starts with, by name or initial, and what follows it.
    static func era(of text: String) -> (JapaneseEra?, Substring) {
        for era in JapaneseEra.allCases {
            if text.hasPrefix(era.name) { return (era, text.dropFirst(era.name.count)) }
            if text.first == era.initial, text.dropFirst().first.map({ $0.isASCIIDigit || $0 == "元" }) == true { return (era, text.dropFirst()) }
        }
        return (nil, Substring(text))
    }

    /// The numbers of a text split at `separators` (a trailing 日 or 年 ends it); `nil` for
    /// a part that is not digits (元 is read by the caller).
    static func numbers(_ text: Substring, separators: Set<Character>) -> [Int?] {
        var parts: [Int?] = [], current = ""
        for character in text {
            if separators.contains(character) {
                parts.append(number(current))
                current = ""
            } else {
                current.append(character)
            }
        }
        if !current.isEmpty { parts.append(number(current)) }
        return parts
    }

    /// A part of at most six ASCII digits as a number; anything else is `nil`.
    private static func number(_ part: String) -> Int? {
        part.count <= 6 && !part.isEmpty && part.allSatisfy(\.isASCIIDigit) ? Int(part) : nil
    }

    /// Whether an era date names its first year as 元 (`元年5月1日`, `元.5.1`).
    static func isFirstYear(_ text: Substring) -> Bool { text.hasPrefix("元") }
}

extension Character {
    /// Whether the character is one of the ASCII digits 0–9 (not other scripts' digits).
    public var isASCIIDigit: Bool { isASCII && isNumber }
}
