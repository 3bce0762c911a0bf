import FieldVisitCore

/// A change a person asks for on one record: fields to write, set elements to add or
/// remove. It becomes the edits of one change set, after the whole resulting record has
/// been validated, so a record never becomes invalid and nothing is written for a no-op.
public struct RecordChange: Sendable {
    /// The record.
    public var key: EntityKey
    /// Fields to write, by name (`.null` clears).
    public var values: [String: FieldValue] = [:]
    /// Elements to add, by set field.
    public var additions: [String: [FieldValue]] = [:]
    /// Elements to remove, by set field.
    public var removals: [String: [FieldValue]] = [:]

    public init(_ key: EntityKey) { self.key = key }

    /// Whether nothing was asked for.
    public var isEmpty: Bool { values.isEmpty && additions.isEmpty && removals.isEmpty }

    /// Parses typed text for a field of this record's type and adds it to the change:
    /// a set field's text adds its comma-separated elements.
    public mutating func set(_ field: String, text: String, schema: RecordSchema) throws(ValidationError) {
        let spec = try schema.requireSpec(for: field)
        if spec.isSet {
            for element in text.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) where !element.isEmpty {
                additions[field, default: []].append(try spec.parse(element))
            }
        } else {
            values[field] = try spec.parse(text)
        }
    }

    /// Parses everything a person typed for one record: single fields (`nil` when not
    /// given), elements to add and elements to remove, by field. Every problem is
    /// reported together, so a command line can be fixed in one pass.
    public mutating func read<Field: FieldName>(
        values given: [(Field, String?)], additions: [(Field, [String])] = [], removals: [(Field, [String])] = [],
        schema: RecordSchema
    ) throws(ValidationErrors) {
        var problems: [ValidationError] = []
        for case let (field, text?) in given {
            do { try set(field.rawValue, text: text, schema: schema) } catch { problems.append(error) }
        }
        for (field, elements) in additions {
            for element in elements {
                do { try set(field.rawValue, text: element, schema: schema) } catch { problems.append(error) }
            }
        }
        for (field, elements) in removals {
            self.removals[field.rawValue, default: []] += elements.map { .text($0) }
        }
        if !problems.isEmpty { throw ValidationErrors(problems) }
    }

    /// The edits that make the record so, given its current state (`nil` for a new one).
    ///
    /// - Throws: ``ValidationErrors`` listing every problem of the resulting record.
    public func edits(current: EntityState?, schema: RecordSchema) throws(ValidationErrors) -> [Edit] {
        var resultValues = current?.visibleValues ?? [:]
        var resultSets = current?.visibleSets ?? [:]
        var edits: [Edit] = []
        var problems: [ValidationError] = []
        for (field, value) in values.sorted(by: { $0.key < $1.key }) {
            if resultValues[field] ?? .null != value || (current?.fields[field]?.siblings.count ?? 0) > 1 {
                edits.append(.set(key, field: field, value: value))
            }
            resultValues[field] = value == .null ? nil : value
        }
        for (field, elements) in additions.sorted(by: { $0.key < $1.key }) {
            for element in elements where !(resultSets[field] ?? []).contains(element) {
                edits.append(.add(key, field: field, element: element))
                resultSets[field, default: []].append(element)
            }
        }
        for (field, elements) in removals.sorted(by: { $0.key < $1.key }) {
            for element in elements {
                guard (resultSets[field] ?? []).contains(element) else {
                    problems.append(ValidationError(field: field, reason: RecordMessage.notInSet.text(["element": "\(element)"])))
                    continue
                }
                edits.append(.remove(key, field: field, element: element))
                resultSets[field]?.removeAll { $0 == element }
            }
        }
        do {
            try schema.validate(values: resultValues, sets: resultSets.filter { !$0.value.isEmpty })
        } catch {
            problems += error.errors
        }
        if !problems.isEmpty { throw ValidationErrors(problems) }
        return edits
    }
}
