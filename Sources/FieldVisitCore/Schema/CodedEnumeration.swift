/// An enumeration whose cases have a stable English code (its raw value, used in
/// storage, on the wire and on the command line) and a Japanese label (shown to people).
///
/// Codes never change once shipped; labels may be reworded.
public protocol CodedEnumeration: RawRepresentable, CaseIterable, Sendable, Hashable, Codable
where RawValue == String {
    /// The label shown to people, in Japanese.
    var japaneseLabel: String { get }
}

extension CodedEnumeration {
    /// The stable code.
    public var code: String { rawValue }

    /// The code list of this enumeration, for validation and `--help` texts.
    public static var codeList: CodeList {
        CodeList(name: String(describing: Self.self), entries: allCases.map { .init(code: $0.rawValue, label: $0.japaneseLabel) })
    }
}

/// A named list of codes with their Japanese labels: the choices a field or a form
/// question accepts.
public struct CodeList: Sendable, Hashable, Codable {
    /// One choice.
    public struct Entry: Sendable, Hashable, Codable {
        /// The stable code.
        public var code: String
        /// The Japanese label.
        public var label: String

        public init(code: String, label: String) {
            self.code = code
            self.label = label
        }
    }

    /// The list's name in the code (`Industry`, `VisitPurpose`); messages name the field
    /// by its Japanese label instead (``refusal(of:label:)``).
    public var name: String
    /// The choices, in display order.
    public var entries: [Entry]

    public init(name: String, entries: [Entry]) {
        self.name = name
        self.entries = entries
    }

    /// Whether `code` is one of the choices.
    public func contains(_ code: String) -> Bool { entries.contains { $0.code == code } }

    /// The label of `code`, if it is one of the choices.
    public func label(of code: String) -> String? { entries.first { $0.code == code }?.label }

    /// The codes, comma-separated, for error messages.
    public var codesDescription: String { entries.map(\.code).joined(separator: ", ") }

    /// The codes with their labels, comma-separated: `onSite (訪問), online (オンライン)`.
    public var choicesDescription: String { entries.map { "\($0.code) (\($0.label))" }.joined(separator: ", ") }

    /// Why `code` is refused for the field labelled `label` (or a field whose label is
    /// not known here), naming what to use instead.
    public func refusal(of code: String, label: String?) -> LocalizedText {
        ValidationMessage.notACode.localized(["labelled": label.map { "「\($0)」: " } ?? "", "code": code, "choices": choicesDescription])
    }
}
