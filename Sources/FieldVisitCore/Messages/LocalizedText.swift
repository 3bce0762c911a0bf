/// A message already rendered in both languages, carried by an error until it is shown:
/// to the user of this process in ``Language/current``, or to a client in the language
/// its request asked for.
public struct LocalizedText: Sendable, Hashable, CustomStringConvertible {
    /// The English text.
    public var english: String
    /// The Japanese text.
    public var japanese: String

    public init(english: String, japanese: String) {
        self.english = english
        self.japanese = japanese
    }

    /// Text that reads the same in both languages: a number, a code, a quoted input, or
    /// the words of another system (an operating-system error) passed on as they came.
    public init(verbatim text: String) {
        self.init(english: text, japanese: text)
    }

    /// The text in `language`.
    public func text(in language: Language = .current) -> String {
        language == .japanese ? japanese : english
    }

    /// Joins the two texts of each part, in order, with `separator`.
    public static func joined(_ parts: [LocalizedText], separator: String) -> LocalizedText {
        LocalizedText(english: parts.map(\.english).joined(separator: separator), japanese: parts.map(\.japanese).joined(separator: separator))
    }

    public var description: String { text() }
}
