import Foundation

/// Reads CSV files (RFC 4180) as Excel and other programs write them, for imports.
///
/// The encoding is found from the bytes:
///
/// 1. A UTF-8 byte order mark (EF BB BF, Excel's "CSV UTF-8") is removed and the rest
///    read as UTF-8.
/// 2. Otherwise bytes that are valid UTF-8 are read as UTF-8.
/// 3. Otherwise they are read as Shift_JIS (CP932), what Excel in Japan writes as plain
///    "CSV": ①, ㈱ and 髙 included.
///
/// Bytes that fit none of these give an error naming the line. So do bytes that are
/// clearly UTF-8 Japanese text up to a damaged spot: reading those as Shift_JIS would
/// import garbage without a word.
///
/// Records: fields are separated by commas; a field in double quotes may hold commas,
/// line breaks (CR LF or LF, kept as they are) and quotes written twice (`""`). Lines
/// end in CR LF, LF or CR; the last line may end without one. Empty lines are skipped
/// (a record of one empty field is written `""`). A quote inside an unquoted field is
/// taken literally (`5" floppy`); text after a closing quote (`"abc"d`) is an error,
/// since it means the quoting went wrong.
///
/// ```swift
/// let table = try CSVReader.table(from: data, requiredColumns: ["会社名"])
/// for row in table.rows where row["会社名"]?.isEmpty ?? true {
///     print("line \(row.line): 会社名 is empty")
/// }
/// ```
public enum CSVReader {
    // MARK: Whole files

    /// The records of a CSV file, each with the line where it starts.
    public static func records(from data: Data) throws(CSVError) -> [CSVRecord] {
        try records(in: decode(data).text)
    }

    /// The rows of a CSV file whose first record names the columns, keyed by those names.
    /// Throws, naming the line, when a column name is empty or repeated, when a column of
    /// `requiredColumns` is missing, or when a row has more or fewer fields than the header.
    public static func table(from data: Data, requiredColumns: [String] = []) throws(CSVError) -> CSVTable {
        let (text, encoding) = try decode(data)
        return try CSVTable(records: records(in: text), requiredColumns: requiredColumns, encoding: encoding)
    }

    /// ``table(from:requiredColumns:)`` for text already decoded.
    public static func table(in text: String, requiredColumns: [String] = []) throws(CSVError) -> CSVTable {
        try CSVTable(records: records(in: text), requiredColumns: requiredColumns)
    }

    // MARK: Decoding

