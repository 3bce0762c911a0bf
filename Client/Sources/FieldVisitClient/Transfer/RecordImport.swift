import FieldVisitCore
import Foundation

/// Imports companies or visits from a CSV file: what ``RecordExport`` writes, and what
/// Excel in Japan saves (Shift_JIS, or UTF-8 with or without the byte order mark).
///
/// **All or nothing.** Every row is read and validated before anything is written. If
/// any row has a problem, the import throws ``ImportFailure`` listing every problem of
/// every row with its line and column, and the store is not touched. Otherwise each
/// record becomes a change set of its own, all committed in one transaction, so a
/// failure part-way leaves the store as it was.
///
/// **Columns.** A header row names the columns; see ``ImportColumns`` for the accepted
/// names. A column present in the file describes its field: an empty cell clears it,
/// and a set cell lists the whole set. A field without a column is left as it is, so a
/// file of only `法人番号,従業員数` updates employee numbers and nothing else. Rows whose
/// cells are all empty (what Excel leaves below a table) are skipped.
///
/// **Matching, so that importing a file twice creates nothing twice.**
/// - A company is the company with the row's corporate number, else the company with
///   the row's `id`. A new company takes the `id` of its row as its id, so ids survive
///   an export and import.
/// - A visit is the visit with the row's `id`; a row without an id is always a new visit.
///   Its `company` cell may be a company id, a corporate number, or the exact name of
///   exactly one company.
/// - A record found is given only the fields that differ (an unchanged row writes
///   nothing); a field in conflict whose file value is the value shown stays in conflict
///   for a person to resolve. A deleted record is not brought back by an import.
///
/// ```swift
/// let plan = try RecordImport(.companies).plan(data, against: store)
/// print(plan.report.summary)                   // "2 new, 1 updated, 5 unchanged"
/// let report = try plan.apply(to: store)
/// ```
public struct RecordImport: Sendable, Hashable {
    /// The records imported.
    public var type: TransferType

    /// An import of `type`.
    public init(_ type: TransferType) { self.type = type }

    /// Reads and validates a whole file against `store`, writing nothing.
    ///
    /// - Throws: ``ImportFailure`` listing every problem when the file cannot be read or
    ///   any row is invalid; an error of the store when it cannot be read.
    public func plan(_ data: Data, against store: LocalStore) throws -> ImportPlan {
        let (table, problems) = try Self.table(from: data)
        return try plan(table, against: store, problems: problems)
    }

    /// Validates rows already read against `store`, writing nothing.
    public func plan(_ table: CSVTable, against store: LocalStore) throws -> ImportPlan {
        try plan(table, against: store, problems: [])
    }

    private func plan(_ table: CSVTable, against store: LocalStore, problems: [ImportProblem]) throws -> ImportPlan {
        let columns: ImportColumns
        do {
            columns = try ImportColumns(header: table.columns, line: table.headerLine, type: type)
        } catch {
            throw ImportFailure(error.problems + problems)
        }
        var planner = Planner(type: type, columns: columns, store: store, companies: try CompanyDirectory(store))
        planner.problems = problems
        for row in table.rows where !row.values.values.allSatisfy({ $0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }) {
            try planner.plan(row)
        }
        if !planner.problems.isEmpty {
            // Rows of the wrong length were found before the others: list all in file order.
            throw ImportFailure(planner.problems.enumerated().sorted { a, b in
                (a.element.line ?? 0, a.offset) < (b.element.line ?? 0, b.offset)
            }.map(\.element))
        }
        return ImportPlan(
            report: ImportReport(type: type, rows: planner.rows, encoding: table.encoding, isApplied: false),
            changes: planner.changes
        )
    }

