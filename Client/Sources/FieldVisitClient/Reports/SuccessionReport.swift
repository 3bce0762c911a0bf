import FieldVisitCore
import Foundation
import GRDB

/// The succession funnel of a fiscal year, with the year before: owners aged 65 or over
/// interviewed → with a succession need → referred to the 事業承継・引継ぎ支援センター
/// (`67 → 5 → 4`), and how the year's diagnoses came out: `fieldvisit report succession`.
///
/// - interviewed: companies with a visit in the year of one of
///   ``FunnelReport/interviewPurposes`` whose owner is 65 or over in the year (the age
///   reached in the fiscal year, ``OwnerAge``, from the birth date or birth year of the
///   representative the company had at its last interview of the year,
///   ``CompanyAttributeHistory``), or with a succession diagnosis in the year whose owner age (its
///   ``SuccessionDiagnosisField/ownerAge`` field, else the age from its answers) is 65
///   or over; 65 is the last of the form's ``FormDefinition/ownerAgeThresholds``, and
///   the owners are also counted per band of them (``ownersByAge``);
/// - need: of those, the companies whose need was confirmed with the owner in the year:
///   a diagnosis whose result is a need (``FormOutcome/successionNeed``, data in the
///   form file), or a visit that recorded the issue ``ManagementIssue/noSuccessor``;
/// - referred: of those, companies with a visit in the year that referred them to the
///   centre (``ReferralAgency/successionSupportCentre``).
public struct SuccessionReport: Sendable, Codable {
    /// One class of diagnosis result with how many diagnoses of the year had it.
    public struct ResultLine: Sendable, Codable, Hashable {
        /// The result code (`successionPrepared` …), or `incomplete` for a diagnosis
        /// whose answers give no result.
        public var code: String
        /// The label staff read.
        public var label: String
        /// Whether the result is a succession need (it recommends a referral).
        public var isNeed: Bool
        /// Diagnoses with that result.
        public var diagnoses: YearOverYear
    }

    /// The code of diagnoses whose answers give no result.
    public static let incompleteCode = "incomplete"

    /// The fiscal year asked for.
    public var fiscalYear: FiscalYear
    /// One age band of the owners interviewed or diagnosed in the year.
    public struct AgeBandLine: Sendable, Codable, Hashable {
        /// The band's first age.
        public var fromAge: Int
        /// `60〜64歳`, `65歳以上`.
        public var label: String
        /// Companies whose owner was of that age in the year.
        public var companies: YearOverYear
    }

    /// How far the referrals to the centre got: companies referred in the year that
    /// reached each status (a later stage counts in the earlier ones; declined apart).
    public struct StatusLine: Sendable, Codable, Hashable {
        public var status: ReferralStatus
        public var companies: YearOverYear
    }

    /// Companies whose owner, 65 or over, was interviewed in the year.
    public var seniorOwnersInterviewed: YearOverYear
    /// The companies of ``referredToCentre`` and how far each referral got
    /// (``Visit/referralStatus``), continuing the chain: 18 replies → 2 centre
    /// consultations → 1 expert dispatch.
    public var referralFollowThrough: [StatusLine]
    /// The companies interviewed or diagnosed in the year by their owner's age, one line
    /// per band of the succession form's ``FormDefinition/ownerAgeThresholds`` (60〜64歳
    /// beside 65歳以上 in the built-in form).
    public var ownersByAge: [AgeBandLine]
    /// Of those, companies diagnosed with a succession need in the year.
    public var withSuccessionNeed: YearOverYear
    /// Of those, companies referred to the centre in the year.
    public var referredToCentre: YearOverYear
    /// The diagnoses of the year by result, most frequent first.
    public var results: [ResultLine]
    /// The diagnoses of the year by how they were taken (面談, 郵送, the centre's own
    /// survey), in the form's order; diagnoses of a version that does not ask (v1) are
    /// in none.
    public var methods: [MethodLine]
    /// Diagnoses of the year whose owner wants the 事業承継・引継ぎ支援センター to get in
    /// touch (asked from v2 on, apart from the consent to share data).
    public var wantingCentreContact: YearOverYear

