import Foundation

/// A kind of record that holds a form's answers — the hearing sheet, the succession
/// diagnosis — declared once: its record type, its form and the files of the form's
/// versions, its names, and the fields it has besides those every form record has.
///
/// Everything else follows from the declarations in ``builtIn``: the form catalogue
/// (``FormCatalog/builtIn``), each record type's schema (``schema(catalog:)``) and
/// ``Schema/fieldVisit``, the record (``FormRecord``), the field client's commands and
/// exports, and the record types the wire contract names. Adding a form type is its
/// form file (embedded by `Package.swift`) and one declaration:
///
/// ```swift
/// extension FormRecordType {
///     public static let followUpCall = FormRecordType(
///         recordType: RecordType(rawValue: "followUpCall"), formID: "follow-up-call",
///         label: "電話フォロー", command: "call",
///         formFiles: [FormFile(name: "follow-up-call.v1.json", bytes: PackageResources.follow_up_call_v1_json)]
///     )
/// }
/// ```
public struct FormRecordType: Sendable, Hashable, Identifiable {
    /// The record type stored and sent (`hearingSheet`).
    public let recordType: RecordType
    /// The id of the form its answers are given against (`hearing-sheet`).
    public let formID: String
    /// Its Japanese name (ヒアリングシート), the schema's label.
    public let label: String
    /// The word the field client's commands use for it (`fieldvisit hearing …`).
    public let command: String
    /// The fields it has besides those every form record has (``ReviewedRecordField``, ``FormRecordField``).
    public let ownFields: [FieldSpec]
    /// The files of its form's versions.
    public let formFiles: [FormFile]

    /// A form type; see the type's documentation for what follows from it.
    public init(recordType: RecordType, formID: String, label: String, command: String, ownFields: [FieldSpec] = [], formFiles: [FormFile]) {
        self.recordType = recordType
        self.formID = formID
        self.label = label
        self.command = command
        self.ownFields = ownFields
        self.formFiles = formFiles
    }

    /// The record type identifies the form type.
    public var id: RecordType { recordType }

    /// Form types are one when their record types are: a record type has one form type.
    public static func == (lhs: FormRecordType, rhs: FormRecordType) -> Bool { lhs.recordType == rhs.recordType }

    /// Hashes the record type, as ``==`` compares it (not the form files' bytes).
    public func hash(into hasher: inout Hasher) { hasher.combine(recordType) }

    /// The schema of its records, checked against every version of its form in `catalog`:
    /// the fields every form record has, then its own; each answer a field of its own
    /// (`answer.<questionID>`), labelled by its question.
    public func schema(catalog: FormCatalog = .builtIn) -> RecordSchema {
        RecordSchema(recordType, label: label, fields: RecordSchema.formFields + ownFields,
                     answerFieldPrefix: FormRecord.answerPrefix, answerLabels: catalog.questionLabels(ofForm: formID))
    }

    /// The form type among `types` whose command word or record type is `word`
    /// (`hearing`, `hearingSheet`), as typed on a command line.
    public static func named(_ word: String, among types: [FormRecordType] = builtIn) -> FormRecordType? {
        types.first { $0.command == word || $0.recordType.rawValue == word }
    }

    /// The form type of records of `type` among `types`, or `nil` for a type without a form.
    public static func of(_ type: RecordType, among types: [FormRecordType] = builtIn) -> FormRecordType? {
        types.first { $0.recordType == type }
    }
}

/// One form file: a version of a form as JSON (`forms.md`), named for messages.
public struct FormFile: Sendable {
    /// The file's name (`hearing-sheet.v1.json`).
    public let name: String
    /// Its bytes.
    public let bytes: [UInt8]

    /// A form file.
    public init(name: String, bytes: [UInt8]) {
        self.name = name
        self.bytes = bytes
    }
}

extension FormRecordType {
    /// The field name under which the answer to `questionID` is stored (`answer.sales`).
    public func answerField(_ questionID: String) -> String {
        FormRecord.answerPrefix + questionID
    }

    /// The answers held in a record's fields, keyed by question id; cleared answers are
    /// left out, as they are unanswered questions.
    public func answers(inFields values: [String: FieldValue]) -> [String: FieldValue] {
        var answers: [String: FieldValue] = [:]
        for (field, value) in values where field.hasPrefix(FormRecord.answerPrefix) && value != .null {
            answers[String(field.dropFirst(FormRecord.answerPrefix.count))] = value
        }
        return answers
    }
}
