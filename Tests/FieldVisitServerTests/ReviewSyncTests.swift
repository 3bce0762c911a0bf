import FieldVisitClient
import FieldVisitCore
import Foundation
import Testing
@testable import FieldVisitServer

/// A manager reviews what two field staff recorded offline, through a real server.
@Suite(.serialized) struct ReviewSyncTests {
    let server: ServerProcess

    init() throws {
        server = try ServerProcess()
        try server.provision(
            branches: [("morioka", "盛岡支店")],
            users: [("sato", "field", ["morioka"]), ("suzuki", "field", ["morioka"]), ("kanri", "manager", ["morioka"])]
        )
    }

    func queue(_ laptop: LaptopProcess) throws -> [ReviewItem] {
        try JSONDecoder().decode([ReviewItem].self, from: Data(try laptop.succeed(["review", "queue", "--json"]).output.utf8))
    }

    @Test func conflictsAreResolvedApprovedReopenedAndReturned() async throws {
        let sato = try LaptopProcess.enrolled("sato", on: server)
        let suzuki = try LaptopProcess.enrolled("suzuki", on: server)
        let kanri = try LaptopProcess.enrolled("kanri", on: server)
        let company = try sato.create(["company", "add", "--name", "株式会社カワムラ", "--branch", "morioka"])
        let visit = try sato.create(["visit", "record", "--company", company, "--date", "2026-11-20", "--purpose", "pushTypeInterview",
                                     "--staff", "sato", "--notes", "社長と面談。"])
        try sato.succeed(["sync"])
        try suzuki.succeed(["sync"])
        try kanri.succeed(["sync"])
        #expect(try queue(kanri).isEmpty)

        // Offline: different fields merge, the same field conflicts.
        try sato.succeed(["visit", "edit", visit, "--notes", "社長と面談。設備更新は来春。", "--goals", "見積りを取る"])
        try suzuki.succeed(["visit", "edit", visit, "--notes", "社長と面談。資金繰りの相談あり。", "--next-visit", "2026-12-15"])
        try sato.succeed(["visit", "submit", visit])
        try sato.succeed(["sync"])
        try suzuki.succeed(["sync"])
        try sato.succeed(["sync"])
        try kanri.succeed(["sync"])
        let waiting = try queue(kanri)
        #expect(waiting.map(\.id.rawValue) == [visit])
        #expect(waiting.first?.conflicts == ["notes"] && waiting.first?.submitted == true)
        let record = try #require(try kanri.records()[EntityKey(.visit, RecordID(rawValue: visit))])
        #expect(record.visibleValues["shortTermGoals"] == "見積りを取る" && record.visibleValues["nextVisitDate"] == "2026-12-15")

        let shown = try kanri.succeed(["review", "show", visit]).output
        #expect(shown.contains("設備更新は来春") && shown.contains("資金繰りの相談あり") && shown.contains("sato") && shown.contains("suzuki"))

        // Field staff may not decide.
        let refused = try suzuki.run(["review", "approve", visit])
        #expect(refused.status == 2 && refused.error.contains("field staff"))
        #expect(try suzuki.run(["review", "resolve", visit, "notes", "--choose", "1"]).status == 2)

        // The manager takes suzuki's notes and approves.
        let review = try JSONDecoder().decode(RecordReview.self, from: Data(try kanri.succeed(["review", "show", visit, "--json"]).output.utf8))
        let suzukis = try #require(review.fields.first { $0.name == "notes" }?.competing?.first { $0.author == "suzuki" })
        try kanri.succeed(["review", "resolve", visit, "notes", "--choose", String(suzukis.number)])
        try kanri.succeed(["review", "approve", visit, "--comment", "確認しました"])
        #expect(try queue(kanri).isEmpty)
        try kanri.succeed(["sync"])
        try sato.succeed(["sync"])
        try suzuki.succeed(["sync"])
        let settled = try kanri.records()
        #expect(try sato.records() == settled)
        #expect(try suzuki.records() == settled)
        let approved = try #require(settled[EntityKey(.visit, RecordID(rawValue: visit))])
        #expect(approved.visibleValues["notes"] == "社長と面談。資金繰りの相談あり。" && approved.visibleValues["reviewState"] == "approved")
        #expect(approved.fields["notes"]?.siblings.count == 1 && !approved.approval.isEmpty)
        #expect(try await SQLiteStorage(directory: server.data).conflicts().isEmpty)

        // A later edit by sato reopens it as changed since approval.
        try sato.succeed(["visit", "edit", visit, "--goals", "見積りを二社から取る"])
        try sato.succeed(["sync"])
        try kanri.succeed(["sync"])
        let reopened = try queue(kanri)
        #expect(reopened.map(\.id.rawValue) == [visit] && reopened.first?.changedSinceApproval == ["shortTermGoals"])
        #expect(try kanri.succeed(["review", "queue"]).output.contains("承認後に変更: 短期目標"))

        // Returned with a comment: sato hears of it on the next sync and sees it.
        try kanri.succeed(["review", "return", visit, "--comment", "目標の期限を書いてください"])
        try kanri.succeed(["sync"])
        let told = try sato.succeed(["sync"]).output
        #expect(told.contains("returned for correction: 1") && told.contains("目標の期限を書いてください"), "\(told)")
        let satoSees = try sato.succeed(["visit", "show", visit]).output
        #expect(satoSees.contains("差戻し") && satoSees.contains("目標の期限を書いてください"))
        #expect(try sato.succeed(["visit", "list", "--review-state", "returned"]).output.contains(String(visit.prefix(8))))
        try suzuki.succeed(["sync"])
        #expect(try sato.records() == kanri.records())
        #expect(try suzuki.records() == kanri.records())

        // The audit trail names the accepted change sets and the logins.
        let today = { () -> String in
            let parts = Calendar.current.dateComponents([.year, .month, .day], from: Date())
            return String(format: "%04d-%02d-%02d", parts.year!, parts.month!, parts.day!)
        }()
        let audit = try server.admin(["audit", "--since", today, "--format", "json"])
        #expect(audit.status == 0, "\(audit.error)")
        let events = try #require(try JSONSerialization.jsonObject(with: Data(audit.output.utf8)) as? [[String: Any]])
        func count(_ kind: String, _ user: String) -> Int {
            events.filter { $0["kind"] as? String == kind && $0["user"] as? String == user }.count
        }
        for user in ["sato", "suzuki", "kanri"] {
            #expect(count("login", user) == 1, "\(user)")
            #expect(count("change-set-accepted", user) >= 1, "\(user)")
        }
        // sato: company, visit, edit, submit, the later edit; suzuki: its edit; kanri: resolve, approve, return.
        #expect(count("change-set-accepted", "sato") == 5 && count("change-set-accepted", "suzuki") == 1 && count("change-set-accepted", "kanri") == 3)
    }
}

