import FieldVisitCore
import FieldVisitProtocol
import Foundation
import Testing
@testable import FieldVisitClient

/// The review commands on one laptop, without a server: submitting, the queue, approving,
/// returning, and resolving conflicts made by a colleague's change applied to the store.
@Suite struct ReviewTests {
    static let colleagueReplica = ReplicaID(UUID(uuidString: "0c000000-0000-4000-8000-00000000000c")!)
    let temporary = TemporaryHome()
    var fieldvisit: FieldVisitProcess { FieldVisitProcess(home: temporary.url) }

    func store() throws -> LocalStore { try LocalStore.open(home: temporary.home) }

    /// A store of 佐藤 with a company of branch morioka and one visit; returns the visit's id.
    func prepare() throws -> (company: String, visit: String) {
        try fieldvisit.succeed(["init", "--user", "佐藤"])
        let company = try fieldvisit.succeed(["company", "add", "--name", "株式会社カワムラ", "--branch", "morioka"]).lines[0]
        let visit = try fieldvisit.succeed([
            "visit", "record", "--company", company, "--date", "2024-05-14", "--purpose", "pushTypeInterview", "--notes", "社長と面談。",
        ]).lines[0]
        return (company, visit)
    }

    func queue(_ arguments: [String] = []) throws -> [ReviewItem] {
        let run = try fieldvisit.succeed(["review", "queue", "--json"] + arguments)
        return try JSONDecoder().decode([ReviewItem].self, from: Data(run.output.utf8))
    }

    /// A colleague's replica that has received everything in the store, then writes `edits`
    /// concurrently with whatever the laptop does next; the change set is returned unapplied.
    func colleagueChange(_ edits: (EntityKey) -> [Edit], visit: String, now: Int64) throws -> ChangeSet {
        let store = try store()
        var colleague = Replica(id: Self.colleagueReplica, schema: .fieldVisit)
        for change in try allChangeSets(store) { try colleague.apply(change) }
        return try colleague.commit(edits(EntityKey(.visit, RecordID(rawValue: visit))), author: "suzuki", now: now)
    }

    func allChangeSets(_ store: LocalStore) throws -> [ChangeSet] {
        try store.read { db in
            try String.fetchAll(db, sql: "SELECT body FROM change_set ORDER BY seq").map { try ChangeSetReader.read(Data($0.utf8)) }
        }
    }

    @Test("submit puts a visit in the queue; approve takes it out; a later edit brings it back with exactly the changed fields; return shows the comment")
    func submitApproveChangeReturn() throws {
        let (_, visit) = try prepare()
        #expect(try queue().isEmpty)
        #expect(try fieldvisit.succeed(["review", "queue"]).output.contains("(none)"))

        try fieldvisit.succeed(["visit", "submit", String(visit.prefix(8))])
        let submitted = try queue()
        #expect(submitted.map(\.id.rawValue) == [visit])
        #expect(submitted.first?.submitted == true && submitted.first?.companyName == "株式会社カワムラ" && submitted.first?.staff == ["佐藤"])
        let table = try fieldvisit.succeed(["review", "queue"]).output
        #expect(table.contains("提出済み") && table.contains("訪問記録") && table.contains(String(visit.prefix(8))))
        #expect(try fieldvisit.succeed(["visit", "submit", visit]).output.contains("already submitted"))

        try fieldvisit.succeed(["review", "approve", visit, "--comment", "確認しました"])
        #expect(try queue().isEmpty)
        let key = EntityKey(.visit, RecordID(rawValue: visit))
        let approval = try #require(try store().history(of: key).last)
        #expect(approval.operations.contains { if case .approve = $0 { true } else { false } })
        #expect(try store().state(of: key)?.visibleValues["reviewState"] == "approved")

        try fieldvisit.succeed(["visit", "edit", visit, "--goals", "設備更新の見積りを取る", "--next-visit", "2024-06-01"])
        let changed = try queue()
        #expect(changed.count == 1)
        #expect(changed.first?.changedSinceApproval == ["nextVisitDate", "shortTermGoals"])
        #expect(changed.first?.submitted == false)
        let reasons = try fieldvisit.succeed(["review", "queue"]).output
        #expect(reasons.contains("承認後に変更: 短期目標、次回訪問予定日") || reasons.contains("承認後に変更: 次回訪問予定日、短期目標"), "\(reasons)")

        // Returning needs a reason; without one nothing changes.
        let before = try store().logCounts().total
        #expect(try fieldvisit.run(["review", "return", visit]).status == 2)
        #expect(try fieldvisit.run(["review", "return", visit, "--comment", "  "]).status == 2)
        #expect(try store().logCounts().total == before)

        try fieldvisit.succeed(["review", "return", visit, "--comment", "次回訪問日の根拠を面談内容に書いてください"])
        let shown = try fieldvisit.succeed(["visit", "show", visit]).output
        #expect(shown.contains("差戻し") && shown.contains("次回訪問日の根拠を面談内容に書いてください"))
        let returned = try fieldvisit.succeed(["visit", "list", "--review-state", "returned"]).output
        #expect(returned.contains(String(visit.prefix(8))))
        #expect(try fieldvisit.succeed(["visit", "list", "--review-state", "approved"]).output.contains("(none)"))
        let status = try JSONSerialization.jsonObject(with: Data(try fieldvisit.succeed(["status", "--json"]).output.utf8)) as? [String: Any]
        #expect(status?["returned"] as? [String] == ["visit/\(visit)"])

        // A re-approval makes the changed fields part of the approved version.
        try fieldvisit.succeed(["visit", "submit", visit])
        try fieldvisit.succeed(["review", "approve", visit])
        #expect(try queue().isEmpty)
        #expect(try store().state(of: key)?.visibleValues["reviewComment"] == nil, "an approval without a comment clears the return's comment")
    }

