/// Finds how far UTF-8 text runs before a byte a JSON string cannot hold as it is (a
/// quote, a backslash or a control character), eight bytes at a time: notes of a
/// paragraph or more are most of a change set's bytes, and both the reader and the
/// writer of canonical JSON scan them.
enum PlainTextScan {
    private static let ones: UInt64 = 0x0101_0101_0101_0101
    private static let highs: UInt64 = 0x8080_8080_8080_8080

    /// Whether any of the eight bytes of `word` is below 0x20, a quote or a backslash.
    @inline(__always)
    static func needsEscape(_ word: UInt64) -> Bool {
        func hasZeroByte(_ value: UInt64) -> Bool { (value &- ones) & ~value & highs != 0 }
        // Bytes below 0x20: the classic "has less than" test, exact for any byte below 0x80.
        let control = (word &- ones &* 0x20) & ~word & highs != 0
        return control || hasZeroByte(word ^ (ones &* 0x22)) || hasZeroByte(word ^ (ones &* 0x5C))
    }

    /// The offset in `bytes` from `start` of the first byte that is a quote, a backslash
    /// or below 0x20 (`bytes.count` when none), and whether any byte before it is
    /// outside ASCII.
    @inline(__always)
    static func plainRun(_ bytes: UnsafeRawBufferPointer, from start: Int) -> (end: Int, hasNonASCII: Bool) {
        var position = start
        var union: UInt64 = 0
        while position + 8 <= bytes.count {
            let word = bytes.loadUnaligned(fromByteOffset: position, as: UInt64.self)
            if needsEscape(word) { break }
            union |= word
            position += 8
        }
        var tail: UInt8 = 0
        while position < bytes.count {
            let byte = bytes[position]
            if byte < 0x20 || byte == 0x22 || byte == 0x5C { break }
            tail |= byte
            position += 1
        }
        return (position, union & highs != 0 || tail >= 0x80)
    }
}
