import FieldVisitCore
import Foundation

/// Imports form records (hearing sheets, succession diagnoses, any ``FormRecordType``)
/// from the CSV file ``RecordExport`` writes for a form type, or from JSON Lines with the
/// same keys.
///
/// - **Columns.** `id`, the record's fields by name (`company`, `visit`, `date`, `staff`,
///   `formID`, `formVersion`, `reviewState`, `reviewComment`) or by their Japanese label,
///   and one column per answer, `answer.<questionID>`. The fields a form record derives
///   from its answers (a diagnosis's owner age and consent) may be present, as exported,
///   and are worked out again rather than read. Any other column is an error.
/// - **JSON Lines.** One JSON object per line with the same keys; answers are JSON
///   strings, whole numbers, `true`/`false` or `null`, as in the answers file of
///   `hearing fill --answers` (``FormAnswersFile``).
/// - **Validation.** Each record is checked against its form version (the `formVersion`
///   column; the newest version of the form when absent) exactly as a record filled in
///   with `--answers` is: by ``FormRecordDraft`` and the form's evaluator. Answers are
///   read as typed at the prompts (``FormAnswerInput``): dates and years with their era,
///   yen with separators, yes/no as `true`/`false`, `はい`/`いいえ`.
/// - **All or nothing, and idempotent.** Every problem of every row is listed with its
///   line, its column as the header names it and, for an answer, the question's Japanese
///   label; nothing is written then. A row whose `id` names a record here updates it
///   with only the fields that differ (nothing when identical); a row without an id, or
///   with an id not here, is a new record. Its `company` cell may be a company id, a
///   corporate number or the exact name of one company.
public struct FormRecordImport: Sendable {
    /// The form type imported.
    public var kind: FormRecordType
    /// The forms known: each record's version is looked up here.
    public var catalog: FormCatalog

    /// The file formats read.
    public enum Format: String, Sendable, Hashable, CaseIterable {
        /// CSV, as ``RecordExport`` writes it.
        case csv
        /// JSON Lines: one object per line.
        case jsonl
    }

    /// An import of records of `kind`, their forms in `catalog`.
    public init(_ kind: FormRecordType, catalog: FormCatalog = .builtIn) {
        self.kind = kind
        self.catalog = catalog
    }

    /// The largest file read, in bytes.
    public static let maxBytes = 100 * 1024 * 1024

    /// Reads and validates a whole file against `store`, writing nothing.
    ///
    /// - Throws: ``ImportFailure`` listing every problem; an error of the store.
    public func plan(_ data: Data, format: Format, against store: LocalStore, today: CalendarDate) throws -> FormRecordImportPlan {
        guard data.count <= Self.maxBytes else {
            throw ImportFailure([ImportProblem(line: nil, column: nil, reason: TransferMessage.formTooLarge.text(["size": String(data.count), "limit": String(Self.maxBytes)]))])
        }
        let schema = kind.schema(catalog: catalog)
        var problems: [ImportProblem] = []
        var rows: [SourceRow] = []
        var encoding: CSVEncoding?
        switch format {
        case .csv:
            let (table, lengthProblems) = try RecordImport.table(from: data)
            encoding = table.encoding
            problems += lengthProblems
            var unknown: [String] = []
            let known = knownColumns(schema)
            var columns: [String: String] = [:]
            for column in table.columns {
                if let field = known[JapaneseSearchKey.fold(column)] { columns[column] = field } else { unknown.append(column) }
            }
            if !unknown.isEmpty {
                throw ImportFailure([ImportProblem(line: table.headerLine, column: nil, reason: TransferMessage.formUnknownColumns.text([
                    "label": kind.label, "names": unknown.map { "“\($0)”" }.joined(separator: ", "),
                    "known": RecordExport(kind, catalog: catalog).columns.joined(separator: ", "),
                ]))])
            }
            for row in table.rows where !row.values.values.allSatisfy({ $0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }) {
                var source = SourceRow(line: row.line)
                for (column, field) in columns { source.cells[field] = (column, row[column].map(Cell.text) ?? .text("")) }
                rows.append(source)
            }
        case .jsonl:
            let known = knownColumns(schema)
            guard let document = String(bytes: data.starts(with: [0xEF, 0xBB, 0xBF]) ? data.dropFirst(3) : data[...], encoding: .utf8) else {
                throw ImportFailure([ImportProblem(line: nil, column: nil, reason: TransferMessage.formNotUTF8.text())])
            }
            var line = 0
            for text in document.split(separator: "\n", omittingEmptySubsequences: false) {
                line += 1
                guard !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { continue }
                let object: [String: FieldValue]
                do {
                    object = try FormAnswersFile.decode(Data(text.utf8), path: TransferMessage.lineName.text(["line": String(line)]))
                } catch {
                    problems.append(ImportProblem(line: line, column: nil, reason: error.description))
                    continue
                }
                var source = SourceRow(line: line)
                for (key, value) in object {
                    guard let field = known[JapaneseSearchKey.fold(key)] else {
                        problems.append(ImportProblem(line: line, column: key, reason: TransferMessage.formUnknownKey.text(["label": kind.label])))
                        continue
                    }
                    source.cells[field] = (key, .json(value))
                }
                rows.append(source)
            }
        }
        var planner = FormPlanner(kind: kind, catalog: catalog, schema: schema, store: store, companies: try CompanyDirectory(store), today: today)
        planner.problems = problems
        for row in rows { try planner.plan(row) }
        if !planner.problems.isEmpty {
            throw ImportFailure(planner.problems.enumerated().sorted { ($0.element.line ?? 0, $0.offset) < ($1.element.line ?? 0, $1.offset) }.map(\.element))
        }
        return FormRecordImportPlan(
            report: FormRecordImportReport(kind: kind, rows: planner.rows, encoding: encoding, isApplied: false),
            changes: planner.changes
        )
    }

