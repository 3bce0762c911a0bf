/// Reads the typed properties of a record out of its field values, after checking them
/// against the record's schema.
///
/// Conversion problems are collected rather than thrown one at a time, so a caller sees
/// every problem at once; ``finish()`` throws them. After schema validation they can
/// only arise if a typed record and its schema disagree, which the tests guard against.
struct FieldReader<Field: RawRepresentable> where Field.RawValue == String {
    private let values: [String: FieldValue]
    private let sets: [String: [FieldValue]]
    private let answerFieldPrefix: String?
    /// The problems found so far.
    private(set) var errors: [ValidationError] = []

    /// Validates `values` and `sets` against `schema`: unknown fields, wrong values and
    /// missing required fields are refused here, before anything is read.
    init(validating values: [String: FieldValue], sets: [String: [FieldValue]], against schema: RecordSchema) throws(ValidationErrors) {
        try schema.validate(values: values, sets: sets)
        self.values = values
        self.sets = sets
        self.answerFieldPrefix = schema.answerFieldPrefix
    }

    /// An optional single-valued field: `nil` when absent or cleared.
    mutating func optional<Value: FieldValueConvertible>(_ field: Field, as type: Value.Type = Value.self) -> Value? {
        optional(named: field.rawValue)
    }

    /// A required single-valued field. Throws every problem collected so far when it is
    /// missing or unreadable, since the record cannot be built without it.
    mutating func required<Value: FieldValueConvertible>(_ field: Field, as type: Value.Type = Value.self) throws(ValidationErrors) -> Value {
        try required(named: field.rawValue)
    }

    /// An optional field named by another enumeration of names: a field that records
    /// of several types share (``FormRecordField``).
    mutating func optional<Value: FieldValueConvertible, Other: FieldName>(_ field: Other, as type: Value.Type = Value.self) -> Value? {
        optional(named: field.rawValue)
    }

    /// A required field named by another enumeration of names.
    mutating func required<Value: FieldValueConvertible, Other: FieldName>(_ field: Other, as type: Value.Type = Value.self) throws(ValidationErrors) -> Value {
        try required(named: field.rawValue)
    }

    private mutating func optional<Value: FieldValueConvertible>(named name: String) -> Value? {
        guard let value = values[name], value != .null else { return nil }
        do {
            return try Value(fieldValue: value, field: name)
        } catch {
            errors.append(error)
            return nil
        }
    }

    private mutating func required<Value: FieldValueConvertible>(named name: String) throws(ValidationErrors) -> Value {
        guard let value = values[name], value != .null else {
            errors.append(ValidationError(field: name, ValidationMessage.requiredBare.localized()))
            throw ValidationErrors(errors)
        }
        do {
            return try Value(fieldValue: value, field: name)
        } catch {
            errors.append(error)
            throw ValidationErrors(errors)
        }
    }

    /// A set field: empty when absent.
    mutating func set<Element: FieldValueConvertible & Hashable>(_ field: Field, of type: Element.Type = Element.self) -> Set<Element> {
        var elements = Set<Element>()
        for value in sets[field.rawValue] ?? [] {
            do {
                elements.insert(try Element(fieldValue: value, field: field.rawValue))
            } catch {
                errors.append(error)
            }
        }
        return elements
    }

    /// A form's answers, keyed by question id (the field name without the answer
    /// prefix). Cleared answers are left out: a cleared answer is an unanswered question.
    func answers() -> [String: FieldValue] {
        guard let prefix = answerFieldPrefix else { return [:] }
        var answers: [String: FieldValue] = [:]
        for (name, value) in values where name.hasPrefix(prefix) && value != .null {
            answers[String(name.dropFirst(prefix.count))] = value
        }
        return answers
    }

    /// Throws the problems collected, if any.
    func finish() throws(ValidationErrors) {
        if !errors.isEmpty { throw ValidationErrors(errors) }
    }
}
