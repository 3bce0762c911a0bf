import FieldVisitCore
import Foundation
import GRDB

/// What support the companies visited in a fiscal year received, and where they were
/// referred, with the year before: `fieldvisit report outcomes`.
///
/// A company counts once per support action (or agency) however many visits recorded
/// it; the visits column counts the visits that recorded it.
public struct OutcomeReport: Sendable, Codable {
    /// One support action or referral agency with its counts.
    public struct Line: Sendable, Codable, Hashable {
        /// The code (`newGuarantee`, `successionSupportCentre` …).
        public var code: String
        /// The label staff read.
        public var label: String
        /// Companies for which a visit of the year recorded it.
        public var companies: YearOverYear
        /// Visits of the year that recorded it.
        public var visits: YearOverYear
        /// For new guarantees and changes of terms, the amounts recorded with them, in
        /// yen (金額); `nil` for the others.
        public var amount: YearOverYear?
    }

    /// The support actions that carry an amount, with the visit field holding it.
    public static let amountFields: [SupportAction: Visit.Field] = [.newGuarantee: .newGuaranteeAmount, .changeOfTerms: .changeOfTermsAmount]

    /// The fiscal year asked for.
    public var fiscalYear: FiscalYear
    /// Only the firms visited under this purpose, when given.
    public var purpose: VisitPurpose?
    /// Only the firms of this cohort (its members during each year), when given.
    public var cohort: CohortTag?
    /// Distinct companies visited (訪問企業数).
    public var companiesVisited: YearOverYear
    /// Visits (延べ訪問回数).
    public var visits: YearOverYear
    /// Every support action, in the order of ``SupportAction``.
    public var supportActions: [Line]
    /// Every referral agency, in the order of ``ReferralAgency``.
    public var referrals: [Line]
    /// How many of the visits counted in the fiscal year asked for are in conflict.
    public var conflictedVisits: Int

    /// Counts the outcomes of the visits of `fiscalYear` and the year before in `store`.
    ///
    /// - Parameter timeZone: the office's, in which the days of cohort changes are read.
    public init(store: LocalStore, fiscalYear: FiscalYear, purpose: VisitPurpose? = nil, cohort: CohortTag? = nil, timeZone: TimeZone = .current) throws {
        self.fiscalYear = fiscalYear
        self.purpose = purpose
        self.cohort = cohort
        let membership = try cohort.map { _ in try CohortMembership(store: store, timeZone: timeZone) }
        let results = try store.read { db in
            try [fiscalYear, fiscalYear.previous].map { year in
                let scope = ReportScope(purpose: purpose,
                                        cohortMembers: cohort.flatMap { cohort in membership.map { CohortMembership.json($0.members(of: cohort, during: year)) } })
                let arguments = ReportSQL.range(year) + scope.arguments
                let total = try Row.fetchOne(db, sql: ReportSQL.visitTotals(scope), arguments: arguments)!
                // The support the firms visited received in the year, recorded on any of
                // their visits of the year: "of the firms visited above, expert dispatch 6".
                let firms = scope.visitFilter.isEmpty ? "" : """
                     AND v.company_id IN (SELECT v.company_id FROM record_view v WHERE \(ReportSQL.visitsInYear)\(scope.visitFilter))
                    """
                func byElement(_ field: Visit.Field) throws -> Counts {
                    var counts: Counts = [:]
                    for row in try Row.fetchAll(db, sql: """
                        SELECT v.element, count(DISTINCT v.company_id), count(*) FROM visit_set_element v
                        WHERE v.field = ? AND v.date >= ? AND v.date <= ?\(firms) GROUP BY v.element
                        """, arguments: [field.rawValue] + ReportSQL.range(year) + (firms.isEmpty ? [] : arguments)) {
                        counts[row[0]] = (row[1], row[2])
                    }
                    return counts
                }
                // The amounts recorded on the visits that recorded the action, added up
                // in Swift so that no sum can overflow into an error.
                var amounts: [String: Int] = [:]
                for (action, field) in Self.amountFields {
                    var sum = 0
                    for amount in try Int64.fetchAll(db, sql: """
                        SELECT json_extract(r.field_values, '$.\(field.rawValue)') FROM visit_set_element v JOIN record_view r ON r.no = v.record_no
                        WHERE v.field = 'supportActions' AND v.element = ? AND v.date >= ? AND v.date <= ?\(firms)
                        AND json_extract(r.field_values, '$.\(field.rawValue)') IS NOT NULL
                        """, arguments: [action.rawValue] + ReportSQL.range(year) + (firms.isEmpty ? [] : arguments)) {
                        let (added, overflow) = sum.addingReportingOverflow(Int(clamping: amount))
                        sum = overflow ? (amount < 0 ? Int.min : Int.max) : added
                    }
                    amounts[action.rawValue] = sum
                }
                return YearCounts(total: [total[0], total[1], total[2]], actions: try byElement(.supportActions), referrals: try byElement(.referrals),
                                  amounts: amounts)
            }
        }
        companiesVisited = YearOverYear(current: results[0].total[0], previous: results[1].total[0])
        visits = YearOverYear(current: results[0].total[1], previous: results[1].total[1])
        conflictedVisits = results[0].total[2]
        func lines(_ codes: [(String, String)], _ path: KeyPath<YearCounts, Counts>) -> [Line] {
            codes.map { code, label in
                Line(code: code, label: label,
                     companies: YearOverYear(current: results[0][keyPath: path][code]?.companies ?? 0, previous: results[1][keyPath: path][code]?.companies ?? 0),
                     visits: YearOverYear(current: results[0][keyPath: path][code]?.visits ?? 0, previous: results[1][keyPath: path][code]?.visits ?? 0))
            }
        }
        supportActions = lines(SupportAction.allCases.map { ($0.rawValue, $0.japaneseLabel) }, \.actions).map { line in
            var line = line
            if results[0].amounts[line.code] != nil {
                line.amount = YearOverYear(current: results[0].amounts[line.code] ?? 0, previous: results[1].amounts[line.code] ?? 0)
            }
            return line
        }
        referrals = lines(ReferralAgency.allCases.map { ($0.rawValue, $0.japaneseLabel) }, \.referrals)
    }

    private typealias Counts = [String: (companies: Int, visits: Int)]

    private struct YearCounts {
        var total: [Int]
        var actions: Counts
        var referrals: Counts
        var amounts: [String: Int]
    }
}