    /// One way of taking a diagnosis with how many diagnoses of the year were taken so.
    public struct MethodLine: Sendable, Codable, Hashable {
        /// The method's code in the form (`interview`, `post`, `centreSurvey`).
        public var code: String
        /// The label staff read.
        public var label: String
        /// Diagnoses taken that way.
        public var diagnoses: YearOverYear
    }
    /// How many of the visits and diagnoses counted in the fiscal year asked for are in conflict.
    public var conflictedRecords: Int

    /// Counts the succession funnel of `fiscalYear` and the year before in `store`.
    ///
    /// - Parameter timeZone: the office's, in which the days of changes to the
    ///   representatives are read.
    public init(store: LocalStore, fiscalYear: FiscalYear, catalog: FormCatalog = .builtIn, timeZone: TimeZone = .current) throws {
        self.fiscalYear = fiscalYear
        let thresholds = Self.ownerAgeThresholds(catalog)
        let senior = thresholds.last!
        let years = [fiscalYear, fiscalYear.previous]
        let history = try CompanyAttributeHistory(store: store, timeZone: timeZone)
        let fetched = try store.read { db in
            var owners: [String: (year: FieldValue?, date: FieldValue?)] = [:]
            for row in try Row.fetchAll(db, sql: """
                SELECT id, json_extract(field_values, '$.representativeBirthYear'), json_extract(field_values, '$.representativeBirthDate')
                FROM record_view WHERE type = 'company'
                """) {
                owners[row[0]] = ((row[1] as Int64?).map(FieldValue.integer), (row[2] as String?).map(FieldValue.text))
            }
            // The companies with an interview in each of the two fiscal years, in one pass
            // over the company index, with their owners' ages in that year: one age per
            // fiscal year, whatever the month of the interview (OwnerAge), from the
            // representative the company had at its last interview of the year
            // (CompanyAttributeHistory), so that a successor recorded later changes
            // nothing in the years before.
            var ages: [[String: Int]] = [[:], [:]]
            for row in try Row.fetchAll(db, sql: """
                SELECT v.company_id, max(CASE WHEN v.date >= ? THEN v.date END), max(CASE WHEN v.date < ? THEN v.date END)
                FROM record_view v
                WHERE \(ReportSQL.visitsInYear) AND v.purpose IN (\(ReportSQL.list(FunnelReport.interviewPurposes)))
                GROUP BY v.company_id
                """, arguments: [fiscalYear.firstDay, fiscalYear.firstDay, fiscalYear.previous.firstDay, fiscalYear.lastDay]) {
                guard let company: String = row[0], let owner = owners[company] else { continue }
                for index in 0...1 {
                    guard let date = (row[index + 1] as String?).flatMap({ try? CalendarDate($0) }) else { continue }
                    let birthYear = history.value(.representativeBirthYear, of: company, on: date, current: owner.year)?.integerValue
                    let birthDate = history.value(.representativeBirthDate, of: company, on: date, current: owner.date)?.textValue.flatMap { try? CalendarDate($0) }
                    if let age = OwnerAge.reached(inFiscalYear: years[index].startYear, birthYear: birthYear.map { Int($0) }, birthDate: birthDate) {
                        ages[index][company] = age
                    }
                }
            }
            return try years.enumerated().map { index, year -> YearRows in
                let referred = try String.fetchAll(db, sql: """
                    SELECT DISTINCT company_id FROM visit_set_element
                    WHERE field = 'referrals' AND element = ? AND date >= ? AND date <= ? AND company_id IS NOT NULL
                    """, arguments: [ReferralAgency.successionSupportCentre.rawValue] + ReportSQL.range(year))
                // Visits in conflict among those read (interviews and referrals to the
                // centre), found through the index of records in conflict.
                let conflicts = try Int.fetchOne(db, sql: """
                    SELECT count(*) FROM record_view v INDEXED BY record_view_conflicts
                    WHERE v.conflicts > 0 AND \(ReportSQL.visitsInYear)
                    AND (v.purpose IN (\(ReportSQL.list(FunnelReport.interviewPurposes))) OR \(ReportSQL.setContains("v", Visit.Field.referrals)))
                    """, arguments: ReportSQL.range(year) + [ReferralAgency.successionSupportCentre.rawValue]) ?? 0
                let diagnoses = try Row.fetchAll(db, sql: """
                    SELECT company_id, conflicts, field_values FROM record_view
                    WHERE type = ? AND deleted = 0 AND date >= ? AND date <= ?
                    """, arguments: [RecordType.successionDiagnosis.rawValue] + ReportSQL.range(year)).map { row in
                    DiagnosisRow(company: row[0], conflicts: row[1], values: try FieldValue.readValues(Data((row[2] as String).utf8)))
                }
                // How far each referral to the centre got: the furthest status recorded on
                // the company's referring visits of the year.
                var stages: [String: ReferralStatus] = [:]
                for row in try Row.fetchAll(db, sql: """
                    SELECT v.company_id, json_extract(r.field_values, '$.referralStatus') FROM visit_set_element v JOIN record_view r ON r.no = v.record_no
                    WHERE v.field = 'referrals' AND v.element = ? AND v.date >= ? AND v.date <= ? AND v.company_id IS NOT NULL
                    """, arguments: [ReferralAgency.successionSupportCentre.rawValue] + ReportSQL.range(year)) {
                    let company: String = row[0]
                    let status = (row[1] as String?).flatMap(ReferralStatus.init(rawValue:)) ?? .referred
                    if stages[company].map({ $0.stage < status.stage }) ?? true { stages[company] = status }
                }
                                // Visits of the year that recorded "no successor": a need confirmed with the owner.
                let noSuccessor = try String.fetchAll(db, sql: """
                    SELECT DISTINCT company_id FROM visit_set_element
                    WHERE field = 'issues' AND element = ? AND date >= ? AND date <= ? AND company_id IS NOT NULL
                    """, arguments: [ManagementIssue.noSuccessor.rawValue] + ReportSQL.range(year))
                return YearRows(ages: ages[index], referred: Set(referred), noSuccessor: Set(noSuccessor), referralStatuses: stages,
                                visitConflicts: conflicts, diagnoses: diagnoses)
            }
        }
        var funnel: [(seniors: Int, need: Int, referred: Int)] = []
        var bands: [[Int]] = []
        var chainStatuses: [[String: ReferralStatus]] = []
        var resultCounts: [[String: Int]] = []
        var methodCounts: [[String: Int]] = []
        var methodLabels: [(code: String, label: String)] = []
        var contactWanted: [Int] = []
        var labels: [String: (label: String, isNeed: Bool)] = [Self.incompleteCode: ("判定できない（回答が不完全）", false)]
        var conflicts = 0
        for (index, rows) in fetched.enumerated() {
            var ages = rows.ages
            var need = rows.noSuccessor
            var counts: [String: Int] = [:]
            var byMethod: [String: Int] = [:]
            var contact = 0
            for diagnosis in rows.diagnoses {
                let kind = FormRecordType.successionDiagnosis
                let answers = FormAnswers(
                    formID: diagnosis.values[FormRecordField.formID.rawValue]?.textValue ?? kind.formID,
                    formVersion: diagnosis.values[FormRecordField.formVersion.rawValue]?.integerValue.map { Int($0) } ?? 0,
                    answers: kind.answers(inFields: diagnosis.values))
                let result = try? SuccessionDiagnosisResult(answers: answers, catalog: catalog)
                let age = diagnosis.values[SuccessionDiagnosisField.ownerAge.rawValue]?.integerValue.map { Int($0) } ?? result?.ownerAgeAtDiagnosis
                if let company = diagnosis.company, let age { ages[company] = max(ages[company] ?? age, age) }
                if let method = result?.method {
                    byMethod[method.code, default: 0] += 1
                    if !methodLabels.contains(where: { $0.code == method.code }) { methodLabels.append((method.code, method.label)) }
                }
                if result?.wishes.centreContact == true { contact += 1 }
                if let result {
                    let isNeed = result.outcome.successionNeed
                    labels[result.code] = (result.label, isNeed)
                    counts[result.code, default: 0] += 1
                    if isNeed, let company = diagnosis.company { need.insert(company) }
                } else {
                    counts[Self.incompleteCode, default: 0] += 1
                }
                if index == 0, diagnosis.conflicts > 0 { conflicts += 1 }
            }
            let seniors = Set(ages.filter { $0.value >= senior }.keys)
            need.formIntersection(seniors)
            let chainReferred = need.intersection(rows.referred)
            funnel.append((seniors.count, need.count, chainReferred.count))
            chainStatuses.append(rows.referralStatuses.filter { chainReferred.contains($0.key) })
            // Each band from its threshold to the next one's, the last open-ended.
            bands.append(thresholds.indices.map { band in
                let upper = band + 1 < thresholds.count ? thresholds[band + 1] : Int.max
                return ages.values.filter { $0 >= thresholds[band] && $0 < upper }.count
            })
            resultCounts.append(counts)
            methodCounts.append(byMethod)
            contactWanted.append(contact)
            if index == 0 { conflicts += rows.visitConflicts }
        }
        seniorOwnersInterviewed = YearOverYear(current: funnel[0].seniors, previous: funnel[1].seniors)
        // The chain the seeds publish: referred → the centre met the firm → an expert dispatched …
        referralFollowThrough = ReferralStatus.allCases.map { status in
            func count(_ statuses: [String: ReferralStatus]) -> Int {
                statuses.values.filter { status == .declined ? $0 == .declined : status == .referred || $0.stage >= status.stage }.count
            }
            return StatusLine(status: status, companies: YearOverYear(current: count(chainStatuses[0]), previous: count(chainStatuses[1])))
        }
        ownersByAge = thresholds.indices.map { band in
            let label = band + 1 < thresholds.count ? "\(thresholds[band])〜\(thresholds[band + 1] - 1)歳" : "\(thresholds[band])歳以上"
            return AgeBandLine(fromAge: thresholds[band], label: label, companies: YearOverYear(current: bands[0][band], previous: bands[1][band]))
        }
        withSuccessionNeed = YearOverYear(current: funnel[0].need, previous: funnel[1].need)
        referredToCentre = YearOverYear(current: funnel[0].referred, previous: funnel[1].referred)
        let codes = Set(resultCounts[0].keys).union(resultCounts[1].keys)
        results = codes.map { code in
            ResultLine(code: code, label: labels[code]?.label ?? code, isNeed: labels[code]?.isNeed ?? false,
                       diagnoses: YearOverYear(current: resultCounts[0][code] ?? 0, previous: resultCounts[1][code] ?? 0))
        }.sorted { ($0.diagnoses.current, $0.diagnoses.previous, $1.code) > ($1.diagnoses.current, $1.diagnoses.previous, $0.code) }
        // In the order the newest form lists the methods.
        let order = (try? catalog.latest(id: FormRecordType.successionDiagnosis.formID))?
            .question(SuccessionDiagnosisResult.methodQuestion)?.answerType.choices.map(\.code) ?? []
        methods = methodLabels.sorted { (order.firstIndex(of: $0.code) ?? .max) < (order.firstIndex(of: $1.code) ?? .max) }.map { method in
            MethodLine(code: method.code, label: method.label,
                       diagnoses: YearOverYear(current: methodCounts[0][method.code] ?? 0, previous: methodCounts[1][method.code] ?? 0))
        }
        wantingCentreContact = YearOverYear(current: contactWanted[0], previous: contactWanted[1])
        conflictedRecords = conflicts
    }

    private struct DiagnosisRow: Sendable {
        var company: String?
        var conflicts: Int
        var values: [String: FieldValue]
    }

    /// The ages from which owners are counted in bands: the newest succession
    /// diagnosis form's (``FormDefinition/ownerAgeThresholds``), else 65 alone.
    static func ownerAgeThresholds(_ catalog: FormCatalog) -> [Int] {
        let thresholds = (try? catalog.latest(id: FormRecordType.successionDiagnosis.formID))?.ownerAgeThresholds ?? []
        return thresholds.isEmpty ? [SuccessionDiagnosisResult.defaultSeniorOwnerAge] : thresholds
    }

    private struct YearRows: Sendable {
        /// The owners' ages in the year of the companies interviewed or diagnosed.
        var ages: [String: Int]
        var referred: Set<String>
        var noSuccessor: Set<String>
        /// The furthest status of each company's referral to the centre in the year.
        var referralStatuses: [String: ReferralStatus]
        var visitConflicts: Int
        var diagnoses: [DiagnosisRow]
    }
}
