import ArgumentParser
import FieldVisitClient
import FieldVisitCore
import Foundation

/// `fieldvisit import companies|visits|nta|hearing|succession FILE`: records from a file,
/// all or nothing.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import companies, visits or form records from a file, as exported or as saved by Excel, or companies from the National Tax Agency's corporate-number download.",
        discussion: """
            The file may be UTF-8 (with or without BOM) or Shift_JIS. Its first row names the \
            columns, by field name (name, corporateNumber, …) or Japanese label (企業名, 法人番号, \
            業種, …); an unknown column is an error. Codes may be given as codes or labels \
            (製造業), dates and years with their era (令和6年4月1日, R6.4.1). A visit's company may be its \
            id, its corporate number or its exact name; without a staff column, a new visit is \
            the importing user's.
            Every row is checked first: if any is invalid, nothing is imported and every problem \
            is listed with its line (exit code 2). A company is matched by corporate number, \
            else by id; a visit by id. Matched records get only the changed fields, so \
            importing a file twice creates nothing twice. An empty cell clears its field.
            `import nta FILE` reads the National Tax Agency's corporate-number download \
            (法人番号公表サイト, 基本3情報: 30 columns, no header row) and creates or updates \
            companies by corporate number: name, furigana, address, municipality, legal form, \
            and the closure of the register (closedOn, closeCause, successorCorporateNumber). \
            The last row of a number in the file wins. Companies of branches you do not cover \
            are skipped; new companies go to --branch, or to your only branch. --city limits \
            the new companies to those municipalities; --existing-only creates none.
            `import hearing FILE` and `import succession FILE` (any form type's word) read the \
            CSV `export --type hearing|succession` writes, or JSON Lines (.jsonl or --format jsonl) \
            with the same keys; each record is checked against its form version (formVersion, \
            else the newest), as `hearing fill --answers` checks it.
            """
    )

    @OptionGroup var store: StoreOptions
    @Argument(help: "companies, visits, nta (the corporate-number download), hearing or succession.") var type: ImportKind
    @Argument(help: "The file.") var file: String
    @Flag(help: "Only check the file and report what would be imported; write nothing.") var dryRun = false
    @Option(help: "nta: the branch of new companies (one of yours when logged in); needed unless you have exactly one branch.") var branch: String?
    @Option(help: "nta: create companies only in this municipality: its local-government code (03201 or 032018) or its name (盛岡市). Repeatable.") var city: [String] = []
    @Flag(help: "nta: only update companies already here; create none.") var existingOnly = false
    @Option(help: "hearing, succession: csv or jsonl (default: jsonl for a .jsonl file, else csv).") var format: FormImportFormat?

    func validate() throws {
        if type != .nta, branch != nil || !city.isEmpty || existingOnly {
            throw ValidationError(TransferMessage.optionsOfNTA.text())
        }
        if case .form = type {} else if format != nil {
            throw ValidationError(TransferMessage.formatOfForms.text())
        }
    }

    func run() throws {
        let limit: Int? = switch type {
        case .nta: CorporateNumberImport.maxBytes
        case .form: FormRecordImport.maxBytes
        case .transfer: nil
        }
        let data = try Self.read(file, limit: limit)
        let store = try store.open()
        switch type {
        case .transfer(let kind): try importRecords(data, type: kind.transferType, store: store)
        case .nta: try importCorporateNumbers(data, store: store)
        case .form(let form): try importForms(data, kind: form, store: store)
        }
    }

    /// The bytes of `path`, refusing a file larger than `limit` before reading it.
    static func read(_ path: String, limit: Int?) throws -> Data {
        if let limit, let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int, size > limit {
            throw CommandFailure(message: TransferMessage.fileTooLarge.text(["file": path, "size": String(size), "limit": String(limit)]), code: 2)
        }
        do {
            return try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw CommandFailure(message: TransferMessage.fileUnreadable.text(["file": path, "reason": error.localizedDescription]), code: 2)
        }
    }

    /// The failure of an import, every problem listed under a heading.
    static func failure(_ failure: ImportFailure, file: String) -> CommandFailure {
        let rows = failure.lines.count
        let heading: TransferMessage = switch rows {
        case 0: .failedHeading
        case 1: .failedHeadingOne
        default: .failedHeadingMany
        }
        return CommandFailure(message: heading.text(["file": file, "count": String(rows)]) + "\n" + failure.description, code: 2)
    }

    private func importRecords(_ data: Data, type: TransferType, store: LocalStore) throws {
        let plan: ImportPlan
        do {
            plan = try RecordImport(type).plan(data, against: store)
        } catch let failure as ImportFailure {
            throw Self.failure(failure, file: file)
        }
        try finish(rows: plan.report.rows, encoding: plan.report.encoding?.note ?? "", summary: plan.report.summary) {
            try plan.apply(to: store).summary
        }
    }

    /// A dry run's table of `rows` and what it would do, or the import applied and
    /// what it did.
    private func finish(rows: [ImportReport.Row], encoding: String, summary: String, apply: () throws -> String) throws {
        guard !dryRun else {
            Output.table(["行", "結果", "ID", "内容", "書き込む項目"], rows.map { row in
                [String(row.line), Self.describe(row.outcome), Output.shortID(row.key.id), row.title, row.changedFields.joined(separator: ", ")]
            })
            Output.line(TerminalText(TransferMessage.dryRun.text(["file": file, "encoding": encoding, "summary": summary])))
            return
        }
        let done = try apply()
        Output.line(TerminalText(TransferMessage.imported.text(["file": file, "encoding": encoding, "summary": done])))
    }

    private func importCorporateNumbers(_ data: Data, store: LocalStore) throws {
        let plan: CorporateNumberImportPlan
        do {
            plan = try CorporateNumberImport(.init(branch: branch, cities: city, existingOnly: existingOnly)).plan(data, against: store)
        } catch let failure as ImportFailure {
            throw Self.failure(failure, file: file)
        }
        let encoding = plan.report.encoding?.note ?? ""
        guard !dryRun else {
            // Unchanged companies are left out: a prefecture's file has tens of thousands.
            Output.table(["行", "法人番号", "結果", "ID", "名称", "書き込む項目"], plan.report.companies.filter { $0.outcome != .unchanged }.map { company in
                [String(company.line), company.corporateNumber, Self.describe(company.outcome), company.key.map { Output.shortID($0.id) } ?? "",
                 company.name, company.changedFields.joined(separator: ", ")]
            })
            Output.line(TerminalText(TransferMessage.dryRun.text(["file": file, "encoding": encoding, "summary": plan.report.summary])))
            return
        }
        let report = try plan.apply(to: store)
        Output.line(TerminalText(TransferMessage.imported.text(["file": file, "encoding": encoding, "summary": report.summary])))
    }

    private func importForms(_ data: Data, kind: FormRecordType, store: LocalStore) throws {
        let format: FormRecordImport.Format = switch self.format {
        case .csv: .csv
        case .jsonl: .jsonl
        case nil: file.lowercased().hasSuffix(".jsonl") ? .jsonl : .csv
        }
        let plan: FormRecordImportPlan
        do {
            plan = try FormRecordImport(kind).plan(data, format: format, against: store, today: .today())
        } catch let failure as ImportFailure {
            throw Self.failure(failure, file: file)
        }
        try finish(rows: plan.report.rows, encoding: (plan.report.encoding?.note ?? TransferMessage.inEncoding.text(["encoding": "JSON Lines"])), summary: plan.report.summary) {
            try plan.apply(to: store).summary
        }
    }

    /// `new`, `updated`, `unchanged` (新規, 更新, 変更なし).
    static func describe(_ outcome: ImportReport.Outcome) -> String {
        switch outcome {
        case .new: TransferMessage.outcomeNew.text()
        case .updated: TransferMessage.outcomeUpdated.text()
        case .unchanged: TransferMessage.outcomeUnchanged.text()
        }
    }

    /// `new`, `updated (closed)`, `skipped (other branch)`: the codes in parentheses
    /// are the report's, as the JSON has them.
    static func describe(_ outcome: CorporateNumberImportReport.Outcome) -> String {
        switch outcome {
        case .new: describe(ImportReport.Outcome.new)
        case .unchanged: describe(ImportReport.Outcome.unchanged)
        case .updated(let update): "\(describe(ImportReport.Outcome.updated)) (\(update.rawValue))"
        case .skipped(let skip): "\(TransferMessage.outcomeSkipped.text()) (\(skip.rawValue))"
        }
    }
}

/// What `fieldvisit import` reads: companies, visits, the corporate-number download, or
/// the records of a form type (`hearing`, `succession`).
enum ImportKind: ExpressibleByArgument, Equatable {
    /// Companies or visits as exported, or from Excel.
    case transfer(TransferKind)
    /// The National Tax Agency's corporate-number download.
    case nta
    /// Records of a form type, as exported (CSV) or as JSON Lines.
    case form(FormRecordType)

    init?(argument: String) {
        if let kind = TransferKind(rawValue: argument) {
            self = .transfer(kind)
        } else if argument == "nta" {
            self = .nta
        } else if let form = FormRecordType.named(argument) {
            self = .form(form)
        } else {
            return nil
        }
    }

    static var allValueStrings: [String] { TransferKind.allCases.map(\.rawValue) + ["nta"] + FormRecordType.builtIn.map(\.command) }
}

/// The formats `import hearing|succession --format` reads.
enum FormImportFormat: String, ExpressibleByArgument, CaseIterable {
    /// CSV, as `export` writes it.
    case csv
    /// JSON Lines: one object per line.
    case jsonl
}
