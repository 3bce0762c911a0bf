import FieldVisitClient
import FieldVisitCore
import FieldVisitProtocol
import Foundation
import Testing

/// `fieldvisit report … --as-of`: a report printed again later, after edits, deletions
/// and restores, is the report printed then.
@Suite struct ReportAsOfTests {
    /// The reports as the office prints them, in tables and CSV.
    static let reports: [[String]] = [
        ["report", "visits", "--fiscal-year", "2023", "--by", "purpose"],
        ["report", "visits", "--fiscal-year", "2023", "--by", "month", "--format", "csv"],
        ["report", "outcomes", "--fiscal-year", "2023"],
        ["report", "funnel", "--fiscal-year", "2023", "--cohort", "disasterAffectedDebtBuyOut"],
        ["report", "succession", "--fiscal-year", "2023", "--format", "csv", "--encoding", "sjis"],
    ]

    /// The moment now, to the millisecond, with this machine's offset: what a person types.
    static func now() -> String {
        Thread.sleep(forTimeInterval: 0.01)
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        formatter.timeZone = .current
        defer { Thread.sleep(forTimeInterval: 0.01) }
        return formatter.string(from: Date())
    }

    @Test("--as-of prints every report exactly as it printed before a year of later edits, deletions and restores")
    func asOfReprintsThePast() throws {
        let temporary = TemporaryHome()
        let fieldvisit = FieldVisitProcess(home: temporary.url)
        try fieldvisit.succeed(["init", "--user", "佐藤 花子"])
        // Two firms: a disaster firm whose debt was bought out, its owner 65 in FY2023; and
        // an owner of 61 with no successor.
        let sanriku = try fieldvisit.succeed(["company", "add", "--name", "株式会社三陸水産", "--branch", "morioka",
                                              "--representative", "山田 太郎", "--birth-year", "1958", "--cohort", "disasterAffectedDebtBuyOut"]).lines[0]
        let kawamura = try fieldvisit.succeed(["company", "add", "--name", "有限会社カワムラ", "--branch", "morioka",
                                               "--representative", "川村 次郎", "--birth-year", "1962"]).lines[0]
        let followUp = try fieldvisit.succeed(["visit", "record", "--company", sanriku, "--date", "2023-06-01", "--purpose", "disasterFollowUp",
                                               "--support", "newGuarantee", "--notes", "再建の状況を確認。"]).lines[0]
        let interview = try fieldvisit.succeed(["visit", "record", "--company", kawamura, "--date", "2023-09-10", "--purpose", "succession",
                                                "--issue", "noSuccessor", "--referral", "successionSupportCentre"]).lines[0]
        let printed = try Self.reports.map { try fieldvisit.succeed($0).output }
        let moment = Self.now()

        // A year of later edits: a new representative, the cohort ended, a support
        // corrected, visits added to FY2023, a firm that joined the cohort in FY2023,
        // one visit deleted, one deleted and restored.
        try fieldvisit.succeed(["company", "edit", sanriku, "--representative", "山田 一郎", "--birth-year", "1988",
                                "--remove-cohort", "disasterAffectedDebtBuyOut"])
        try fieldvisit.succeed(["visit", "edit", followUp, "--remove-support", "newGuarantee", "--support", "changeOfTerms"])
        try fieldvisit.succeed(["visit", "record", "--company", kawamura, "--date", "2024-02-01", "--purpose", "companyVisit"])
        // A firm entered late, with the day it joined the programme in FY2023.
        try fieldvisit.succeed(["company", "add", "--name", "株式会社大船渡製氷", "--branch", "morioka",
                                "--cohort", "disasterAffectedDebtBuyOut", "--cohort-since", "2023-05-01"])
        // An interview of FY2023 with an owner of 73, entered late.
        let senior = try fieldvisit.succeed(["company", "add", "--name", "株式会社宮古造船", "--branch", "morioka", "--birth-year", "1950"]).lines[0]
        try fieldvisit.succeed(["visit", "record", "--company", senior, "--date", "2023-10-01", "--purpose", "pushTypeInterview"])
        let store = try LocalStore.open(home: temporary.home)
        try store.commit([.delete(EntityKey(.visit, RecordID(rawValue: interview)))])
        try store.commit([.delete(EntityKey(.visit, RecordID(rawValue: followUp)))])
        try store.commit([.restore(EntityKey(.visit, RecordID(rawValue: followUp)))])

        let later = try Self.reports.map { try fieldvisit.succeed($0).output }
        for (report, (then, now)) in zip(Self.reports, zip(printed, later)) {
            #expect(then != now, "the later edits do not change \(report.joined(separator: " ")): the test shows nothing")
        }
        for (report, then) in zip(Self.reports, printed) {
            let again = try fieldvisit.succeed(report + ["--as-of", moment]).output
            // The title says when the report stood; everything else is as printed then.
            #expect(again.replacingOccurrences(of: "（\(moment) 時点）", with: "") == then, "\(report.joined(separator: " "))")
        }
        // As of a day before anything was recorded, there is nothing to count.
        let empty = try fieldvisit.succeed(["report", "visits", "--fiscal-year", "2023", "--as-of", "2000-01-01"]).lines
        #expect(empty.contains { $0.hasPrefix("合計") && $0.contains("0 (0)") })
    }

