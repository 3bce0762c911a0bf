/// Builds the field values of a typed record: the inverse of ``FieldReader``.
///
/// Absent optionals and empty sets are left out, and set elements are sorted, so the
/// same record always gives the same values on every replica.
struct FieldWriter<Field: RawRepresentable> where Field.RawValue == String {
    /// The single-valued fields.
    private(set) var values: [String: FieldValue] = [:]
    /// The set fields, elements sorted.
    private(set) var sets: [String: [FieldValue]] = [:]

    /// Writes a single-valued field, or nothing when `value` is `nil`.
    mutating func put(_ field: Field, _ value: (some FieldValueConvertible)?) {
        if let value { values[field.rawValue] = value.fieldValue }
    }

    /// Writes a single-valued field named by another enumeration of names (``FormRecordField``).
    mutating func put<Other: FieldName>(_ field: Other, _ value: (some FieldValueConvertible)?) {
        if let value { values[field.rawValue] = value.fieldValue }
    }

    /// Writes a set field, or nothing when `elements` is empty.
    mutating func put(_ field: Field, elements: Set<some FieldValueConvertible & Hashable>) {
        if !elements.isEmpty { sets[field.rawValue] = elements.map(\.fieldValue).sorted() }
    }

    /// Writes fields named by their schema rather than by `Field` (a form type's own
    /// fields), as they are; cleared values are left out.
    mutating func putOwn(_ own: [String: FieldValue]) {
        for (field, value) in own where value != .null { values[field] = value }
    }

    /// Writes a form's answers, one field per question under `prefix`; cleared answers
    /// are left out.
    mutating func putAnswers(_ answers: [String: FieldValue], prefix: String) {
        for (question, value) in answers where value != .null {
            values[prefix + question] = value
        }
    }
}
