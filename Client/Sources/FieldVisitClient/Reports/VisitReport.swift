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
    ///
    /// - Parameter timeZone: the office's, in which the days of changes are read (cohort
    ///   memberships, the company as it was at a visit).
    public init(store: LocalStore, fiscalYear: FiscalYear, branch: String? = nil, purpose: VisitPurpose? = nil, cohort: CohortTag? = nil,
                by dimension: Dimension? = nil, timeZone: TimeZone = .current) throws {
        self.fiscalYear = fiscalYear
        self.branch = branch
        self.purpose = purpose
        self.cohort = cohort
        self.dimension = dimension
        // By branch or industry, or of one branch, a visit counts under the company's at the visit.
        let history = dimension == .branch || dimension == .industry || branch != nil ? try CompanyAttributeHistory(store: store, timeZone: timeZone) : nil
        // A cohort's companies are those that belonged to it during each year.
        let membership = try cohort.map { _ in try CohortMembership(store: store, timeZone: timeZone) }
        let scopes = try [fiscalYear, fiscalYear.previous].map { year in
            ReportScope(purpose: purpose, branch: branch,
                        cohortMembers: cohort.flatMap { cohort in membership.map { CohortMembership.json($0.members(of: cohort, during: year)) } },
                        branchHistory: try branch.flatMap { branch in try history.map { try Self.visitsWhileIn(branch, year, store, $0) } })
        }
        let counts = try store.read { db in
            // The company's branch or industry, read once for both years.
            var companyKeys: [String: String] = [:]
            if let dimension, dimension == .branch || dimension == .industry {
                for row in try Row_.fetchAll(db, sql: """
                    SELECT id, json_extract(field_values, '$.\(dimension.rawValue)') FROM record_view WHERE type = 'company'
                    """) {
                    companyKeys[row[0]] = row[1]
                }
            }
            return try zip([fiscalYear, fiscalYear.previous], scopes).map { year, scope in
                try YearCounts(db, year: year, scope: scope, dimension: dimension, companyKeys: companyKeys, history: history)
            }
        }
        total = Row(key: nil, label: "合計",
                    companies: YearOverYear(current: counts[0].total.companies, previous: counts[1].total.companies),
                    visits: YearOverYear(current: counts[0].total.visits, previous: counts[1].total.visits))
        bankAccompaniedCompanies = purpose == nil ? nil : YearOverYear(current: counts[0].bank, previous: counts[1].bank)
        conflictedVisits = counts[0].conflicts
        let grouped = counts.map(\.grouped)
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

    /// The companies whose branch changed, and their visits of `year` made while they
    /// belonged to `branch`, as `company|date` (``ReportScope``'s `branchHistory`).
    private static func visitsWhileIn(_ branch: String, _ year: FiscalYear, _ store: LocalStore,
                                      _ history: CompanyAttributeHistory) throws -> (changed: String, visits: String) {
        let changed = history.companies(withChanged: .branch)
        let visits = changed.isEmpty ? [] : try store.read { db in
            try Row_.fetchAll(db, sql: """
                SELECT v.company_id, v.date FROM record_view v WHERE \(ReportSQL.visitsInYear) AND v.company_id IN (SELECT value FROM json_each(?))
                """, arguments: ReportSQL.range(year) + [ReportSQL.json(changed)])
                .compactMap { row -> String? in
                    guard let company: String = row[0], let day = try? CalendarDate(row[1] as String),
                          history.value(.branch, of: company, on: day, current: nil)?.textValue == branch else { return nil }
                    return "\(company)|\(day)"
                }
        }
        return (ReportSQL.json(changed), ReportSQL.json(visits))
    }

    /// The counts of one fiscal year.
    private struct YearCounts {
        var total = (companies: 0, visits: 0)
        var conflicts = 0
        var bank = 0
        var grouped: [String?: (companies: Int, visits: Int)] = [:]

        /// Each query reads one year's range of an index, so that its groups come in
        /// index order or are few; the companies' own rows are read only for the branch
        /// or industry, through `companyKeys`.
        init(_ db: Database, year: FiscalYear, scope: ReportScope, dimension: Dimension?, companyKeys: [String: String],
             history: CompanyAttributeHistory?) throws {
            let arguments = ReportSQL.range(year) + scope.arguments
            // By branch or industry, each company's count goes to its key; a company whose
            // key changed is counted visit by visit, each under the key it had then.
            if dimension == .branch || dimension == .industry, let history {
                let field: Company.Field = dimension == .branch ? .branch : .industry
                let changed = Set(history.companies(withChanged: field))
                let rows = try Row_.fetchCursor(db, sql: ReportSQL.visitsByCompany(scope), arguments: arguments)
                while let row = try rows.next() {
                    let company: String? = row[0]
                    let visits: Int = row[1]
                    if let company, changed.contains(company) { continue }
                    let key = company.flatMap { companyKeys[$0] }
                    grouped[key, default: (0, 0)].companies += company == nil ? 0 : 1
                    grouped[key, default: (0, 0)].visits += visits
                    total.companies += company == nil ? 0 : 1
                    total.visits += visits
                    conflicts += row[2]
                }
                if !changed.isEmpty {
                    var counted: Set<String> = [], countedUnder: Set<[String?]> = []
                    let visits = try Row_.fetchCursor(db, sql: """
                        SELECT v.company_id, v.date, v.conflicts FROM record_view v
                        WHERE \(ReportSQL.visitsInYear)\(scope.visitFilter) AND v.company_id IN (SELECT value FROM json_each(?))
                        """, arguments: arguments + [ReportSQL.json(Array(changed))])
                    while let row = try visits.next() {
                        guard let company: String = row[0], let date = try? CalendarDate(row[1] as String) else { continue }
                        let key = history.value(field, of: company, on: date, current: companyKeys[company].map(FieldValue.text))?.textValue
                        grouped[key, default: (0, 0)].visits += 1
                        total.visits += 1
                        if countedUnder.insert([key, company]).inserted { grouped[key, default: (0, 0)].companies += 1 }
                        if counted.insert(company).inserted { total.companies += 1 }
                        conflicts += (row[2] as Int) > 0 ? 1 : 0
                    }
                }
            } else {
                let sums = try Row_.fetchOne(db, sql: ReportSQL.visitTotals(scope), arguments: arguments)!
                (total, conflicts) = ((sums[0], sums[1]), sums[2])
            }
            if scope.purpose != nil {
                bank = try Int.fetchOne(db, sql: """
                    SELECT count(DISTINCT v.company_id) FROM visit_set_element v
                    WHERE v.field = 'accompanyingOrganisations' AND v.element = ? AND v.date >= ? AND v.date <= ?\(scope.visitFilter)
                    """, arguments: [AccompanyingOrganisation.financialInstitution.rawValue] + arguments) ?? 0
            }
            let sql: String
            switch dimension {
            case nil, .branch, .industry:
                return
            case .purpose, .month:
                sql = """
                    SELECT \(dimension == .purpose ? "v.purpose" : "substr(v.date, 6, 2)") AS k, count(DISTINCT v.company_id), count(*)
                    FROM record_view v WHERE \(ReportSQL.visitsInYear)\(scope.visitFilter) GROUP BY k
                    """
            case .staff:
                sql = """
                    SELECT v.element, count(DISTINCT v.company_id), count(*) FROM visit_set_element v
                    WHERE v.field = 'staff' AND v.date >= ? AND v.date <= ?\(scope.visitFilter) GROUP BY v.element
                    """
            }
            for row in try Row_.fetchAll(db, sql: sql, arguments: arguments) {
                grouped[row[0] as String?] = (row[1], row[2])
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
