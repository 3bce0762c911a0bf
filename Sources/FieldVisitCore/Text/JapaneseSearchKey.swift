import Foundation

/// Folds Japanese text for search, so that a name is found however it was typed:
/// 株式会社カワムラ is found by カワムラ, ｶﾜﾑﾗ, かわむら and ｶﾜ ﾑﾗ; ＡＢＣ商事 by abc; 第２工場
/// by 第2.
///
/// Folding, in order:
///
/// 1. Unicode NFKC: half-width katakana become full-width (ｶﾞ → ガ, voiced and
///    semi-voiced marks included), full-width letters, digits and symbols become ASCII
///    (ＡＢＣ１２３ → ABC123), enclosed and squared forms are spelled out (① → 1, ㈱ → (株)).
///    A free-standing voiced mark typed after a kana (か゛) joins it (が).
/// 2. Katakana become hiragana (カワムラ → かわむら, ヴ → ゔ).
/// 3. Latin letters become lower case.
/// 4. Spaces of every kind are removed, ASCII and the ideographic space U+3000 included,
///    so 佐藤 花子 and 佐藤花子 are the same key.
/// 5. The middle dot ・ (and ･, ·) is removed: it separates words the way a space does,
///    and is typed or left out at will (ジャパン・テック, ジャパンテック).
/// 6. The long-vowel mark ー is kept: it changes the word (ビル, a building, is not ビール,
///    beer). Only its look-alikes are made one: a hyphen or dash typed right after a kana
///    (コ-ヒ-, コ－ヒ－, コ―ヒ―) becomes ー, since keyboards and half-width input produce
///    them for the long-vowel mark. Elsewhere (a phone number, 1-2-3) hyphens stay.
///
/// 7. Kanji variants people mix in names are one (髙/高, 﨑/崎, 齋/斎/齊, 邊/邉/辺, 澤/沢,
///    濱/浜 …: ``kanjiVariants``), and legal-form abbreviations are written out (㈱, (株),
///    a bank's ｶ) or (ｶ → 株式会社; (有) → 有限会社 …: ``legalForms``).
///
/// Legal forms stay part of the name: 株式会社 is not removed, so a search for 株式会社
/// lists the corporations; a query's word is split at a legal form it holds, so
/// 株式会社カワムラ also finds カワムラ株式会社. Small kana (っ, ゃ) stay distinct from
/// full-size ones.
public enum JapaneseSearchKey {
    /// The search key of `text`: the form in which two spellings of one name are equal.
    public static func fold(_ text: String) -> String {
        // ASCII needs only lower-casing and space removal.
        if text.utf8.allSatisfy({ $0 < 0x80 }) {
            var key = ""
            key.unicodeScalars.append(contentsOf: text.lowercased().unicodeScalars.filter { !$0.properties.isWhitespace })
            return key
        }
        return foldingVariants(foldingScript(text))
    }

