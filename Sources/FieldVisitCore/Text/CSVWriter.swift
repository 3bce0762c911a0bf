import Foundation

/// Writes rows as CSV (RFC 4180) the way Excel in Japan opens them: fields quoted when
/// they hold a comma, a double quote, CR or LF (quotes inside doubled), lines ending in
/// CR LF, and with ``CSVEncoding/utf8WithBOM`` the byte order mark that makes Excel read
/// UTF-8 rather than Shift_JIS.
///
/// ```swift
/// let writer = CSVWriter(encoding: .utf8WithBOM)
/// let data = try writer.data([["会社名", "メモ"], ["株式会社カワムラ", "設備更新, 資金繰り"]])
/// // EF BB BF "会社名,メモ\r\n株式会社カワムラ,\"設備更新, 資金繰り\"\r\n"
/// ```
///
/// Every row ends with a line ending, the last one too. A row made of a single empty
/// field is written as `""`, so that it is not read back as a blank line.
public struct CSVWriter: Sendable, Hashable {
    /// How lines end.
    public enum LineEnding: String, Sendable, Hashable, CaseIterable {
        /// CR LF, as RFC 4180 and Excel expect.
        case crlf = "\r\n"
        /// LF alone, for Unix tools.
        case lf = "\n"
    }

    /// The encoding of ``data(_:)``; with ``CSVEncoding/utf8WithBOM``, ``string(_:)``
    /// also starts with the byte order mark (U+FEFF).
    public var encoding: CSVEncoding
    /// How lines end. Line breaks inside fields are written as they are.
    public var lineEnding: LineEnding
    /// Whether every field is quoted, needed or not.
    public var quotesAllFields: Bool
    /// Whether a field Excel would take for a formula (it starts with `=`, `+`, `-` or
    /// `@`, and is not simply a number such as `-1500`) is written with a leading `'`,
    /// so that opening an export in Excel never runs what someone typed into a note.
    /// Such a field no longer reads back exactly: turn this on for files meant for
    /// people, off for files meant to be imported again.
    public var guardsFormulas: Bool

    /// A writer; the defaults are UTF-8 without a byte order mark and CR LF.
    public init(encoding: CSVEncoding = .utf8, lineEnding: LineEnding = .crlf, quotesAllFields: Bool = false, guardsFormulas: Bool = false) {
        self.encoding = encoding
        self.lineEnding = lineEnding
        self.quotesAllFields = quotesAllFields
        self.guardsFormulas = guardsFormulas
    }

    /// One field as it appears in the file: quoted when needed.
    public func field(_ value: String) -> String {
        var value = value
        if guardsFormulas, Self.looksLikeFormula(value) { value = "'" + value }
        let needsQuotes = quotesAllFields || value.utf8.contains { byte in
            byte == UInt8(ascii: ",") || byte == UInt8(ascii: "\"") || byte == 0x0D || byte == 0x0A
        }
        guard needsQuotes else { return value }
        // Quotes are doubled code point by code point: as characters, a quote followed
        // by a combining mark (such as the half-width voiced mark ﾞ) is one character
        // that is not equal to a quote.
        var quoted = String.UnicodeScalarView()
        quoted.append("\"")
        for scalar in value.unicodeScalars {
            if scalar == "\"" { quoted.append("\"") }
            quoted.append(scalar)
        }
        quoted.append("\"")
        return String(quoted)
    }

    /// One record with its line ending.
    public func line(_ fields: [String]) -> String {
        if fields.count == 1, fields[0].isEmpty { return "\"\"" + lineEnding.rawValue }
        return fields.map(field).joined(separator: ",") + lineEnding.rawValue
    }

    /// The whole file as text; it starts with U+FEFF when the encoding is
    /// ``CSVEncoding/utf8WithBOM``.
    public func string(_ rows: [[String]]) -> String {
        var text = encoding == .utf8WithBOM ? "\u{FEFF}" : ""
        for row in rows { text += line(row) }
        return text
    }

    /// The whole file as bytes in ``encoding``. Only Shift_JIS can fail: the error names
    /// the line and the character it has no code for.
    public func data(_ rows: [[String]]) throws(CSVError) -> Data {
        let text = string(rows)
        switch encoding {
        case .utf8, .utf8WithBOM:
            return Data(text.utf8)
        case .cp932:
            do {
                return try CP932.encode(text)
            } catch {
                let kind: CSVError.Kind = error.kind == .converterUnavailable ? .encodingUnavailable : .unencodableCharacter
                throw CSVError(kind, line: error.line, error.message)
            }
        }
    }

    /// Whether Excel would read `value` as a formula: it starts with `=`, `+`, `-` or
    /// `@` and is not a plain number.
    public static func looksLikeFormula(_ value: String) -> Bool {
        guard let first = value.utf8.first, [UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "@")].contains(first) else {
            return false
        }
        return !isPlainNumber(value)
    }

    /// `-1500`, `+3`, `-0.25`: a sign, digits, at most one decimal point.
    private static func isPlainNumber(_ value: String) -> Bool {
        var digits = 0
        var points = 0
        for (index, byte) in value.utf8.enumerated() {
            if index == 0, byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-") { continue }
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digits += 1
            case UInt8(ascii: "."): points += 1
            default: return false
            }
        }
        return digits > 0 && points <= 1
    }
}
