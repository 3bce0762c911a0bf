import ArgumentParser
import FieldVisitClient
import FieldVisitCore
import Foundation

/// `fieldvisit import companies|visits|nta|hearing|succession FILE`: records from a file,
/// all or nothing.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: ReportCommandHelp.importAbstract.text(),
        discussion: ReportCommandHelp.importDiscussion.text()
    )

    @OptionGroup var store: StoreOptions
    @Argument(help: ArgumentHelp(ReportCommandHelp.importType.text())) var type: ImportKind
    @Argument(help: ArgumentHelp(ReportCommandHelp.importFile.text())) var file: String
    @Flag(help: ArgumentHelp(ReportCommandHelp.importDryRun.text())) var dryRun = false
    @Option(help: ArgumentHelp(ReportCommandHelp.importBranch.text())) var branch: String?
    @Option(help: ArgumentHelp(ReportCommandHelp.importCity.text())) var city: [String] = []
    @Flag(help: ArgumentHelp(ReportCommandHelp.importExistingOnly.text())) var existingOnly = false
    @Option(help: ArgumentHelp(ReportCommandHelp.importFormat.text())) var format: FormImportFormat?

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
