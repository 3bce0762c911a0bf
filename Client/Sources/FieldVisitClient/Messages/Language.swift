import Foundation
import Synchronization

/// The language the field client speaks to its user: Japanese under a Japanese locale,
/// English otherwise. Codes, JSON keys, CSV headers and exit codes are the same in both,
/// so scripts read the same output whatever the language.
public enum Language: String, Sendable, Hashable, CaseIterable {
    case english = "en"
    case japanese = "ja"

    /// The language the process speaks, chosen once at start (``choose(option:environment:)``).
    public static var current: Language {
        get { chosen.withLock { $0 } }
        set { chosen.withLock { $0 = newValue } }
    }

    private static let chosen = Mutex(Language.english)

    /// The language asked for: `--lang` first, then `FIELDVISIT_LANG`, then the POSIX
    /// locale variables in their order of precedence (`LC_ALL`, `LC_MESSAGES`, `LANG`).
    /// `ja`, `ja_JP`, `ja_JP.UTF-8` … are Japanese; any other locale is English.
    ///
    /// - Throws: ``LanguageChoiceError`` for a `--lang` or `FIELDVISIT_LANG` that is neither
    ///   `ja` nor `en`.
    public static func choose(option: String?, environment: [String: String]) throws(LanguageChoiceError) -> Language {
        for (name, value) in [("--lang", option), ("FIELDVISIT_LANG", environment["FIELDVISIT_LANG"])] {
            guard let value, !value.isEmpty else { continue }
            guard let language = Language(rawValue: value.lowercased()) else { throw LanguageChoiceError(source: name, value: value) }
            return language
        }
        for name in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            guard let value = environment[name], !value.isEmpty else { continue }
            return value.lowercased().hasPrefix("ja") ? .japanese : .english
        }
        return .english
    }
}

/// A language asked for that the client does not speak.
public struct LanguageChoiceError: Error, Sendable, CustomStringConvertible {
    /// Where it was asked: `--lang` or `FIELDVISIT_LANG`.
    public var source: String
    /// What was asked.
    public var value: String

    public var description: String { "\(source) \(value) is not a language this client speaks; use ja or en" }
}