    @Test("a concurrent edit shows as a conflict with both authors; resolve --choose 2 replaces both, and the history shows it")
    func resolveByChoice() throws {
        let (_, visit) = try prepare()
        let key = EntityKey(.visit, RecordID(rawValue: visit))
        let theirs = try colleagueChange({ [.set($0, field: "notes", value: "社長と面談。設備更新は来春。")] }, visit: visit, now: LocalStore.now() + 1000)
        try fieldvisit.succeed(["visit", "edit", visit, "--notes", "社長と面談。資金繰りの相談あり。"])
        #expect(try store().apply(theirs) == .applied)

        let queued = try queue()
        #expect(queued.map(\.id.rawValue) == [visit] && queued.first?.conflicts == ["notes"])
        #expect(try fieldvisit.succeed(["review", "queue"]).output.contains("競合: 面談内容"))

        let shown = try fieldvisit.succeed(["review", "show", String(visit.prefix(8))]).output
        #expect(shown.contains("社長と面談。設備更新は来春。") && shown.contains("社長と面談。資金繰りの相談あり。"))
        #expect(shown.contains("suzuki") && shown.contains("佐藤") && shown.contains("[1]") && shown.contains("[2]"))
        #expect(shown.contains(String(Self.colleagueReplica.description.prefix(8))), "the device of each value is shown")
        let review = try JSONDecoder().decode(RecordReview.self, from: Data(try fieldvisit.succeed(["review", "show", visit, "--json"]).output.utf8))
        let notes = try #require(review.fields.first { $0.name == "notes" })
        let competing = try #require(notes.competing)
        #expect(Set(competing.map(\.author)) == ["佐藤", "suzuki"] && competing.map(\.number) == [1, 2])
        #expect(notes.history.count == 3)

        try fieldvisit.succeed(["review", "resolve", visit, "notes", "--choose", "2"])
        let store = try store()
        #expect(try store.conflicts().isEmpty)
        #expect(try queue().isEmpty)
        #expect(try store.state(of: key)?.visibleValues["notes"] == competing[1].value)
        let resolution = try #require(try store.history(of: key).last)
        #expect(resolution.author == "佐藤" && resolution.operations == [.set(key, field: "notes", value: competing[1].value)])
        #expect(competing.allSatisfy { resolution.dependencies.covers($0.change) }, "the resolution was made after seeing every value")
        let history = try store.fieldHistory(of: key, field: "notes")
        #expect(history.count == 4 && history.filter(\.current).map(\.change) == [resolution.dot])
        #expect(try fieldvisit.succeed(["history", visit]).output.contains("面談内容 = "))
    }

