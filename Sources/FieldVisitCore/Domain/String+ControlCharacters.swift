import Foundation

extension StringProtocol {
    /// Whether the text holds a control character (C0, DEL, C1 and the like): what no
    /// name, identifier or address typed by a person holds, and what stores cannot
    /// always keep (U+0000).
    public var containsControlCharacters: Bool {
        // Printable ASCII and the Japanese scripts (U+3000–U+9FFF) are never control
        // characters: only other scalars are looked up, in a set made once.
        unicodeScalars.contains { scalar in
            switch scalar.value {
            case 0x20...0x7E, 0x3000...0x9FFF: false
            default: controlCharacterSet.contains(scalar)
            }
        }
    }
}

/// The control characters (C0, DEL, C1 and the format characters), made once: building
/// the set for each character looked up costs more than the lookup.
private let controlCharacterSet = CharacterSet.controlCharacters
