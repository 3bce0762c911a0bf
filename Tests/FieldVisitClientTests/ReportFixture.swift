import FieldVisitCore
import Foundation
@testable import FieldVisitClient

/// The edits that create `record`: every field set, every set element added.
func creationEdits(_ record: some Record) -> [Edit] {
    creationEdits(EntityKey(type(of: record).recordType, record.id), values: record.values, sets: record.sets)
}

/// The edits that create a form record.
func creationEdits(_ record: FormRecord) -> [Edit] {
    creationEdits(EntityKey(record.type, record.id), values: record.values, sets: record.sets)
}

private func creationEdits(_ key: EntityKey, values: [String: FieldValue], sets: [String: [FieldValue]]) -> [Edit] {
    values.sorted { $0.key < $1.key }.map { Edit.set(key, field: $0.key, value: $0.value) }
        + sets.sorted { $0.key < $1.key }.flatMap { field, elements in elements.map { Edit.add(key, field: field, element: $0) } }
}

/// A store holding Iwate's published figures (DOMAIN.md, `004`) for FY2023 and FY2022,
/// built from individual records so that the reports must count them:
///
/// | figure | FY2023 | FY2022 (fixture's own where not published) |
/// |---|---|---|
/// | companies visited | 1,870 | 1,933 |
/// | disaster follow-up, debt bought out (cohort disasterAffectedDebtBuyOut) | 16 firms, 58 visits | 18, 64 |
/// | disaster follow-up, others (cohort disasterAffectedOther) | 35 firms, 86 visits | 38, 95 |
/// | disaster outcomes | 8 new guarantees, 22 changes of terms, 6 expert dispatches | 5, 15, 4 |
/// | expert dispatch | 73 firms, 466 visits, bank with 56 | 99, 562, bank with 70 |
/// | founding-loan cohort funnel | 103 → 95 → 36 | 103 → 88 → 30 |
/// | owners 65+ | 67 → 5 → 4 | 58 → 4 → 3 |
///
/// The pools of companies are disjoint, each programme visiting its own; a general
/// visit (companyVisit) to other companies fills up the companies visited. Only the
/// senior pool has owners of 65 or over; only the disaster and founder pools have
/// support actions.
enum ReportFixture {
    struct Year {
        var year: FiscalYear
        var debtBuyOut: (firms: Range<Int>, visits: Int, newGuarantee: Int, changeOfTerms: Int, expertDispatch: Int)
        var disasterOther: (firms: Range<Int>, visits: Int, newGuarantee: Int, changeOfTerms: Int, expertDispatch: Int)
        var expert: (firms: Range<Int>, visits: Int, bank: Int)
        var founders: (interviewed: Range<Int>, supported: Int)
        var seniors: (firms: Range<Int>, need: Int, referred: Int, prepared: Int)
        var general: Range<Int>
    }

    static let fy2023 = Year(
        year: FiscalYear(2023),
        debtBuyOut: (0..<16, 58, 2, 6, 1), disasterOther: (0..<35, 86, 6, 16, 5),
        expert: (0..<73, 466, 56), founders: (0..<95, 36), seniors: (0..<67, 5, 4, 10), general: 0..<1584)
    static let fy2022 = Year(
        year: FiscalYear(2022),
        debtBuyOut: (2..<20, 64, 1, 5, 1), disasterOther: (2..<40, 95, 4, 10, 3),
        expert: (11..<110, 562, 70), founders: (8..<96, 30), seniors: (10..<68, 4, 3, 8), general: 68..<1700)

    static let poolSizes = (debtBuyOut: 20, disasterOther: 40, expert: 110, founders: 103, seniors: 80, general: 1700)

    /// The shared store, built once for every test that reads it.
    static let shared = Shared()

    /// The store and the directory that holds it.
    final class Shared: @unchecked Sendable {
        let home = TemporaryHome()
        let store: LocalStore
        init() {
            store = try! LocalStore.create(home: home.home, user: "fixture")
            try! ReportFixture.build(into: store)
        }
    }

