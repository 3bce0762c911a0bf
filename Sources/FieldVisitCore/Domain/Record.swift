/// A typed record of one record type (company, visit, hearing sheet, succession
/// diagnosis), convertible to and from the field values the sync engine stores.
///
/// The field values are the source of truth: a record is built from them only after
/// they pass the schema, and ``values`` and ``sets`` give them back so that
/// `try T(id: record.id, values: record.values, sets: record.sets) == record`.
///
/// The initialiser checks each field on its own and no rule across fields: fields merge
/// independently, so a merged record must always be readable (a sole proprietor's
/// legal form and a corporate number typed concurrently still make a record; the
/// inconsistency is for a person to notice, not for the reader to refuse).
public protocol Record: Sendable, Hashable, Codable, Identifiable where ID == RecordID {
    /// The record type, as used on the wire and in storage.
    static var recordType: RecordType { get }
    /// The schema the record's fields are validated against.
    static var schema: RecordSchema { get }

    /// The record's id.
    var id: RecordID { get }

    /// Builds a record from its field values (set fields as lists of elements), after
    /// validating them with ``schema``: invalid input never becomes a record.
    init(id: RecordID, values: [String: FieldValue], sets: [String: [FieldValue]]) throws(ValidationErrors)

    /// The single-valued fields; absent optionals are left out.
    var values: [String: FieldValue] { get }
    /// The set fields, elements sorted; empty sets are left out.
    var sets: [String: [FieldValue]] { get }
}

extension Record {
    /// The record type of ``schema``.
    public static var recordType: RecordType { schema.recordType }

    /// Checks the record against its schema, for example after its properties were
    /// edited: every problem is reported together.
    public func validate() throws(ValidationErrors) {
        try Self.schema.validate(values: values, sets: sets)
    }
}

// MARK: - Codable

/// A field name used as a JSON key.
struct RecordCodingKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }

    init(_ name: String) { stringValue = name }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }

    /// The key of the record id; no field is named `id`.
    static let id = RecordCodingKey("id")
}

extension Record {
    /// Encodes the record as one flat JSON object keyed by field name, set fields as
    /// arrays: `{"id": "…", "name": "株式会社…", "cohortTags": ["overdue"]}`.
    func encodeFields(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: RecordCodingKey.self)
        try container.encode(id, forKey: .id)
        for (name, value) in values.sorted(by: { $0.key < $1.key }) {
            try container.encode(value, forKey: RecordCodingKey(name))
        }
        for (name, elements) in sets.sorted(by: { $0.key < $1.key }) {
            try container.encode(elements, forKey: RecordCodingKey(name))
        }
    }

    /// Decodes the form written by ``encodeFields(to:)`` and validates it like any other
    /// input, so decoding can never produce a record the schema refuses.
    init(decodingFieldsFrom decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: RecordCodingKey.self)
        let id = try container.decode(RecordID.self, forKey: .id)
        var values: [String: FieldValue] = [:]
        var sets: [String: [FieldValue]] = [:]
        for key in container.allKeys where key.stringValue != RecordCodingKey.id.stringValue {
            // A list where a single value is expected (or the reverse) is left to the
            // schema, which names the field in its message.
            if let elements = try? container.decode([FieldValue].self, forKey: key) {
                sets[key.stringValue] = elements
            } else {
                values[key.stringValue] = try container.decode(FieldValue.self, forKey: key)
            }
        }
        do {
            try self.init(id: id, values: values, sets: sets)
        } catch {
            throw DecodingError.dataCorrupted(.init(
                codingPath: decoder.codingPath,
                debugDescription: "\(Self.recordType.rawValue) \(id) is not valid:\n\(error.description)"
            ))
        }
    }
}