    /// Every accepted column name, folded, with the field it gives: `id`, the names of
    /// the columns ``RecordExport`` writes (the record's fields and an answer per
    /// question of every version), then their labels.
    func knownColumns(_ schema: RecordSchema) -> [String: String] {
        var known: [String: String] = [JapaneseSearchKey.fold(ImportColumns.idField): ImportColumns.idField]
        let fields = RecordExport(kind, catalog: catalog).fields
        for (name, field) in fields.map({ ($0.name, $0.name) }) + fields.map({ ($0.label, $0.name) }) {
            let key = JapaneseSearchKey.fold(name)
            if known[key] == nil { known[key] = field }
        }
        return known
    }
}

/// A validated form-record import, ready to be written.
public struct FormRecordImportPlan: Sendable, Hashable {
    /// What the import will do, row by row.
    public var report: FormRecordImportReport
    /// The edits of each new and updated record: one change set each.
    public var changes: [[Edit]]

    /// Writes the import, a change set per record, in one transaction.
    @discardableResult
    public func apply(to store: LocalStore) throws -> FormRecordImportReport {
        if !changes.isEmpty { try store.commit(each: changes) }
        var report = report
        report.isApplied = true
        return report
    }
}

/// What a form-record import did, or would do: one entry per row.
public struct FormRecordImportReport: Sendable, Hashable {
    /// The form type imported.
    public var kind: FormRecordType
    /// The rows, in file order.
    public var rows: [ImportReport.Row]
    /// The encoding of a CSV file; `nil` for JSON Lines.
    public var encoding: CSVEncoding?
    /// Whether the records were written.
    public var isApplied: Bool

    /// How many rows had `outcome`.
    public func count(_ outcome: ImportReport.Outcome) -> Int { rows.count { $0.outcome == outcome } }

    /// `2 new, 1 updated, 5 unchanged`.
    public var summary: String {
        TransferMessage.importSummary.text(["new": String(count(.new)), "updated": String(count(.updated)), "unchanged": String(count(.unchanged))])
    }
}

// MARK: - Planning

/// A cell of a row: CSV text, or a JSON value.
private enum Cell {
    case text(String)
    case json(FieldValue)

    /// The cell as text, for the record's own fields.
    var text: String {
        switch self {
        case .text(let text): text
        case .json(let value): TransferCell.text(of: value)
        }
    }
}

/// One row of either format: the cells by field, each with the column as the file names it.
private struct SourceRow {
    var line: Int
    var cells: [String: (column: String, cell: Cell)] = [:]
}

/// Works through the rows, collecting edits and problems.
private struct FormPlanner {
    let kind: FormRecordType
    let catalog: FormCatalog
    let schema: RecordSchema
    let store: LocalStore
    let companies: CompanyDirectory
    let today: CalendarDate
    var rows: [ImportReport.Row] = []
    var changes: [[Edit]] = []
    var problems: [ImportProblem] = []
    var lineOfRecord: [RecordID: Int] = [:]

    init(kind: FormRecordType, catalog: FormCatalog, schema: RecordSchema, store: LocalStore, companies: CompanyDirectory, today: CalendarDate) {
        self.kind = kind
        self.catalog = catalog
        self.schema = schema
        self.store = store
        self.companies = companies
        self.today = today
    }