    /// Steps 1 to 6 of ``fold(_:)``.
    private static func foldingScript(_ text: String) -> String {
        // Free-standing voiced marks (゛゜) to their combining forms, so NFKC composes
        // them with the kana before them instead of turning them into a space and a mark.
        var prepared = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x309B: prepared.append("\u{3099}")
            case 0x309C: prepared.append("\u{309A}")
            default: prepared.append(scalar)
            }
        }
        // NFKC, then NFC again: some implementations leave a half-width voiced mark
        // decomposed (ｶﾞ → カ + U+3099) instead of composing it (ガ).
        let normalized = String(prepared).precomposedStringWithCompatibilityMapping
            .precomposedStringWithCanonicalMapping.lowercased()

        var key = String.UnicodeScalarView()
        for scalar in normalized.unicodeScalars {
            let value = scalar.value
            if scalar.properties.isWhitespace { continue }
            switch value {
            case 0x30FB, 0x00B7:
                // Middle dots separate words like spaces.
                continue
            case 0x30A1...0x30F6, 0x30FD...0x30FE:
                // Katakana (ァ…ヶ, ヽヾ) to hiragana: the blocks are 0x60 apart.
                key.append(Unicode.Scalar(value - 0x60)!)
            case 0x002D, 0x2010...0x2015, 0x2212, 0x2500, 0x2501, 0xFE63:
                // Hyphens and dashes after a kana are the long-vowel mark.
                if let previous = key.last, isKanaOrLongVowel(previous) {
                    key.append("\u{30FC}")
                } else {
                    key.append(scalar)
                }
            default:
                key.append(scalar)
            }
        }
        return String(key)
    }

    /// Whether `text` matches `query`: every word of the query (words are separated by
    /// spaces, ASCII or ideographic), folded with ``fold(_:)``, occurs in the folded text.
    /// A query without words matches everything.
    ///
    /// ```swift
    /// JapaneseSearchKey.matches(query: "ｶﾜﾑﾗ", in: "株式会社カワムラ")       // true
    /// JapaneseSearchKey.matches(query: "かわむら 株式", in: "株式会社カワムラ")  // true
    /// ```
    public static func matches(query: String, in text: String) -> Bool {
        Query(query).matches(text)
    }

    /// A query folded once, to be matched against many records.
    public struct Query: Sendable, Hashable {
        /// The folded words of the query; empty when the query has none.
        public let terms: [String]

        /// Splits `text` into words at spaces (ASCII or ideographic) and folds each.
        public init(_ text: String) {
            terms = text.split(whereSeparator: \.isWhitespace)
                .flatMap { JapaneseSearchKey.splittingLegalForms(JapaneseSearchKey.fold(String($0))) }
                .filter { !$0.isEmpty }
            termBytes = terms.map { Array($0.utf8) }
        }

        /// The terms' UTF-8, searched for in the folded fields.
        private let termBytes: [[UInt8]]

        /// Whether every word of the query occurs in `text`.
        public func matches(_ text: String) -> Bool {
            if terms.isEmpty { return true }
            let key = Array(JapaneseSearchKey.fold(text).utf8)
            return termBytes.allSatisfy { JapaneseSearchKey.occurs($0, in: key) }
        }

        /// Whether every word of the query occurs in at least one of `fields` (a
        /// company's name, its name in kana, its address): `カワムラ 八戸` finds the
        /// company named カワムラ located in 八戸. A word is never matched across two fields.
        public func matches(anyOf fields: some Sequence<String>) -> Bool {
            if terms.isEmpty { return true }
            let keys = fields.map { Array(JapaneseSearchKey.fold($0).utf8) }
            return termBytes.allSatisfy { term in keys.contains { JapaneseSearchKey.occurs(term, in: $0) } }
        }
    }

    /// Whether `term` occurs in `key`, both folded. Compared as UTF-8 code units, which
    /// in UTF-8 can only match at code point boundaries: the same result on every
    /// platform, whatever Foundation's or the standard library's string search would do
    /// with combining marks.
    static func occurs(_ term: [UInt8], in key: [UInt8]) -> Bool {
        guard !term.isEmpty else { return true }
        guard term.count <= key.count else { return false }
        let first = term[0]
        for start in 0...(key.count - term.count) where key[start] == first {
            var offset = 1
            while offset < term.count, key[start + offset] == term[offset] { offset += 1 }
            if offset == term.count { return true }
        }
        return false
    }

    /// Hiragana, katakana (folded text has none, but hyphens may follow a kana left as
    /// is, such as ヷ), voiced marks without a composed form (ㇷ゚) and the long-vowel mark.
    private static func isKanaOrLongVowel(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x3041...0x3096, 0x3099...0x309A, 0x309D...0x309E, 0x30A1...0x30FA, 0x30FC...0x30FE, 0x31F0...0x31FF: true
        default: false
        }
    }
}
