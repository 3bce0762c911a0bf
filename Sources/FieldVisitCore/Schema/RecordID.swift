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
            throw ValidationError(field: "id", reason: "\"\(text)\" is not a record id (1–64 letters, digits, '-' or '_')")
        }
        rawValue = text
    }

    /// A new random id.
    public static func random() -> RecordID { RecordID(rawValue: UUID().uuidString.lowercased()) }

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
