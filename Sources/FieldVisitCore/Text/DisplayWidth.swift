/// How many terminal columns text takes, and padding and truncating by that width, so
/// that lists of companies and visits written in Japanese line up on the command line.
///
/// A character's width follows Unicode's East Asian Width, as terminals do:
///
/// | characters | columns |
/// |---|---|
/// | kanji, hiragana, katakana, full-width letters and digits (ＡＢＣ１２３), CJK punctuation (、。「」), the ideographic space, emoji | 2 |
/// | ASCII, half-width katakana (ｶﾀｶﾅ, and ﾞ ﾟ as separate columns), Latin, Greek, Cyrillic | 1 |
/// | combining marks, zero-width and format characters, control characters (tab, newline, escape) | 0 |
/// | ambiguous characters (○, ①, ※, …, ─) | 1, or 2 with ``ambiguousIsWide`` |
///
/// An emoji sequence (a flag, a family joined with zero-width joiners, a skin tone, an
/// emoji with the emoji variation selector) is one picture and counts 2.
///
/// ```swift
/// DisplayWidth.width(of: "株式会社ｶﾜﾑﾗ")                      // 12
/// DisplayWidth.pad("青森", to: 6, alignment: .right)            // "  青森"
/// DisplayWidth.truncate("株式会社カワムラ製作所", toWidth: 9)  // "株式会社…"
/// ```
public struct DisplayWidth: Sendable, Hashable {
    /// Where text sits when it is padded to a wider width.
    public enum Alignment: Sendable, Hashable, CaseIterable {
        /// Spaces after the text: names, notes.
        case left
        /// Spaces before the text: amounts, counts, dates.
        case right
        /// Spaces on both sides, one more after when the padding is odd.
        case center
    }

    /// Whether East Asian Ambiguous characters (○, ①, ※, α, …, ─) take two columns, as
    /// in terminals set up for CJK ("ambiguous width: wide"). Most terminals draw them
    /// one column wide, the default.
    public var ambiguousIsWide: Bool

    /// A measure for terminals that draw ambiguous characters one or two columns wide.
    public init(ambiguousIsWide: Bool = false) {
        self.ambiguousIsWide = ambiguousIsWide
    }

    /// The measure of most terminals: ambiguous characters are one column wide.
    public static let standard = DisplayWidth()

    // MARK: Measuring

    /// The number of columns `text` takes in a terminal.
    public func width(of text: some StringProtocol) -> Int {
        // Printable ASCII is one column a character and needs no grapheme breaking.
        if text.utf8.allSatisfy({ (0x20...0x7E).contains($0) }) { return text.utf8.count }
        var total = 0
        for character in text { total += width(of: character) }
        return total
    }

    /// The number of columns one character (one grapheme cluster) takes.
    public func width(of character: Character) -> Int {
        let scalars = character.unicodeScalars
        guard let first = scalars.first else { return 0 }
        if scalars.count > 1, Self.isEmojiSequence(scalars, startingWith: first) { return 2 }
        var total = 0
        for scalar in scalars { total += width(of: scalar) }
        return total
    }

    /// The number of columns one code point takes on its own.
    public func width(of scalar: Unicode.Scalar) -> Int {
        let value = scalar.value
        if (0x20...0x7E).contains(value) { return 1 }
        if value < 0x20 || (0x7F...0x9F).contains(value) { return 0 }
        // Hangul medial vowels and final consonants join the preceding initial consonant.
        if (0x1160...0x11FF).contains(value) || (0xD7B0...0xD7FF).contains(value) { return 0 }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format, .lineSeparator, .paragraphSeparator:
            return 0
        default:
            break
        }
        if value >= 0x1100, Self.contains(value, in: Self.wideRanges) || scalar.properties.isEmojiPresentation {
            return 2
        }
        if ambiguousIsWide, Self.contains(value, in: Self.ambiguousRanges) { return 2 }
        return 1
    }

    // MARK: Padding and truncating

    /// `text` with spaces added so that it is `width` columns wide. Text already as wide
    /// or wider is returned unchanged (see ``truncate(_:toWidth:ellipsis:)`` to shorten it).
    public func pad(_ text: String, to width: Int, alignment: Alignment = .left) -> String {
        let missing = width - self.width(of: text)
        guard missing > 0 else { return text }
        switch alignment {
        case .left:
            return text + String(repeating: " ", count: missing)
        case .right:
            return String(repeating: " ", count: missing) + text
        case .center:
            let before = missing / 2
            return String(repeating: " ", count: before) + text + String(repeating: " ", count: missing - before)
        }
    }

    /// `text` shortened to at most `width` columns, ending with `ellipsis` when something
    /// was cut. Whole characters only: a two-column character that does not fit is left
    /// out rather than cut in half, so the result may be one column narrower than `width`
    /// (pad it when it must fill the width exactly). Text that fits is returned unchanged.
    public func truncate(_ text: String, toWidth width: Int, ellipsis: String = "…") -> String {
        guard width > 0 else { return "" }
        guard self.width(of: text) > width else { return text }
        let ellipsisWidth = self.width(of: ellipsis)
        // When not even the ellipsis fits, keep what fits of the text.
        let suffix = ellipsisWidth <= width ? ellipsis : ""
        let budget = width - self.width(of: suffix)
        var kept = ""
        var used = 0
        for character in text {
            let characterWidth = self.width(of: character)
            if used + characterWidth > budget { break }
            kept.append(character)
            used += characterWidth
        }
        return kept + suffix
    }

    // MARK: With the standard measure

    /// The number of columns `text` takes in a terminal that draws ambiguous characters
    /// one column wide (``standard``).
    public static func width(of text: some StringProtocol) -> Int {
        standard.width(of: text)
    }

    /// ``pad(_:to:alignment:)`` with the ``standard`` measure.
    public static func pad(_ text: String, to width: Int, alignment: Alignment = .left) -> String {
        standard.pad(text, to: width, alignment: alignment)
    }

    /// ``truncate(_:toWidth:ellipsis:)`` with the ``standard`` measure: "…" takes one column.
    public static func truncate(_ text: String, toWidth width: Int, ellipsis: String = "…") -> String {
        standard.truncate(text, toWidth: width, ellipsis: ellipsis)
    }

    // MARK: Private

    /// Whether a grapheme cluster of several code points is drawn as one emoji picture.
    private static func isEmojiSequence(_ scalars: Character.UnicodeScalarView, startingWith first: Unicode.Scalar) -> Bool {
        // Two regional indicators make a flag.
        if (0x1F1E6...0x1F1FF).contains(first.value) { return true }
        guard first.properties.isEmoji else { return false }
        for scalar in scalars.dropFirst() {
            switch scalar.value {
            case 0xFE0F: return true                  // emoji presentation selector: ❤️
            case 0x200D: return true                  // zero-width joiner: 👨‍👩‍👧
            case 0x1F3FB...0x1F3FF: return true       // skin tone: 👍🏽
            case 0xE0020...0xE007F: return true       // tag sequences: subdivision flags
            default: continue
            }
        }
        return false
    }

    /// Binary search of `value` in sorted, disjoint `ranges`.
    private static func contains(_ value: UInt32, in ranges: [ClosedRange<UInt32>]) -> Bool {
        var low = 0
        var high = ranges.count - 1
        while low <= high {
            let middle = (low + high) / 2
            let range = ranges[middle]
            if value < range.lowerBound {
                high = middle - 1
            } else if value > range.upperBound {
                low = middle + 1
            } else {
                return true
            }
        }
        return false
    }
}
