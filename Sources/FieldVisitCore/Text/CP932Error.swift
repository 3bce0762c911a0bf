/// Why text could not be converted from or to Shift_JIS (CP932).
public struct CP932Error: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong.
    public enum Kind: Sendable, Hashable {
        /// Bytes that are not valid Shift_JIS (CP932).
        case invalidBytes
        /// A character Shift_JIS (CP932) has no code for: an emoji, a rare kanji such as 𠮷.
        case unencodableCharacter(Unicode.Scalar)
        /// This system's iconv has neither a CP932 nor a SHIFT_JIS converter.
        case converterUnavailable
    }

    /// What went wrong.
    public var kind: Kind
    /// Where: the offset in the bytes being decoded, or in the UTF-8 of the text being
    /// encoded. `nil` when the converter is unavailable.
    public var byteOffset: Int?
    /// The 1-based line of the text where the problem is (lines end at LF, CR or CR LF).
    public var line: Int?
    /// The problem and what to do about it, in plain words, in both languages.
    public var message: LocalizedText

    /// The problem and what to do about it, in the process's language.
    public var reason: String { message.text() }

    /// An error of `kind` at `byteOffset` and `line`, with a message saying what to do.
    public init(_ kind: Kind, byteOffset: Int?, line: Int?, _ message: LocalizedText) {
        self.kind = kind
        self.byteOffset = byteOffset
        self.line = line
        self.message = message
    }

    /// `line 3: reason`, or the reason alone when there is no line.
    /// `line 3: reason` in `language`, or the reason alone when there is no line.
    public func description(in language: Language) -> String {
        guard let line else { return message.text(in: language) }
        return TextFileMessage.onLine.text(["line": "\(line)", "reason": message.text(in: language)], in: language)
    }

    public var description: String { description(in: .current) }
}
