import Foundation

/// The rule for user names, shared by the server's accounts and the laptop's store: a
/// user name is also the author of every change set its user makes, compared byte for
/// byte, so it is kept in one Unicode form (NFC) everywhere.
public enum UserName {
    /// The longest user name, in bytes of UTF-8.
    public static let maxBytes = ChangeSetLimits.maxAuthorBytes

    /// The name in Unicode's composed form (NFC): 「が」 typed as か and a combining mark
    /// becomes the one character, as most keyboards type it.
    public static func normalized(_ name: String) -> String {
        name.precomposedStringWithCanonicalMapping
    }

    /// Why `name` (already normalized) cannot be a user name, or `nil` when it can.
    public static func problem(_ name: String) -> LocalizedText? {
        guard !name.isEmpty, name.utf8.count <= maxBytes, name == name.trimmingCharacters(in: .whitespaces),
              !name.containsControlCharacters
        else {
            return ValidationMessage.userName.localized(["max": "\(maxBytes)"])
        }
        return nil
    }
}
