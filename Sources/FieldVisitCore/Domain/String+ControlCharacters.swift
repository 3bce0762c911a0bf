import Foundation

extension StringProtocol {
    /// Whether the text holds a control character (C0, DEL, C1 and the like): what no
    /// name, identifier or address typed by a person holds, and what stores cannot
    /// always keep (U+0000).
    public var containsControlCharacters: Bool {
        unicodeScalars.contains { CharacterSet.controlCharacters.contains($0) }
    }
}