    @Test("resolve --value, --edit in $EDITOR and merge in the terminal; bad choices and fields change nothing")
    func resolveByValueEditAndMerge() throws {
        let (_, visit) = try prepare()
        let key = EntityKey(.visit, RecordID(rawValue: visit))
        func conflict(_ edits: [(String, String, String)]) throws {
            let theirs = try colleagueChange({ key in edits.map { .set(key, field: $0.0, value: .text($0.2)) } }, visit: visit, now: LocalStore.now() + 1000)
            var arguments = ["visit", "edit", visit]
            for (field, mine, _) in edits { arguments += [field == "notes" ? "--notes" : "--goals", mine] }
            try fieldvisit.succeed(arguments)
            try store().apply(theirs)
        }
        try conflict([("notes", "佐藤のメモ", "鈴木のメモ"), ("shortTermGoals", "佐藤の目標", "鈴木の目標")])
        #expect(try queue().first?.conflicts == ["notes", "shortTermGoals"])

        // Refusals: nothing is recorded.
        let before = try store().logCounts().total
        let unknown = try fieldvisit.run(["review", "resolve", visit, "nosuchfield", "--choose", "1"])
        #expect(unknown.status == 2 && unknown.error.contains("nosuchfield"))
        let outOfRange = try fieldvisit.run(["review", "resolve", visit, "notes", "--choose", "3"])
        #expect(outOfRange.status == 2 && outOfRange.error.contains("choose 1 to 2"))
        let notConflicted = try fieldvisit.run(["review", "resolve", visit, "date", "--choose", "1"])
        #expect(notConflicted.status == 2 && notConflicted.error.contains("not in conflict"))
        #expect(try fieldvisit.run(["review", "resolve", visit, "notes"]).status == 2)
        #expect(try fieldvisit.run(["review", "resolve", visit, "notes", "--choose", "1", "--value", "x"]).status == 2)
        #expect(try fieldvisit.run(["review", "approve", visit]).status == 2, "approval waits until conflicts are resolved")
        #expect(try fieldvisit.run(["review", "resolve", "ffffffff", "notes", "--choose", "1"]).status == 2)
        #expect(try store().logCounts().total == before)

        try fieldvisit.succeed(["review", "resolve", visit, "shortTermGoals", "--value", "二人で決めた目標"])
        #expect(try store().state(of: key)?.fields["shortTermGoals"]?.siblings.map(\.value) == ["二人で決めた目標"])

        // --edit: the editor sees both versions and saves a merged text.
        let editor = temporary.url.appendingPathComponent("editor.sh")
        try Data("""
            #!/bin/sh
            grep -q '鈴木のメモ' "$1" && grep -q '佐藤のメモ' "$1" || exit 3
            printf '#| a marker line stays out\\n佐藤と鈴木のメモ\\n' > "$1"

            """.utf8).write(to: editor)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: editor.path)
        let edited = try fieldvisit.run(["review", "resolve", visit, "notes", "--edit"], environment: ["EDITOR": editor.path, "VISUAL": ""])
        #expect(edited.status == 0, "\(edited.error)")
        #expect(try store().state(of: key)?.fields["notes"]?.siblings.map(\.value) == ["佐藤と鈴木のメモ"])
        #expect(try store().conflicts().isEmpty)

        // merge: an invalid answer is asked again, a number chooses, v types a value.
        try conflict([("notes", "佐藤の二回目", "鈴木の二回目"), ("shortTermGoals", "佐藤の目標2", "鈴木の目標2")])
        let competing = try store().conflict(of: key, field: "notes").siblings
        let merged = try fieldvisit.succeed(["review", "merge", visit], input: "9\n2\nv\n合意した目標\n")
        #expect(merged.output.contains("面談内容") && merged.output.contains("鈴木の二回目") && merged.output.contains("✗"))
        let state = try #require(try store().state(of: key))
        #expect(state.fields["notes"]?.siblings.map(\.value) == [competing[1].value])
        #expect(state.fields["shortTermGoals"]?.siblings.map(\.value) == ["合意した目標"])
        #expect(try store().conflicts().isEmpty)

