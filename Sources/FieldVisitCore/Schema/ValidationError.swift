/// Why a value, an answer or a record was refused.
///
/// The message names the field and the rule, so the person who typed it knows what to
/// change: `corporateNumber: 1180301018772 has a wrong check digit (expected 1)`.
public struct ValidationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The field (or form question) that was refused.
    public var field: String
    /// The rule it broke, in plain words.
    public var reason: String

    public init(field: String, reason: String) {
        self.field = field
        self.reason = reason
    }

    public var description: String { "\(field): \(reason)" }
}

/// Every problem found in one record, reported together so that a form can be fixed in
/// one pass rather than one error at a time.
public struct ValidationErrors: Error, Sendable, Hashable, CustomStringConvertible {
    /// The problems, in field order.
    public var errors: [ValidationError]

    public init(_ errors: [ValidationError]) { self.errors = errors }

    public var description: String { errors.map(\.description).joined(separator: "\n") }
}
