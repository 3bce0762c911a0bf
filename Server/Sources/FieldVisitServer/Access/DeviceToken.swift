import Crypto
import Foundation

/// A device token: 256 random bits, shown to the laptop once, stored only as its
/// SHA-256 hash so that a copy of the database does not let anyone sync.
public struct DeviceToken: Sendable, Hashable {
    /// The token as the laptop sends it (base64url, no padding).
    public let text: String

    /// A new random token.
    public static func random() -> DeviceToken {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        return DeviceToken(text: Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: ""))
    }

    public init(text: String) { self.text = text }

    /// The hash stored in place of the token.
    public var hash: Data { Self.hash(text) }

    /// The hash of a presented token.
    public static func hash(_ text: String) -> Data { Data(SHA256.hash(data: Data(text.utf8))) }

    /// Compares two hashes in time independent of where they differ.
    public static func constantTimeEqual(_ a: Data, _ b: Data) -> Bool {
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for (x, y) in zip(a, b) { difference |= x ^ y }
        return difference == 0
    }
}