    static func build(into store: LocalStore) throws {
        var random = SplitMix64(seed: 20_240_331)
        var batches: [[Edit]] = []
        var idCounter: UInt64 = 0
        func nextID() -> RecordID {
            idCounter += 1
            let hex = String(idCounter, radix: 16)
            return RecordID(rawValue: "00000000-0000-4000-8000-" + String(repeating: "0", count: 12 - hex.count) + hex)
        }
        func companies(_ count: Int, _ name: String, tag: CohortTag?, birthYear: () -> Int) throws -> [RecordID] {
            try (0..<count).map { index in
                let company = try Company(id: nextID(), name: "\(name)\(index)", industry: Industry.allCases[index % Industry.allCases.count],
                                          representativeBirthYear: birthYear(), branch: ["morioka", "miyako", "ofunato"][index % 3],
                                          cohortTags: tag.map { [$0] } ?? [])
                batches.append(creationEdits(company))
                return company.id
            }
        }
        let young = { Int.random(in: 1965...1990, using: &random) }
        let debtBuyOut = try companies(poolSizes.debtBuyOut, "被災債権買取", tag: .disasterAffectedDebtBuyOut, birthYear: young)
        let disasterOther = try companies(poolSizes.disasterOther, "被災その他", tag: .disasterAffectedOther, birthYear: young)
        let expert = try companies(poolSizes.expert, "専門家派遣先", tag: nil, birthYear: young)
        let founders = try companies(poolSizes.founders, "創業", tag: .foundingLoanUser, birthYear: young)
        let seniors = try companies(poolSizes.seniors, "承継", tag: nil, birthYear: { Int.random(in: 1935...1957, using: &random) })
        let general = try companies(poolSizes.general, "一般", tag: nil, birthYear: young)

        for spec in [fy2023, fy2022] {
            func date() -> CalendarDate {
                let day = Int.random(in: 0..<365, using: &random)
                var month = 4, remaining = day
                let lengths = [30, 31, 30, 31, 31, 30, 31, 30, 31, 31, 28, 31]
                var index = 0
                while remaining >= lengths[index] { remaining -= lengths[index]; index += 1; month += 1 }
                let year = month > 12 ? spec.year.startYear + 1 : spec.year.startYear
                return try! CalendarDate(year: year, month: (month - 1) % 12 + 1, day: remaining + 1)
            }
            func visit(_ company: RecordID, _ purpose: VisitPurpose, on day: CalendarDate? = nil, banks: Bool = false,
                       support: Set<SupportAction> = [], referrals: Set<ReferralAgency> = []) throws {
                let record = try Visit(id: nextID(), company: company, date: day ?? date(), mode: .onSite, purpose: purpose,
                                       staff: [["佐藤", "鈴木", "高橋"][Int.random(in: 0..<3, using: &random)]],
                                       accompanyingOrganisations: banks ? [.financialInstitution] : [],
                                       supportActions: support, referrals: referrals)
                batches.append(creationEdits(record))
            }
            /// Spreads `visits` over the firms (each at least one), giving the first
            /// firms the outcomes asked for on their first visit.
            func programme(_ pool: [RecordID], _ firms: Range<Int>, _ visits: Int, _ purpose: VisitPurpose,
                           outcomes: [(SupportAction, Int)] = [], banks: Int = 0) throws {
                let selected = Array(pool[firms])
                for (index, company) in selected.enumerated() {
                    let count = visits / selected.count + (index < visits % selected.count ? 1 : 0)
                    let support = Set(outcomes.filter { index < $0.1 }.map(\.0))
                    for number in 0..<count {
                        try visit(company, purpose, banks: index < banks && number == 0, support: number == 0 ? support : [])
                    }
                }
            }
            try programme(debtBuyOut, spec.debtBuyOut.firms, spec.debtBuyOut.visits, .disasterFollowUp,
                          outcomes: [(.newGuarantee, spec.debtBuyOut.newGuarantee), (.changeOfTerms, spec.debtBuyOut.changeOfTerms), (.expertDispatch, spec.debtBuyOut.expertDispatch)])
            try programme(disasterOther, spec.disasterOther.firms, spec.disasterOther.visits, .disasterFollowUp,
                          outcomes: [(.newGuarantee, spec.disasterOther.newGuarantee), (.changeOfTerms, spec.disasterOther.changeOfTerms), (.expertDispatch, spec.disasterOther.expertDispatch)])
            try programme(expert, spec.expert.firms, spec.expert.visits, .expertDispatch, banks: spec.expert.bank)
            try programme(founders, spec.founders.interviewed, spec.founders.interviewed.count + 20, .founderFollowUp,
                          outcomes: [(.businessPlanSupport, spec.founders.supported)])
            for company in general[spec.general] { try visit(company, .companyVisit) }
            // Seniors: a succession interview each; a diagnosis for the first need +
            // prepared of them; the first `referred` referred to the centre.
            for (index, company) in seniors[spec.seniors.firms].enumerated() {
                let day = date()
                try visit(company, .succession, on: day, referrals: index < spec.seniors.referred ? [.successionSupportCentre] : [])
                guard index < spec.seniors.need + spec.seniors.prepared else { continue }
                let diagnosis = try FormRecord(
                    schema: .successionDiagnosis, id: nextID(), company: company, date: day, formID: FormRecordType.successionDiagnosis.formID, formVersion: 1,
                    answers: diagnosisAnswers(birthYear: 1950, date: day, needsPreparation: index < spec.seniors.need))
                batches.append(creationEdits(diagnosis))
            }
        }
        for chunk in stride(from: 0, to: batches.count, by: 2000) {
            // Recorded before the years reported, as an office's records are: a cohort
            // counts from the day its tag was recorded.
            try store.commit(each: Array(batches[chunk..<min(chunk + 2000, batches.count)]), now: Self.recordedAt)
        }
    }

    /// The answers of a complete succession diagnosis: preparation needed (a referral
    /// to the centre), or succession prepared (no need).
    /// 1 April 2021, 09:00 in Japan: when the fixture's records were entered.
    static let recordedAt: Int64 = 1_617_235_200_000

    static func diagnosisAnswers(birthYear: Int, date: CalendarDate, needsPreparation: Bool) -> [String: FieldValue] {
        [
            "ownerBirthYear": .integer(Int64(birthYear)), "diagnosisDate": .text(date.description),
            "hasSuccessorCandidate": .bool(true), "successorRelation": .text("family"), "successorInformed": .bool(true),
            "preparingSuccessorTraining": .bool(true), "preparingRelationsHandover": .bool(true),
            "preparingSharesAndAssets": .bool(true), "preparingDebtsAndGuarantees": .bool(true),
            "preparingStakeholderNotice": .bool(!needsPreparation), "consentToShareWithCentre": .bool(true),
        ]
    }
}
