import FieldVisitCore
import GRDB

/// SQL shared by the reports: every count is read from the `record_view` rows of the
/// records themselves (never from stored totals), leaving deleted records out. A record
/// in conflict has one row there, holding its visible value, so it counts once.
enum ReportSQL {
    /// The visits of a fiscal year, not deleted, as `v`; arguments: first and last day.
    static let visitsInYear = "v.type = 'visit' AND v.deleted = 0 AND v.date >= ? AND v.date <= ?"

    /// The company of visit `v`, as `c` (absent when the company is unknown here).
    static let companyOfVisit = "LEFT JOIN record_view c ON c.type = 'company' AND c.id = v.company_id"

    /// Whether a set field of row `alias` holds `element` (an argument).
    static func setContains(_ alias: String, _ field: String) -> String {
        "EXISTS (SELECT 1 FROM json_each(\(alias).set_values, '$.\(field)') WHERE value = ?)"
    }

    /// The SQL list of the codes of `purposes`: `'companyVisit', 'pushTypeInterview'`.
    static func list(_ purposes: [VisitPurpose]) -> String {
        purposes.map { "'\($0.rawValue)'" }.joined(separator: ", ")
    }

    /// The arguments selecting fiscal year `year`.
    static func range(_ year: FiscalYear) -> StatementArguments { [year.firstDay, year.lastDay] }
}
