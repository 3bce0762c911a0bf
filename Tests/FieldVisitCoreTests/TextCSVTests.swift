import Foundation
import Testing
@testable import FieldVisitCore

/// The error `body` throws, or `nil` when it succeeds. Any other error fails the test.
private func csvError(sourceLocation: SourceLocation = #_sourceLocation, _ body: () throws -> Void) -> CSVError? {
    do {
        try body()
        Issue.record("expected a CSVError, but nothing was thrown", sourceLocation: sourceLocation)
        return nil
    } catch let error as CSVError {
        return error
    } catch {
        Issue.record("expected a CSVError, got \(error)", sourceLocation: sourceLocation)
        return nil
    }
}

/// "株式会社" in Shift_JIS, written out byte by byte.
private let kabushikiGaishaInShiftJIS: [UInt8] = [0x8A, 0x94, 0x8E, 0xAE, 0x89, 0xEF, 0x8E, 0xD0]

@Suite("Text: CSV writing")
struct TextCSVWriterTests {
    @Test func fieldsAreQuotedOnlyWhenTheyMustBe() {
        let writer = CSVWriter()
        #expect(writer.field("株式会社カワムラ") == "株式会社カワムラ")
        #expect(writer.field("") == "")
        #expect(writer.field(" 前後に空白 ") == " 前後に空白 ")
        #expect(writer.field("設備更新, 資金繰り") == "\"設備更新, 資金繰り\"")
        #expect(writer.field("5\" floppy") == "\"5\"\" floppy\"")
        // A quote followed by a combining mark is still a quote to double.
        #expect(Array(writer.field("\"\u{FF9E}").unicodeScalars) == Array("\"\"\"\u{FF9E}\"".unicodeScalars))
        #expect(writer.field("一行目\n二行目") == "\"一行目\n二行目\"")
        #expect(writer.field("一行目\r\n二行目") == "\"一行目\r\n二行目\"")
        #expect(writer.field("CR\ronly") == "\"CR\ronly\"")
        #expect(CSVWriter(quotesAllFields: true).field("abc") == "\"abc\"")
    }

    @Test func linesEndInCRLFTheLastOneToo() {
        let text = CSVWriter().string([["会社名", "訪問回数"], ["株式会社カワムラ", "12"]])
        #expect(text == "会社名,訪問回数\r\n株式会社カワムラ,12\r\n")
        #expect(CSVWriter(lineEnding: .lf).string([["a", "b"], ["c", "d"]]) == "a,b\nc,d\n")
    }

    @Test func aRowOfOneEmptyFieldIsNotWrittenAsABlankLine() {
        #expect(CSVWriter().string([["a"], [""], ["b"]]) == "a\r\n\"\"\r\nb\r\n")
        #expect(CSVWriter().string([["", ""]]) == ",\r\n")
    }

    @Test func theByteOrderMarkIsWrittenOnlyWhenAsked() throws {
        let rows = [["会社名"], ["カワムラ"]]
        let withBOM = try CSVWriter(encoding: .utf8WithBOM).data(rows)
        #expect(Array(withBOM.prefix(3)) == [0xEF, 0xBB, 0xBF])
        #expect(withBOM.dropFirst(3) == Data("会社名\r\nカワムラ\r\n".utf8))
        #expect(CSVWriter(encoding: .utf8WithBOM).string(rows).hasPrefix("\u{FEFF}"))
        #expect(Data(CSVWriter(encoding: .utf8WithBOM).string(rows).utf8) == withBOM)

        let withoutBOM = try CSVWriter().data(rows)
        #expect(withoutBOM == Data("会社名\r\nカワムラ\r\n".utf8))
    }

    @Test func shiftJISExportsUseCP932() throws {
        let data = try CSVWriter(encoding: .cp932).data([["株式会社", "①㈱髙"]])
        #expect(Array(data) == kabushikiGaishaInShiftJIS + [0x2C, 0x87, 0x40, 0x87, 0x8A, 0xFB, 0xFC, 0x0D, 0x0A])
    }

    @Test func aCharacterShiftJISLacksIsReportedWithItsLine() {
        let error = csvError { _ = try CSVWriter(encoding: .cp932).data([["会社名", "メモ"], ["カワムラ", "一行目\n二行目"], ["ABC", "絵文字😀"]]) }
        #expect(error?.kind == .unencodableCharacter)
        #expect(error?.line == 4)
        #expect(error?.reason.contains("😀") == true)
        #expect(error?.reason.contains("U+1F600") == true)
        #expect(error?.reason.contains("UTF-8") == true)
    }

