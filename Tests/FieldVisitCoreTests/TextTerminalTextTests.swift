import Foundation
import Testing
@testable import FieldVisitCore

@Suite("Text: terminal-safe text")
struct TextTerminalTextTests {
    /// No byte that a terminal acts on: C0 controls (LF aside, where allowed), DEL, C1.
    static func isInert(_ text: String, allowingLineBreaks: Bool = false) -> Bool {
        !text.unicodeScalars.contains { scalar in
            if allowingLineBreaks, scalar == "\n" { return false }
            return scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
                || (0x202A...0x202E).contains(scalar.value) || (0x2066...0x2069).contains(scalar.value)
        }
    }

    @Test("ANSI CSI sequences lose their ESC: nothing erased, no cursor moved, no colour")
    func csiSequences() {
        #expect(TerminalText.neutralised("面談\u{1B}[2K\u{1B}[1A⚠ なし") == "面談␛[2K␛[1A⚠ なし")
        #expect(TerminalText.neutralised("\u{1B}[31m赤\u{1B}[0m") == "␛[31m赤␛[0m")
    }

    @Test("OSC sequences, ended by BEL or by ST, neither retitle the window nor make links")
    func oscSequences() {
        #expect(TerminalText.neutralised("\u{1B}]0;title\u{07}本文") == "␛]0;title␇本文")
        let link = TerminalText.neutralised("\u{1B}]8;;http://x\u{1B}\\ここ\u{1B}]8;;\u{1B}\\")
        #expect(link == "␛]8;;http://x␛\\ここ␛]8;;␛\\")
        #expect(Self.isInert(link))
    }

    @Test("C1 controls, the one-byte CSI U+009B among them, become U+FFFD")
    func c1Controls() {
        #expect(TerminalText.neutralised("a\u{9B}2Jb\u{85}c\u{9D}0;x\u{9C}") == "a\u{FFFD}2Jb\u{FFFD}c\u{FFFD}0;x\u{FFFD}")
        #expect(TerminalText.neutralised("\u{80}\u{9F}") == "\u{FFFD}\u{FFFD}")
    }

    @Test("a bare CR cannot return to the start of the line to overwrite it")
    func carriageReturn() {
        #expect(TerminalText.neutralised("承認済み\r差戻し") == "承認済み 差戻し")
        #expect(TerminalText.neutralised("承認済み\r差戻し", lineBreaks: .kept) == "承認済み\n差戻し")
        #expect(!TerminalText.neutralised("a\rb\r\nc", lineBreaks: .kept).unicodeScalars.contains("\r"))
    }

    @Test("backspace, NUL, BEL and DEL become visible control pictures")
    func otherControls() {
        #expect(TerminalText.neutralised("abc\u{08}\u{08}x") == "abc␈␈x")
        #expect(TerminalText.neutralised("a\u{00}b") == "a␀b")
        #expect(TerminalText.neutralised("\u{07}\u{7F}") == "␇␡")
    }

    @Test("bidirectional embeddings, overrides and isolates cannot reorder the line")
    func bidiControls() {
        let text = "\u{202A}a\u{202B}b\u{202C}c\u{202D}d\u{202E}e\u{2066}f\u{2067}g\u{2068}h\u{2069}"
        #expect(TerminalText.neutralised(text) == "\u{FFFD}a\u{FFFD}b\u{FFFD}c\u{FFFD}d\u{FFFD}e\u{FFFD}f\u{FFFD}g\u{FFFD}h\u{FFFD}")
    }

    @Test("line breaks and tabs: a space on one line, LF where several lines are allowed")
    func lineBreaksAndTabs() {
        #expect(TerminalText.neutralised("一行目\r\n二行目\n三\t行目") == "一行目 二行目 三 行目")
        #expect(TerminalText.neutralised("一行目\r\n二行目\u{2028}三\t行目", lineBreaks: .kept) == "一行目\n二行目\n三 行目")
    }

    @Test("Japanese, half-width katakana, emoji and variation selectors pass unchanged")
    func japanesePassesUnchanged() {
        for text in ["社長と面談（後継者：長男）", "ｶﾜﾑﾗ ｼﾞｷﾞｮｳｼｮｳｹｲ", "株式会社カワムラ　青森県", "有限会社😀👨‍👩‍👧", "葛\u{E0100}飾区", "①※…─"] {
            #expect(TerminalText.neutralised(text) == text)
            #expect(TerminalText.neutralised(text, lineBreaks: .kept) == text)
        }
    }

    @Test("replacements keep display widths measurable: one column each")
    func replacementWidths() {
        #expect(DisplayWidth.width(of: TerminalText.neutralised("\u{1B}\u{00}\u{7F}\u{9B}\u{202E}")) == 5)
    }

    @Test("an interpolated line keeps the program's literals and neutralises each value on one line")
    func interpolation() {
        let comment = "OK\u{1B}[1A\u{1B}[2K\n⚠ 承認後に変更"
        let line: TerminalText = "コメント: \(comment) (\(3)件)"
        #expect(line.description == "コメント: OK␛[1A␛[2K ⚠ 承認後に変更 (3件)")
        let indented: TerminalText = "  [1] \(lines: "一行目\n\u{1B}[2K二行目", indent: "      ")"
        #expect(indented.description == "  [1] 一行目\n      ␛[2K二行目")
        // A literal is the program's own (`TerminalText("…")` with a literal is one too);
        // text from elsewhere is neutralised.
        let title = "\u{1B}]0;x\u{07}"
        #expect(TerminalText(title).description == "␛]0;x␇")
        let nested: TerminalText = "前 \(TerminalText("a\nb", lineBreaks: .kept)) 後"
        #expect(nested.description == "前 a\nb 後")
        #expect(Self.isInert(line.description) && Self.isInert(indented.description, allowingLineBreaks: true))
    }

    @Test("JSON printed to a terminal: C1, bidi and separators escaped, the same strings when read back")
    func jsonStaysInertAndMeansTheSame() throws {
        let notes = "社長\u{9B}2J\u{202E}と面談\u{2028}\u{7F}（後継者：長男）"
        let json = String(decoding: try JSONEncoder().encode(["notes": notes]), as: UTF8.self)
        let escaped = TerminalText.escapingJSON(json)
        #expect(Self.isInert(escaped))
        #expect(escaped.contains("\\u009b") && escaped.contains("\\u202e"))
        #expect(try JSONDecoder().decode([String: String].self, from: Data(escaped.utf8)) == ["notes": notes])
        #expect(TerminalText.escapingJSON(#"{"name":"株式会社カワムラ"}"#) == #"{"name":"株式会社カワムラ"}"#)
    }
}