    /// The text of a CSV file and the encoding it was found to be in.
    public static func decode(_ data: Data) throws(CSVError) -> (text: String, encoding: CSVEncoding) {
        let bytes = [UInt8](data)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            let body = bytes.dropFirst(3)
            if let invalid = scanUTF8(body).invalidOffset {
                let offset = invalid + 3
                throw CSVError(
                    .undecodableBytes, line: LineNumbers.line(atOffset: offset, in: bytes),
                    TextFileMessage.invalidAfterBOM.localized(["bytes": LineNumbers.describeBytes(atOffset: offset, in: bytes)], parts: ["fix": TextFileMessage.saveAsUTF8.localized()])
                )
            }
            return (String(decoding: body, as: UTF8.self), .utf8WithBOM)
        }
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            throw CSVError(
                .undecodableBytes, line: 1,
                TextFileMessage.utf16.localized(parts: ["fix": TextFileMessage.saveAsUTF8.localized()])
            )
        }
        let scan = scanUTF8(bytes[...])
        guard let invalid = scan.invalidOffset else {
            return (String(decoding: bytes, as: UTF8.self), .utf8)
        }
        // Japanese in UTF-8 is made of three-byte sequences; Shift_JIS text almost never
        // forms two of them before it stops being UTF-8.
        if scan.longSequences >= 2 {
            throw CSVError(
                .undecodableBytes, line: LineNumbers.line(atOffset: invalid, in: bytes),
                TextFileMessage.damagedUTF8.localized(["bytes": LineNumbers.describeBytes(atOffset: invalid, in: bytes)], parts: ["fix": TextFileMessage.saveAsUTF8.localized()])
            )
        }
        do {
            return (try CP932.decode(bytes, converters: CP932.converterNames), .cp932)
        } catch {
            switch error.kind {
            case .converterUnavailable:
                throw CSVError(
                    .encodingUnavailable, line: LineNumbers.line(atOffset: invalid, in: bytes),
                    TextFileMessage.noShiftJISReader.localized(["bytes": LineNumbers.describeBytes(atOffset: invalid, in: bytes)], parts: ["fix": TextFileMessage.saveAsUTF8.localized()])
                )
            default:
                let offset = error.byteOffset ?? invalid
                throw CSVError(
                    .undecodableBytes, line: LineNumbers.line(atOffset: offset, in: bytes),
                    TextFileMessage.neitherEncoding.localized(["bytes": LineNumbers.describeBytes(atOffset: offset, in: bytes)], parts: ["fix": TextFileMessage.saveAsUTF8.localized()])
                )
            }
        }
    }


    /// Where `bytes` stop being valid UTF-8 (an offset into `bytes`, counted from its
    /// start), and how many sequences of three or four bytes come before that point.
    static func scanUTF8(_ bytes: ArraySlice<UInt8>) -> (invalidOffset: Int?, longSequences: Int) {
        var longSequences = 0
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let lead = bytes[index]
            if lead < 0x80 {
                index += 1
                continue
            }
            let length: Int
            let second: ClosedRange<UInt8>
            switch lead {
            case 0xC2...0xDF: (length, second) = (2, 0x80...0xBF)
            case 0xE0: (length, second) = (3, 0xA0...0xBF)
            case 0xE1...0xEC, 0xEE...0xEF: (length, second) = (3, 0x80...0xBF)
            case 0xED: (length, second) = (3, 0x80...0x9F)  // no surrogates
            case 0xF0: (length, second) = (4, 0x90...0xBF)
            case 0xF1...0xF3: (length, second) = (4, 0x80...0xBF)
            case 0xF4: (length, second) = (4, 0x80...0x8F)  // nothing above U+10FFFF
            default: return (index - bytes.startIndex, longSequences)
            }
            guard index + length <= bytes.endIndex, second.contains(bytes[index + 1]),
                  bytes[(index + 2)..<(index + length)].allSatisfy({ (0x80...0xBF).contains($0) })
            else { return (index - bytes.startIndex, longSequences) }
            if length >= 3 { longSequences += 1 }
            index += length
        }
        return (nil, longSequences)
    }

    // MARK: Parsing

    /// The records of CSV text, each with the line where it starts.
    public static func records(in text: String) throws(CSVError) -> [CSVRecord] {
        let bytes = Array(text.utf8)
        let comma = UInt8(ascii: ","), quote = UInt8(ascii: "\""), cr: UInt8 = 0x0D, lf: UInt8 = 0x0A

        enum State { case fieldStart, unquoted, quoted, afterClosingQuote }
        var state = State.fieldStart
        var records: [CSVRecord] = []
        var fields: [String] = []
        var field: [UInt8] = []
        var line = 1
        var recordLine = 1
        var quoteLine = 1
        // Whether the record being read has anything, even an empty field before a comma.
        var recordStarted = false

        func endField() {
            fields.append(String(decoding: field, as: UTF8.self))
            field.removeAll(keepingCapacity: true)
        }

        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if state == .quoted {
                switch byte {
                case quote:
                    if index + 1 < bytes.count, bytes[index + 1] == quote {
                        field.append(quote)
                        index += 2
                        continue
                    }
                    state = .afterClosingQuote
                case cr:
                    field.append(cr)
                    if index + 1 < bytes.count, bytes[index + 1] == lf {
                        field.append(lf)
                        index += 1
                    }
                    line += 1
                case lf:
                    field.append(lf)
                    line += 1
                default:
                    field.append(byte)
                }
                index += 1
                continue
            }
            switch byte {
            case comma:
                endField()
                recordStarted = true
                state = .fieldStart
            case cr, lf:
                if recordStarted || state != .fieldStart {
                    endField()
                    records.append(CSVRecord(line: recordLine, fields: fields))
                }
                fields.removeAll()
                recordStarted = false
                state = .fieldStart
                if byte == cr, index + 1 < bytes.count, bytes[index + 1] == lf { index += 1 }
                line += 1
                recordLine = line
            case quote where state == .fieldStart:
                state = .quoted
                quoteLine = line
                recordStarted = true
            default:
                if state == .afterClosingQuote {
                    throw CSVError(
                        .textAfterClosingQuote, line: line,
                        TextFileMessage.textAfterClosingQuote.localized()
                    )
                }
                field.append(byte)
                recordStarted = true
                state = .unquoted
            }
            index += 1
        }
        if state == .quoted {
            throw CSVError(
                .unterminatedQuotedField, line: quoteLine,
                TextFileMessage.unterminatedQuote.localized()
            )
        }
        if recordStarted || state != .fieldStart {
            endField()
            records.append(CSVRecord(line: recordLine, fields: fields))
        }
        return records
    }
}