    @Test func formulasCanBeDefusedForExcel() {
        let writer = CSVWriter(guardsFormulas: true)
        #expect(writer.field("=HYPERLINK(\"http://example.com\")") == "\"'=HYPERLINK(\"\"http://example.com\"\")\"")
        #expect(writer.field("+81-3-1234") == "'+81-3-1234")
        #expect(writer.field("@SUM(A1)") == "'@SUM(A1)")
        #expect(writer.field("-1500") == "-1500")
        #expect(writer.field("+3.5") == "+3.5")
        #expect(writer.field("株式会社") == "株式会社")
        #expect(CSVWriter().field("=1+2") == "=1+2")
    }
}

@Suite("Text: CSV reading")
struct TextCSVReaderTests {
    static let awkwardRows: [[String]] = [
        ["会社名", "メモ", "金額", "空"],
        ["株式会社カワムラ", "設備更新, 資金繰り", "1500000", ""],
        ["\"引用\"符", "一行目\r\n二行目", "-3", ""],
        ["ｶﾜｼﾏ商店", "LF\nだけ", "", ""],
        ["", "", "", ""],
        [" 前後に空白 ", "CR\rだけ", "①㈱髙﨑", "～－"],
        ["A,B", "\"", "\"\"", ","],
    ]

    // MARK: Round trips

    @Test(arguments: CSVEncoding.allCases)
    func rowsRoundTripInEveryEncoding(encoding: CSVEncoding) throws {
        let data = try CSVWriter(encoding: encoding).data(Self.awkwardRows)
        let (_, detected) = try CSVReader.decode(data)
        #expect(detected == encoding)
        let records = try CSVReader.records(from: data)
        #expect(records.map(\.fields) == Self.awkwardRows)
        // Byte for byte: Swift compares strings up to canonical equivalence.
        #expect(records.map { $0.fields.map { Array($0.utf8) } } == Self.awkwardRows.map { $0.map { Array($0.utf8) } })
    }

    @Test func randomRowsRoundTrip() throws {
        var random = SplitMix64(seed: 0x4356_5354)
        let pieces = ["a", "株", "ｶ", "ﾞ", ",", "\"", "\r", "\n", "\r\n", " ", "\u{3000}", "😀", "①", ""]
        for _ in 0..<300 {
            let rows = (0..<Int.random(in: 1...5, using: &random)).map { _ in
                (0..<Int.random(in: 1...4, using: &random)).map { _ in
                    (0..<Int.random(in: 0...6, using: &random)).map { _ in pieces.randomElement(using: &random)! }.joined()
                }
            }
            for lineEnding in CSVWriter.LineEnding.allCases {
                let text = CSVWriter(lineEnding: lineEnding).string(rows)
                let read = try CSVReader.records(in: text).map { $0.fields.map { Array($0.utf8) } }
                #expect(read == rows.map { $0.map { Array($0.utf8) } }, "\(rows)")
            }
        }
    }

    // MARK: Records and line ends

    @Test func crlfLfAndCRLineEndsAllWork() throws {
        let expected = [["a", "b"], ["c", "d"]]
        for text in ["a,b\r\nc,d\r\n", "a,b\nc,d\n", "a,b\rc,d\r", "a,b\r\nc,d", "a,b\nc,d"] {
            let records = try CSVReader.records(in: text)
            #expect(records.map(\.fields) == expected, "\(text.debugDescription)")
            #expect(records.map(\.line) == [1, 2], "\(text.debugDescription)")
        }
    }

    @Test func emptyFieldsAreKept() throws {
        #expect(try CSVReader.records(in: ",,\r\na,,b\r\n,").map(\.fields) == [["", "", ""], ["a", "", "b"], ["", ""]])
        #expect(try CSVReader.records(in: "\"\"\r\n").map(\.fields) == [[""]])
    }

    @Test func blankLinesAreSkippedButCounted() throws {
        let records = try CSVReader.records(in: "a\r\n\r\nb\n\nc\r\n\r\n")
        #expect(records.map(\.fields) == [["a"], ["b"], ["c"]])
        #expect(records.map(\.line) == [1, 3, 5])
        #expect(try CSVReader.records(in: "").isEmpty)
    }

