import FieldVisitClient
import FieldVisitCore
import Foundation
import Hummingbird

/// A company's local benchmark on its page: the six indicators of each hearing sheet as a
/// radar chart and as the table of `fieldvisit report benchmark`, with a CSV download.
struct ConsoleBenchmark {
    /// The radar chart, already escaped (``SVGRadarChart``).
    var chart: String
    var header: [String]
    var rows: [[String]]
    var csv: String
    var conflicts: String?

    /// The company's benchmark, or `nil` when it has no hearing sheet.
    init?(_ report: BenchmarkReport) {
        guard !report.periods.isEmpty else { return nil }
        let indicators = LocalBenchmarkIndicator.allCases
        chart = SVGRadarChart(
            axes: indicators.map { SVGRadarChart.Axis(label: $0.japaneseLabel, isBetterWhenLower: $0.isBetterWhenLower) },
            series: report.periods.map { period in
                (label: period.label,
                 values: indicators.map { BenchmarkReport.number(period.indicators[$0], of: $0) },
                 texts: indicators.map { period.indicators[$0]?.displayText ?? "—" })
            }).svg
        let table = report.table
        header = table[0]
        rows = Array(table.dropFirst())
        csv = "/console/reports/benchmark.csv?company=" + (report.company.rawValue.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")
        conflicts = report.conflictedSheets > 0 ? "競合中のヒアリングシート \(report.conflictedSheets) 件（表示中の値で集計）" : nil
    }

    /// `GET /console/reports/benchmark.csv?company=ID`: the company's benchmark table; 404
    /// for a company outside the reader's branches.
    static func csv(_ request: Request, _ console: ConsoleService, _ signedIn: ConsoleService.SignedIn, encoding: CSVEncoding) async throws -> Response {
        let id = request.uri.queryParameters["company"].map(String.init) ?? ""
        guard !id.isEmpty, id.utf8.count <= 128, !id.containsControlCharacters else { return ConsoleRoutes.notFound(signedIn) }
        let key = EntityKey(.company, RecordID(rawValue: id))
        do {
            _ = try await console.record(key, for: signedIn)
        } catch ConsoleService.Refusal.recordNotFound {
            return ConsoleRoutes.notFound(signedIn)
        }
        let report = try BenchmarkReport(store: try await console.readings.store(for: signedIn.scope), company: key.id)
        // Every cell is a label, a checked date or a computed figure: a change such as
        // `+2.5%` stays a number in Excel rather than being marked as text.
        let data = try CSVWriter(encoding: encoding).data(report.table)
        return ConsoleReports.csvResponse(data, encoding: encoding, name: "benchmark.csv")
    }
}