    /// The file's rows, and a problem for each row of the wrong length. ``CSVReader``
    /// stops at the first such row; an import lists them all, so that the file can be
    /// fixed in one pass. Empty columns at the end of the header, which Excel leaves
    /// when cells beside a table were once touched, are dropped with their empty cells.
    static func table(from data: Data) throws(ImportFailure) -> (CSVTable, [ImportProblem]) {
        do {
            let (text, encoding) = try CSVReader.decode(data)
            let records = try CSVReader.records(in: text)
            guard var header = records.first else { return (try CSVTable(records: [], encoding: encoding), []) }
            while header.fields.count > 1, header.fields.last?.trimmingCharacters(in: .whitespaces).isEmpty == true {
                header.fields.removeLast()
            }
            let width = header.fields.count
            var problems: [ImportProblem] = []
            var rows: [CSVRecord] = []
            for var record in records.dropFirst() {
                if record.fields.count > width, record.fields[width...].allSatisfy(\.isEmpty) {
                    record.fields.removeLast(record.fields.count - width)
                }
                if record.fields.count == width {
                    rows.append(record)
                    continue
                }
                // The table states the problem as it would for the first such row.
                do {
                    _ = try CSVTable(records: [header, record])
                } catch {
                    problems.append(ImportProblem(line: error.line, column: nil, reason: error.reason))
                }
            }
            return (try CSVTable(records: [header] + rows, encoding: encoding), problems)
        } catch {
            throw ImportFailure([ImportProblem(line: error.line, column: nil, reason: error.reason)])
        }
    }
}

/// A validated import, ready to be written: the report of what it will do and the edits
/// that do it.
public struct ImportPlan: Sendable, Hashable {
    /// What the import will do, row by row; ``ImportReport/isApplied`` is `false`.
    public var report: ImportReport
    /// The edits of each new and updated record: one change set each.
    public var changes: [[Edit]]

    /// A plan of `changes` reported by `report`.
    public init(report: ImportReport, changes: [[Edit]]) {
        self.report = report
        self.changes = changes
    }

    /// Writes the import, a change set per record, in one transaction (nothing when
    /// every row is unchanged).
    ///
    /// - Throws: an error of the store; the store is then unchanged.
    @discardableResult
    public func apply(to store: LocalStore) throws -> ImportReport {
        if !changes.isEmpty { try store.commit(each: changes) }
        var report = report
        report.isApplied = true
        return report
    }
}

// MARK: - Planning

/// Works through the rows of one file, collecting the edits and the problems.
private struct Planner {
    let type: TransferType
    let columns: ImportColumns
    let store: LocalStore
    let companies: CompanyDirectory
    var schema: RecordSchema { type.schema }

    var rows: [ImportReport.Row] = []
    var changes: [[Edit]] = []
    var problems: [ImportProblem] = []
    /// The line of the row that claimed each record, so that a record is in a file once.
    var lineOfRecord: [EntityKey: Int] = [:]
    /// The line of the row that gave each corporate number, for new companies too.
    var lineOfCorporateNumber: [String: Int] = [:]

    init(type: TransferType, columns: ImportColumns, store: LocalStore, companies: CompanyDirectory) {
        self.type = type
        self.columns = columns
        self.store = store
        self.companies = companies
    }

    /// The cells of one row, read into values.
    struct Cells {
        var id: RecordID?
        var values: [String: FieldValue] = [:]
        var sets: [String: [FieldValue]] = [:]
        /// Fields whose cell could not be read: the record-wide check says nothing more
        /// about them.
        var failedFields: Set<String> = []
    }