    @Test func recordsSpanningLinesReportTheLineTheyStartOn() throws {
        let text = "a,\"x\ny\"\r\nb,c\n\"p\r\nq\r\nr\",s\n\"one\rtwo\",t\nu,v"
        let records = try CSVReader.records(in: text)
        #expect(records.map(\.fields) == [["a", "x\ny"], ["b", "c"], ["p\r\nq\r\nr", "s"], ["one\rtwo", "t"], ["u", "v"]])
        #expect(records.map(\.line) == [1, 3, 4, 7, 9])
    }

    @Test func quotedFieldsHoldCommasQuotesAndLineBreaks() throws {
        let records = try CSVReader.records(in: "\"株式会社, カワムラ\",\"社長曰く\"\"検討する\"\"\",\"1\n2\"\r\n")
        #expect(records.map(\.fields) == [["株式会社, カワムラ", "社長曰く\"検討する\"", "1\n2"]])
    }

    @Test func aQuoteInsideAnUnquotedFieldIsTakenLiterally() throws {
        #expect(try CSVReader.records(in: "5\" floppy,x").map(\.fields) == [["5\" floppy", "x"]])
    }

    @Test func aMissingClosingQuoteNamesTheLineWhereTheFieldStarts() {
        let error = csvError { _ = try CSVReader.records(in: "a,b\r\nc,\"open\r\nmore\r\nstill") }
        #expect(error?.kind == .unterminatedQuotedField)
        #expect(error?.line == 2)
        #expect(error?.description.hasPrefix("line 2: ") == true)
    }

    @Test func textAfterAClosingQuoteIsAnError() {
        let error = csvError { _ = try CSVReader.records(in: "a,b\r\n\"x\ny\"z,c") }
        #expect(error?.kind == .textAfterClosingQuote)
        #expect(error?.line == 3)
    }

    // MARK: Encodings

    @Test func aUTF8ByteOrderMarkIsDetectedAndRemoved() throws {
        let data = Data([0xEF, 0xBB, 0xBF] + Array("会社名,メモ\r\nカワムラ,x\r\n".utf8))
        let (text, encoding) = try CSVReader.decode(data)
        #expect(encoding == .utf8WithBOM)
        #expect(!text.hasPrefix("\u{FEFF}"))
        let table = try CSVReader.table(from: data, requiredColumns: ["会社名"])
        #expect(table.columns == ["会社名", "メモ"])
        #expect(table.rows.first?["会社名"] == "カワムラ")
        #expect(table.encoding == .utf8WithBOM)
    }

    @Test func plainUTF8IsReadAsUTF8() throws {
        let (text, encoding) = try CSVReader.decode(Data("株式会社,ｶﾜﾑﾗ".utf8))
        #expect(encoding == .utf8)
        #expect(text == "株式会社,ｶﾜﾑﾗ")
    }

    @Test func shiftJISBytesAreDecoded() throws {
        let bytes = kabushikiGaishaInShiftJIS + [0x2C] + [0xB6, 0xDC, 0xD1, 0xD7] + [0x0D, 0x0A]  // 株式会社,ｶﾜﾑﾗ
        let (text, encoding) = try CSVReader.decode(Data(bytes))
        #expect(encoding == .cp932)
        #expect(text == "株式会社,ｶﾜﾑﾗ\r\n")
        #expect(try CP932.decode(Data(kabushikiGaishaInShiftJIS)) == "株式会社")
        #expect(try encodeCP932("株式会社") == Data(kabushikiGaishaInShiftJIS))
    }

    @Test func aShiftJISFileFromExcelReadsAsATable() throws {
        let csv = "会社名,法人番号,メモ\r\n株式会社カワムラ,1180301018771,\"設備更新, 資金繰り\"\r\nｶﾜｼﾏ商店,,\"社長と面談。\r\n次回は６月\"\r\n㈱髙橋製作所,,①見積\r\n"
        let data = try encodeCP932(csv)
        #expect(data.count < csv.utf8.count)
        let table = try CSVReader.table(from: data, requiredColumns: ["会社名", "法人番号"])
        #expect(table.encoding == .cp932)
        #expect(table.rows.map { $0["会社名"] } == ["株式会社カワムラ", "ｶﾜｼﾏ商店", "㈱髙橋製作所"])
        #expect(table.rows.map(\.line) == [2, 3, 5])
        #expect(table.rows[1]["メモ"] == "社長と面談。\r\n次回は６月")
        #expect(table.rows[2]["メモ"] == "①見積")
    }

