import FieldVisitCore
import Foundation
import GRDB

/// How far the companies of a follow-up cohort got in a fiscal year, with the year
/// before: listed → interviewed → supported (`103 → 95 → 36`), `fieldvisit report funnel`.
///
/// - listed: companies not deleted that belonged to the cohort on at least one day of
///   the year (``CohortMembership``);
/// - interviewed: those with at least one visit in the year whose purpose is one of
///   ``interviewPurposes``;
/// - supported: those interviewed with at least one support action recorded on a visit
///   (of any purpose) in the year.
public struct FunnelReport: Sendable, Codable {
    /// The purposes that count as interviewing the owner: a general visit, a push-type
    /// interview, a disaster or founder follow-up, a succession interview. Expert
    /// dispatch (the expert's session), mid-term management, collection and other
    /// visits are not interviews.
    public static let interviewPurposes: [VisitPurpose] = [
        .companyVisit, .pushTypeInterview, .disasterFollowUp, .founderFollowUp, .succession,
    ]

    /// The fiscal year asked for.
    public var fiscalYear: FiscalYear
    /// The cohort.
    public var cohort: CohortTag
    /// Companies in the cohort.
    public var listed: YearOverYear
    /// Of those, companies interviewed in the year.
    public var interviewed: YearOverYear
    /// Of those, companies given support in the year.
    public var supported: YearOverYear
    /// Since the programme started: companies interviewed while members of the cohort,
    /// from their first membership to the year's last day (累計).
    public var cumulativeInterviewed: YearOverYear
    /// How many of the records counted in the fiscal year asked for (the cohort's
    /// companies and their visits of the year) are in conflict.
    public var conflictedRecords: Int

    /// Follows `cohort` through `fiscalYear` and the year before in `store`.
    ///
    /// - Parameter membership: the memberships read from `store`, when several funnels
    ///   are counted at once; read here otherwise.
    public init(store: LocalStore, fiscalYear: FiscalYear, cohort: CohortTag, membership: CohortMembership? = nil, timeZone: TimeZone = .current) throws {
        self.fiscalYear = fiscalYear
        self.cohort = cohort
        let membership = try membership ?? CohortMembership(store: store, timeZone: timeZone)
        let counts = try store.read { db in
            try [fiscalYear, fiscalYear.previous].map { year -> [Int] in
                let members = CohortMembership.json(membership.members(of: cohort, during: year))
                let row = try Row.fetchOne(db, sql: """
                    WITH cohort AS (
                        SELECT c.id, c.conflicts FROM record_view c
                        WHERE c.type = 'company' AND c.deleted = 0 AND c.id IN (SELECT value FROM json_each(?))
                    ), visits AS (
                        -- CROSS JOIN keeps the cohort outside: its companies' visits are
                        -- found by the company index, not by scanning the year's visits.
                        SELECT v.company_id, v.purpose, v.conflicts, json_array_length(v.set_values, '$.supportActions') AS actions
                        FROM cohort CROSS JOIN record_view v ON v.type = 'visit' AND v.company_id = cohort.id
                        WHERE \(ReportSQL.visitsInYear)
                    ), interviewed AS (
                        SELECT DISTINCT company_id FROM visits WHERE purpose IN (\(ReportSQL.list(Self.interviewPurposes)))
                    )
                    SELECT (SELECT count(*) FROM cohort),
                        (SELECT count(*) FROM interviewed),
                        (SELECT count(DISTINCT company_id) FROM visits WHERE actions > 0 AND company_id IN (SELECT company_id FROM interviewed)),
                        (SELECT count(*) FROM cohort WHERE conflicts > 0) + (SELECT count(*) FROM visits WHERE conflicts > 0)
                    """, arguments: [members] + ReportSQL.range(year))!
                return [row[0], row[1], row[2], row[3], try Self.cumulative(db, membership, cohort, through: year.last)]
            }
        }
        listed = YearOverYear(current: counts[0][0], previous: counts[1][0])
        interviewed = YearOverYear(current: counts[0][1], previous: counts[1][1])
        supported = YearOverYear(current: counts[0][2], previous: counts[1][2])
        conflictedRecords = counts[0][3]
        cumulativeInterviewed = YearOverYear(current: counts[0][4], previous: counts[1][4])
    }

    /// The companies interviewed on a day they belonged to `cohort`, up to `last`.
    private static func cumulative(_ db: Database, _ membership: CohortMembership, _ cohort: CohortTag, through last: CalendarDate) throws -> Int {
        var spans: [String: [CohortMembership.Span]] = [:]
        for (id, byTag) in membership.spans {
            if let list = byTag[cohort], list.contains(where: { ($0.since.map { $0 <= last } ?? true) }) { spans[id.rawValue] = list }
        }
        guard !spans.isEmpty else { return 0 }
        var interviewed: Set<String> = []
        let rows = try Row.fetchCursor(db, sql: """
            SELECT v.company_id, v.date FROM record_view v
            WHERE v.type = 'visit' AND v.deleted = 0 AND v.date <= ? AND v.purpose IN (\(ReportSQL.list(interviewPurposes)))
            AND v.company_id IN (SELECT value FROM json_each(?))
            """, arguments: [last.description, ReportSQL.json(Array(spans.keys))])
        while let row = try rows.next() {
            guard let company: String = row[0], !interviewed.contains(company), let date = try? CalendarDate(row[1] as String) else { continue }
            if spans[company]?.contains(where: { $0.overlaps(date, date) }) == true { interviewed.insert(company) }
        }
        return interviewed.count
    }
}