extension ReviewSyncTests {
    /// A complete hearing sheet (v2, the version new sheets use), on the latest
    /// accounting period only.
    static let hearingAnswers = #"""
        {"fiscalPeriodEnd":"2026-03-31","sales":120000000,"hasPreviousPeriod":false,
         "operatingProfit":6000000,"depreciation":2000000,"employees":15,"officers":2,"borrowings":50000000,"cashAndDeposits":10000000,
         "receivables":20000000,"inventory":8000000,"payables":6000000,"netAssets":30000000,"totalAssets":90000000,
         "ownerBirthYear":1957,"managementVision":"地域のものづくりを次の世代へ","successorStatus":"decided",
         "mainProducts":"自動車部品の精密切削加工","businessTrend":"flat","usesIT":true,"itUsage":"会計ソフト",
         "mainBankType":"shinkinBank","bankCount":2,"sharesFinancialsWithBank":true,"trialBalanceFrequency":"monthly",
         "preparesCashFlowTable":false,"hasBusinessPlan":true,"businessPlanYears":5,"hasStaffShortage":true,
         "organisationNotes":"工場長が高齢。技能継承が課題。"}
        """#

    @Test func twoStaffCorrectOneHearingSheetOffline() async throws {
        let sato = try LaptopProcess.enrolled("sato", on: server)
        let suzuki = try LaptopProcess.enrolled("suzuki", on: server)
        let kanri = try LaptopProcess.enrolled("kanri", on: server)
        let company = try sato.create(["company", "add", "--name", "株式会社盛岡精機", "--branch", "morioka"])
        let answers = sato.home.url.appendingPathComponent("answers.json")
        try Data(Self.hearingAnswers.utf8).write(to: answers)
        let sheet = try sato.create(["hearing", "fill", "--company", company, "--date", "2026-11-20", "--answers", answers.path])
        for laptop in [sato, suzuki, kanri] { try laptop.succeed(["sync"]) }

        // Offline: sato corrects the sales, suzuki the employees (merged); both the vision (a conflict).
        func correct(_ laptop: LaptopProcess, _ json: String) throws {
            let file = laptop.home.url.appendingPathComponent("correction.json")
            try Data(json.utf8).write(to: file)
            try laptop.succeed(["hearing", "edit", sheet, "--answers", file.path])
        }
        try correct(sato, #"{"sales": 125000000, "managementVision": "品質第一で100年企業を目指す"}"#)
        try correct(suzuki, #"{"employees": 17, "managementVision": "地域とともに成長する"}"#)
        // A correction that leaves the answers invalid is refused and changes nothing.
        let invalid = suzuki.home.url.appendingPathComponent("invalid.json")
        try Data(#"{"sales": "たくさん"}"#.utf8).write(to: invalid)
        #expect(try suzuki.run(["hearing", "edit", sheet, "--answers", invalid.path]).status == 2)
        try sato.succeed(["hearing", "submit", sheet])
        for laptop in [sato, suzuki, sato, kanri] { try laptop.succeed(["sync"]) }

        let key = EntityKey(.hearingSheet, RecordID(rawValue: sheet))
        let merged = try #require(try kanri.records()[key])
        #expect(merged.visibleValues["answer.sales"] == 125_000_000 && merged.visibleValues["answer.employees"] == 17)
        let waiting = try queue(kanri)
        #expect(waiting.map(\.id.rawValue) == [sheet])
        #expect(waiting.first?.conflicts == ["answer.managementVision"])

        try kanri.succeed(["review", "resolve", sheet, "answer.managementVision", "--value", "地域とともに、品質第一で100年企業を目指す"])
        try kanri.succeed(["review", "approve", sheet])
        for laptop in [kanri, sato, suzuki] { try laptop.succeed(["sync"]) }
        let settled = try kanri.records()
        #expect(try sato.records() == settled && suzuki.records() == settled)
        #expect(settled[key]?.visibleValues["reviewState"] == "approved")
        #expect(settled[key]?.visibleValues["answer.managementVision"] == "地域とともに、品質第一で100年企業を目指す")
        #expect(try queue(kanri).isEmpty)
    }
}
