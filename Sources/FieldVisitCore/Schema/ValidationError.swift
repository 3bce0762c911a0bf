/// Why a value, an answer or a record was refused.
///
/// The message names the field and the rule, so the person who typed it knows what to
/// change: `corporateNumber: 1180301018772 has a wrong check digit (expected 1)`. It is
/// carried in both languages: Japanese output names the field by its label
/// (「法人番号」: …), and a server answers each client in the language it asked for.
public struct ValidationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The field (or form question) that was refused.
    public var field: String
    /// The field's Japanese label, when the code that refused it knows it.
    public var label: String?
    /// The rule it broke, in plain words, in both languages.
    public var message: LocalizedText

    /// A refusal of `field` (labelled `label`) for `message`.
    public init(field: String, label: String? = nil, _ message: LocalizedText) {
        self.field = field
        self.label = label
        self.message = message
    }

    /// A refusal whose reason reads the same in both languages: words passed on from
    /// another error, or a code list.
    public init(field: String, reason: String) {
        self.init(field: field, LocalizedText(verbatim: reason))
    }

    /// The rule it broke, in the process's language.
    public var reason: String { message.text() }

    /// The refusal in `language`: `field: reason` in English; in Japanese the field is
    /// named by its label when known (「業種」: …).
    public func description(in language: Language) -> String {
        switch (language, label) {
        case (.japanese, let label?): message.japanese.hasPrefix("「\(label)」") ? message.japanese : "「\(label)」: \(message.japanese)"
        case (.japanese, nil): "\(field): \(message.japanese)"
        case (.english, _): "\(field): \(message.english)"
        }
    }

    public var description: String { description(in: .current) }

    /// The same refusal, naming its field by `label` unless it already has one.
    func labelled(_ label: String) -> ValidationError {
        var error = self
        if error.label == nil { error.label = label }
        return error
    }
}

/// Every problem found in one record, reported together so that a form can be fixed in
/// one pass rather than one error at a time.
public struct ValidationErrors: Error, Sendable, Hashable, CustomStringConvertible {
    /// The problems, in field order.
    public var errors: [ValidationError]

    public init(_ errors: [ValidationError]) { self.errors = errors }

    /// The problems in `language`, one per line.
    public func description(in language: Language) -> String { errors.map { $0.description(in: language) }.joined(separator: "\n") }

    public var description: String { description(in: .current) }
}