    @Test("--as-of is a date (the end of that day) or a date and time with its offset; anything else is refused")
    func moments() throws {
        let tokyo = try #require(TimeZone(identifier: "Asia/Tokyo"))
        // The end of 30 April 2024 in Tokyo: 1 May 00:00 JST less a millisecond.
        #expect(try ReportMoment("2024-04-30", timeZone: tokyo).milliseconds == 1_714_489_200_000 - 1)
        #expect(try ReportMoment("2024-04-30T17:00:00+09:00").milliseconds == 1_714_464_000_000)
        #expect(try ReportMoment("2024-04-30T08:00:00.250Z").milliseconds == 1_714_464_000_250)
        #expect(try ReportMoment("令和6年4月30日", timeZone: tokyo).milliseconds == 1_714_489_200_000 - 1)
        for wrong in ["2024-02-30", "昨日", "2024-04-30T17:00", "", String(repeating: "9", count: 100), "2024-04-30T17:00:00+09:00\u{0}",
                      "2024-04-30\u{0}", "R6.4.31", "\u{1B}[2J"] {
            #expect(throws: ReportMomentError.self) { try ReportMoment(wrong) }
        }
        let temporary = TemporaryHome()
        let fieldvisit = FieldVisitProcess(home: temporary.url)
        try fieldvisit.succeed(["init", "--user", "佐藤 花子"])
        let refused = try fieldvisit.run(["report", "visits", "--fiscal-year", "2023", "--as-of", "2024-13-01"])
        #expect(refused.status == 2 && refused.error.contains("--as-of takes a date"))
        let encoding = try fieldvisit.run(["report", "visits", "--fiscal-year", "2023", "--encoding", "sjis"])
        #expect(encoding.status == 2 && encoding.error.contains("--encoding applies to --format csv only"))
    }

    @Test("a laptop that started from a snapshot refuses a moment before it, and reports from then on")
    func beforeTheSnapshot() throws {
        let temporary = TemporaryHome()
        let store = try LocalStore.create(home: temporary.home, user: "佐藤")
        let company = EntityKey(.company, .random())
        var office = Replica(id: .random(), schema: .fieldVisit)
        try office.commit([.set(company, field: "name", value: "株式会社カワムラ"), .set(company, field: "branch", value: "morioka")],
                                      author: "suzuki", now: 1_715_000_000_000)
        let before = LocalStore.now() - 1
        Thread.sleep(forTimeInterval: 0.01)
        try #require(try store.loadSnapshot(Snapshot(records: [Snapshot.Record(type: .company, id: company.id, state: office.entities[company]!)], cursor: 1)) != nil)
        #expect { try store.reading(asOf: before) { _ in () } } throws: { error in
            guard case StoreError.beforeSnapshot = error else { return false }
            return "\(error)".contains("received its records as one snapshot")
        }
        Thread.sleep(forTimeInterval: 0.01)
        let names = try store.reading(asOf: LocalStore.now()) { past in try past.summary(of: company)?.text(Company.Field.name) }
        #expect(names == "株式会社カワムラ")
    }
}
