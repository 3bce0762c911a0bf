import Foundation

/// The identity of one replica: a database that accepts writes, such as one laptop's
/// local store or the server itself.
///
/// A UUID, held as two integers so that hashing and ordering on the hot path of
/// applying changes are two integer operations. Encodes as the lowercase UUID string.
public struct ReplicaID: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    let high: UInt64
    let low: UInt64

    /// The replica with the given UUID.
    public init(_ uuid: UUID) {
        let bytes = uuid.uuid
        high = [bytes.0, bytes.1, bytes.2, bytes.3, bytes.4, bytes.5, bytes.6, bytes.7]
            .reduce(0) { $0 << 8 | UInt64($1) }
        low = [bytes.8, bytes.9, bytes.10, bytes.11, bytes.12, bytes.13, bytes.14, bytes.15]
            .reduce(0) { $0 << 8 | UInt64($1) }
    }

    /// Parses a UUID string such as `3f2a…`; `nil` when it is not one.
    public init?(_ text: String) {
        if let id = Self.parse(text.utf8) {
            self = id
            return
        }
        guard let uuid = UUID(uuidString: text) else { return nil }
        self.init(uuid)
    }

    /// The `8-4-4-4-12` form read directly (`UUID(uuidString:)` goes through `sscanf`,
    /// which cost more than the rest of reading a change set's dot); `nil` for anything
    /// else, which is then left to `UUID`.
    private static func parse(_ utf8: String.UTF8View) -> ReplicaID? {
        utf8.count == 36 ? scan(utf8, uppercase: true) : nil
    }

    /// The replica written as the 36 bytes of `text` in the `8-4-4-4-12` form, with
    /// uppercase hex digits too when `uppercase`; `nil` for anything else.
    static func scan<Bytes: Collection<UInt8>>(_ text: Bytes, uppercase: Bool) -> ReplicaID? {
        var words: (UInt64, UInt64) = (0, 0)
        var nibbles = 0
        var index = 0
        for byte in text {
            defer { index += 1 }
            if index == 8 || index == 13 || index == 18 || index == 23 {
                guard byte == 0x2D else { return nil }
                continue
            }
            let value: UInt8
            switch byte {
            case 0x30...0x39: value = byte - 0x30
            case 0x61...0x66: value = byte - 0x57
            case 0x41...0x46 where uppercase: value = byte - 0x37
            default: return nil
            }
            if nibbles < 16 { words.0 = words.0 << 4 | UInt64(value) } else { words.1 = words.1 << 4 | UInt64(value) }
            nibbles += 1
        }
        return index == 36 ? ReplicaID(high: words.0, low: words.1) : nil
    }

    /// The replica of a UUID given as its two halves, high bytes first.
    init(high: UInt64, low: UInt64) {
        self.high = high
        self.low = low
    }

    /// A new random replica id, made once when a store is created.
    public static func random() -> ReplicaID { ReplicaID(UUID()) }

    /// The UUID.
    public var uuid: UUID {
        func byte(_ word: UInt64, _ index: Int) -> UInt8 { UInt8(truncatingIfNeeded: word >> (56 - 8 * index)) }
        return UUID(uuid: (
            byte(high, 0), byte(high, 1), byte(high, 2), byte(high, 3), byte(high, 4), byte(high, 5), byte(high, 6), byte(high, 7),
            byte(low, 0), byte(low, 1), byte(low, 2), byte(low, 3), byte(low, 4), byte(low, 5), byte(low, 6), byte(low, 7)
        ))
    }

    /// The lowercase UUID string: the form used on the wire and in storage.
    public var description: String {
        // Written from the two integers: formatting a `UUID` and lowercasing it costs
        // more than the rest of encoding a change set's dot.
        String(unsafeUninitializedCapacity: 36) { buffer in
            var count = 0
            forEachTextByte { byte in
                buffer[count] = byte
                count += 1
            }
            return count
        }
    }

    /// Calls `body` with each byte of the lowercase UUID string, `8-4-4-4-12` hex digits.
    @inline(__always)
    func forEachTextByte(_ body: (UInt8) -> Void) {
        for index in 0..<32 {
            if index == 8 || index == 12 || index == 16 || index == 20 { body(0x2D) }
            let word = index < 16 ? high : low
            let nibble = UInt8(truncatingIfNeeded: word >> UInt64(60 - 4 * (index % 16))) & 0xF
            body(nibble < 10 ? 0x30 + nibble : 0x57 + nibble)
        }
    }

    public static func < (lhs: ReplicaID, rhs: ReplicaID) -> Bool {
        (lhs.high, lhs.low) < (rhs.high, rhs.low)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let id = ReplicaID(text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "\"\(text)\" is not a replica id (a UUID)")
        }
        self = id
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