    /// The NEC special characters (①, ㈱) and the NEC-selected and IBM extended kanji
    /// (纊, 﨑, 髙) exist in CP932 but not in JIS Shift_JIS.
    @Test func cp932ExtensionsDecode() throws {
        let bytes: [UInt8] = [0x87, 0x40, 0x2C, 0x87, 0x8A, 0x2C, 0xED, 0x40, 0x2C, 0xFA, 0xB1, 0x2C, 0xFB, 0xFC]
        #expect(try CSVReader.records(from: Data(bytes)).map(\.fields) == [["①", "㈱", "纊", "﨑", "髙"]])
    }

    @Test func theBackslashAndTildeBytesAreASCIIAsInWindows() throws {
        #expect(try CP932.decode(Data([0x5C, 0x7E, 0x81, 0x60, 0x81, 0x5F])) == "\\~～＼")
    }

    @Test func withoutACP932ConverterShiftJISIsReadTheSameWay() throws {
        let converters = ["NO-SUCH-CONVERTER", "SHIFT_JIS"]
        let bytes: [UInt8] = kabushikiGaishaInShiftJIS + [0x5C, 0x7E, 0x81, 0x60, 0x81, 0x7C]
        #expect(try CP932.decode(bytes, converters: converters) == "株式会社\\~～－")
        #expect(try CP932.encode("株式会社\\~～－", converters: converters) == Data(bytes))
        #expect(throws: CP932Error.self) { try CP932.decode(bytes, converters: ["NO-SUCH-CONVERTER"]) }
        do {
            _ = try CP932.encode("a", converters: ["NO-SUCH-CONVERTER"])
            Issue.record("a missing converter should be reported")
        } catch {
            #expect(error.kind == .converterUnavailable)
        }
    }

    @Test func bytesThatAreNeitherUTF8NorShiftJISAreReportedWithTheirLine() {
        let bytes: [UInt8] = Array("a,b\r\nc,\"d\ne\"\r\nf,".utf8) + [0x81, 0x20] + Array("\r\n".utf8)
        let error = csvError { _ = try CSVReader.records(from: Data(bytes)) }
        #expect(error?.kind == .undecodableBytes)
        #expect(error?.line == 4)
        #expect(error?.reason.contains("0x81 0x20") == true)
        #expect(error?.reason.contains("CSV UTF-8") == true)
    }

    @Test func damagedUTF8IsNotMistakenForShiftJIS() {
        let bytes: [UInt8] = Array("株式会社カワムラ,青森県\n有限会社".utf8) + [0xE6, 0x9D] + Array(",x\n".utf8)
        let error = csvError { _ = try CSVReader.records(from: Data(bytes)) }
        #expect(error?.kind == .undecodableBytes)
        #expect(error?.line == 2)
        #expect(error?.reason.contains("0xE6 0x9D") == true)
    }

    @Test func invalidUTF8AfterAByteOrderMarkIsAnError() {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("a\nb\n".utf8) + kabushikiGaishaInShiftJIS
        let error = csvError { _ = try CSVReader.records(from: Data(bytes)) }
        #expect(error?.kind == .undecodableBytes)
        #expect(error?.line == 3)
    }

    @Test func aUTF16FileIsRefusedWithAHint() {
        let error = csvError { _ = try CSVReader.records(from: Data([0xFF, 0xFE, 0x61, 0x00])) }
        #expect(error?.kind == .undecodableBytes)
        #expect(error?.reason.contains("UTF-16") == true)
    }

    @Test func charactersMissingFromShiftJISCannotBeEncoded() {
        for text in ["😀", "𠮷", "한"] {
            do {
                _ = try encodeCP932("abc\n" + text)
                Issue.record("\(text) should not be encodable")
            } catch {
                #expect(error.kind == .unencodableCharacter(text.unicodeScalars.first!))
                #expect(error.line == 2)
            }
        }
    }

