import ArgumentParser
import FieldVisitClient
import FieldVisitCore
import Foundation

/// `fieldvisit report`: activity reports per fiscal year, as the association publishes
/// them, counted from the records on this laptop.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Activity reports per fiscal year (visits, outcomes, funnels, succession) and a company's local benchmark.",
        discussion: """
            Fiscal years run April to March and print with the era (令和5年度 = April 2023 – March 2024; \
            FY2019 is 令和元年度). Every count shows the fiscal year asked for with the year before in \
            parentheses: 16 (35). Counts come from the records themselves; deleted records do not count, and \
            a record in conflict counts once with its visible value (the report says how many were in conflict). \
            See docs/reports.md.
            """,
        subcommands: [Visits.self, Outcomes.self, Funnel.self, Succession.self, Benchmark.self]
    )

    /// The output formats of a report.
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case table, csv, json
    }

    /// The options every report takes.
    struct ReportOptions: ParsableArguments {
        @OptionGroup var store: StoreOptions
        @Option(help: "table (aligned, the default), csv (UTF-8 with BOM, for Excel) or json.") var format: Format = .table
    }

    /// The fiscal year option.
    struct YearOptions: ParsableArguments {
        @Option(name: .customLong("fiscal-year"), help: "The fiscal year by the calendar year it starts in: 2023 for 令和5年度.")
        var fiscalYear: Int

        func validate() throws {
            guard (1868...9998).contains(fiscalYear) else {
                throw ArgumentParser.ValidationError("--fiscal-year is the calendar year the fiscal year starts in, such as 2023")
            }
        }

        var year: FiscalYear { FiscalYear(fiscalYear) }
    }

    /// `fieldvisit report visits`.
    struct Visits: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Companies visited (訪問企業数) and visits (延べ訪問回数), overall and by purpose, branch, industry, staff or month."
        )
        @OptionGroup var options: ReportOptions
        @OptionGroup var year: YearOptions
        @Option(help: "Only companies of this branch code.") var branch: String?
        @Option(help: ArgumentHelp("Only companies of this cohort (e.g. the two disaster programmes): \(CohortTag.helpList)")) var cohort: String?
        @Option(help: "Break down by purpose, branch, industry, staff or month.") var by: VisitReport.Dimension?
        @Option(help: ArgumentHelp("Only visits of this purpose (programme), and then the companies a bank accompanied: \(VisitPurpose.helpList)")) var purpose: String?

        func run() throws {
            let purpose = try parsePurpose(purpose)
            let tag = try parseCohort(cohort)
            let report = try VisitReport(store: options.store.open(), fiscalYear: year.year, branch: branch, purpose: purpose, cohort: tag, by: by)
            try ReportTable(report).print(options.format, json: report)
        }
    }

    /// `fieldvisit report outcomes`.
    struct Outcomes: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Among the companies visited, how many received each support action, and referrals by agency."
        )
        @OptionGroup var options: ReportOptions
        @OptionGroup var year: YearOptions
        @Option(help: ArgumentHelp("Only visits of this purpose (programme): \(VisitPurpose.helpList)")) var purpose: String?

        func run() throws {
            let purpose = try parsePurpose(purpose)
            let report = try OutcomeReport(store: options.store.open(), fiscalYear: year.year, purpose: purpose)
            try ReportTable(report).print(options.format, json: report)
        }
    }

    /// `fieldvisit report funnel`.
    struct Funnel: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "A cohort's companies: listed → interviewed → supported in the fiscal year."
        )
        @OptionGroup var options: ReportOptions
        @OptionGroup var year: YearOptions
        @Option(help: ArgumentHelp("The cohort: \(CohortTag.helpList)")) var cohort: String

        func run() throws {
            let tag = try parseCohort(cohort)!
            let report = try FunnelReport(store: options.store.open(), fiscalYear: year.year, cohort: tag)
            try ReportTable(report).print(options.format, json: report)
        }
    }

    /// `fieldvisit report succession`.
    struct Succession: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Owners 65 or over interviewed → with a succession need → referred to the centre; diagnoses by result."
        )
        @OptionGroup var options: ReportOptions
        @OptionGroup var year: YearOptions

        func run() throws {
            let report = try SuccessionReport(store: options.store.open(), fiscalYear: year.year)
            try ReportTable(report).print(options.format, json: report)
        }
    }

    /// `fieldvisit report benchmark`.
    struct Benchmark: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "A company's six local-benchmark indicators across its hearing sheets, with the change and a bar chart."
        )
        @OptionGroup var options: ReportOptions
        @Option(help: "The company's id or a unique prefix of it.") var company: String

        struct JSONPeriod: Encodable {
            var sheet: RecordID
            var date: String
            var fiscalYear: FiscalYear?
            var inConflict: Bool
            var indicators: [String: String]
        }

        struct JSONReport: Encodable {
            var company: RecordID
            var companyName: String?
            var periods: [JSONPeriod]
            var change: [String: String]
            var conflictedSheets: Int
        }

        func run() throws {
            let store = try options.store.open()
            let report = try BenchmarkReport(store: store, company: try store.resolve(company, type: .company))
            let indicators = LocalBenchmarkIndicator.allCases
            switch options.format {
            case .json:
                try Output.json(JSONReport(
                    company: report.company, companyName: report.companyName,
                    periods: report.periods.map { period in
                        JSONPeriod(sheet: period.sheet, date: period.date, fiscalYear: period.fiscalYear, inConflict: period.inConflict,
                                   indicators: Dictionary(uniqueKeysWithValues: indicators.compactMap { indicator in
                                       period.indicators[indicator].map { (indicator.rawValue, $0.displayText) }
                                   }))
                    },
                    change: Dictionary(uniqueKeysWithValues: indicators.compactMap { indicator in report.change(of: indicator).map { (indicator.rawValue, $0) } }),
                    conflictedSheets: report.conflictedSheets))
            case .csv, .table:
                let table = report.table
                if options.format == .csv {
                    FileHandle.standardOutput.write(try CSVWriter(encoding: .utf8WithBOM).data(table))
                    return
                }
                Output.line("\(report.companyName ?? report.company.rawValue) ローカルベンチマーク")
                if report.periods.isEmpty {
                    print("(none)")
                    return
                }
                print(TextTable(header: table[0], rows: Array(table.dropFirst()), rightAligned: Set(1..<table[0].count)).render())
                print("")
                for line in report.barChart() { Output.line("\(line)") }
                if report.conflictedSheets > 0 {
                    print("⚠ 競合中のヒアリングシート \(report.conflictedSheets) 件（表示中の値で集計）")
                }
            }
        }
    }
}

