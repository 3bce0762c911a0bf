import FieldVisitCore
import Foundation

/// Writes companies, visits or the records of a form type as a CSV file that Excel in
/// Japan opens as it is; ``RecordImport`` reads companies and visits back into the same
/// records.
///
/// - Columns: `id`, then every field of the schema by its stable name, in the schema's
///   order (`id,name,nameKana,corporateNumber,…`; `id,company,date,mode,purpose,staff,…`),
///   and for a form type one column per question of its form, `answer.<questionID>`, in
///   the newest version's order, then those only older versions asked. Names rather than
///   Japanese labels, because labels may be reworded and names never are.
/// - Cells: codes as codes, numbers as plain digits, dates as `YYYY-MM-DD`, a set's
///   elements joined with `;`, an empty cell for a field without a value. Free text that
///   Excel would take for a formula starts with `'` (see ``TransferCell``); the import
///   removes it again.
/// - Deleted records are left out.
/// - UTF-8 with the byte order mark by default, so that Excel shows Japanese rather than
///   garbage; Shift_JIS (CP932) for offices that need it. Lines end in CR LF; quoting is
///   RFC 4180, so notes keep their commas, quotes and line breaks.
///
/// ```swift
/// let data = try RecordExport(.visits).csv(from: store)
/// ```
public struct RecordExport: Sendable {
    /// The type of the records exported.
    public var recordType: RecordType
    /// The fields written, one column each after the id.
    public var fields: [FieldSpec]
    /// The file's encoding.
    public var encoding: CSVEncoding

    /// An export of `type` in `encoding` (UTF-8 with the byte order mark unless told).
    public init(_ type: TransferType, encoding: CSVEncoding = .utf8WithBOM) {
        recordType = type.recordType
        fields = type.schema.fields
        self.encoding = encoding
    }

    /// An export of the records of form type `form`, its questions from `catalog`.
    public init(_ form: FormRecordType, catalog: FormCatalog = .builtIn, encoding: CSVEncoding = .utf8WithBOM) {
        let schema = form.schema(catalog: catalog)
        var questions: [String] = []
        for version in catalog.versions(of: form.formID).reversed() {
            guard let definition = try? catalog.definition(id: form.formID, version: version) else { continue }
            for question in definition.questions where !questions.contains(question.id) { questions.append(question.id) }
        }
        recordType = form.recordType
        fields = schema.fields + questions.compactMap { schema.spec(for: form.answerField($0)) }
        self.encoding = encoding
    }

    /// The header: `id` and the field names.
    public var columns: [String] { ["id"] + fields.map(\.name) }

    /// The header and one row per record given that is not deleted, as cell text.
    public func rows(_ records: [RecordSummary]) -> [[String]] {
        var rows = [columns]
        for record in records where !record.isDeleted && record.key.type == recordType {
            rows.append([record.key.id.rawValue] + fields.map { spec in cell(spec, of: record) })
        }
        return rows
    }

    /// The CSV file of `records` (deleted ones left out).
    ///
    /// - Throws: ``CSVError`` when a character cannot be written in Shift_JIS; the reason
    ///   names the record and the field, so the person can fix it or export as UTF-8.
    public func csv(_ records: [RecordSummary]) throws(CSVError) -> Data {
        let rows = rows(records)
        let writer = CSVWriter(encoding: encoding, lineEnding: .crlf)
        do {
            return try writer.data(rows)
        } catch {
            throw locate(error, in: rows) ?? error
        }
    }

    /// The CSV file of every record of ``recordType`` in `store` that is not deleted, in
    /// the store's list order.
    public func csv(from store: LocalStore) throws -> Data {
        try csv(store.list(recordType))
    }

    private func cell(_ spec: FieldSpec, of record: RecordSummary) -> String {
        let text: String
        if let elements = record.sets[spec.name] {
            text = elements.map(TransferCell.text(of:)).joined(separator: String(TransferCell.setSeparator))
        } else {
            text = record.values[spec.name].map(TransferCell.text(of:)) ?? ""
        }
        // An answer may be free text too (a management vision): guarded when it is text.
        let isFreeText = spec.isFreeText || (spec.isFormAnswer && record.values[spec.name]?.textValue != nil)
        return isFreeText ? TransferCell.guarded(text) : text
    }

    /// A Shift_JIS failure restated with the record and the column it is in: the line
    /// of the output file means nothing to the person who typed the record.
    private func locate(_ error: CSVError, in rows: [[String]]) -> CSVError? {
        guard error.kind == .unencodableCharacter else { return nil }
        for row in rows.dropFirst() {
            for (column, cell) in zip(columns, row) {
                do {
                    _ = try CP932.encode(cell)
                } catch {
                    return CSVError(
                        .unencodableCharacter, line: nil,
                        reason: TransferMessage.exportUnencodable.text(["type": recordType.rawValue, "id": row[0], "column": column, "reason": error.reason])
                    )
                }
            }
        }
        return nil
    }
}
