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
            var title = "\(report.fiscalYear.japaneseLabel) 訪問実績"
            if let purpose { title += " \(purpose.japaneseLabel)" }
            if let tag { title += " \(tag.japaneseLabel)" }
            if let branch { title += " 支所 \(branch)" }
            var table = YearTable(title: title, fiscalYear: report.fiscalYear, label: by?.japaneseLabel ?? "区分", metrics: ["訪問企業数", "延べ訪問回数"])
            table.add(report.total.label, [report.total.companies, report.total.visits])
            for row in report.rows { table.add(row.label, [row.companies, row.visits]) }
            if let bank = report.bankAccompaniedCompanies {
                table.add("うち金融機関同行企業数", [bank, nil])
            }
            table.conflicts = report.conflictedVisits
            try table.print(options.format, json: report)
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
            var title = "\(report.fiscalYear.japaneseLabel) 支援実績"
            if let purpose { title += " \(purpose.japaneseLabel)" }
            var table = YearTable(title: title, fiscalYear: report.fiscalYear, label: "区分", metrics: ["企業数", "訪問回数"])
            table.add("訪問企業", [report.companiesVisited, report.visits])
            // Actions and agencies nobody had in either year are left out of the table and
            // the CSV; the JSON lists them all.
            let zero = YearOverYear()
            for line in report.supportActions where line.companies != zero {
                table.add("支援: \(line.label)", [line.companies, line.visits])
            }
            for line in report.referrals where line.companies != zero {
                table.add("橋渡し: \(line.label)", [line.companies, line.visits])
            }
            table.conflicts = report.conflictedVisits
            try table.print(options.format, json: report)
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
            var table = YearTable(title: "\(report.fiscalYear.japaneseLabel) \(tag.japaneseLabel) フォローアップ", fiscalYear: report.fiscalYear,
                                  label: "段階", metrics: ["企業数"])
            table.add("対象企業", [report.listed])
            table.add("面談実施", [report.interviewed])
            table.add("支援実施", [report.supported])
            table.conflicts = report.conflictedRecords
            try table.print(options.format, json: report)
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
            var table = YearTable(title: "\(report.fiscalYear.japaneseLabel) 事業承継", fiscalYear: report.fiscalYear, label: "区分", metrics: ["企業数"])
            table.add("65歳以上の経営者と面談", [report.seniorOwnersInterviewed])
            table.add("事業承継ニーズあり", [report.withSuccessionNeed])
            table.add("事業承継・引継ぎ支援センターへ橋渡し", [report.referredToCentre])
            for line in report.results { table.add("診断結果: \(line.label)", [line.diagnoses]) }
            table.conflicts = report.conflictedRecords
            try table.print(options.format, json: report)
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
                let header = ["指標"] + report.periods.map { period in
                    period.date + (period.fiscalYear.map { "（\($0.japaneseLabel)）" } ?? "")
                } + ["変化（初回→最新）"]
                let rows = indicators.map { indicator in
                    [indicator.japaneseLabel] + report.periods.map { $0.indicators[indicator]?.displayText ?? "—" } + [report.change(of: indicator) ?? "—"]
                }
                if options.format == .csv {
                    FileHandle.standardOutput.write(try CSVWriter(encoding: .utf8WithBOM).data([header] + rows))
                    return
                }
                Output.line("\(report.companyName ?? report.company.rawValue) ローカルベンチマーク")
                if report.periods.isEmpty {
                    print("(none)")
                    return
                }
                print(TextTable(header: header, rows: rows, rightAligned: Set(1..<header.count)).render())
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

/// A report as rows of counts for the fiscal year and the year before: printed as
/// `16 (35)` in a table, as two columns each in CSV.
struct YearTable {
    var title: String
    var fiscalYear: FiscalYear
    var label: String
    var metrics: [String]
    var rows: [(String, [YearOverYear?])] = []
    var conflicts = 0

    init(title: String, fiscalYear: FiscalYear, label: String, metrics: [String]) {
        self.title = title
        self.fiscalYear = fiscalYear
        self.label = label
        self.metrics = metrics
    }

    mutating func add(_ label: String, _ values: [YearOverYear?]) { rows.append((label, values)) }

    func print<Report: Encodable>(_ format: ReportCommand.Format, json report: Report) throws {
        switch format {
        case .json:
            try Output.json(report)
        case .csv:
            let header = [label] + metrics.flatMap { ["\($0)（\(fiscalYear.japaneseLabel)）", "\($0)（\(fiscalYear.previous.japaneseLabel)）"] }
            let body = rows.map { label, values in
                [label] + values.flatMap { $0.map { [String($0.current), String($0.previous)] } ?? ["", ""] }
            }
            FileHandle.standardOutput.write(try CSVWriter(encoding: .utf8WithBOM).data([header] + body))
        case .table:
            Output.line("\(title)（括弧内は\(fiscalYear.previous.japaneseLabel)）")
            Output.table([label] + metrics, rows.map { label, values in [label] + values.map { $0?.displayText ?? "" } },
                         rightAligned: Set(1...metrics.count))
            if conflicts > 0 {
                Swift.print("⚠ 競合中の記録 \(conflicts) 件を含みます（表示中の値で1件として集計。fieldvisit conflicts で確認）")
            }
        }
    }
}