    mutating func plan(_ row: CSVTable.Row) throws {
        let problemsBefore = problems.count
        let cells = read(row)
        guard let key = try match(cells, line: row.line) else { return }
        if let earlier = lineOfRecord[key] {
            problem(row.line, ImportColumns.idField, TransferMessage.duplicateRecord.text(["record": type.singular, "earlier": String(earlier)]))
        }
        lineOfRecord[key] = lineOfRecord[key] ?? row.line

        let current = try store.state(of: key)
        var change = RecordChange(key)
        let currentValues = current?.visibleValues ?? [:]
        let currentSets = current?.visibleSets ?? [:]
        for (field, value) in cells.values where currentValues[field] ?? .null != value {
            change.values[field] = value
        }
        for (field, elements) in cells.sets {
            let present = currentSets[field] ?? []
            let added = elements.filter { !present.contains($0) }
            let removed = present.filter { !elements.contains($0) }
            if !added.isEmpty { change.additions[field] = added }
            if !removed.isEmpty { change.removals[field] = removed }
        }
        // A new visit starts as a draft, as `visit record` makes it.
        let reviewState = Visit.Field.reviewState.rawValue
        if current == nil, type == .visits, (cells.values[reviewState] ?? .null) == .null {
            change.values[reviewState] = .text(ReviewState.draft.code)
        }
        // Without a staff column, a new visit is the importing user's, as `visit record` makes it.
        let staff = Visit.Field.staff.rawValue
        if current == nil, type == .visits, cells.sets[staff] == nil {
            change.additions[staff] = [.text(store.user)]
        }

        let recordEdits: [Edit]
        do {
            recordEdits = try change.edits(current: current, schema: schema)
        } catch {
            for failure in error.errors where !cells.failedFields.contains(failure.field) {
                problem(row.line, failure.field, failure.reason)
            }
            return
        }
        guard problems.count == problemsBefore else { return }
        if !recordEdits.isEmpty { changes.append(recordEdits) }
        var written: Set<String> = []
        for edit in recordEdits {
            switch edit {
            case .set(_, let field, _), .add(_, let field, _), .remove(_, let field, _): written.insert(field)
            case .delete, .restore, .approve: break
            }
        }
        let changed = schema.fields.map(\.name).filter(written.contains)
        let outcome: ImportReport.Outcome = current == nil ? .new : recordEdits.isEmpty ? .unchanged : .updated
        rows.append(ImportReport.Row(line: row.line, key: key, outcome: outcome, changedFields: changed, title: title(cells, current: current)))
    }

    /// Reads every cell of the row, noting each problem.
    mutating func read(_ row: CSVTable.Row) -> Cells {
        var cells = Cells()
        if let column = columns.idColumn, let text = row[column]?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty {
            do { cells.id = try RecordID(validating: text) } catch { problem(row.line, ImportColumns.idField, error.reason) }
        }
        for column in columns.fieldColumns {
            guard let field = columns.fieldsByColumn[column], let spec = schema.spec(for: field), let cell = row[column] else { continue }
            do {
                if spec.isSet {
                    cells.sets[field] = try ImportCells.elements(cell, spec: spec)
                } else if case .reference = spec.kind {
                    cells.values[field] = try companies.reference(cell, field: field)
                } else {
                    cells.values[field] = try ImportCells.value(cell, spec: spec)
                }
            } catch {
                cells.failedFields.insert(field)
                problem(row.line, field, error.reason)
            }
        }
        return cells
    }

    /// The record a row is about, or `nil` (with a problem noted) when that cannot be
    /// decided.
    mutating func match(_ cells: Cells, line: Int) throws -> EntityKey? {
        let byID = try cells.id.flatMap { try store.summary(of: EntityKey(type.recordType, $0)) }
        var found = byID
        let corporateNumber = Company.Field.corporateNumber.rawValue
        if type == .companies, let number = cells.values[corporateNumber]?.textValue {
            if let earlier = lineOfCorporateNumber[number] {
                problem(line, corporateNumber, TransferMessage.duplicateCorporateNumber.text(["number": number, "earlier": String(earlier)]))
                return nil
            }
            lineOfCorporateNumber[number] = line
            let holders = companies.withCorporateNumber(number)
            if let byID, holders.contains(where: { $0.key == byID.key }) {
                // The id settles which of several companies with one number is meant.
                found = byID
            } else if holders.count > 1 {
                problem(line, corporateNumber, TransferMessage.sharedCorporateNumber.text([
                    "number": number, "count": String(holders.count), "ids": holders.map(\.key.id.rawValue).joined(separator: ", "),
                ]))
                return nil
            } else if let holder = holders.first {
                if let byID {
                    problem(line, ImportColumns.idField, TransferMessage.idAgainstCorporateNumber.text([
                        "id": byID.key.id.rawValue, "holder": holder.key.id.rawValue, "number": number,
                    ]))
                    return nil
                }
                found = holder
            }
        }
        if let found, found.isDeleted {
            problem(line, ImportColumns.idField, TransferMessage.deletedRecord.text(["record": type.singular, "id": found.key.id.rawValue]))
            return nil
        }
        return found?.key ?? EntityKey(type.recordType, cells.id ?? .random())
    }

