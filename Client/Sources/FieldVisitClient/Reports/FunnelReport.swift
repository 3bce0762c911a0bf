import FieldVisitCore
import GRDB

/// How far the companies of a follow-up cohort got in a fiscal year, with the year
/// before: listed → interviewed → supported (`103 → 95 → 36`), `fieldvisit report funnel`.
///
/// - listed: companies not deleted whose ``Company/cohortTags`` hold the cohort now
///   (tags carry no date, so both years list the same companies);
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
    /// How many of the records counted in the fiscal year asked for (the cohort's
    /// companies and their visits of the year) are in conflict.
    public var conflictedRecords: Int

    /// Follows `cohort` through `fiscalYear` and the year before in `store`.
    public init(store: LocalStore, fiscalYear: FiscalYear, cohort: CohortTag) throws {
        self.fiscalYear = fiscalYear
        self.cohort = cohort
        let counts = try store.read { db in
            try [fiscalYear, fiscalYear.previous].map { year -> [Int] in
                let row = try Row.fetchOne(db, sql: """
                    WITH cohort AS (
                        SELECT c.id, c.conflicts FROM record_view c
                        WHERE c.type = 'company' AND c.deleted = 0 AND \(ReportSQL.setContains("c", Company.Field.cohortTags))
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
                    """, arguments: [cohort.rawValue] + ReportSQL.range(year))!
                return [row[0], row[1], row[2], row[3]]
            }
        }
        listed = YearOverYear(current: counts[0][0], previous: counts[1][0])
        interviewed = YearOverYear(current: counts[0][1], previous: counts[1][1])
        supported = YearOverYear(current: counts[0][2], previous: counts[1][2])
        conflictedRecords = counts[0][3]
    }
}
