/// Why a file could not be read or written: one that is not there or is a folder, a CSV
/// file or Shift_JIS text (``CSVError``, ``CP932Error``), with what the person who
/// prepared the file should do.
public enum TextFileMessage: String, MessageCatalogue {
    case noSuchFile, isDirectory, onLine, saveAsUTF8, invalidAfterBOM, utf16, damagedUTF8, noShiftJISReader, neitherEncoding, textAfterClosingQuote,
         unterminatedQuote, emptyFile, unnamedColumn, duplicateColumn, missingColumn, missingColumns, wrongFieldCount, oneField,
         invalidShiftJIS, unencodable, converterUnavailable, itHas, needs

    public var texts: (english: String, japanese: String) {
        switch self {
        case .noSuchFile: ("there is no such file", "そのファイルはありません")
        case .isDirectory: ("it is a directory, not a file", "ファイルではなくフォルダーです")
        case .onLine: ("line {line}: {reason}", "{line} 行目：{reason}")
        case .saveAsUTF8:
            ("open the file in Excel, save it as “CSV UTF-8 (コンマ区切り)” and import it again",
             "Excel でファイルを開き、「CSV UTF-8 (コンマ区切り)」で保存してから、もう一度取り込んでください")
        case .invalidAfterBOM:
            ("bytes {bytes} are not valid UTF-8, although the file starts with the UTF-8 byte order mark; {fix}",
             "ファイルは UTF-8 の BOM で始まっていますが、バイト {bytes} が UTF-8 として正しくありません。{fix}")
        case .utf16: ("the file is UTF-16 (Excel's “Unicode テキスト”), not CSV; {fix}", "ファイルは UTF-16（Excel の「Unicode テキスト」）で、CSV ではありません。{fix}")
        case .damagedUTF8:
            ("bytes {bytes} are not valid UTF-8, although the text before them is UTF-8: the file looks damaged; {fix}",
             "それまでは UTF-8 ですが、バイト {bytes} が UTF-8 として正しくありません。ファイルが壊れているようです。{fix}")
        case .noShiftJISReader:
            ("bytes {bytes} are not UTF-8, and this system cannot read Shift_JIS; {fix}", "バイト {bytes} は UTF-8 ではなく、このシステムでは Shift_JIS を読めません。{fix}")
        case .neitherEncoding:
            ("bytes {bytes} are neither UTF-8 nor Shift_JIS (CP932); {fix}", "バイト {bytes} は UTF-8 でも Shift_JIS（CP932）でもありません。{fix}")
        case .textAfterClosingQuote:
            ("a quoted field is followed by other text before the next comma; put the whole value in quotes and write a quote inside it twice (\"\")",
             "引用符で囲んだ値の後、次のコンマまでに別の文字があります。値全体を引用符で囲み、値の中の引用符は 2 つ重ねて（\"\"）書いてください")
        case .unterminatedQuote:
            ("a quoted field starts here but its closing quote (\") is missing; close the quote, and write a quote inside a value twice (\"\")",
             "ここで引用符で囲んだ値が始まっていますが、閉じる引用符（\"）がありません。引用符を閉じ、値の中の引用符は 2 つ重ねて（\"\"）書いてください")
        case .emptyFile: ("the file is empty; its first line must name the columns{columns}", "ファイルが空です。1 行目に列の名前を書いてください{columns}")
        case .unnamedColumn: ("column {column} of the header has no name; name it or delete the column", "見出しの {column} 列目に名前がありません。名前を付けるか、列を削除してください")
        case .duplicateColumn:
            ("the column name “{name}” appears twice in the header (columns {first} and {second}); rename or delete one of them",
             "列の名前「{name}」が見出しに 2 回あります（{first} 列目と {second} 列目）。どちらかの名前を変えるか、削除してください")
        case .missingColumn:
            ("the header has no column {names}{columns}; add the column or correct the spelling", "見出しに列 {names} がありません{columns}。列を加えるか、つづりを直してください")
        case .missingColumns:
            ("the header has no column {names}{columns}; add the columns or correct the spelling", "見出しに列 {names} がありません{columns}。列を加えるか、つづりを直してください")
        case .wrongFieldCount:
            ("this row has {count} fields but the header has {columns}; check for a missing comma, or a comma in a value that is not in quotes",
             "この行には値が {count} 個ありますが、見出しの列は {columns} 個です。コンマが抜けていないか、引用符で囲んでいない値にコンマがないか確かめてください")
        case .oneField:
            ("this row has {count} field but the header has {columns}; check for a missing comma, or a comma in a value that is not in quotes",
             "この行には値が {count} 個ありますが、見出しの列は {columns} 個です。コンマが抜けていないか、引用符で囲んでいない値にコンマがないか確かめてください")
        case .itHas: (" (it has: {names})", "（あるのは {names}）")
        case .needs: (" ({names})", "（{names}）")
        case .invalidShiftJIS: ("bytes {bytes} are not valid Shift_JIS (CP932)", "バイト {bytes} は Shift_JIS（CP932）として正しくありません")
        case .unencodable:
            ("“{character}” ({code}) cannot be written in Shift_JIS (CP932); write the file as UTF-8 instead, or replace the character",
             "「{character}」（{code}）は Shift_JIS（CP932）で書けません。ファイルを UTF-8 で書き出すか、その文字を置き換えてください")
        case .converterUnavailable:
            ("this system cannot convert Shift_JIS: iconv has neither a CP932 nor a SHIFT_JIS converter; use UTF-8 files instead",
             "このシステムでは Shift_JIS を変換できません（iconv に CP932 も SHIFT_JIS もありません）。UTF-8 のファイルを使ってください")
        }
    }
}
