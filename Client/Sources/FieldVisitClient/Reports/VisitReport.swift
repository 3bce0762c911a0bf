import FieldVisitCore
import Foundation
import GRDB

/// Companies visited and visits made in a fiscal year (訪問企業数・延べ訪問回数), with the
/// year before, overall and by a chosen dimension: `fieldvisit report visits`.
///
/// A company counts once however often it was visited; every visit not deleted counts
/// once, a visit in conflict with its visible values. By staff, a visit counts for each
/// staff member who attended.
public struct VisitReport: Sendable, Codable {
    /// What the rows break the totals down by.
    public enum Dimension: String, Sendable, Codable, CaseIterable {
        /// The purpose (programme) of the visit.
        case purpose
        /// The branch covering the company.
        case branch
        /// The company's industry.
        case industry
        /// The staff who attended.
        case staff
        /// The month of the visit, in fiscal order (April first).
        case month

        /// The column heading.
        public var japaneseLabel: String {
            switch self {
            case .purpose: "訪問目的"
            case .branch: "支所"
            case .industry: "業種"
            case .staff: "担当者"
            case .month: "月"
            }
        }
    }

    /// One line: a value of the dimension (or the total) with its counts.
    public struct Row: Sendable, Codable, Hashable {
        /// The value's code: a purpose or industry code, a branch code, a staff name, or
        /// the month as `04` (April of either year); `nil` for the total, and for records
        /// without a value.
        public var key: String?
        /// The value as staff read it.
        public var label: String
        /// Distinct companies visited (訪問企業数).
        public var companies: YearOverYear
        /// Visits (延べ訪問回数).
        public var visits: YearOverYear
    }

    /// The fiscal year asked for.
    public var fiscalYear: FiscalYear
    /// Only companies of this branch, when given.
    public var branch: String?
    /// Only visits of this purpose, when given.
    public var purpose: VisitPurpose?
    /// Only companies of this cohort, when given: with the purpose disasterFollowUp,
    /// the two disaster programmes (debt bought out, others) are told apart this way.
    public var cohort: CohortTag?
    /// The dimension of ``rows``, when asked for.
    public var dimension: Dimension?
    /// The totals.
    public var total: Row
    /// The totals by ``dimension``, in its order; empty without one.
    public var rows: [Row]
    /// With ``purpose``: the companies a financial institution accompanied on at least
    /// one of those visits (金融機関同行).
    public var bankAccompaniedCompanies: YearOverYear?
    /// How many of the visits counted in the fiscal year asked for are in conflict.
    public var conflictedVisits: Int