    mutating func plan(_ row: SourceRow) throws {
        let before = problems.count
        func problem(_ field: String, _ reason: String) {
            problems.append(ImportProblem(line: row.line, column: row.cells[field]?.column ?? field, reason: reason))
        }
        func text(_ field: some FieldName) -> String? {
            row.cells[field.rawValue].map { $0.cell.text.trimmingCharacters(in: .whitespacesAndNewlines) }.flatMap { $0.isEmpty ? nil : $0 }
        }
        func value(_ field: some FieldName) -> FieldValue? {
            guard let entry = row.cells[field.rawValue], let spec = schema.spec(for: field.rawValue) else { return nil }
            do { return try ImportCells.value(entry.cell.text, spec: spec) } catch {
                problem(field.rawValue, error.reason)
                return nil
            }
        }

        // The record: matched by id, else new.
        var id = RecordID.random()
        var current: EntityState?
        if let idText = text(FormRecordIDField.id) {
            do { id = try RecordID(validating: idText) } catch { problem(ImportColumns.idField, error.reason) }
            if let earlier = lineOfRecord[id] { problem(ImportColumns.idField, TransferMessage.formDuplicateRecord.text(["earlier": String(earlier)])) }
            lineOfRecord[id] = lineOfRecord[id] ?? row.line
            current = try store.state(of: EntityKey(kind.recordType, id))
            if current?.isDeleted == true {
                problem(ImportColumns.idField, TransferMessage.formDeletedRecord.text(["type": kind.recordType.rawValue, "id": id.rawValue]))
                return
            }
        }
        let currentValues = current?.visibleValues ?? [:]
        func currentText(_ field: some FieldName) -> String? { currentValues[field.rawValue]?.textValue }

        // The form version: the row's, else the record's, else the newest.
        let formID = text(FormRecordField.formID) ?? kind.formID
        if formID != kind.formID { problem(FormRecordField.formID.rawValue, TransferMessage.formWrongForm.text(["form": formID, "label": kind.label, "expected": kind.formID])) }
        var version: Int?
        if let versionValue = value(FormRecordField.formVersion)?.integerValue {
            version = Int(versionValue)
        } else if text(FormRecordField.formVersion) == nil {
            version = currentValues[FormRecordField.formVersion.rawValue]?.integerValue.map(Int.init) ?? catalog.versions(of: kind.formID).last
        }
        var definition: FormDefinition?
        if let version {
            do { definition = try catalog.definition(id: kind.formID, version: version) } catch {
                problem(FormRecordField.formVersion.rawValue, TransferMessage.formNoVersion.text([
                    "form": kind.formID, "version": String(version),
                    "versions": catalog.versions(of: kind.formID).map(String.init).joined(separator: ", "),
                ]))
            }
        }

        // Company, visit, date, staff.
        var company: RecordID?
        if let entry = row.cells[ReviewedRecordField.company.rawValue] {
            do {
                if case .text(let reference) = try companies.reference(entry.cell.text, field: ReviewedRecordField.company.rawValue) { company = RecordID(rawValue: reference) }
            } catch { problem(ReviewedRecordField.company.rawValue, error.reason) }
        } else {
            company = currentText(ReviewedRecordField.company).map { RecordID(rawValue: $0) }
        }
        if company == nil, problems.count == before { problem(ReviewedRecordField.company.rawValue, TransferMessage.formNoCompany.text()) }
        var visit = currentText(FormRecordField.visit).map { RecordID(rawValue: $0) }
        if row.cells[FormRecordField.visit.rawValue] != nil {
            visit = text(FormRecordField.visit).map { RecordID(rawValue: $0) }
            if let visit, try store.summary(of: EntityKey(.visit, visit)) == nil {
                problem(FormRecordField.visit.rawValue, TransferMessage.formNoVisit.text(["visit": visit.rawValue]))
            }
        }
        var date = currentText(ReviewedRecordField.date).flatMap { try? CalendarDate($0) }
        if row.cells[ReviewedRecordField.date.rawValue] != nil {
            date = value(ReviewedRecordField.date)?.textValue.flatMap { try? CalendarDate($0) }
        }
        var staff: [FieldValue]?
        if let entry = row.cells[ReviewedRecordField.staff.rawValue], let spec = schema.spec(for: ReviewedRecordField.staff.rawValue) {
            do {
                staff = switch entry.cell {
                case .text(let cell): try ImportCells.elements(cell, spec: spec)
                case .json(let value): try ImportCells.elements(TransferCell.text(of: value), spec: spec)
                }
            } catch { problem(ReviewedRecordField.staff.rawValue, error.reason) }
        }
        var workflow: [String: FieldValue] = [:]
        for field in [ReviewedRecordField.reviewState, .reviewComment] where row.cells[field.rawValue] != nil {
            if let parsed = value(field), parsed != .null || current != nil { workflow[field.rawValue] = parsed }
        }

        // The answers, read as typed at the prompts.
        var answers: [String: FieldValue] = [:]
        if let definition {
            for (field, entry) in row.cells where field.hasPrefix(FormRecord.answerPrefix) {
                let questionID = String(field.dropFirst(FormRecord.answerPrefix.count))
                guard let question = definition.question(questionID) else {
                    if !entry.cell.text.trimmingCharacters(in: .whitespaces).isEmpty {
                        problem(field, TransferMessage.formNoQuestion.text([
                            "version": String(definition.version), "form": definition.id, "question": questionID,
                        ]))
                    }
                    continue
                }
                do {
                    let answer: FieldValue? = switch entry.cell {
                    case .json(let value): try definition.readingTypedDates([questionID: value])[questionID]
                    case .text(let cell): try Self.answer(cell, for: question)
                    }
                    if let answer, answer != .null { answers[questionID] = answer }
                } catch {
                    problem(field, Self.labelled(error.reason, question.label))
                }
            }
        }
        guard problems.count == before, let definition, let company else { return }

        let draft = FormRecordDraft(
            kind: kind, definition: definition, company: company, visit: visit, date: date, defaultDate: date ?? today,
            staff: store.user, catalog: catalog
        )
        let filled = draft.completing(FormAnswers(formID: definition.id, formVersion: definition.version, answers: answers))
        var wanted: [String: FieldValue] = [:]
        var wantedSets: [String: [FieldValue]] = [:]
        do {
            for edit in try draft.edits(id: id, answers: filled) {
                switch edit {
                case .set(_, let field, let value): wanted[field] = value
                case .add(_, let field, let element): wantedSets[field, default: []].append(element)
                default: break
                }
            }
        } catch {
            for failure in error.errors {
                let question = definition.question(failure.field)
                let field = question != nil ? kind.answerField(failure.field) : failure.field
                problems.append(ImportProblem(
                    line: row.line, column: row.cells[field]?.column ?? field, reason: question.map { Self.labelled(failure.reason, $0.label) } ?? failure.reason
                ))
            }
            return
        }
        if let staff { wantedSets[ReviewedRecordField.staff.rawValue] = staff }
        let reviewFields = [ReviewedRecordField.reviewState.rawValue, ReviewedRecordField.reviewComment.rawValue]
        if current != nil { for field in reviewFields { wanted[field] = nil } }
        for (field, value) in workflow { wanted[field] = value }
        if current != nil, staff == nil { wantedSets[ReviewedRecordField.staff.rawValue] = nil }

        let key = EntityKey(kind.recordType, id)
        var change = RecordChange(key)
        let derived = Set(kind.ownFields.map(\.name))
        // Answers the record has and the row no longer gives are cleared, as `edit` does.
        let stale = currentValues.keys.filter { ($0.hasPrefix(FormRecord.answerPrefix) || derived.contains($0)) && wanted[$0] == nil }
        for field in stale { wanted[field] = .null }
        for (field, value) in wanted where (currentValues[field] ?? .null) != value { change.values[field] = value }
        let currentSets = current?.visibleSets ?? [:]
        for (field, elements) in wantedSets {
            let present = currentSets[field] ?? []
            let added = elements.filter { !present.contains($0) }, removed = present.filter { !elements.contains($0) }
            if !added.isEmpty { change.additions[field] = added }
            if !removed.isEmpty { change.removals[field] = removed }
        }
        let edits: [Edit]
        do { edits = try change.edits(current: current, schema: schema) } catch {
            for failure in error.errors { problem(failure.field, failure.reason) }
            return
        }
        if !edits.isEmpty { changes.append(edits) }
        let changed = RecordExport(kind, catalog: catalog).fields.map(\.name).filter { change.values[$0] != nil || change.additions[$0] != nil || change.removals[$0] != nil }
        let outcome: ImportReport.Outcome = current == nil ? .new : edits.isEmpty ? .unchanged : .updated
        let title = "\(date?.description ?? "") \(companies.name(of: company.rawValue) ?? company.rawValue)"
        rows.append(ImportReport.Row(line: row.line, key: key, outcome: outcome, changedFields: changed, title: title))
    }

    /// The answer a CSV cell gives `question`: as ``RecordExport`` writes it (`true` and
    /// `false` for yes and no, text guarded against formulas), else as typed at a prompt.
    static func answer(_ cell: String, for question: FormQuestion) throws(ValidationError) -> FieldValue? {
        let text = TransferCell.unguarded(cell)
        if case .boolean = question.answerType {
            switch text.trimmingCharacters(in: .whitespaces).lowercased() {
            case "true": return .bool(true)
            case "false": return .bool(false)
            default: break
            }
        }
        return try FormAnswerInput.parse(text, for: question)
    }

    /// `reason`, starting with the question's label when it does not name it already.
    static func labelled(_ reason: String, _ label: String) -> String {
        reason.contains(label) ? reason : "「\(label)」: \(reason)"
    }
}

/// The `id` pseudo-field, typed like the record's fields.
private enum FormRecordIDField: String, FieldName {
    case id
}
