import FieldVisitClient
import FieldVisitCore
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// The reports pages: the four yearly reports of `fieldvisit report` for the reader's
/// branches (or one of them), one per page, each as the table the association publishes
/// and as a CSV download, with charts drawn by the server (SVG, no script): bars per purpose with the
/// year before beside them, and each follow-up cohort as a funnel. A company's local
/// benchmark is on the company's own page (``ConsoleBenchmark``).
///
/// Every figure is computed by the laptop's report code on a store the server keeps as a
/// replica of the log (``ConsoleReadingReplicas``): a report in the browser is the report
/// `fieldvisit report` prints on a laptop of the same branches.
enum ConsoleReports {
    /// The yearly reports, by the name of their CSV file.
    enum Kind: String, CaseIterable {
        case visits, outcomes, funnel, succession

        /// The tab's label.
        var japaneseLabel: String {
            switch self {
            case .visits: "訪問実績"
            case .outcomes: "支援実績"
            case .funnel: "フォローアップ"
            case .succession: "事業承継"
            }
        }
    }

    /// What a reports request asks for: a fiscal year and, optionally, one branch of the reader's.
    struct Selection {
        var year: FiscalYear
        var current: FiscalYear
        var branch: String?
        var branches: [Branch]

        /// The store holding exactly the records the selection counts.
        func store(_ console: ConsoleService, _ signedIn: ConsoleService.SignedIn) async throws -> LocalStore {
            try await console.readings.store(for: branch.map { .branches([$0]) } ?? signedIn.scope)
        }

        /// The selection as a query, for the CSV links.
        func query(_ extra: [URLQueryItem] = []) -> String {
            var components = URLComponents()
            components.queryItems = [URLQueryItem(name: "year", value: String(year.startYear))]
                + (branch.map { [URLQueryItem(name: "branch", value: $0)] } ?? []) + extra
            return components.percentEncodedQuery ?? ""
        }
    }

    /// Reads the year (this fiscal year when absent or out of range) and the branch (all
    /// the reader's when absent or not one of theirs).
    static func selection(_ request: Request, _ console: ConsoleService, _ signedIn: ConsoleService.SignedIn) async throws -> Selection {
        let parameters = request.uri.queryParameters
        let current = FiscalYear(containing: ConsoleClock.day(Date()))
        let asked = parameters["year"].flatMap { Int($0) }.flatMap { (1990...2100).contains($0) ? $0 : nil }
        let branches = try await console.storage.branches().filter { signedIn.scope.contains($0.code) }
        let branch = parameters["branch"].map(String.init).flatMap { code in branches.contains { $0.code == code } ? code : nil }
        return Selection(year: asked.map(FiscalYear.init) ?? current, current: current, branch: branch, branches: branches)
    }

    static func add(to group: RouterGroup<SyncRequestContext>, console: ConsoleService) {
        group.get("reports") { request, _ in
            try await signedIn(request, console) { signedIn in try await page(request, console, signedIn) }
        }
        group.get("reports/:file") { request, context in
            try await signedIn(request, console) { signedIn in
                let file = context.parameters.get("file") ?? ""
                let encoding: CSVEncoding = request.uri.queryParameters["encoding"] == "shift_jis" ? .cp932 : .utf8WithBOM
                if file == "benchmark.csv" {
                    return try await ConsoleBenchmark.csv(request, console, signedIn, encoding: encoding)
                }
                guard file.hasSuffix(".csv"), let kind = Kind(rawValue: String(file.dropLast(4))) else {
                    return ConsoleRoutes.message(ConsoleFrame(title: "報告が見つかりません", signedIn: signedIn, error: ConsoleText.reportNotFound), status: .notFound)
                }
                let selection = try await selection(request, console, signedIn)
                let store = try await selection.store(console, signedIn)
                let cohort = request.uri.queryParameters["cohort"].flatMap { CohortTag(rawValue: String($0)) } ?? .disasterAffectedDebtBuyOut
                let table = try self.table(kind, store: store, selection: selection, cohort: cohort)
                return csvResponse(try table.csv(encoding: encoding), encoding: encoding,
                                   name: "\(kind.rawValue)-\(selection.year.startYear)\(kind == .funnel ? "-" + cohort.rawValue : "").csv")
            }
        }
    }

    /// Runs `body` for a signed-in reviewer, or sends the browser to the login page.
    static func signedIn(_ request: Request, _ console: ConsoleService, _ body: (ConsoleService.SignedIn) async throws -> Response) async throws -> Response {
        guard let signedIn = try await console.signedIn(token: request.cookies[ConsoleRoutes.sessionCookie]?.value) else {
            return ConsoleRoutes.redirect(ConsolePaths.login)
        }
        return try await body(signedIn)
    }

    /// The office's time zone, in which the reports read the days of changes.
    static let office = ConsoleClock.timeZone

    /// A report of `kind` as its table, computed from `store`.
    static func table(_ kind: Kind, store: LocalStore, selection: Selection, cohort: CohortTag) throws -> ReportTable {
        switch kind {
        case .visits: ReportTable(try VisitReport(store: store, fiscalYear: selection.year, branch: selection.branch, by: .purpose, timeZone: office))
        case .outcomes: ReportTable(try OutcomeReport(store: store, fiscalYear: selection.year, timeZone: office))
        case .funnel: ReportTable(try FunnelReport(store: store, fiscalYear: selection.year, cohort: cohort, timeZone: office))
        case .succession: ReportTable(try SuccessionReport(store: store, fiscalYear: selection.year, timeZone: office))
        }
    }

