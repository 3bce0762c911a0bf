/// Why a CSV file could not be read or written, with the line it concerns so that the
/// person who prepared the file can find and fix it: `line 7: this row has 4 fields but
/// the header has 5; …`.
public struct CSVError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong, for code that reacts to particular problems.
    public enum Kind: Sendable, Hashable {
        /// Bytes that are neither UTF-8 nor Shift_JIS (CP932).
        case undecodableBytes
        /// A quoted field whose closing quote is missing.
        case unterminatedQuotedField
        /// Text between a quoted field's closing quote and the next comma or line end.
        case textAfterClosingQuote
        /// The file has no records, so no header either.
        case missingHeader
        /// A column of the header has no name.
        case emptyColumnName
        /// Two columns of the header have the same name.
        case duplicateColumnName
        /// A column the import needs is not in the header.
        case missingColumn
        /// A row has more or fewer fields than the header.
        case wrongFieldCount
        /// A character the chosen encoding cannot represent (an emoji in Shift_JIS).
        case unencodableCharacter
        /// This system has no Shift_JIS converter.
        case encodingUnavailable
    }

    /// What went wrong.
    public var kind: Kind
    /// The 1-based line of the file concerned, when there is one.
    public var line: Int?
    /// The problem and what to do about it, in plain words, in both languages.
    public var message: LocalizedText

    /// The problem and what to do about it, in the process's language.
    public var reason: String { message.text() }

    /// An error of `kind` on `line`, with a message saying what to do.
    public init(_ kind: Kind, line: Int?, _ message: LocalizedText) {
        self.kind = kind
        self.line = line
        self.message = message
    }

    /// An error whose reason reads the same in both languages (words passed on from another error).
    public init(_ kind: Kind, line: Int?, reason: String) {
        self.init(kind, line: line, LocalizedText(verbatim: reason))
    }

    /// `line 7: reason`, or the reason alone when there is no line.
    /// `line 3: reason` in `language`, or the reason alone when there is no line.
    public func description(in language: Language) -> String {
        guard let line else { return message.text(in: language) }
        return TextFileMessage.onLine.text(["line": "\(line)", "reason": message.text(in: language)], in: language)
    }

    public var description: String { description(in: .current) }
}
