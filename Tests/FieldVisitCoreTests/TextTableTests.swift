import Foundation
import Testing
@testable import FieldVisitCore

@Suite("Text: tables")
struct TextTableTests {
    static let companies: [[String]] = [
        ["株式会社カワムラ", "12", "青森県八戸市", "設備更新の相談"],
        ["ABC Foods", "3", "Aomori", "new shop"],
        ["ｶﾜｼﾏ商店", "120", "弘前市", "ｼﾞｷﾞｮｳｼｮｳｹｲ"],
        ["有限会社😀", "7", "", "空欄あり"],
    ]

    static var table: TextTable {
        TextTable(
            columns: [.init("会社名"), .init("訪問回数", alignment: .right), .init("所在地"), .init("メモ")],
            rows: companies
        )
    }

    @Test func rendersTheExpectedText() {
        let expected = """
            会社名            訪問回数  所在地        メモ
            ────────────────  ────────  ────────────  ──────────────
            株式会社カワムラ        12  青森県八戸市  設備更新の相談
            ABC Foods                3  Aomori        new shop
            ｶﾜｼﾏ商店               120  弘前市        ｼﾞｷﾞｮｳｼｮｳｹｲ
            有限会社😀               7                空欄あり
            """
        #expect(Self.table.render() == expected)
    }

    @Test func theDocumentedExampleRendersAsDocumented() {
        var table = TextTable(columns: [.init("会社名"), .init("訪問回数", alignment: .right), .init("次回")])
        table.append(["株式会社カワムラ", "12", "2024-06-01"])
        table.append(["ABC Foods", "3", "2024-05-20"])
        #expect(table.lines() == [
            "会社名            訪問回数  次回",
            "────────────────  ────────  ──────────",
            "株式会社カワムラ        12  2024-06-01",
            "ABC Foods                3  2024-05-20",
        ])
    }

    /// Japanese and ASCII cells line up: the last column starts at the same display
    /// column on every line, header and rule included.
    @Test func everyLineHasTheSameWidthUpToTheLastColumn() {
        let lines = Self.table.lines()
        let lastCells = ["メモ", String(repeating: "─", count: 14)] + Self.companies.map { $0[3] }
        #expect(lines.count == lastCells.count)
        var starts: Set<Int> = []
        for (line, last) in zip(lines, lastCells) {
            #expect(line.hasSuffix(last), "\(line)")
            starts.insert(DisplayWidth.width(of: line.dropLast(last.count)))
        }
        #expect(starts == [16 + 2 + 8 + 2 + 12 + 2])
    }

    @Test func everyColumnStartsAtTheSameDisplayColumn() {
        let lines = Self.table.lines()
        // Left-aligned columns start at 0, 28 and 42; the right-aligned counts end at 26.
        let starts = [0: 0, 2: 28, 3: 42]
        for (line, cells) in zip(lines.dropFirst(2), Self.companies) {
            for (column, cell) in cells.enumerated() where !cell.isEmpty {
                let range = line.range(of: cell)!
                if column == 1 {
                    #expect(DisplayWidth.width(of: line[..<range.upperBound]) == 26, "\(line)")
                } else {
                    #expect(DisplayWidth.width(of: line[..<range.lowerBound]) == starts[column], "\(line)")
                }
            }
        }
    }

    @Test func rightAlignedNumbersEndInTheSameColumn() {
        let table = TextTable(header: ["件数", "名称"], rows: [["1", "あ"], ["1234", "い"], ["56", "う"]], rightAligned: [0])
        #expect(table.lines() == ["件数  名称", "────  ────", "   1  あ", "1234  い", "  56  う"])
    }

    @Test func linesNeverEndInSpaces() {
        let table = TextTable(header: ["名前", "メモ", "備考"], rows: [["佐藤", "", ""], ["", "長いメモ", ""], ["A", "B ", "C"]])
        for line in table.lines() {
            #expect(!line.hasSuffix(" "), "\(line)")
        }
        #expect(table.lines()[2] == "佐藤")
    }

    @Test func longCellsAreCutToTheMaximumWidth() {
        let table = TextTable(
            columns: [.init("会社名", maxWidth: 10), .init("回数", alignment: .right)],
            rows: [["株式会社カワムラ製作所", "1"], ["ABCDEFGHIJKLMNOP", "22"]]
        )
        #expect(table.lines() == [
            "会社名      回数",
            "──────────  ────",
            "株式会社…      1",
            "ABCDEFGHI…    22",
        ])
    }

    @Test func cellsAreKeptOnOneLineAndControlCharactersMadeVisible() {
        let table = TextTable(header: ["メモ", "次"], rows: [["一行目\r\n二行目\tタブ", "x"], ["\u{1B}[31m赤\u{1B}[0m", "y"]])
        #expect(table.lines() == [
            "メモ" + String(repeating: " ", count: 16) + "次",
            String(repeating: "─", count: 18) + "  ──",
            "一行目 二行目 タブ  x",
            "␛[31m赤␛[0m" + String(repeating: " ", count: 9) + "y",
        ])
    }

    /// Escape sequences cannot move the cursor or erase lines, and the cells after them
    /// still line up by display width.
    @Test func escapeSequencesInCellsStayInertAndAligned() {
        let table = TextTable(header: ["メモ", "担当"], rows: [
            ["社長と面談（後継者：長男）", "佐藤"],
            ["\u{1B}[2K\u{1B}[1A\u{9B}2J\u{1B}]0;title\u{07}", "ｻﾄｳ"],
        ])
        let lines = table.lines()
        #expect(!lines.joined().unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) })
        #expect(lines[2].hasPrefix("社長と面談（後継者：長男）"))
        let starts = lines.dropFirst(2).map { line in DisplayWidth.width(of: line.prefix { $0 != "佐" && $0 != "ｻ" }) }
        #expect(Set(starts).count == 1, "\(lines)")
    }

    @Test func rowsWithMoreCellsGetUntitledColumnsAndShorterRowsAreFilled() {
        let table = TextTable(header: ["A"], rows: [["1", "extra"], []])
        #expect(table.lines() == ["A", "─  ─────", "1  extra", ""])
    }

    @Test func theRuleFallsBackToHyphensWhereBoxDrawingIsWide() {
        var table = TextTable(header: ["会社"], rows: [["ｶﾜﾑﾗ"]])
        table.measure = DisplayWidth(ambiguousIsWide: true)
        #expect(table.lines() == ["会社", "----", "ｶﾜﾑﾗ"])
    }

    @Test func theHeaderCanBeLeftOut() {
        var table = TextTable(header: ["会社"], rows: [["カワムラ"], ["ABC"]])
        table.showsHeader = false
        #expect(table.render() == "カワムラ\nABC")
    }

    @Test func anEmptyTableRendersNothing() {
        #expect(TextTable(columns: []).render() == "")
        #expect(TextTable(header: ["会社名"], rows: []).lines() == ["会社名", "──────"])
    }
}