    /// One report per page, chosen by `report` (visits by default), so that each page
    /// costs one report's queries.
    static func page(_ request: Request, _ console: ConsoleService, _ signedIn: ConsoleService.SignedIn) async throws -> Response {
        let selection = try await selection(request, console, signedIn)
        let kind = request.uri.queryParameters["report"].flatMap { Kind(rawValue: String($0)) } ?? .visits
        let store = try await selection.store(console, signedIn)
        let year = selection.year
        let sections: [ReportSection]
        switch kind {
        case .visits:
            let visits = try VisitReport(store: store, fiscalYear: year, branch: selection.branch, by: .purpose, timeZone: office)
            sections = [ReportSection(id: "visits", table: ReportTable(visits), csv: "/console/reports/visits.csv?" + selection.query(),
                                      chart: SVGBarChart(bars: visits.rows.map { ($0.label, $0.visits.current, $0.visits.previous) },
                                                         currentLabel: year.japaneseLabel, previousLabel: year.previous.japaneseLabel).svg)]
        case .funnel:
            // A funnel for each cohort that has companies in either year.
            let membership = try CohortMembership(store: store, timeZone: office)
            sections = try CohortTag.allCases.compactMap { cohort in
                let funnel = try FunnelReport(store: store, fiscalYear: year, cohort: cohort, membership: membership)
                guard funnel.listed != YearOverYear() else { return nil }
                return ReportSection(
                    id: "funnel-" + cohort.rawValue, table: ReportTable(funnel),
                    csv: "/console/reports/funnel.csv?" + selection.query([URLQueryItem(name: "cohort", value: cohort.rawValue)]),
                    chart: SVGFunnelChart(stages: [
                        ("対象企業", funnel.listed.current, funnel.listed.previous),
                        ("面談実施", funnel.interviewed.current, funnel.interviewed.previous),
                        ("支援実施", funnel.supported.current, funnel.supported.previous),
                    ]).svg)
            }
        case .outcomes, .succession:
            sections = [ReportSection(id: kind.rawValue, table: try table(kind, store: store, selection: selection, cohort: .overdue),
                                      csv: "/console/reports/\(kind.rawValue).csv?" + selection.query())]
        }
        let page = ReportPage(
            frame: ConsoleFrame(title: "報告", signedIn: signedIn),
            report: kind.rawValue,
            tabs: Kind.allCases.map { tab in
                ConsoleOption(value: "/console/reports?" + selection.query([URLQueryItem(name: "report", value: tab.rawValue)]),
                              label: tab.japaneseLabel, selected: tab == kind)
            },
            yearLabel: year.japaneseLabel, previousLabel: year.previous.japaneseLabel,
            years: (0..<5).map { offset in
                let option = FiscalYear(selection.current.startYear - offset)
                return ConsoleOption(value: String(option.startYear), label: option.japaneseLabel, selected: option == year)
            },
            branches: selection.branches.map { ConsoleOption(value: $0.code, label: $0.name, selected: $0.code == selection.branch) },
            scope: selection.branch.flatMap { code in selection.branches.first { $0.code == code }?.name } ?? "担当の支店すべて",
            sections: sections,
            empty: sections.isEmpty ? "この年度と前年度に対象企業のあるフォローアップ区分はありません。" : nil)
        return ConsoleRoutes.html(ConsoleTemplates.render(page, "reports"))
    }

    /// A CSV file to download.
    static func csvResponse(_ data: Data, encoding: CSVEncoding, name: String) -> Response {
        Response(status: .ok, headers: [
            .contentType: "text/csv; charset=\(encoding == .cp932 ? "Shift_JIS" : "utf-8")",
            .contentDisposition: "attachment; filename=\"\(name)\"",
        ], body: .init(byteBuffer: ByteBuffer(data: data)))
    }
}

/// The reports page.
struct ReportPage {
    var frame: ConsoleFrame
    /// The report shown, kept by the filters' form.
    var report: String
    /// One link per report.
    var tabs: [ConsoleOption]
    var yearLabel: String
    var previousLabel: String
    var years: [ConsoleOption]
    var branches: [ConsoleOption]
    /// Whose figures: a branch's name, or all the reader's branches.
    var scope: String
    var sections: [ReportSection]
    /// Said when the report has nothing to show.
    var empty: String?
}

/// One report on the page: its table, its chart and its CSV links.
struct ReportSection {
    var id: String
    var heading: String
    var header: [String]
    var rows: [[String]]
    /// The chart, already escaped: drawn by ``SVGBarChart`` or ``SVGFunnelChart``.
    var chart: String?
    var csv: String
    var conflicts: String?

    init(id: String, table: ReportTable, csv: String, chart: String? = nil) {
        self.id = id
        heading = table.title
        let rows = table.displayRows
        header = rows[0]
        self.rows = Array(rows.dropFirst())
        self.chart = chart
        self.csv = csv
        conflicts = table.conflicts > 0 ? "競合中の記録 \(table.conflicts) 件を含みます（表示中の値で1件として集計）" : nil
    }
}
