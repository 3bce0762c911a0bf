import FieldVisitCore
import Foundation
import GRDB

/// Who to visit next (`fieldvisit targets`): push-type visits start from a list. Each
/// line names a company, its branch and the staff member who saw it last, and says why
/// it is on the list:
///
/// - ``Reason/successionAge``: the owner is 60 or over in this fiscal year (the
///   succession form's ``FormDefinition/ownerAgeThresholds``) and has had no
///   succession diagnosis in the last `diagnosisMonths` months;
/// - ``Reason/cohortNotVisited``: a member of a follow-up cohort not visited yet in this
///   fiscal year, with its last visit;
/// - ``Reason/newFounder``: a founder whose founding-loan membership started in the
///   last 12 months (a dated membership, ``CohortMembership``), with no founder
///   follow-up since;
/// - ``Reason/referralWaiting``: referred to the 事業承継・引継ぎ支援センター more than
///   `referralDays` days ago with no visit since to hear what came of it;
/// - ``Reason/followUpDue``: the next-visit date of its latest visit has come
///   (`fieldvisit agenda`).
///
/// Everything is read from the store as it is today; a company may be on several lists.
public struct TargetList: Sendable, Encodable {
    /// Why a company is on the list.
    public enum Reason: String, Sendable, Codable, CaseIterable {
        case successionAge, cohortNotVisited, newFounder, referralWaiting, followUpDue

        /// The list's name, in Japanese.
        public var japaneseLabel: String {
            switch self {
            case .successionAge: "事業承継診断の候補"
            case .cohortNotVisited: "フォローアップ未訪問"
            case .newFounder: "創業後フォローアップ"
            case .referralWaiting: "橋渡し後の確認"
            case .followUpDue: "次回訪問予定日の到来"
            }
        }
    }

    /// One company on one list.
    public struct Line: Sendable, Encodable, Hashable {
        public var company: RecordID
        public var companyName: String
        /// The company's branch code.
        public var branch: String?
        /// The staff member of the company's latest visit.
        public var staff: String?
        public var reason: Reason
        /// Why, in Japanese, with the dates that make it so.
        public var detail: String
    }

    /// The day the lists are drawn up for.
    public var today: CalendarDate
    /// The lines, by branch, staff, list and company name.
    public var lines: [Line]

    /// The settings of the lists.
    public struct Settings: Sendable {
        /// A diagnosis in the last this many months keeps an owner off the succession list.
        public var diagnosisMonths = 36
        /// A referral waits this many days for its answer before it is listed.
        public var referralDays = 30
        /// A founding loan is followed up within this many months of its start.
        public var founderMonths = 12

        public init(diagnosisMonths: Int = 36, referralDays: Int = 30, founderMonths: Int = 12) {
            self.diagnosisMonths = diagnosisMonths
            self.referralDays = referralDays
            self.founderMonths = founderMonths
        }
    }