/// Parses a purpose code, naming the valid ones when it is unknown.
private func parsePurpose(_ code: String?) throws -> VisitPurpose? {
    guard let code else { return nil }
    guard let purpose = VisitPurpose(rawValue: code) else {
        throw CommandFailure(message: "unknown purpose \(code); use one of \(VisitPurpose.helpList)", code: 2)
    }
    return purpose
}

/// Parses a cohort code, naming the valid ones when it is unknown.
private func parseCohort(_ code: String?) throws -> CohortTag? {
    guard let code else { return nil }
    guard let cohort = CohortTag(rawValue: code) else {
        throw CommandFailure(message: "unknown cohort \(code); use one of \(CohortTag.helpList)", code: 2)
    }
    return cohort
}

extension VisitReport.Dimension: ExpressibleByArgument {}

extension ReportTable {
    /// Prints the table as `16 (35)`, the CSV, or `report` as JSON.
    func print<Report: Encodable>(_ format: ReportCommand.Format, json report: Report) throws {
        switch format {
        case .json:
            try Output.json(report)
        case .csv:
            FileHandle.standardOutput.write(try csv(encoding: .utf8WithBOM))
        case .table:
            Output.line("\(heading)")
            let rows = displayRows
            Output.table(rows[0], Array(rows.dropFirst()), rightAligned: Set(1...metrics.count))
            if conflicts > 0 {
                Swift.print("⚠ 競合中の記録 \(conflicts) 件を含みます（表示中の値で1件として集計。fieldvisit conflicts で確認）")
            }
        }
    }
}
