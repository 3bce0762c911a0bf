/// Strings: any valid spelling, and the canonical one.
extension JSONScanner {
    /// A string in any valid spelling: every escape, surrogate pairs joined, UTF-8 checked.
    public mutating func string() throws(JSONReadFailure) -> String {
        guard try peek() == UInt8(ascii: "\"") else { throw failure("expected a string") }
        position += 1
        let start = position
        // Most strings have no escape: found eight bytes at a time, made in one go.
        let (end, hasNonASCII) = bytes.withUnsafeBytes { PlainTextScan.plainRun($0, from: start) }
        position = end
        guard position < bytes.count else { throw failure("the string is not closed") }
        guard bytes[position] >= 0x20 else { throw failure("a control character in a string") }
        if bytes[position] == UInt8(ascii: "\"") {
            position += 1
            if !hasNonASCII {
                // ASCII is valid UTF-8: no need for the (generic, slower) validating initialiser.
                return bytes.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[start..<end]), as: UTF8.self) }
            }
            guard let text = String(validating: bytes[start..<end], as: UTF8.self) else { throw failure("a string is not valid UTF-8") }
            return text
        }
        var buffer = Array(bytes[start..<end])
        while position < bytes.count {
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") {
                position += 1
                guard let text = String(validating: buffer, as: UTF8.self) else { throw failure("a string is not valid UTF-8") }
                return text
            }
            guard byte >= 0x20 else { throw failure("a control character in a string") }
            position += 1
            guard byte == UInt8(ascii: "\\") else {
                buffer.append(byte)
                continue
            }
            guard position < bytes.count else { break }
            let escape = bytes[position]
            position += 1
            switch escape {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): buffer.append(escape)
            case UInt8(ascii: "b"): buffer.append(0x08)
            case UInt8(ascii: "f"): buffer.append(0x0C)
            case UInt8(ascii: "n"): buffer.append(0x0A)
            case UInt8(ascii: "r"): buffer.append(0x0D)
            case UInt8(ascii: "t"): buffer.append(0x09)
            case UInt8(ascii: "u"):
                var code = try hex4()
                if (0xD800..<0xDC00).contains(code) {
                    // A high surrogate must be followed by a low one.
                    guard position + 1 < bytes.count, bytes[position] == UInt8(ascii: "\\"), bytes[position + 1] == UInt8(ascii: "u") else {
                        throw failure("a lone surrogate in a string")
                    }
                    position += 2
                    let low = try hex4()
                    guard (0xDC00..<0xE000).contains(low) else { throw failure("a lone surrogate in a string") }
                    code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                } else if (0xDC00..<0xE000).contains(code) {
                    throw failure("a lone surrogate in a string")
                }
                guard let scalar = Unicode.Scalar(code) else { throw failure("an invalid \\u escape") }
                buffer.append(contentsOf: String(Character(scalar)).utf8)
            default:
                throw failure("an invalid escape in a string")
            }
        }
        throw failure("the string is not closed")
    }

    /// Four hex digits of a `\u` escape, either case.
    private mutating func hex4() throws(JSONReadFailure) -> UInt32 {
        guard position + 4 <= bytes.count else { throw failure("a short \\u escape") }
        var code: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[position] | 0x20   // lowercase a letter; digits keep their value
            let digit: UInt32
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - UInt8(ascii: "a") + 10)
            default: throw failure("an invalid \\u escape")
            }
            code = code << 4 | digit
            position += 1
        }
        return code
    }

    /// A string with only the escapes the canonical writer makes; `nil` otherwise.
    public mutating func canonicalString() -> String? {
        guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else { return nil }
        let start = position + 1
        let (end, hasNonASCII) = bytes.withUnsafeBytes { PlainTextScan.plainRun($0, from: start) }
        guard end < bytes.count else { return nil }
        if bytes[end] == UInt8(ascii: "\"") {
            position = end + 1
            if !hasNonASCII { return bytes.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[start..<end]), as: UTF8.self) } }
            return String(validating: bytes[start..<end], as: UTF8.self)
        }
        var buffer = Array(bytes[start..<end])
        var index = end
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                position = index + 1
                return String(validating: buffer, as: UTF8.self)
            }
            guard byte >= 0x20 else { return nil }
            guard byte == UInt8(ascii: "\\") else {
                buffer.append(byte)
                index += 1
                continue
            }
            guard index + 1 < bytes.count, Self.isCanonicalEscape(bytes[(index + 1)...].prefix(5)) else { return nil }
            switch bytes[index + 1] {
            case UInt8(ascii: "\""): buffer.append(0x22)
            case UInt8(ascii: "\\"): buffer.append(0x5C)
            case UInt8(ascii: "n"): buffer.append(0x0A)
            case UInt8(ascii: "r"): buffer.append(0x0D)
            case UInt8(ascii: "t"): buffer.append(0x09)
            case UInt8(ascii: "b"): buffer.append(0x08)
            case UInt8(ascii: "f"): buffer.append(0x0C)
            default:
                // `\u00xx`, lowercase, a control character (checked above).
                let high = bytes[index + 4] == UInt8(ascii: "1") ? 16 : 0
                let low = bytes[index + 5]
                buffer.append(UInt8(high) + (low <= UInt8(ascii: "9") ? low - 0x30 : low - 0x57))
                index += 4
            }
            index += 2
        }
        return nil
    }

    /// Whether an escape (the bytes after the backslash) is one the canonical writer
    /// makes: `\"`, `\\`, `\n`, `\r`, `\t`, `\b`, `\f`, and `\u00xx` in lowercase hex
    /// for the other control characters. `\/` or `\u0041` read the same but are written otherwise.
    private static func isCanonicalEscape(_ escape: ArraySlice<UInt8>) -> Bool {
        guard let first = escape.first else { return false }
        switch first {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"), UInt8(ascii: "b"), UInt8(ascii: "f"):
            return true
        case UInt8(ascii: "u"):
            let digits = Array(escape.dropFirst())
            guard digits.count == 4, digits[0] == 0x30, digits[1] == 0x30 else { return false }
            let lowHex = Array("0123456789abcdef".utf8)
            guard (digits[2] == 0x30 || digits[2] == 0x31), let low = lowHex.firstIndex(of: digits[3]) else { return false }
            let code = (digits[2] == 0x31 ? 16 : 0) + low
            // These have short escapes, which the writer uses instead.
            return ![0x08, 0x09, 0x0A, 0x0C, 0x0D].contains(code)
        default:
            return false
        }
    }
}
