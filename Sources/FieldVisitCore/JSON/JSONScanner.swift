import Foundation

/// The one reader of JSON bytes, a token at a time: every reader of a change set, of a
/// record's values and of the wire formats (`FieldVisitProtocol`) is written on it.
///
/// It reads in two ways. The general way (``object(_:_:)``, ``array(_:_:)``,
/// ``string()``, ``number()``, ``skipValue()``) accepts any valid JSON — whitespace,
/// members in any order, every escape — and refuses anything else with a
/// ``JSONReadFailure`` that says what and where; nesting is bounded and no input traps.
/// The canonical way (``literal(_:)``, ``canonicalString()``, ``canonicalUnsigned()``)
/// accepts only the bytes ``CanonicalJSONWriter`` writes, without a word of refusal:
/// `nil` at the first byte that departs from them, and the caller reads again from
/// where it started, the general way. What clients and servers send is canonical, so
/// that is the fast path.
public struct JSONScanner {
    /// The bytes read.
    public let bytes: [UInt8]
    /// Where reading is, in bytes from the start.
    public var position = 0
    /// How deeply the value being read is nested.
    var depth = 0
    /// What the bytes are to be, for failures: "a valid change set".
    public let subject: String

    /// The deepest nesting read: the formats are shallow, so deeper is hostile, not data.
    public static let maxDepth = 32

    /// A scanner at the start of `data`, which is to be `subject` ("a valid push body").
    public init(_ data: Data, subject: String) {
        self.init(bytes: [UInt8](data), subject: subject)
    }

    /// A scanner at the start of `bytes`.
    public init(bytes: [UInt8], subject: String) {
        self.bytes = bytes
        self.subject = subject
    }

    /// A refusal at the current position.
    public func failure(_ reason: String) -> JSONReadFailure {
        JSONReadFailure(subject: subject, reason: reason, offset: position)
    }

    /// Skips spaces, tabs and line breaks.
    public mutating func skipWhitespace() {
        while position < bytes.count {
            switch bytes[position] {
            case 0x20, 0x0A, 0x0D, 0x09: position += 1
            default: return
            }
        }
    }

    /// The next significant byte, not consumed.
    public mutating func peek() throws(JSONReadFailure) -> UInt8 {
        skipWhitespace()
        guard position < bytes.count else { throw failure("the JSON ends too early") }
        return bytes[position]
    }

    /// Refuses anything but whitespace after the value read: one document, one value.
    public mutating func expectEnd() throws(JSONReadFailure) {
        skipWhitespace()
        guard position == bytes.count else { throw failure("unexpected bytes after the JSON value") }
    }

    /// Consumes `text` if the bytes at the position spell it exactly (no whitespace).
    @inline(__always)
    public mutating func literal(_ text: StaticString) -> Bool {
        let count = text.utf8CodeUnitCount
        guard position + count <= bytes.count else { return false }
        let start = text.utf8Start
        for index in 0..<count where bytes[position + index] != start[index] { return false }
        position += count
        return true
    }

    /// Consumes `word` (`true`, `false`, `null`) or refuses.
    mutating func expect(_ word: StaticString) throws(JSONReadFailure) {
        guard literal(word) else { throw failure("expected \(word)") }
    }

    /// Enters an object or an array, refusing nesting past ``maxDepth``.
    mutating func nest() throws(JSONReadFailure) {
        depth += 1
        guard depth <= Self.maxDepth else { throw failure("nested too deeply") }
    }
}
