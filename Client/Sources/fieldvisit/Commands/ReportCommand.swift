import ArgumentParser
import FieldVisitClient
import FieldVisitCore
import Foundation

/// `fieldvisit report`: activity reports per fiscal year, as the association publishes
/// them, counted from the records on this laptop.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: ReportCommandHelp.reportAbstract.text(),
        discussion: ReportCommandHelp.reportDiscussion.text(),
        subcommands: [Visits.self, Outcomes.self, Funnel.self, Succession.self, Benchmark.self]
    )

    /// The output formats of a report.
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case table, csv, json
    }

    /// The options every report takes.
    struct ReportOptions: ParsableArguments {
        @OptionGroup var store: StoreOptions
        @Option(help: ArgumentHelp(ReportCommandHelp.reportFormat.text())) var format: Format = .table
        @Option(help: ArgumentHelp(CommandHelp.csvEncoding.text())) var encoding: ExportCommand.Encoding?
        @Option(name: .customLong("as-of"), help: ArgumentHelp(
            ReportCommandHelp.reportAsOf.text(),
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
        @Option(name: .customLong("fiscal-year"), help: ArgumentHelp(ReportCommandHelp.reportYear.text()))
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
            abstract: ReportCommandHelp.reportVisitsAbstract.text()
        )
        @OptionGroup var options: ReportOptions
        @OptionGroup var year: YearOptions
        @Option(help: ArgumentHelp(CommandHelp.onlyBranchCompanies.text())) var branch: String?
        @Option(help: ArgumentHelp(ReportCommandHelp.reportCohort.text(["values": CohortTag.helpList]))) var cohort: String?
        @Option(help: ArgumentHelp(ReportCommandHelp.reportBy.text())) var by: VisitReport.Dimension?
        @Option(help: ArgumentHelp(ReportCommandHelp.reportVisitsPurpose.text(["values": VisitPurpose.helpList]))) var purpose: String?

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
            abstract: ReportCommandHelp.reportOutcomesAbstract.text()
        )
        @OptionGroup var options: ReportOptions
        @OptionGroup var year: YearOptions
        @Option(help: ArgumentHelp(ReportCommandHelp.reportOutcomesPurpose.text(["values": VisitPurpose.helpList]))) var purpose: String?
        @Option(help: ArgumentHelp(ReportCommandHelp.reportOutcomesCohort.text(["values": CohortTag.helpList]))) var cohort: String?
        @Option(help: ArgumentHelp(ReportCommandHelp.reportAmountUnit.text())) var amountUnit: ReportTable.AmountUnit = .thousand

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
            abstract: ReportCommandHelp.reportFunnelAbstract.text()
        )
        @OptionGroup var options: ReportOptions
        @OptionGroup var year: YearOptions
        @Option(help: ArgumentHelp(ReportCommandHelp.reportFunnelCohort.text(["values": CohortTag.helpList]))) var cohort: String

        func run() throws {
            let tag = try parseCohort(cohort)!
            let report = try options.withStore { try FunnelReport(store: $0, fiscalYear: year.year, cohort: tag) }
            try ReportTable(report).print(options, json: report)
        }
    }

    /// `fieldvisit report succession`.
    struct Succession: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: ReportCommandHelp.reportSuccessionAbstract.text()
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
            abstract: ReportCommandHelp.reportBenchmarkAbstract.text()
        )
        @OptionGroup var options: ReportOptions
        @Option(help: ArgumentHelp(CommandHelp.companyID.text())) var company: String

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
