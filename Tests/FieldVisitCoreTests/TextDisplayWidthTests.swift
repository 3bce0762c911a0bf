import Testing
@testable import FieldVisitCore

@Suite("Text: display width")
struct TextDisplayWidthTests {
    @Test func everyKanjiTakesTwoColumns() {
        for character in "株式会社八戸水産髙﨑" {
            #expect(DisplayWidth.standard.width(of: character) == 2, "\(character)")
        }
        #expect(DisplayWidth.width(of: "漢字") == 4)
        #expect(DisplayWidth.width(of: "株式会社") == 8)
        #expect(DisplayWidth.width(of: "𠮷野家") == 6)
    }

    @Test func fullWidthKanaTakeTwoColumnsAndHalfWidthKanaOne() {
        #expect(DisplayWidth.width(of: "カタカナ") == 8)
        #expect(DisplayWidth.width(of: "ひらがな") == 8)
        #expect(DisplayWidth.width(of: "ｶﾀｶﾅ") == 4)
        // A half-width voiced mark is a column of its own, though it is part of the character.
        #expect(DisplayWidth.width(of: "ｶﾞ") == 2)
        #expect(DisplayWidth.width(of: "ガ") == 2)
    }

    @Test func fullWidthFormsAndCJKPunctuationTakeTwoColumns() {
        #expect(DisplayWidth.width(of: "ＡＢＣ１２３") == 12)
        #expect(DisplayWidth.width(of: "、。「」・ー") == 12)
        #expect(DisplayWidth.width(of: "\u{3000}") == 2)
        #expect(DisplayWidth.width(of: "（株）") == 6)
    }

    @Test func mixedTextAddsUp() {
        #expect(DisplayWidth.width(of: "ABC商事") == 7)
        #expect(DisplayWidth.width(of: "株式会社ｶﾜﾑﾗ 123") == 16)
        #expect(DisplayWidth.width(of: "2024年5月14日 訪問") == 18)
        #expect(DisplayWidth.width(of: "") == 0)
    }

    @Test func emojiTakeTwoColumnsEvenAsSequences() {
        for emoji in ["😀", "👍🏽", "🇯🇵", "👨‍👩‍👧", "❤️", "🏭"] {
            #expect(DisplayWidth.width(of: emoji) == 2, "\(emoji)")
        }
    }

    @Test func combiningMarksAndControlsTakeNoColumns() {
        #expect(DisplayWidth.width(of: "e\u{301}") == 1)
        #expect(DisplayWidth.width(of: "か\u{3099}") == 2)
        #expect(DisplayWidth.width(of: "\t") == 0)
        #expect(DisplayWidth.width(of: "\u{1B}[31m") == 4)
        #expect(DisplayWidth.width(of: "a\r\nb") == 2)
        #expect(DisplayWidth.width(of: "a\u{200B}b") == 2)
    }

    @Test func ambiguousCharactersAreNarrowUnlessTheTerminalSaysOtherwise() {
        let wide = DisplayWidth(ambiguousIsWide: true)
        for text in ["①", "○", "※", "…", "─"] {
            #expect(DisplayWidth.width(of: text) == 1, "\(text)")
            #expect(wide.width(of: text) == 2, "\(text)")
        }
        #expect(wide.width(of: "ABC") == 3)
        #expect(wide.width(of: "漢字") == 4)
    }

    @Test func paddingFillsByDisplayWidth() {
        #expect(DisplayWidth.pad("青森", to: 6) == "青森  ")
        #expect(DisplayWidth.pad("青森", to: 6, alignment: .right) == "  青森")
        #expect(DisplayWidth.pad("青森", to: 7, alignment: .center) == " 青森  ")
        #expect(DisplayWidth.pad("ｶﾜﾑﾗ", to: 6) == "ｶﾜﾑﾗ  ")
        #expect(DisplayWidth.pad("株式会社", to: 4) == "株式会社")
        for text in ["株式会社カワムラ", "ABC", "ｶﾞｽ", "😀x"] {
            for alignment in DisplayWidth.Alignment.allCases {
                #expect(DisplayWidth.width(of: DisplayWidth.pad(text, to: 20, alignment: alignment)) == 20)
            }
        }
    }

    @Test func truncationEndsWithAnEllipsis() {
        #expect(DisplayWidth.truncate("株式会社カワムラ製作所", toWidth: 9) == "株式会社…")
        #expect(DisplayWidth.truncate("ABC株式会社", toWidth: 6) == "ABC株…")
        #expect(DisplayWidth.truncate("ｶﾜﾑﾗ製作所", toWidth: 6) == "ｶﾜﾑﾗ…")
        #expect(DisplayWidth.truncate("株式", toWidth: 1) == "…")
        #expect(DisplayWidth.truncate("株式", toWidth: 0) == "")
    }

    @Test func textThatFitsIsNotTruncated() {
        #expect(DisplayWidth.truncate("株式会社", toWidth: 8) == "株式会社")
        #expect(DisplayWidth.truncate("ABC", toWidth: 10) == "ABC")
    }

    /// Cutting inside a two-column character would leave half a kanji on screen: the
    /// result is at most as wide as asked, a whole-character prefix, and one column
    /// narrower when a wide character did not fit.
    @Test func truncationNeverCutsAWideCharacterInHalf() {
        let texts = ["株式会社カワムラ製作所", "A株B式C会D社", "ｶﾜﾑﾗ製作所ABC", "😀😀😀abc", "佐藤 花子（営業部）"]
        for text in texts {
            let full = DisplayWidth.width(of: text)
            for width in 0...(full + 2) {
                let cut = DisplayWidth.truncate(text, toWidth: width)
                let cutWidth = DisplayWidth.width(of: cut)
                #expect(cutWidth <= width, "\(text) to \(width): \(cut)")
                if width >= full {
                    #expect(cut == text)
                } else if width > 0 {
                    #expect(cut.hasSuffix("…"))
                    #expect(text.hasPrefix(String(cut.dropLast())), "\(text) to \(width): \(cut)")
                    #expect(cutWidth >= width - 1, "\(text) to \(width): \(cut)")
                }
            }
        }
    }

    @Test func aWideEllipsisIsMeasuredAsWide() {
        let wide = DisplayWidth(ambiguousIsWide: true)
        #expect(wide.truncate("株式会社", toWidth: 5) == "株…")
        #expect(wide.truncate("株式会社", toWidth: 1) == "")
        #expect(wide.truncate("abc", toWidth: 1) == "a")
    }
}