    /// Counts the visits of `fiscalYear` and the year before in `store`.
    public init(store: LocalStore, fiscalYear: FiscalYear, branch: String? = nil, purpose: VisitPurpose? = nil, cohort: CohortTag? = nil, by dimension: Dimension? = nil) throws {
        self.fiscalYear = fiscalYear
        self.branch = branch
        self.purpose = purpose
        self.cohort = cohort
        self.dimension = dimension
        var filter = ""
        var filterArguments: StatementArguments = []
        if let purpose {
            filter += " AND v.purpose = ?"
            filterArguments += [purpose.rawValue]
        }
        if let branch {
            filter += " AND json_extract(c.field_values, '$.branch') = ?"
            filterArguments += [branch]
        }
        if let cohort {
            filter += " AND \(ReportSQL.setContains("c", "cohortTags"))"
            filterArguments += [cohort.rawValue]
        }
        let joinsCompany = branch != nil || cohort != nil
        let (where_, whereArguments) = (filter, filterArguments)
        // Both years in one pass: `y` is 1 for the year asked for, 0 for the year before.
        let yearArguments: StatementArguments = [fiscalYear.firstDay]
        let rangeArguments: StatementArguments = [fiscalYear.previous.firstDay, fiscalYear.lastDay]
        let bankArguments: StatementArguments = purpose == nil ? [] : [AccompanyingOrganisation.financialInstitution.rawValue]
        let (totals, grouped) = try store.read { db in
            let filter = where_, filterArguments = whereArguments
            // Without a purpose the bank is not asked for, and the counts read the index only.
            let bank = bankArguments.isEmpty ? "0" : "count(DISTINCT CASE WHEN \(ReportSQL.setContains("v", "accompanyingOrganisations")) THEN v.company_id END)"
            var totals = [(companies: 0, visits: 0, bank: 0, conflicts: 0), (companies: 0, visits: 0, bank: 0, conflicts: 0)]
            for row in try Row_.fetchAll(db, sql: """
                SELECT v.date >= ? AS y, count(DISTINCT v.company_id), count(*), \(bank), coalesce(sum(v.conflicts > 0), 0)
                FROM record_view v \(joinsCompany ? ReportSQL.companyOfVisit : "")
                WHERE \(ReportSQL.visitsInYear)\(filter) GROUP BY y
                """, arguments: yearArguments + bankArguments + rangeArguments + filterArguments) {
                let index = (row[0] as Int) == 1 ? 0 : 1
                totals[index] = (row[1], row[2], row[3], row[4])
            }
            var grouped: [[String?: (companies: Int, visits: Int)]] = [[:], [:]]
            if let dimension {
                let key: String
                var join = joinsCompany ? ReportSQL.companyOfVisit : ""
                switch dimension {
                case .purpose: key = "v.purpose"
                case .month: key = "substr(v.date, 6, 2)"
                case .branch, .industry:
                    key = "json_extract(c.field_values, '$.\(dimension.rawValue)')"
                    join = ReportSQL.companyOfVisit
                case .staff:
                    key = "s.value"
                    join += " JOIN json_each(v.set_values, '$.staff') s"
                }
                for row in try Row_.fetchAll(db, sql: """
                    SELECT v.date >= ? AS y, \(key) AS k, count(DISTINCT v.company_id), \(dimension == .staff ? "count(DISTINCT v.id)" : "count(*)")
                    FROM record_view v \(join)
                    WHERE \(ReportSQL.visitsInYear)\(filter) GROUP BY y, k
                    """, arguments: yearArguments + rangeArguments + filterArguments) {
                    grouped[(row[0] as Int) == 1 ? 0 : 1][row[1] as String?] = (row[2], row[3])
                }
            }
            return (totals, grouped)
        }
        total = Row(key: nil, label: "合計",
                    companies: YearOverYear(current: totals[0].companies, previous: totals[1].companies),
                    visits: YearOverYear(current: totals[0].visits, previous: totals[1].visits))
        bankAccompaniedCompanies = purpose == nil ? nil : YearOverYear(current: totals[0].bank, previous: totals[1].bank)
        conflictedVisits = totals[0].conflicts
        rows = []
        if let dimension {
            let keys = Set(grouped[0].keys).union(grouped[1].keys)
            rows = keys.sorted { Self.order(dimension, $0) < Self.order(dimension, $1) }.map { key in
                Row(key: key, label: Self.label(dimension, key),
                    companies: YearOverYear(current: grouped[0][key]?.companies ?? 0, previous: grouped[1][key]?.companies ?? 0),
                    visits: YearOverYear(current: grouped[0][key]?.visits ?? 0, previous: grouped[1][key]?.visits ?? 0))
            }
        }
    }

    /// A sort key: codes in the order of their enumeration, months April first, other
    /// values by text, a missing value last.
    private static func order(_ dimension: Dimension, _ key: String?) -> String {
        guard let key else { return "\u{10FFFF}" }
        switch dimension {
        case .purpose:
            return VisitPurpose.allCases.firstIndex { $0.rawValue == key }.map { pad($0, 3) } ?? "999" + key
        case .industry:
            return Industry.allCases.firstIndex { $0.rawValue == key }.map { pad($0, 3) } ?? "999" + key
        case .month:
            return pad(((Int(key) ?? 0) + 8) % 12, 2)
        case .branch, .staff:
            return key
        }
    }

    private static func pad(_ number: Int, _ width: Int) -> String {
        let text = String(number)
        return String(repeating: "0", count: max(0, width - text.count)) + text
    }

    /// The value as staff read it.
    private static func label(_ dimension: Dimension, _ key: String?) -> String {
        guard let key else { return "（未設定）" }
        switch dimension {
        case .purpose: return VisitPurpose(rawValue: key)?.japaneseLabel ?? key
        case .industry: return Industry(rawValue: key)?.japaneseLabel ?? key
        case .month: return "\(Int(key) ?? 0)月"
        case .branch, .staff: return key
        }
    }
}

/// GRDB's row, named apart from ``VisitReport/Row``.
typealias Row_ = GRDB.Row
