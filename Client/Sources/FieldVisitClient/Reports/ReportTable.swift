import FieldVisitCore
import Foundation

/// A report laid out as the association publishes it: a title, then rows of counts for
/// the fiscal year with the year before. One layout for every place a report is shown:
/// `fieldvisit report` prints it as `16 (35)`, the console shows it as an HTML table,
/// and both write the same CSV (two columns per count).
public struct ReportTable: Sendable {
    /// One row: its label and a count per metric (`nil` where the metric does not apply).
    public struct Row: Sendable {
        public var label: String
        public var values: [YearOverYear?]
    }

    /// The title, without the note on the year in parentheses.
    public var title: String
    /// The fiscal year asked for.
    public var fiscalYear: FiscalYear
    /// The heading of the label column.
    public var label: String
    /// The headings of the counts.
    public var metrics: [String]
    /// The rows, in order.
    public var rows: [Row] = []
    /// How many of the records counted are in conflict.
    public var conflicts = 0

    /// An empty table.
    public init(title: String, fiscalYear: FiscalYear, label: String, metrics: [String]) {
        self.title = title
        self.fiscalYear = fiscalYear
        self.label = label
        self.metrics = metrics
    }

    /// Adds a row.
    public mutating func add(_ label: String, _ values: [YearOverYear?]) { rows.append(Row(label: label, values: values)) }

    /// The title with the note printed reports carry: `（括弧内は令和4年度）`.
    public var heading: String { "\(title)（括弧内は\(fiscalYear.previous.japaneseLabel)）" }

    /// The rows as text cells, counts as `16 (35)`, with the header first.
    public var displayRows: [[String]] {
        [[label] + metrics] + rows.map { row in [row.label] + row.values.map { $0?.displayText ?? "" } }
    }

    /// The table as CSV rows: two columns per count, the fiscal year's and the year before's.
    public var csvRows: [[String]] {
        let header = [label] + metrics.flatMap { ["\($0)（\(fiscalYear.japaneseLabel)）", "\($0)（\(fiscalYear.previous.japaneseLabel)）"] }
        return [header] + rows.map { row in
            [row.label] + row.values.flatMap { $0.map { [String($0.current), String($0.previous)] } ?? ["", ""] }
        }
    }

    /// The CSV file in `encoding` (UTF-8 with BOM for Excel, or Shift_JIS).
    public func csv(encoding: CSVEncoding) throws -> Data {
        try CSVWriter(encoding: encoding, guardsFormulas: true).data(csvRows)
    }
}

extension ReportTable {
    /// `fieldvisit report visits`: companies visited and visits, overall then per row.
    public init(_ report: VisitReport) {
        var title = "\(report.fiscalYear.japaneseLabel) 訪問実績"
        if let purpose = report.purpose { title += " \(purpose.japaneseLabel)" }
        if let cohort = report.cohort { title += " \(cohort.japaneseLabel)" }
        if let branch = report.branch { title += " 支所 \(branch)" }
        self.init(title: title, fiscalYear: report.fiscalYear, label: report.dimension?.japaneseLabel ?? "区分", metrics: ["訪問企業数", "延べ訪問回数"])
        add(report.total.label, [report.total.companies, report.total.visits])
        for row in report.rows { add(row.label, [row.companies, row.visits]) }
        if let bank = report.bankAccompaniedCompanies { add("うち金融機関同行企業数", [bank, nil]) }
        conflicts = report.conflictedVisits
    }

    /// The unit amounts are printed in.
    public enum AmountUnit: String, Sendable, CaseIterable {
        /// 千円.
        case thousand
        /// 百万円.
        case million

        var divisor: Int { self == .thousand ? 1_000 : 1_000_000 }
        var label: String { self == .thousand ? "金額（千円）" : "金額（百万円）" }
    }

    /// `fieldvisit report outcomes`: the support given and the referrals made, with the
    /// amounts in `unit`. Actions and agencies nobody had in either year are left out (the
    /// JSON lists them all).
    public init(_ report: OutcomeReport, amountUnit unit: AmountUnit = .thousand) {
        var title = "\(report.fiscalYear.japaneseLabel) 支援実績"
        if let purpose = report.purpose { title += " \(purpose.japaneseLabel)" }
        if let cohort = report.cohort { title += " \(cohort.japaneseLabel)" }
        self.init(title: title, fiscalYear: report.fiscalYear, label: "区分", metrics: ["企業数", "件数", unit.label])
        add("訪問企業", [report.companiesVisited, report.visits, nil])
        let zero = YearOverYear()
        for line in report.supportActions where line.companies != zero {
            add("支援: \(line.label)", [line.companies, line.visits, line.amount.map { $0.inUnits(of: unit.divisor) }])
        }
        for line in report.referrals where line.companies != zero { add("橋渡し: \(line.label)", [line.companies, line.visits, nil]) }
        conflicts = report.conflictedVisits
    }

    /// `fieldvisit report funnel`: listed → interviewed → supported.
    public init(_ report: FunnelReport) {
        self.init(title: "\(report.fiscalYear.japaneseLabel) \(report.cohort.japaneseLabel) フォローアップ", fiscalYear: report.fiscalYear,
                  label: "段階", metrics: ["企業数"])
        add("対象企業", [report.listed])
        add("面談実施", [report.interviewed])
        add("支援実施", [report.supported])
        add("面談実施（累計）", [report.cumulativeInterviewed])
        conflicts = report.conflictedRecords
    }

    /// `fieldvisit report succession`: the owners interviewed, their needs, the referrals
    /// and the diagnoses by result.
    public init(_ report: SuccessionReport) {
        self.init(title: "\(report.fiscalYear.japaneseLabel) 事業承継", fiscalYear: report.fiscalYear, label: "区分", metrics: ["企業数"])
        // The younger bands first (60〜64歳), then the owners the chain below follows.
        for band in report.ownersByAge.dropLast() { add("\(band.label)の経営者と面談", [band.companies]) }
        add("\(report.ownersByAge.last?.label ?? "65歳以上")の経営者と面談", [report.seniorOwnersInterviewed])
        add("事業承継ニーズあり", [report.withSuccessionNeed])
        add("事業承継・引継ぎ支援センターへ橋渡し", [report.referredToCentre])
        // What came of the referrals, for the stages any firm reached.
        for line in report.referralFollowThrough.dropFirst() where line.companies != YearOverYear() {
            add("橋渡し後: \(line.status.japaneseLabel)", [line.companies])
        }
        for line in report.results { add("診断結果: \(line.label)", [line.diagnoses]) }
        for line in report.methods { add("診断の方法: \(line.label)", [line.diagnoses]) }
        if !report.methods.isEmpty { add("センターからの連絡を希望", [report.wantingCentreContact]) }
        conflicts = report.conflictedRecords
    }
}