    /// Draws up the lists of `store` on `today`.
    public init(store: LocalStore, today: CalendarDate, settings: Settings = Settings(), catalog: FormCatalog = .builtIn) throws {
        self.today = today
        let year = FiscalYear(containing: today)
        let thresholds = SuccessionReport.ownerAgeThresholds(catalog)
        let membership = try CohortMembership(store: store)
        let diagnosisSince = today.adding(months: -settings.diagnosisMonths)
        let founderSince = today.adding(months: -settings.founderMonths)
        let referralBefore = today.adding(days: -settings.referralDays)
        let agenda = try store.agenda(on: today)
        lines = try store.read { db in
            struct Company { var name: String; var branch: String?; var birthYear: Int?; var birthDate: CalendarDate? }
            var companies: [String: Company] = [:]
            for row in try Row.fetchAll(db, sql: """
                SELECT id, json_extract(field_values, '$.name'), json_extract(field_values, '$.branch'),
                       json_extract(field_values, '$.representativeBirthYear'), json_extract(field_values, '$.representativeBirthDate')
                FROM record_view WHERE type = 'company' AND deleted = 0
                """) {
                companies[row[0]] = Company(name: row[1] ?? "", branch: row[2], birthYear: row[3],
                                            birthDate: (row[4] as String?).flatMap { try? CalendarDate($0) })
            }
            /// The latest date per company of the rows `sql` selects as (company, date).
            func latest(_ sql: String, _ arguments: StatementArguments = []) throws -> [String: String] {
                var dates: [String: String] = [:]
                for row in try Row.fetchAll(db, sql: sql, arguments: arguments) { if let company: String = row[0] { dates[company] = row[1] } }
                return dates
            }
            let lastVisit = try latest("SELECT company_id, max(date) FROM record_view WHERE type = 'visit' AND deleted = 0 GROUP BY company_id")
            let lastDiagnosis = try latest("""
                SELECT company_id, max(date) FROM record_view WHERE type = ? AND deleted = 0 GROUP BY company_id
                """, [RecordType.successionDiagnosis.rawValue])
            let lastFounderVisit = try latest("""
                SELECT company_id, max(date) FROM record_view WHERE type = 'visit' AND deleted = 0 AND purpose = ? GROUP BY company_id
                """, [VisitPurpose.founderFollowUp.rawValue])
            let lastReferral = try latest("""
                SELECT company_id, max(date) FROM visit_set_element WHERE field = 'referrals' AND element = ? GROUP BY company_id
                """, [ReferralAgency.successionSupportCentre.rawValue])
            // The staff of each company's latest visit (SQLite takes the bare column from the row of the max).
            var staff: [String: String] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT company_id, element, max(date) FROM visit_set_element WHERE field = 'staff' GROUP BY company_id") {
                if let company: String = row[0] { staff[company] = row[1] }
            }

            var lines: [Line] = []
            func add(_ id: String, _ reason: Reason, _ detail: String) {
                guard let company = companies[id] else { return }
                lines.append(Line(company: RecordID(rawValue: id), companyName: company.name, branch: company.branch, staff: staff[id],
                                  reason: reason, detail: detail))
            }
            let youngest = thresholds.first ?? SuccessionDiagnosisResult.defaultSeniorOwnerAge
            for (id, company) in companies {
                guard let age = OwnerAge.reached(inFiscalYear: year.startYear, birthYear: company.birthYear, birthDate: company.birthDate),
                      age >= youngest else { continue }
                let last = lastDiagnosis[id]
                if let last, last >= diagnosisSince.description { continue }
                let reached = thresholds.contains(age) ? "今年度\(age)歳に到達" : "今年度\(age)歳"
                add(id, .successionAge, reached + "・" + (last.map { "前回の事業承継診断 \($0)" } ?? "事業承継診断なし"))
            }
            for (recordID, byTag) in membership.spans {
                let id = recordID.rawValue
                for (cohort, spans) in byTag.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
                    // Members now, not visited since the year began.
                    guard let current = spans.last, current.until == nil else { continue }
                    if let last = lastVisit[id], last >= year.firstDay { continue }
                    add(id, .cohortNotVisited, "\(cohort.japaneseLabel)・今年度未訪問（" + (lastVisit[id].map { "前回訪問 \($0)" } ?? "訪問記録なし") + "）")
                    if cohort == .foundingLoanUser, let since = current.since, since >= founderSince,
                       (lastFounderVisit[id].map { $0 < since.description } ?? true) {
                        add(id, .newFounder, "創業資金の利用開始 \(since)・創業後フォローアップ未実施")
                    }
                }
            }
            for (id, referred) in lastReferral where referred <= referralBefore.description {
                // A visit after the referral heard what came of it.
                if let last = lastVisit[id], last > referred { continue }
                let days = (try? CalendarDate(referred)).map { $0.days(to: today) } ?? 0
                add(id, .referralWaiting, "事業承継・引継ぎ支援センターへ橋渡し \(referred)（\(days)日経過、その後の訪問なし）")
            }
            for visit in agenda {
                guard let company = visit.text(Visit.Field.company) else { continue }
                add(company, .followUpDue, "次回訪問予定日 \(visit.text(Visit.Field.nextVisitDate) ?? "")（前回訪問 \(visit.text(Visit.Field.date) ?? "")）")
            }
            let order = Dictionary(uniqueKeysWithValues: Reason.allCases.enumerated().map { ($1, $0) })
            return lines.sorted {
                ($0.branch ?? "\u{10FFFF}", $0.staff ?? "\u{10FFFF}", order[$0.reason]!, $0.companyName, $0.company.rawValue)
                    < ($1.branch ?? "\u{10FFFF}", $1.staff ?? "\u{10FFFF}", order[$1.reason]!, $1.companyName, $1.company.rawValue)
            }
        }
    }
}
