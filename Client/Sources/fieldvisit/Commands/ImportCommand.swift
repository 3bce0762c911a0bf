import ArgumentParser
import FieldVisitClient
import FieldVisitCore
import Foundation

/// `fieldvisit import companies|visits FILE`: records from a CSV file, all or nothing.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import companies or visits from a CSV file, as exported or as saved by Excel.",
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
            """
    )

    @OptionGroup var store: StoreOptions
    @Argument(help: "companies or visits.") var type: TransferKind
    @Argument(help: "The CSV file.") var file: String
    @Flag(help: "Only check the file and report what would be imported; write nothing.") var dryRun = false

    func run() throws {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: file))
        } catch {
            throw CommandFailure(message: "cannot read \(file): \(error.localizedDescription)", code: 2)
        }
        let store = try store.open()
        let plan: ImportPlan
        do {
            plan = try RecordImport(type.transferType).plan(data, against: store)
        } catch let failure as ImportFailure {
            let rows = failure.lines.count
            let heading = rows == 0
                ? "nothing was imported from \(file):"
                : "nothing was imported from \(file): \(rows) \(rows == 1 ? "line has" : "lines have") problems; fix \(rows == 1 ? "it" : "them") and import again"
            throw CommandFailure(message: heading + "\n" + failure.description, code: 2)
        }
        let encoding = plan.report.encoding.map { " (\($0))" } ?? ""
        guard !dryRun else {
            Output.table(["行", "結果", "ID", "内容", "書き込む項目"], plan.report.rows.map { row in
                [String(row.line), row.outcome.rawValue, Output.shortID(row.key.id), row.title, row.changedFields.joined(separator: ", ")]
            })
            Output.line("dry run of \(file)\(encoding): would import \(plan.report.summary); nothing was written")
            return
        }
        let report = try plan.apply(to: store)
        Output.line("imported \(file)\(encoding): \(report.summary)")
    }
}
