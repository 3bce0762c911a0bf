/// A chapter of the catalogue of messages: each case is one message, in English and in
/// Japanese, with the same `{name}` placeholders in both. The compiler holds every message
/// to both languages (``texts`` is one exhaustive switch); `MessageCatalogTests` holds
/// their placeholders equal, and finds every chapter in the sources.
///
/// Japanese is in the polite, plain register office software uses; codes, field ids and
/// command names stay as they are in either language.
///
/// ```swift
/// enum GreetingMessage: String, MessageCatalogue {
///     case hello
///     var texts: (english: String, japanese: String) {
///         switch self {
///         case .hello: ("Hello, {name}.", "{name} さん、こんにちは。")
///         }
///     }
/// }
/// GreetingMessage.hello.text(["name": "佐藤"], in: .japanese)   // "佐藤 さん、こんにちは。"
/// ```
public protocol MessageCatalogue: RawRepresentable<String>, CaseIterable, Sendable, Hashable {
    /// The message in English and in Japanese, placeholders unfilled.
    var texts: (english: String, japanese: String) { get }
}

extension MessageCatalogue {
    /// The message in `language` (the process's, unless told) with its placeholders
    /// filled from `values`.
    public func text(_ values: [String: String] = [:], in language: Language = .current) -> String {
        Self.fill(language == .japanese ? texts.japanese : texts.english, with: values)
    }

    /// The message in both languages, for an error that is shown later, perhaps to
    /// someone who speaks the other (a server answering each request in its language).
    public func localized(_ values: [String: String] = [:]) -> LocalizedText {
        LocalizedText(english: Self.fill(texts.english, with: values), japanese: Self.fill(texts.japanese, with: values))
    }

    static func fill(_ text: String, with values: [String: String]) -> String {
        guard text.contains("{") else { return text }
        var result = text
        for (name, value) in values { result = result.replacingOccurrences(of: "{\(name)}", with: value) }
        return result
    }
}

/// The names of the `{name}` placeholders of a message text.
public func messagePlaceholders(in text: String) -> Set<String> {
    var names: Set<String> = []
    var rest = Substring(text)
    while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
        names.insert(String(rest[rest.index(after: open)..<close]))
        rest = rest[rest.index(after: close)...]
    }
    return names
}

extension MessageCatalogue {
    /// What is wrong with this chapter, one line per problem: a message with an empty
    /// text, with placeholders that differ between its languages, or whose Japanese is
    /// its English left untranslated. Empty for a sound chapter.
    public static func translationProblems() -> [String] {
        allCases.flatMap { message -> [String] in
            let (english, japanese) = message.texts
            var problems: [String] = []
            if english.isEmpty || japanese.isEmpty { problems.append("\(Self.self).\(message.rawValue) is empty in a language") }
            let inEnglish = messagePlaceholders(in: english), inJapanese = messagePlaceholders(in: japanese)
            if inEnglish != inJapanese {
                problems.append("\(Self.self).\(message.rawValue): English has \(inEnglish.sorted()), Japanese \(inJapanese.sorted())")
            }
            if english == japanese, english.split(separator: " ").contains(where: { $0.count >= 3 && $0.allSatisfy(\.isLetter) && $0.allSatisfy(\.isASCII) }) {
                problems.append("\(Self.self).\(message.rawValue) is English in Japanese too: \(japanese)")
            }
            return problems
        }
    }
}

extension MessageCatalogue {
    /// The message in both languages, filled from `values` and from `parts` that are
    /// themselves in both languages (a kind of value, another message).
    public func localized(_ values: [String: String] = [:], parts: [String: LocalizedText]) -> LocalizedText {
        LocalizedText(english: Self.fill(texts.english, with: values.merging(parts.mapValues(\.english)) { $1 }),
                      japanese: Self.fill(texts.japanese, with: values.merging(parts.mapValues(\.japanese)) { $1 }))
    }
}
