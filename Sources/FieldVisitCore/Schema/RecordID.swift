import Foundation

/// The id of a record: a lowercase UUID for records created here, or any short token of
/// letters, digits, `-` and `_` for records imported from elsewhere.
public struct RecordID: RawRepresentable, Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public let rawValue: String

    /// Wraps an id without checking it; use ``init(validating:)`` for input.
    public init(rawValue: String) { self.rawValue = rawValue }

    /// Checks an id typed or received from elsewhere.
    public init(validating text: String) throws(ValidationError) {
        guard Self.isWellFormed(text) else {
            throw ValidationError(field: "id", ValidationMessage.notRecordID.localized(["text": text]))
        }
        rawValue = text
    }

    /// A new random id: a lowercase version-4 UUID.
    ///
    /// Its 122 random bits come from the system generator in two calls, where
    /// Foundation's `UUID()` opens, reads and closes `/dev/urandom` for each id.
    public static func random() -> RecordID {
        var generator = SystemRandomNumberGenerator()
        // The version (4) is the 13th hex digit; the variant (binary 10) leads the 17th.
        let high = (generator.next() as UInt64) & 0xFFFF_FFFF_FFFF_0FFF | 0x0000_0000_0000_4000
        let low = (generator.next() as UInt64) & 0x3FFF_FFFF_FFFF_FFFF | 0x8000_0000_0000_0000
        let hex = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(36)
        for index in 0..<32 {
            if index == 8 || index == 12 || index == 16 || index == 20 { text.append(UInt8(ascii: "-")) }
            let word = index < 16 ? high : low
            text.append(hex[Int(word >> UInt64(60 - 4 * (index % 16)) & 0xF)])
        }
        return RecordID(rawValue: String(decoding: text, as: UTF8.self))
    }

    /// Whether `text` can be a record id.
    public static func isWellFormed(_ text: String) -> Bool {
        !text.isEmpty && text.utf8.count <= 64
            && text.utf8.allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x61 && $0 <= 0x7A) || $0 == 0x2D || $0 == 0x5F }
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard Self.isWellFormed(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "\"\(text)\" is not a record id"))
        }
        rawValue = text
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    public static func < (lhs: RecordID, rhs: RecordID) -> Bool { lhs.rawValue < rhs.rawValue }

    public var description: String { rawValue }
}
