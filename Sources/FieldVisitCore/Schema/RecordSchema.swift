/// The fields of one record type: their kinds, rules and merge policies.
///
/// The sync engine asks it which policy a field merges by and refuses operations on
/// fields it does not declare; the client and server use it to validate input.
public struct RecordSchema: Sendable {
    /// The record type described.
    public var recordType: RecordType
    /// The record type's Japanese name (企業, 訪問記録 …).
    public var label: String
    /// The declared fields, in display order.
    public var fields: [FieldSpec]
    /// A prefix under which a form's answers are stored, one field per question
    /// (`answer.sales`), so that two people answering different questions merge cleanly.
    public var answerFieldPrefix: String?
    /// The questions an answer field may name, with their labels: every version of the
    /// record type's form. `nil` accepts any question id of at most 96 bytes.
    public var answerLabels: [String: String]?

    /// Field positions by name.
    let index: [String: Int]

    public init(_ recordType: RecordType, label: String, fields: [FieldSpec], answerFieldPrefix: String? = nil, answerLabels: [String: String]? = nil) {
        self.recordType = recordType
        self.label = label
        self.fields = fields
        self.answerFieldPrefix = answerFieldPrefix
        self.answerLabels = answerLabels
        var index: [String: Int] = [:]
        for (position, field) in fields.enumerated() {
            precondition(index[field.name] == nil, "field \(field.name) declared twice in \(recordType)")
            index[field.name] = position
        }
        self.index = index
    }

    /// The spec of `name`, or `nil` when the record type has no such field.
    public func spec(for name: String) -> FieldSpec? {
        if let position = index[name] { return fields[position] }
        if let prefix = answerFieldPrefix, name.hasPrefix(prefix), name.utf8.count > prefix.utf8.count, name.utf8.count <= 96 {
            let question = String(name.dropFirst(prefix.count))
            // Only the form's questions: otherwise any number of made-up answers would fit.
            guard let answerLabels else { return FieldSpec(name, label: question, kind: .formAnswer) }
            return answerLabels[question].map { FieldSpec(name, label: $0, kind: .formAnswer) }
        }
        return nil
    }

    /// The spec of `name`, or an error naming the record type's fields.
    public func requireSpec(for name: String) throws(ValidationError) -> FieldSpec {
        guard let spec = spec(for: name) else {
            if let prefix = answerFieldPrefix, name.hasPrefix(prefix) {
                throw ValidationError(field: name, ValidationMessage.notAQuestion.localized(["form": label]))
            }
            throw ValidationError(field: name, ValidationMessage.notAField.localized(["type": recordType.rawValue, "fields": fields.map(\.name).joined(separator: ", ")]))
        }
        return spec
    }

    /// Validates a whole record given as field values (set fields as arrays of elements):
    /// unknown fields, wrong values and missing required fields, all reported together.
    public func validate(values: [String: FieldValue], sets: [String: [FieldValue]] = [:]) throws(ValidationErrors) {
        var errors: [ValidationError] = []
        for (name, value) in values.sorted(by: { $0.key < $1.key }) {
            do {
                let spec = try requireSpec(for: name)
                if spec.isSet {
                    errors.append(ValidationError(field: name, label: spec.label, ValidationMessage.setNeedsList.localized()))
                } else {
                    try spec.validate(value)
                }
            } catch {
                errors.append(error)
            }
        }
        for (name, elements) in sets.sorted(by: { $0.key < $1.key }) {
            do {
                let spec = try requireSpec(for: name)
                guard spec.isSet else {
                    errors.append(ValidationError(field: name, label: spec.label, ValidationMessage.singleValue.localized()))
                    continue
                }
                for element in elements where element == .null {
                    _ = element
                    errors.append(ValidationError(field: name, label: spec.label, ValidationMessage.setHoldsNoNull.localized()))
                }
                for element in elements where element != .null { try spec.validate(element) }
            } catch {
                errors.append(error)
            }
        }
        for spec in fields where spec.isRequired {
            let missing = spec.isSet ? (sets[spec.name]?.isEmpty ?? true) : (values[spec.name] ?? .null) == .null
            if missing, !errors.contains(where: { $0.field == spec.name }) {
                errors.append(ValidationError(field: spec.name, label: spec.label, ValidationMessage.required.localized(["label": spec.label])))
            }
        }
        if !errors.isEmpty { throw ValidationErrors(errors) }
    }
}

/// All record types the system knows, by type: what the sync engine validates
/// operations against.
public struct Schema: Sendable {
    /// The record schemas by type.
    public var records: [RecordType: RecordSchema]

    public init(_ records: [RecordSchema]) {
        self.records = Dictionary(uniqueKeysWithValues: records.map { ($0.recordType, $0) })
    }

    /// The schema of `type`, or an error listing the known types.
    public func requireRecord(_ type: RecordType) throws(ValidationError) -> RecordSchema {
        guard let record = records[type] else {
            throw ValidationError(
                field: "type",
                reason: "\"\(type.rawValue)\" is not a record type; use one of: \(records.keys.sorted().map(\.rawValue).joined(separator: ", "))"
            )
        }
        return record
    }
}

extension RecordSchema {
    /// Whether a field counts as the record's content, as opposed to the review's own
    /// fields (``FieldSpec/isWorkflow``).
    public func isContent(_ name: String) -> Bool { !(spec(for: name)?.isWorkflow ?? false) }
}
