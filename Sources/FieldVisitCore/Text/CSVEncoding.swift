/// The character encoding of a CSV file: the ones Excel in Japan reads and writes.
public enum CSVEncoding: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// UTF-8 without a byte order mark: what most programs other than Excel expect.
    case utf8
    /// UTF-8 starting with the byte order mark EF BB BF, Excel's "CSV UTF-8". Without
    /// the mark, Excel in Japan reads a UTF-8 file as Shift_JIS and shows garbage.
    case utf8WithBOM
    /// Shift_JIS as Windows writes it (code page 932, with the NEC and IBM extensions such
    /// as ①, ㈱ and 髙): Excel's plain "CSV", still wanted by some offices.
    case cp932

    /// The encoding's name as people know it, for messages.
    public var description: String {
        switch self {
        case .utf8: "UTF-8"
        case .utf8WithBOM: "UTF-8 with BOM"
        case .cp932: "Shift_JIS (CP932)"
        }
    }
}
