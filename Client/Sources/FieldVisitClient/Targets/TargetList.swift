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
///   `referralDays` days ago, with no news recorded (``Visit/referralStatus``) and no
///   visit since to hear what came of it;
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

    /// The CSV's header, shared by `fieldvisit targets` and the console.
    public static let csvHeader = ["支店", "担当", "企業ID", "企業", "区分", "理由"]

    /// The day the lists are drawn up for.
    public var today: CalendarDate
    /// The lines, by branch, staff, list and company in reading order (五十音順).
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
    ///
    /// - Parameter timeZone: the time zone the days of changes are read in (cohort
    ///   memberships), the office's.
    public init(store: LocalStore, today: CalendarDate, settings: Settings = Settings(), catalog: FormCatalog = .builtIn,
                timeZone: TimeZone = .current) throws {
        self.today = today
        let year = FiscalYear(containing: today)
        let thresholds = SuccessionReport.ownerAgeThresholds(catalog)
        let membership = try CohortMembership(store: store, timeZone: timeZone)
        let diagnosisSince = today.adding(months: -settings.diagnosisMonths)
        let founderSince = today.adding(months: -settings.founderMonths)
        let referralBefore = today.adding(days: -settings.referralDays)
        lines = try store.read { db in
            struct Company { var name: String; var hasKana: Bool; var searchKey: String; var branch: String?; var birthYear: Int?; var birthDate: CalendarDate? }
            var companies: [String: Company] = [:]
            let rows = try Row.fetchCursor(db, sql: """
                SELECT id, name, json_extract(field_values, '$.nameKana') IS NOT NULL, search_key, json_extract(field_values, '$.branch'),
                       json_extract(field_values, '$.representativeBirthYear'), json_extract(field_values, '$.representativeBirthDate')
                FROM record_view WHERE type = 'company' AND deleted = 0
                """)
            while let row = try rows.next() {
                let name: String? = row[1]
                companies[row[0]] = Company(name: name ?? "", hasKana: row[2], searchKey: row[3] ?? "", branch: row[4], birthYear: row[5],
                                            birthDate: (row[6] as String?).flatMap { try? CalendarDate($0) })
            }
            /// The latest date per company of the rows `sql` selects as (company, date).
            func latest(_ sql: String, _ arguments: StatementArguments = []) throws -> [String: String] {
                var dates: [String: String] = [:]
                for row in try Row.fetchAll(db, sql: sql, arguments: arguments) { if let company: String = row[0] { dates[company] = row[1] } }
                return dates
            }
            // Each company's latest visit day, and its latest founder follow-up, from the
            // company index alone.
            var lastVisit: [String: String] = [:], lastFounderVisit: [String: String] = [:]
            for row in try Row.fetchAll(db, sql: """
                SELECT company_id, max(date), max(CASE WHEN purpose = ? THEN date END)
                FROM record_view WHERE type = 'visit' AND deleted = 0 GROUP BY company_id
                """, arguments: [VisitPurpose.founderFollowUp.rawValue]) {
                guard let company: String = row[0] else { continue }
                lastVisit[company] = row[1]
                if let founder: String = row[2] { lastFounderVisit[company] = founder }
            }
            // Next-visit dates that have come, from their own index: a company's counts
            // when it is on the latest visit recorded on its latest day (`fieldvisit agenda`).
            var due: [String: (date: String, next: String, seq: Int64)] = [:]
            for row in try Row.fetchAll(db, sql: """
                SELECT company_id, date, next_visit_date, created_seq FROM record_view INDEXED BY record_view_next_visit
                WHERE next_visit_date IS NOT NULL AND next_visit_date <= ? AND type = 'visit' AND deleted = 0
                """, arguments: [today.description]) {
                guard let company: String = row[0], let date: String = row[1], date == lastVisit[company] else { continue }
                let seq: Int64 = row[3]
                if due[company].map({ $0.seq < seq }) ?? true { due[company] = (date, row[2], seq) }
            }
            let latestOfDay = try db.makeStatement(sql: """
                SELECT max(created_seq) FROM record_view WHERE type = 'visit' AND company_id = ? AND date = ? AND deleted = 0
                """)
            for (company, entry) in due where try Int64.fetchOne(latestOfDay, arguments: [company, entry.date]) != entry.seq {
                due[company] = nil
            }
            let lastDiagnosis = try latest("""
                SELECT company_id, max(date) FROM record_view WHERE type = ? AND deleted = 0 GROUP BY company_id
                """, [RecordType.successionDiagnosis.rawValue])
            // Each company's latest referral to the centre still waiting: its status says
            // no more than referred (news recorded with `visit edit --referral-status` ends the wait).
            let lastReferral = try latest("""
                SELECT v.company_id, max(v.date) FROM visit_set_element v JOIN record_view r ON r.no = v.record_no
                WHERE v.field = 'referrals' AND v.element = ?
                AND coalesce(json_extract(r.field_values, '$.referralStatus'), 'referred') = 'referred'
                GROUP BY v.company_id
                """, [ReferralAgency.successionSupportCentre.rawValue])

            var lines: [Line] = []
            func add(_ id: String, _ reason: Reason, _ detail: String) {
                guard let company = companies[id] else { return }
                lines.append(Line(company: RecordID(rawValue: id), companyName: company.name, branch: company.branch, staff: nil,
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
            for (company, visit) in due {
                add(company, .followUpDue, "次回訪問予定日 \(visit.next)（前回訪問 \(visit.date)）")
            }
            // The staff of the latest visit, read for the companies listed only.
            let staffOf = try db.makeStatement(sql: """
                SELECT json_extract(set_values, '$.staff[0]') FROM record_view
                WHERE type = 'visit' AND company_id = ? AND date = ? AND deleted = 0 ORDER BY created_seq DESC LIMIT 1
                """)
            var staff: [String: String] = [:]
            for id in Set(lines.map(\.company.rawValue)) {
                guard let date = lastVisit[id], let name = try String.fetchOne(staffOf, arguments: [id, date]) else { continue }
                staff[id] = name
            }
            for index in lines.indices { lines[index].staff = staff[lines[index].company.rawValue] }
            // Each line's place computed once: by branch, staff, list, then the company in
            // reading order (五十音順) as `company list` shows them.
            let listOrder = Dictionary(uniqueKeysWithValues: Reason.allCases.enumerated().map { ($1, $0) })
            let places = lines.map { line in
                let company = companies[line.company.rawValue]
                let reading = company.map { CompanySearch.readingKey(searchKey: $0.searchKey, hasName: !$0.name.isEmpty, hasKana: $0.hasKana) } ?? ""
                return Place(line.branch, line.staff, UInt8(listOrder[line.reason] ?? 0), reading, line.companyName, line.company.rawValue)
            }
            return places.indices.sorted { places[$0].bytes.lexicographicallyPrecedes(places[$1].bytes) }.map { lines[$0] }
        }
    }
}

/// Where a line of the lists goes, as bytes compared in one pass: each part's UTF-8
/// (the order of its characters) ended by 0, which sorts a part before its longer
/// versions; a missing branch or staff member is 0xFF, which UTF-8 never holds, so it
/// comes last.
private struct Place {
    var bytes: [UInt8] = []

    init(_ branch: String?, _ staff: String?, _ list: UInt8, _ reading: String, _ name: String, _ id: String) {
        for part in [branch, staff] {
            if let part { bytes += part.utf8 } else { bytes.append(0xFF) }
            bytes.append(0)
        }
        bytes.append(list)
        for part in [reading, name, id] {
            bytes += part.utf8
            bytes.append(0)
        }
    }
}
