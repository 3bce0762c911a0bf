/// Counting lines in bytes of text, the way ``CSVReader`` numbers them: a line ends at
/// LF, CR or CR LF (which ends one line, not two).
///
/// Works on UTF-8 and on Shift_JIS alike: in both, the bytes 0x0A and 0x0D only ever
/// stand for LF and CR.
enum LineNumbers {
    /// The 1-based line on which the byte at `offset` of `bytes` lies.
    static func line(atOffset offset: Int, in bytes: some Collection<UInt8>) -> Int {
        var line = 1
        var previousWasCR = false
        for byte in bytes.prefix(offset) {
            switch byte {
            case 0x0D:
                line += 1
                previousWasCR = true
            case 0x0A:
                if !previousWasCR { line += 1 }
                previousWasCR = false
            default:
                previousWasCR = false
            }
        }
        return line
    }

    /// A few bytes from `offset` written out (`0x81 0x20`), for messages about bytes that
    /// cannot be decoded.
    static func describeBytes(atOffset offset: Int, in bytes: [UInt8], count: Int = 2) -> String {
        bytes[offset..<min(bytes.count, offset + count)].map { byte in
            let digits = String(byte, radix: 16, uppercase: true)
            return "0x" + (digits.count == 1 ? "0" + digits : digits)
        }.joined(separator: " ")
    }
}
