import Foundation

/// The one JSON form of change sets and everything in them: keys sorted, no
/// insignificant whitespace, `/` unescaped, UTF-8 text as is.
///
/// The same value always encodes to the same bytes, so the server, the client and the
/// test vectors under `Protocol/vectors/` can compare encodings byte for byte.
public enum CanonicalJSON {
    /// Encodes `value` in the canonical form.
    public static func encode<T: Encodable>(_ value: T) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(value)
    }

    /// Decodes a value from JSON (canonical or not).
    public static func decode<T: Decodable>(_ type: T.Type, from data: Data) throws -> T {
        try JSONDecoder().decode(type, from: data)
    }
}