    @Test func validUTF8ScanFindsTheFirstBadByte() {
        #expect(CSVReader.scanUTF8(ArraySlice(Array("あいう".utf8))).invalidOffset == nil)
        #expect(CSVReader.scanUTF8(ArraySlice(Array("ab".utf8) + [0xC0, 0x80])).invalidOffset == 2)      // overlong
        #expect(CSVReader.scanUTF8(ArraySlice([0x61, 0xED, 0xA0, 0x80])).invalidOffset == 1)           // surrogate
        #expect(CSVReader.scanUTF8(ArraySlice([0xE3, 0x81])).invalidOffset == 0)                        // cut off
        #expect(CSVReader.scanUTF8(ArraySlice([0xF4, 0x90, 0x80, 0x80])).invalidOffset == 0)           // above U+10FFFF
    }
}

@Suite("Text: CSV tables")
struct TextCSVTableTests {
    @Test func rowsAreKeyedByColumnNameWithTheirLines() throws {
        let table = try CSVReader.table(in: "会社名,法人番号,メモ\r\n株式会社カワムラ,1180301018771,\r\n\r\nABC,,\"a\nb\"\r\nｶﾜｼﾏ,,x\r\n")
        #expect(table.columns == ["会社名", "法人番号", "メモ"])
        #expect(table.headerLine == 1)
        #expect(table.rows.map(\.line) == [2, 4, 6])
        #expect(table.rows[0]["法人番号"] == "1180301018771")
        #expect(table.rows[0]["メモ"] == "")
        #expect(table.rows[1]["メモ"] == "a\nb")
        #expect(table.rows[0]["住所"] == nil)
        #expect(table.encoding == nil)
    }

    @Test func spacesAroundColumnNamesAreIgnored() throws {
        let table = try CSVReader.table(in: " 会社名　,メモ \r\nカワムラ,x\r\n", requiredColumns: ["会社名", "メモ"])
        #expect(table.columns == ["会社名", "メモ"])
        #expect(table.rows[0]["会社名"] == "カワムラ")
    }

    @Test func aDuplicateColumnNameIsReported() {
        let error = csvError { _ = try CSVReader.table(in: "\r\n会社名,メモ,会社名\r\na,b,c\r\n") }
        #expect(error?.kind == .duplicateColumnName)
        #expect(error?.line == 2)
        #expect(error?.reason.contains("“会社名”") == true)
        #expect(error?.reason.contains("columns 1 and 3") == true)
    }

    @Test func aMissingRequiredColumnIsReportedWithTheColumnsThereAre() {
        let error = csvError { _ = try CSVReader.table(in: "会社名,メモ\r\na,b\r\n", requiredColumns: ["会社名", "法人番号", "訪問日"]) }
        #expect(error?.kind == .missingColumn)
        #expect(error?.line == 1)
        #expect(error?.reason.contains("“法人番号”, “訪問日”") == true)
        #expect(error?.reason.contains("it has: 会社名, メモ") == true)
    }

    @Test func anEmptyColumnNameIsReported() {
        let error = csvError { _ = try CSVReader.table(in: "会社名,,メモ\r\na,b,c\r\n") }
        #expect(error?.kind == .emptyColumnName)
        #expect(error?.reason.contains("column 2") == true)
    }

    @Test func aRowWithTheWrongNumberOfFieldsNamesItsLine() {
        let tooMany = csvError { _ = try CSVReader.table(in: "会社名,メモ\r\na,\"b\r\nc\"\r\n株式会社カワムラ, 青森, 八戸\r\n") }
        #expect(tooMany?.kind == .wrongFieldCount)
        #expect(tooMany?.line == 4)
        #expect(tooMany?.description.hasPrefix("line 4: this row has 3 fields but the header has 2") == true)

        let tooFew = csvError { _ = try CSVReader.table(in: "会社名,メモ\r\na,b\r\nc\r\n") }
        #expect(tooFew?.line == 3)
        #expect(tooFew?.reason.contains("1 field but") == true)
    }

    @Test func anEmptyFileHasNoHeader() {
        let error = csvError { _ = try CSVReader.table(from: Data(), requiredColumns: ["会社名"]) }
        #expect(error?.kind == .missingHeader)
        #expect(error?.reason.contains("会社名") == true)
    }

    @Test func aHeaderAloneGivesNoRows() throws {
        #expect(try CSVReader.table(in: "会社名,メモ").rows.isEmpty)
    }
}