    /// The company's name, or the visit's date and company, for the report.
    func title(_ cells: Cells, current: EntityState?) -> String {
        func text(_ field: some FieldName) -> String {
            (cells.values[field.rawValue] ?? current?.visibleValues[field.rawValue])?.textValue ?? ""
        }
        switch type {
        case .companies: return text(Company.Field.name)
        case .visits:
            let company = text(Visit.Field.company)
            return "\(text(Visit.Field.date)) \(companies.name(of: company) ?? company)"
        }
    }

    /// Notes a problem on `line`, naming the column as the file names it.
    mutating func problem(_ line: Int, _ field: String, _ reason: String) {
        problems.append(ImportProblem(line: line, column: columns.column(for: field) ?? field, reason: reason))
    }
}

// MARK: - Companies

/// The companies of the store, for matching company rows and the company cells of visits.
struct CompanyDirectory {
    private var byID: [RecordID: RecordSummary] = [:]
    private var byCorporateNumber: [String: [RecordSummary]] = [:]
    private var byName: [String: [RecordSummary]] = [:]

    init(_ store: LocalStore) throws {
        for company in try store.list(.company, includeDeleted: true) {
            byID[company.key.id] = company
            guard !company.isDeleted else { continue }
            if let number = company.text(Company.Field.corporateNumber) { byCorporateNumber[number, default: []].append(company) }
            if let name = company.text(Company.Field.name) { byName[Self.trimmed(name), default: []].append(company) }
        }
    }

    /// The companies, not deleted, with corporate number `number`.
    func withCorporateNumber(_ number: String) -> [RecordSummary] { byCorporateNumber[number] ?? [] }

    /// The name of the company with id `id`.
    func name(of id: String) -> String? { byID[RecordID(rawValue: id)]?.text(Company.Field.name) }

    /// The company a visit's cell names: by id, else by corporate number, else by exact
    /// name, as its id.
    func reference(_ cell: String, field: String) throws(ValidationError) -> FieldValue {
        let text = Self.trimmed(cell)
        if text.isEmpty { return .null }
        if let company = byID[RecordID(rawValue: text)] {
            if company.isDeleted {
                throw ValidationError(field: field, reason: TransferMessage.deletedCompany.text(["company": text]))
            }
            return .text(text)
        }
        var numberProblem: ValidationError?
        do {
            let number = try CorporateNumber(text, field: field)
            if let company = try single(byCorporateNumber[number.digits] ?? [], described: TransferMessage.describedCorporateNumber.text(["number": number.digits]), field: field) {
                return .text(company.key.id.rawValue)
            }
        } catch where Self.looksLikeCorporateNumber(text) {
            numberProblem = error
        } catch {}
        if let company = try single(byName[text] ?? [], described: TransferMessage.describedName.text(["name": text]), field: field) {
            return .text(company.key.id.rawValue)
        }
        if let numberProblem { throw numberProblem }
        throw ValidationError(
            field: field,
            reason: TransferMessage.companyNotFound.text(["text": text])
        )
    }

    /// The one company of `candidates`, `nil` for none; several are an error.
    private func single(_ candidates: [RecordSummary], described: String, field: String) throws(ValidationError) -> RecordSummary? {
        guard candidates.count > 1 else { return candidates.first }
        throw ValidationError(
            field: field,
            reason: TransferMessage.companyAmbiguous.text([
                "described": described, "count": String(candidates.count), "ids": candidates.map(\.key.id.rawValue).joined(separator: ", "),
            ])
        )
    }

    /// Thirteen digits, ASCII or full-width: meant as a corporate number even when its
    /// check digit is wrong.
    private static func looksLikeCorporateNumber(_ text: String) -> Bool {
        let digits = text.unicodeScalars.filter { ("0"..."9").contains($0) || (0xFF10...0xFF19).contains($0.value) }
        return digits.count == 13 && text.unicodeScalars.count == 13
    }

    private static func trimmed(_ text: String) -> String {
        text.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
