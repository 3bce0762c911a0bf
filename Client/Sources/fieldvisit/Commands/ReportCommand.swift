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
        @Option(help: "table (aligned, the default), csv (for Excel) or json.") var format: Format = .table
        @Option(help: "CSV only: utf8 (with BOM, the default) or sjis (Shift_JIS, CP932).") var encoding: ExportCommand.Encoding?
        @Option(name: .customLong("as-of"), help: ArgumentHelp(
            "The report as this laptop would have printed it then: a date (the end of that day) or a date and time (2024-04-30T17:00:00+09:00).",
            valueName: "moment"))
        var asOf: String?

        func validate() throws {
            if encoding != nil, format != .csv {
                throw ArgumentParser.ValidationError(ReportMessage.encodingCSVOnly.text())
            }
            if let asOf {
                do { _ = try ReportMoment(asOf) } catch { throw ArgumentParser.ValidationError(error.description) }
            }
        }

        /// Runs `body` on the store, or on the store as it stood at `--as-of`.
        func withStore<T>(_ body: (LocalStore) throws -> T) throws -> T {
            let store = try store.open()
            guard let asOf else { return try body(store) }
            return try store.reading(asOf: try ReportMoment(asOf).milliseconds, body)
        }

        /// The CSV encoding asked for.
        var csvEncoding: CSVEncoding { (encoding ?? .utf8).csvEncoding }
    }

    /// The fiscal year option.
    struct YearOptions: ParsableArguments {
        @Option(name: .customLong("fiscal-year"), help: "The fiscal year by the calendar year it starts in (2023) or by its era (令和5, R5, 令和5年度).")
        var fiscalYear: String

        func validate() throws {
            let year: Int
            do { year = try CalendarDate.typedYear(fiscalYear, field: "fiscal-year") } catch {
                throw ArgumentParser.ValidationError(ReportMessage.fiscalYearUnreadable.text(["reason": error.reason]))
            }
            guard (1900...2199).contains(year) else {
                throw ArgumentParser.ValidationError(ReportMessage.fiscalYearRange.text())
            }
        }

        /// The fiscal year asked for; `validate()` has read it.
        var year: FiscalYear { FiscalYear((try? CalendarDate.typedYear(fiscalYear)) ?? 0) }
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
            let report = try options.withStore { try VisitReport(store: $0, fiscalYear: year.year, branch: branch, purpose: purpose, cohort: tag, by: by) }
            try ReportTable(report).print(options, json: report)
        }
    }

    /// `fieldvisit report outcomes`.
    struct Outcomes: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Among the companies visited, how many received each support action, and referrals by agency."
        )
        @OptionGroup var options: ReportOptions
        @OptionGroup var year: YearOptions
        @Option(help: ArgumentHelp("Only the firms visited under this purpose (programme), with the support they received on any visit: \(VisitPurpose.helpList)")) var purpose: String?
        @Option(help: ArgumentHelp("Only the firms of this cohort in each year (e.g. the debt buy-out firms apart from the other disaster firms): \(CohortTag.helpList)")) var cohort: String?
        @Option(help: "Amounts in thousand (千円, the default) or million (百万円) yen.") var amountUnit: ReportTable.AmountUnit = .thousand

        func run() throws {
            let purpose = try parsePurpose(purpose)
            let tag = try parseCohort(cohort)
            let report = try options.withStore { try OutcomeReport(store: $0, fiscalYear: year.year, purpose: purpose, cohort: tag) }
            try ReportTable(report, amountUnit: amountUnit).print(options, json: report)
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
            let report = try options.withStore { try FunnelReport(store: $0, fiscalYear: year.year, cohort: tag) }
            try ReportTable(report).print(options, json: report)
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
            let report = try options.withStore { try SuccessionReport(store: $0, fiscalYear: year.year) }
            try ReportTable(report).print(options, json: report)
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
            /// The accounting period's last day, `nil` for a sheet of an unknown version.
            var periodEnd: CalendarDate?
            /// `2024年3月期`.
            var label: String
            /// The sheet whose figures give the period, and the day it was taken.
            var sheet: RecordID
            var date: String
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
            let report = try options.withStore { store in try BenchmarkReport(store: store, company: try store.resolve(company, type: .company)) }
            let indicators = LocalBenchmarkIndicator.allCases
            switch options.format {
            case .json:
                try Output.json(JSONReport(
                    company: report.company, companyName: report.companyName,
                    periods: report.periods.map { period in
                        JSONPeriod(periodEnd: period.end, label: period.label, sheet: period.sheet, date: period.date, inConflict: period.inConflict,
                                   indicators: Dictionary(uniqueKeysWithValues: indicators.compactMap { indicator in
                                       period.indicators[indicator].map { (indicator.rawValue, $0.displayText) }
                                   }))
                    },
                    change: Dictionary(uniqueKeysWithValues: indicators.compactMap { indicator in report.change(of: indicator).map { (indicator.rawValue, $0) } }),
                    conflictedSheets: report.conflictedSheets))
            case .csv, .table:
                let table = report.table
                if options.format == .csv {
                    FileHandle.standardOutput.write(try CSVWriter(encoding: options.csvEncoding).data(table))
                    return
                }
                Output.line("\(report.companyName ?? report.company.rawValue) ローカルベンチマーク\(options.asOf.map { "（\($0) 時点）" } ?? "")")
                if report.periods.isEmpty {
                    print(StatusMessage.statusNone.text())
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
        throw CommandFailure(message: ReportMessage.unknownPurpose.text(["code": code, "choices": VisitPurpose.helpList]), code: 2)
    }
    return purpose
}

/// Parses a cohort code, naming the valid ones when it is unknown.
private func parseCohort(_ code: String?) throws -> CohortTag? {
    guard let code else { return nil }
    guard let cohort = CohortTag(rawValue: code) else {
        throw CommandFailure(message: ReportMessage.unknownCohort.text(["code": code, "choices": CohortTag.helpList]), code: 2)
    }
    return cohort
}

extension VisitReport.Dimension: ExpressibleByArgument {}
extension ReportTable.AmountUnit: ExpressibleByArgument {}

extension ReportTable {
    /// Prints the table as `16 (35)`, the CSV, or `report` as JSON.
    func print<Report: Encodable>(_ options: ReportCommand.ReportOptions, json report: Report) throws {
        var table = self
        if let asOf = options.asOf { table.title += "（\(asOf) 時点）" }
        switch options.format {
        case .json:
            try Output.json(report)
        case .csv:
            FileHandle.standardOutput.write(try table.csv(encoding: options.csvEncoding))
        case .table:
            Output.line("\(table.heading)")
            let rows = table.displayRows
            Output.table(rows[0], Array(rows.dropFirst()), rightAligned: Set(1...metrics.count))
            if conflicts > 0 {
                Swift.print("⚠ 競合中の記録 \(conflicts) 件を含みます（表示中の値で1件として集計。fieldvisit conflicts で確認）")
            }
        }
    }
}
