/// Text made safe to print on a terminal, whoever wrote it.
///
/// Notes, comments, names and the server's messages come from other people. Printed raw,
/// a control character or escape sequence in them could erase or rewrite lines on the
/// reader's screen (hide a "⚠ 競合" line, say), retitle the window, plant a link, or
/// reorder the line with bidirectional overrides. ``neutralised(_:lineBreaks:)`` turns
/// all of those into visible, inert characters, and is the one place that rule lives:
/// ``TextTable`` uses it for every cell, and the command line for every value it prints.
///
/// | in the text | printed as |
/// |---|---|
/// | ESC (so `ESC [ 2 K` and `ESC ] 0 ; …` sequences) and the other C0 controls, NUL included | their control pictures: `␛[2K`, `␀`, `␇`, `␈` |
/// | DEL | `␡` |
/// | C1 controls U+0080–U+009F (CSI U+009B, OSC U+009D, NEL U+0085 …) | `�` |
/// | bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069) | `�` |
/// | tab | a space |
/// | a line break (CR LF, LF, a bare CR, U+2028, U+2029) | a space, or a line break (LF) where the caller allows several lines |
///
/// Everything else passes unchanged: Japanese in any width (社長と面談, ｶﾀｶﾅ), emoji,
/// combining marks and variation selectors. Every replacement is one column wide, so
/// tables measured after it line up (``DisplayWidth``).
///
/// ```swift
/// TerminalText.neutralised("面談\u{1B}[2K\u{1B}[1A")    // "面談␛[2K␛[1A"
/// TerminalText.neutralised("一行目\r\n二行目")            // "一行目 二行目"
/// TerminalText.neutralised("一行目\r\n二行目", lineBreaks: .kept) // "一行目\n二行目"
/// ```
///
/// A value of this type is a line to print built by string interpolation: the literal
/// parts are the program's own and are kept, each interpolated value is neutralised on
/// one line. `"コメント: \(comment)"` as a `TerminalText` is safe whatever the comment holds.
public struct TerminalText: Sendable, Hashable, CustomStringConvertible, ExpressibleByStringInterpolation {
    /// What becomes of line breaks in the text.
    public enum LineBreaks: Sendable, Hashable {
        /// Each line break becomes a space: the text stays on one line (table cells,
        /// values after a label).
        case replaced
        /// Line breaks are kept, as LF, for text a caller prints on several lines (and
        /// indents, so that no line of it can pass for one of the program's own).
        case kept
    }

    /// The text, safe to print.
    public let description: String

    /// `text`, neutralised: see ``neutralised(_:lineBreaks:)``.
    public init(_ text: String, lineBreaks: LineBreaks = .replaced) {
        description = Self.neutralised(text, lineBreaks: lineBreaks)
    }

    /// A literal of the program's own, kept as it is.
    public init(stringLiteral value: String) {
        description = value
    }

    /// A line built by interpolation: literal parts kept, interpolated values neutralised.
    public init(stringInterpolation: StringInterpolation) {
        description = stringInterpolation.text
    }

    /// Builds a ``TerminalText`` from literal parts and values.
    public struct StringInterpolation: StringInterpolationProtocol {
        var text = ""

        public init(literalCapacity: Int, interpolationCount: Int) {
            text.reserveCapacity(literalCapacity + interpolationCount * 8)
        }

        /// A literal part: the program's own text.
        public mutating func appendLiteral(_ literal: String) {
            text += literal
        }

        /// A value, neutralised and kept on one line.
        public mutating func appendInterpolation<Value>(_ value: Value) {
            text += TerminalText.neutralised(String(describing: value))
        }

        /// Text already made safe, kept as it is.
        public mutating func appendInterpolation(_ value: TerminalText) {
            text += value.description
        }

        /// A value of several lines, neutralised, with `indent` before each line after the
        /// first so that its lines stand apart from the program's own.
        public mutating func appendInterpolation(lines value: String, indent: String) {
            text += TerminalText.neutralised(value, lineBreaks: .kept).replacingOccurrences(of: "\n", with: "\n" + indent)
        }
    }

    /// `text` with every control character, escape sequence introducer and bidirectional
    /// override made visible and inert (see the table above).
    public static func neutralised(_ text: String, lineBreaks: LineBreaks = .replaced) -> String {
        // Most text has nothing to replace: return it without copying.
        guard text.unicodeScalars.contains(where: needsReplacing) else { return text }
        var result = String.UnicodeScalarView()
        let lineBreak: Unicode.Scalar = lineBreaks == .kept ? "\n" : " "
        var previousWasCR = false
        for scalar in text.unicodeScalars {
            defer { previousWasCR = scalar == "\r" }
            switch scalar.value {
            case 0x0A where previousWasCR:
                continue   // the LF of a CR LF, already one line break
            case 0x0A, 0x0D, 0x2028, 0x2029:
                result.append(lineBreak)
            case 0x09:
                result.append(" ")
            case 0x00..<0x20:
                // Control Pictures: U+2400 + the control's code (␀ … ␛ … ␟).
                result.append(Unicode.Scalar(0x2400 + scalar.value)!)
            case 0x7F:
                result.append("\u{2421}")   // ␡
            case 0x80...0x9F, 0x202A...0x202E, 0x2066...0x2069:
                result.append("\u{FFFD}")
            default:
                result.append(scalar)
            }
        }
        return String(result)
    }

    /// JSON text made safe for a terminal without changing what it means: the
    /// characters JSON leaves raw that a terminal acts on (DEL, C1 controls, line and
    /// paragraph separators, bidi controls) become `\uXXXX` escapes, which any JSON
    /// reader reads back as the same strings. JSON escapes C0 controls itself.
    public static func escapingJSON(_ json: String) -> String {
        guard json.unicodeScalars.contains(where: needsReplacing) else { return json }
        var result = ""
        result.reserveCapacity(json.utf8.count + 16)
        for scalar in json.unicodeScalars {
            if scalar.value >= 0x7F, needsReplacing(scalar) {
                result += String(format: "\\u%04x", scalar.value)
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    private static func needsReplacing(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00..<0x20, 0x7F...0x9F, 0x2028, 0x2029, 0x202A...0x202E, 0x2066...0x2069: true
        default: false
        }
    }
}
