import Foundation
import Synchronization

/// The language FieldVisit speaks to its user: Japanese under a Japanese locale,
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

    /// Takes `--lang CODE` (or `--lang=CODE`) out of a program's arguments, wherever it is:
    /// the language is the process's, for every command. `nil` when it is not there.
    ///
    /// - Throws: ``LanguageChoiceError`` for a `--lang` without a language after it.
    public static func takeOption(from arguments: inout [String]) throws(LanguageChoiceError) -> String? {
        guard let index = arguments.firstIndex(where: { $0 == "--lang" || $0.hasPrefix("--lang=") }) else { return nil }
        let argument = arguments.remove(at: index)
        if argument.hasPrefix("--lang=") { return String(argument.dropFirst("--lang=".count)) }
        guard index < arguments.count else { throw LanguageChoiceError(source: "--lang", value: "") }
        return arguments.remove(at: index)
    }

    /// The language a request asks for in its `Accept-Language` header (RFC 9110 §12.5.4):
    /// Japanese when `ja` is preferred to `en` and to `*`, English otherwise. A header of
    /// any size is read only as far as its first 32 entries.
    public static func accepting(_ header: String?) -> Language {
        guard let header else { return .english }
        var best: (language: Language, weight: Double) = (.english, 0)
        for entry in header.split(separator: ",", maxSplits: 32, omittingEmptySubsequences: true).prefix(32) {
            let parts = entry.split(separator: ";")
            let tag = parts.first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
            var weight = 1.0
            for parameter in parts.dropFirst() {
                let pair = parameter.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
                // A weight that is not a number from 0 to 1, or none, spoils its entry.
                if pair[0].lowercased() == "q" { weight = pair.count == 2 ? Double(pair[1]).flatMap { (0...1).contains($0) ? $0 : nil } ?? -1 : -1 }
            }
            let language: Language = tag == "ja" || tag.hasPrefix("ja-") ? .japanese : .english
            if weight > best.weight { best = (language, weight) }
        }
        return best.language
    }

    /// The language's tag in `Accept-Language` and `Content-Language`.
    public var tag: String { rawValue }
}

/// A language asked for that the client does not speak.
public struct LanguageChoiceError: Error, Sendable, CustomStringConvertible {
    /// Where it was asked: `--lang` or `FIELDVISIT_LANG`.
    public var source: String
    /// What was asked.
    public var value: String

    public var description: String {
        guard !value.isEmpty else { return "\(source) wants a language: ja (日本語) or en (English)" }
        // Quoted at most 40 characters long: it may be anything the environment holds.
        let shown = value.count > 40 ? value.prefix(40) + "…" : value
        return "\(source) \(shown) is not a language FieldVisit speaks; use ja (日本語) or en (English)"
    }
}
