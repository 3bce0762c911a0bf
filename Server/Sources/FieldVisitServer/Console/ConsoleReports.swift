import FieldVisitClient
import FieldVisitCore
import Foundation
import Hummingbird

/// The reports page: visits of a fiscal year by purpose, with the year before beside
/// them, as a table and as bars drawn by the server (SVG, no script); then the support
/// given and the succession figures of the reader's branches.
enum ConsoleReports {
    static func page(request: Request, console: ConsoleService, signedIn: ConsoleService.SignedIn) async throws -> Response {
        let parameters = request.uri.queryParameters
        let today = ConsoleClock.day(Date())
        let current = FiscalYear(containing: today)
        let asked = parameters["year"].flatMap { Int($0) }.flatMap { (1990...2100).contains($0) ? $0 : nil }
        let year = asked.map(FiscalYear.init) ?? current
        let branches = try await console.storage.branches().filter { signedIn.scope.contains($0.code) }
        let branch = parameters["branch"].map(String.init).flatMap { code in branches.contains { $0.code == code } ? code : nil }
        let store = try await console.readings.store(for: signedIn.scope)
        let report = try VisitReport(store: store, fiscalYear: year, branch: branch, by: .purpose)
        let rows = report.rows.map { ReportPage.Row(label: $0.label, companies: $0.companies.displayText, visits: $0.visits.displayText) }
        // The reports of the reader's branches as a whole, as `fieldvisit report` prints them on a laptop of those branches.
        let outcomes = try OutcomeReport(store: store, fiscalYear: year)
        let succession = try SuccessionReport(store: store, fiscalYear: year)
        let outcomeRows = (outcomes.supportActions + outcomes.referrals).map {
            ReportPage.Row(label: $0.label, companies: $0.companies.displayText, visits: $0.visits.displayText)
        }
        let successionRows = [
            ReportPage.Pair(label: "面談した65歳以上の経営者", value: succession.seniorOwnersInterviewed.displayText),
            ReportPage.Pair(label: "事業承継の課題あり", value: succession.withSuccessionNeed.displayText),
            ReportPage.Pair(label: "事業承継・引継ぎ支援センターへの紹介", value: succession.referredToCentre.displayText),
        ] + succession.results.map { ReportPage.Pair(label: "診断結果: " + $0.label, value: $0.diagnoses.displayText) }
        let page = ReportPage(
            frame: ConsoleFrame(title: "報告", signedIn: signedIn),
            yearLabel: year.japaneseLabel, previousLabel: year.previous.japaneseLabel,
            years: (0..<5).map { offset in
                let option = FiscalYear(current.startYear - offset)
                return ConsoleOption(value: String(option.startYear), label: option.japaneseLabel, selected: option == year)
            },
            branches: branches.map { ConsoleOption(value: $0.code, label: $0.name, selected: $0.code == branch) },
            rows: rows, total: ReportPage.Row(label: report.total.label, companies: report.total.companies.displayText, visits: report.total.visits.displayText),
            outcomes: outcomeRows, succession: successionRows,
            chart: SVGBarChart(bars: report.rows.map { ($0.label, $0.visits.current, $0.visits.previous) },
                               currentLabel: year.japaneseLabel, previousLabel: year.previous.japaneseLabel).svg
        )
        return ConsoleRoutes.html(ConsoleTemplates.render(page, "reports"))
    }
}

struct ReportPage {
    var frame: ConsoleFrame
    var yearLabel: String
    var previousLabel: String
    var years: [ConsoleOption]
    var branches: [ConsoleOption]
    var rows: [Row]
    var total: Row
    /// Support given and referrals made (`fieldvisit report outcomes`).
    var outcomes: [Row]
    /// Succession (`fieldvisit report succession`).
    var succession: [Pair]
    /// The chart, already escaped: drawn by ``SVGBarChart``.
    var chart: String

    struct Row { var label, companies, visits: String }
    struct Pair { var label, value: String }
}

/// Horizontal bars, this year's beside last year's, for each label: SVG drawn on the
/// server, every text escaped.
struct SVGBarChart {
    var bars: [(label: String, current: Int, previous: Int)]
    var currentLabel: String
    var previousLabel: String

    var svg: String {
        let labelWidth = 260, barWidth = 420, rowHeight = 34, top = 30
        let largest = max(1, bars.map { max($0.current, $0.previous) }.max() ?? 1)
        let height = top + bars.count * rowHeight + 10
        var parts = [##"<svg xmlns="http://www.w3.org/2000/svg" role="img" class="chart" width="\##(labelWidth + barWidth + 80)" height="\##(height)" viewBox="0 0 \##(labelWidth + barWidth + 80) \##(height)">"##]
        parts.append(##"<rect x="\##(labelWidth)" y="6" width="14" height="10" fill="#1f3a5f"/><text x="\##(labelWidth + 20)" y="15" font-size="12">\##(Self.escape(currentLabel))</text>"##)
        parts.append(##"<rect x="\##(labelWidth + 160)" y="6" width="14" height="10" fill="#9fb3c8"/><text x="\##(labelWidth + 180)" y="15" font-size="12">\##(Self.escape(previousLabel))</text>"##)
        for (index, bar) in bars.enumerated() {
            let y = top + index * rowHeight
            let current = bar.current * barWidth / largest, previous = bar.previous * barWidth / largest
            parts.append(##"<text x="\##(labelWidth - 8)" y="\##(y + 18)" font-size="13" text-anchor="end">\##(Self.escape(bar.label))</text>"##)
            parts.append(##"<rect x="\##(labelWidth)" y="\##(y + 2)" width="\##(current)" height="13" fill="#1f3a5f"><title>\##(bar.current)</title></rect>"##)
            parts.append(##"<text x="\##(labelWidth + current + 4)" y="\##(y + 13)" font-size="11">\##(bar.current)</text>"##)
            parts.append(##"<rect x="\##(labelWidth)" y="\##(y + 16)" width="\##(previous)" height="13" fill="#9fb3c8"><title>\##(bar.previous)</title></rect>"##)
            parts.append(##"<text x="\##(labelWidth + previous + 4)" y="\##(y + 27)" font-size="11">\##(bar.previous)</text>"##)
        }
        parts.append("</svg>")
        return parts.joined(separator: "\n")
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
