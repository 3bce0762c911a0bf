import FieldVisitCore
import Foundation
import GRDB

/// SQL shared by the reports: every count is read from the `record_view` rows of the
/// records themselves (never from stored totals), leaving deleted records out. A record
/// in conflict has one row there, holding its visible value, so it counts once.
enum ReportSQL {
    /// The visits of a fiscal year, not deleted, as `v`; arguments: first and last day.
    static let visitsInYear = "v.type = 'visit' AND v.deleted = 0 AND v.date >= ? AND v.date <= ?"

    /// Whether a set field of row `alias` holds `element` (an argument).
    static func setContains(_ alias: String, _ field: some FieldName) -> String {
        "EXISTS (SELECT 1 FROM json_each(\(alias).set_values, '$.\(field.rawValue)') WHERE value = ?)"
    }

    /// The SQL list of the codes of `purposes`: `'companyVisit', 'pushTypeInterview'`.
    static func list(_ purposes: [VisitPurpose]) -> String {
        purposes.map { "'\($0.rawValue)'" }.joined(separator: ", ")
    }

    /// The visits of a fiscal year in `scope`, counted company by company in the company
    /// index's order (no sort), as `company`, `n` (visits) and `k` (visits in conflict);
    /// arguments: the first and last day, then the scope's.
    static func visitsByCompany(_ scope: ReportScope) -> String {
        """
        SELECT v.company_id AS company, count(*) AS n, sum(v.conflicts > 0) AS k FROM record_view v
        WHERE \(visitsInYear)\(scope.visitFilter) GROUP BY v.company_id
        """
    }

    /// Distinct companies, visits and visits in conflict of a fiscal year in `scope`;
    /// arguments as ``visitsByCompany(_:)``.
    static func visitTotals(_ scope: ReportScope) -> String {
        "SELECT count(company), coalesce(sum(n), 0), coalesce(sum(k), 0) FROM (\(visitsByCompany(scope)))"
    }

    /// The change sets that wrote any of `fields` of a company changed more than once
    /// (a company written once has its current values as its whole history), as
    /// `id`, `time` and `body`, in log order: what ``CohortMembership`` and
    /// ``CompanyAttributeHistory`` read, without reading the change sets of the many
    /// companies that were only created.
    static func companyChanges(writing fields: [String]) -> String {
        """
        SELECT rv.id, cs.time, cs.body
        FROM (SELECT c.no FROM record_view c JOIN change_record n ON n.record_no = c.no
              WHERE c.type = 'company' AND c.deleted = 0 GROUP BY c.no HAVING count(*) > 1) changed
        JOIN record_view rv ON rv.no = changed.no
        JOIN change_record cr ON cr.record_no = changed.no
        JOIN change_set cs ON cs.seq = cr.seq
        WHERE \(fields.map { "instr(cs.body, '\"\($0)\"') > 0" }.joined(separator: " OR "))
        ORDER BY cs.seq
        """
    }

    /// Strings as a JSON array, the argument of `IN (SELECT value FROM json_each(?))`.
    static func json(_ strings: [String]) -> String {
        (try? JSONEncoder().encode(strings)).map { String(decoding: $0, as: UTF8.self) } ?? "[]"
    }

    /// The arguments selecting fiscal year `year`.
    static func range(_ year: FiscalYear) -> StatementArguments { [year.firstDay, year.lastDay] }
}

/// Which visits a report counts: those of one purpose, of the companies of one branch,
/// of one cohort. Its SQL filters a query over visits `v`, rows of `record_view` or of
/// `visit_set_element` (both have `purpose` and `company_id`).
struct ReportScope {
    /// Only visits of this purpose, when given.
    let purpose: VisitPurpose?
    /// ` AND …`, appended to the query's conditions; empty when every visit counts.
    private(set) var visitFilter = ""
    /// The arguments of ``visitFilter``.
    private(set) var arguments: StatementArguments = []

    /// - Parameter cohortMembers: the ids of the companies of a cohort in the year
    ///   counted (``CohortMembership/json(_:)``), when only they count.
    ///   - branchHistory: with `branch`, the companies whose branch changed and the visits
    ///     of theirs made while they belonged to `branch` (``CompanyAttributeHistory``):
    ///     those companies count visit by visit, the others by their branch now.
    init(purpose: VisitPurpose? = nil, branch: String? = nil, cohortMembers: String? = nil,
         branchHistory: (changed: String, visits: String)? = nil) {
        self.purpose = purpose
        if let purpose {
            visitFilter += " AND v.purpose = ?"
            arguments += [purpose.rawValue]
        }
        var company: [String] = []
        if let branch {
            company.append("json_extract(c.field_values, '$.branch') = ?")
            arguments += [branch]
            if let branchHistory {
                company.append("c.id NOT IN (SELECT value FROM json_each(?))")
                arguments += [branchHistory.changed]
            }
        }
        if let cohortMembers {
            company.append("c.id IN (SELECT value FROM json_each(?))")
            arguments += [cohortMembers]
        }
        // The companies are chosen once, not looked up per visit.
        if !company.isEmpty {
            let chosen = "v.company_id IN (SELECT c.id FROM record_view c WHERE c.type = 'company' AND \(company.joined(separator: " AND ")))"
            if let branchHistory {
                // A visit of a company that moved counts by its company and day.
                visitFilter += " AND (\(chosen) OR (v.company_id || '|' || v.date) IN (SELECT value FROM json_each(?)))"
                arguments += [branchHistory.visits]
            } else {
                visitFilter += " AND " + chosen
            }
        }
    }
}
