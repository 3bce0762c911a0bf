#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Shift_JIS as Windows and Excel in Japan write it (code page 932): JIS X 0208 with the
/// NEC special characters (①, ㈱, ㍻), the NEC-selected and IBM extended kanji (髙, 﨑)
/// and the Microsoft mappings (～ is U+FF5E, the backslash is 0x5C).
///
/// Conversion goes through the C library's `iconv` with its `CP932` converter. Where a
/// system has none, its `SHIFT_JIS` converter is used and its JIS mappings are moved to
/// the Microsoft ones (¥ at 0x5C read as a backslash, 〜 as ～), so the text is the same;
/// only the NEC and IBM extensions are then missing.
public enum CP932 {
    /// The converters tried, in order.
    static let converterNames = ["CP932", "SHIFT_JIS"]

    /// The text of Shift_JIS (CP932) bytes. Throws, naming the line and the bytes, when
    /// they are not valid Shift_JIS.
    public static func decode(_ data: Data) throws(CP932Error) -> String {
        try decode([UInt8](data), converters: converterNames)
    }

    /// The Shift_JIS (CP932) bytes of `text`. Throws, naming the line and the character,
    /// when `text` holds a character Shift_JIS has no code for (an emoji, 𠮷).
    public static func encode(_ text: String) throws(CP932Error) -> Data {
        try encode(text, converters: converterNames)
    }

    // MARK: With chosen converters (the fallback is tested through these)

    static func decode(_ bytes: [UInt8], converters: [String]) throws(CP932Error) -> String {
        for name in converters {
            guard let result = convert(bytes, to: "UTF-8", from: name) else { continue }
            switch result {
            case .converted(let utf8):
                let text = String(decoding: utf8, as: UTF8.self)
                return name == "CP932" ? text : remap(text, using: jisToMicrosoft)
            case .stopped(let offset):
                throw CP932Error(
                    .invalidBytes, byteOffset: offset, line: LineNumbers.line(atOffset: offset, in: bytes),
                    TextFileMessage.invalidShiftJIS.localized(["bytes": LineNumbers.describeBytes(atOffset: offset, in: bytes)])
                )
            }
        }
        throw unavailable
    }

    static func encode(_ text: String, converters: [String]) throws(CP932Error) -> Data {
        for name in converters {
            let source = name == "CP932" ? text : remap(text, using: microsoftToJIS)
            let utf8 = Array(source.utf8)
            guard let result = convert(utf8, to: name, from: "UTF-8") else { continue }
            switch result {
            case .converted(let bytes):
                return Data(bytes)
            case .stopped(let offset):
                let index = source.utf8.index(source.utf8.startIndex, offsetBy: offset)
                let scalar = source.unicodeScalars[index]
                let hex = String(scalar.value, radix: 16, uppercase: true)
                let code = "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
                throw CP932Error(
                    .unencodableCharacter(scalar), byteOffset: offset, line: LineNumbers.line(atOffset: offset, in: utf8),
                    TextFileMessage.unencodable.localized(["character": "\(scalar)", "code": code])
                )
            }
        }
        throw unavailable
    }

    private static var unavailable: CP932Error {
        CP932Error(
            .converterUnavailable, byteOffset: nil, line: nil,
            TextFileMessage.converterUnavailable.localized()
        )
    }

    // MARK: JIS and Microsoft mappings

    /// Where the `SHIFT_JIS` converter and CP932 read the same bytes as different
    /// characters: JIS's form on the left, Microsoft's on the right.
    private static let jisToMicrosoft: [UInt32: UInt32] = [
        0x00A5: 0x005C,  // ¥ at 0x5C is the backslash
        0x203E: 0x007E,  // ‾ at 0x7E is the tilde
        0x301C: 0xFF5E,  // 〜 wave dash → ～
        0x2016: 0x2225,  // ‖ → ∥
        0x2212: 0xFF0D,  // − → －
        0x00A2: 0xFFE0,  // ¢ → ￠
        0x00A3: 0xFFE1,  // £ → ￡
        0x00AC: 0xFFE2,  // ¬ → ￢
    ]

    private static let microsoftToJIS: [UInt32: UInt32] = Dictionary(
        uniqueKeysWithValues: jisToMicrosoft.map { ($0.value, $0.key) }
    )

    private static func remap(_ text: String, using table: [UInt32: UInt32]) -> String {
        var result = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if let replacement = table[scalar.value], let mapped = Unicode.Scalar(replacement) {
                result.append(mapped)
            } else {
                result.append(scalar)
            }
        }
        return String(result)
    }

    // MARK: iconv

    private enum Conversion {
        /// The whole input was converted.
        case converted([UInt8])
        /// The input holds an invalid or unconvertible sequence at this offset.
        case stopped(at: Int)
    }

    /// Converts `input` with iconv, or `nil` when iconv has no such converter.
    private static func convert(_ input: [UInt8], to target: String, from source: String) -> Conversion? {
        let converter = iconv_open(target, source)
        if Int(bitPattern: converter) == -1 { return nil }
        defer { iconv_close(converter) }
        if input.isEmpty { return .converted([]) }

        var input = input
        // Shift_JIS to UTF-8 at most triples the size (half-width kana); the other way shrinks.
        var output = [UInt8](repeating: 0, count: input.count * 3 + 16)
        var produced = 0
        return input.withUnsafeMutableBufferPointer { inputBuffer -> Conversion in
            var inputPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(inputBuffer.baseAddress!)
                .assumingMemoryBound(to: CChar.self)
            var inputLeft = inputBuffer.count
            while true {
                var failure: Int32 = 0
                output.withUnsafeMutableBufferPointer { outputBuffer in
                    var outputPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(outputBuffer.baseAddress! + produced)
                        .assumingMemoryBound(to: CChar.self)
                    var outputLeft = outputBuffer.count - produced
                    let result = iconv(converter, &inputPointer, &inputLeft, &outputPointer, &outputLeft)
                    if result == -1 { failure = errno }
                    produced = outputBuffer.count - outputLeft
                }
                switch failure {
                case 0:
                    return .converted(Array(output[..<produced]))
                case E2BIG:
                    output.append(contentsOf: repeatElement(0, count: output.count))
                default:
                    // EILSEQ (an invalid sequence) or EINVAL (cut off at the end).
                    return .stopped(at: inputBuffer.count - inputLeft)
                }
            }
        }
    }
}

/// The Shift_JIS (CP932) bytes of `text`, for exports to offices that want Shift_JIS and
/// for tests that need such files. The same as ``CP932/encode(_:)``.
public func encodeCP932(_ text: String) throws(CP932Error) -> Data {
    try CP932.encode(text)
}