        // Skipping leaves the conflict; the end of input stops.
        try conflict([("notes", "佐藤の三回目", "鈴木の三回目")])
        let skipped = try fieldvisit.succeed(["review", "merge", visit], input: "s\n")
        #expect(skipped.output.contains("nothing resolved"))
        #expect(try store().conflicts().count == 1)
    }

    @Test("field staff are refused approve, return, resolve and merge; a manager sees only their branches' records")
    func rolesAndScope() throws {
        let (_, visit) = try prepare()
        let other = try fieldvisit.succeed(["company", "add", "--name", "宮古水産株式会社", "--branch", "miyako"]).lines[0]
        let elsewhere = try fieldvisit.succeed(["visit", "record", "--company", other, "--date", "2024-05-01", "--purpose", "companyVisit"]).lines[0]
        try fieldvisit.succeed(["visit", "submit", visit])
        try fieldvisit.succeed(["visit", "submit", elsewhere])
        // Not logged in: every record, oldest first.
        #expect(try queue().map(\.id.rawValue) == [elsewhere, visit])
        #expect(try queue(["--branch", "morioka"]).map(\.id.rawValue) == [visit])
        #expect(try queue(["--from", "2024-05-10"]).map(\.id.rawValue) == [visit])
        #expect(try queue(["--to", "2024-05-10"]).map(\.id.rawValue) == [elsewhere])
        #expect(try queue(["--type", "hearingSheet"]).isEmpty)
        #expect(try queue(["--staff", "鈴木"]).isEmpty)
        #expect(try fieldvisit.run(["review", "queue", "--type", "meeting"]).status == 2)

        let store = try store()
        let field = SyncSettings(server: "https://sync.example.jp", user: "佐藤", device: "dev-1", deviceName: "ノート1", role: .field,
                                 branches: ["morioka"], loggedInAt: 1_715_000_000_000)
        try store.saveLogin(field, token: "token", serverCA: nil)
        let before = try store.logCounts().total
        for arguments in [
            ["review", "approve", visit], ["review", "return", visit, "--comment", "直してください"],
            ["review", "resolve", visit, "notes", "--value", "x"], ["review", "merge", visit],
        ] {
            let refused = try fieldvisit.run(arguments)
            #expect(refused.status == 2, "\(arguments)")
            #expect(refused.error.contains("field staff"), "\(refused.error)")
        }
        #expect(throws: ReviewError.notAReviewer(user: "佐藤")) { try store.approve(EntityKey(.visit, RecordID(rawValue: visit))) }
        #expect(try store.logCounts().total == before)

        var manager = field
        manager.role = .manager
        try store.saveLogin(manager, token: "token", serverCA: nil)
        #expect(try queue().map(\.id.rawValue) == [visit], "only the manager's branch")
        try fieldvisit.succeed(["review", "approve", visit])
        #expect(try queue().isEmpty)
    }

    @Test("hearing sheets are submitted and show their review state and comment")
    func hearingSheetReview() throws {
        let (company, _) = try prepare()
        let answers = temporary.url.appendingPathComponent("hearing.json")
        try FormFixtures.json(FormFixtures.completeHearingSheetV2).write(to: answers)
        let sheet = try fieldvisit.succeed(["hearing", "fill", "--company", company, "--answers", answers.path]).lines[0]
        try fieldvisit.succeed(["hearing", "submit", sheet])
        #expect(try queue(["--type", "hearingSheet"]).map(\.id.rawValue) == [sheet])
        try fieldvisit.succeed(["review", "return", String(sheet.prefix(8)), "--comment", "決算書の数値を確認してください"])
        let shown = try fieldvisit.succeed(["hearing", "show", sheet]).output
        #expect(shown.contains("差戻し") && shown.contains("決算書の数値を確認してください"))
        #expect(try fieldvisit.run(["review", "approve", company]).status == 2, "a company is not approved")
    }
}
