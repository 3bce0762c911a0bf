import FieldVisitCore
import Foundation
import Testing
@testable import FieldVisitClient

/// Recording companies and visits and reviewing them, under a Japanese locale beside
/// English: the confirmations, the listings and the refusals with what to do next; the
/// exit codes the same in both.
@Suite struct RecordScreenTests {
    let temporary = TemporaryHome()
    var home: [String] { ["--home", temporary.url.path] }
    let japanese = ["FIELDVISIT_LANG": "ja"]

    @Test("init, company add, list and edit in Japanese and in English; a missing company refused in both with exit code 2")
    func companies() throws {
        let created = try FieldVisitExecutable.run(["init", "--user", "佐藤"] + home, environment: japanese)
        #expect(created.status == 0)
        let lines = created.standardOutput.split(separator: "\n").map(String.init)
        #expect(lines.count == 3 && lines[0] == "\(temporary.url.path) にデータを作成しました" && lines[1] == "利用者: 佐藤")
        #expect(lines.last?.hasPrefix("レプリカ: ") == true)
        let again = try FieldVisitExecutable.run(["init", "--user", "佐藤"] + home, environment: japanese)
        let againInEnglish = try FieldVisitExecutable.run(["init", "--user", "佐藤"] + home)
        #expect(again.status == 2 && againInEnglish.status == 2)
        #expect(again.standardError == "fieldvisit: \(temporary.url.path) には FieldVisit のデータがすでにあります。何も変更していません\n")
        #expect(againInEnglish.standardError == "fieldvisit: a FieldVisit store already exists in \(temporary.url.path); nothing was changed\n")

        #expect(try FieldVisitExecutable.run(["company", "list"] + home, environment: japanese).standardOutput == "（なし）\n")
        #expect(try FieldVisitExecutable.run(["company", "list"] + home).standardOutput == "(none)\n")

        let added = try FieldVisitExecutable.run(["company", "add", "--name", "株式会社カワムラ精工", "--kana", "カワムラセイコウ"] + home, environment: japanese)
        #expect(added.status == 0)
        let id = added.firstLine
        #expect(id.count == 36, "the new company's id, as a script reads it: \(added.standardOutput)")
        let list = try FieldVisitExecutable.run(["company", "list"] + home, environment: japanese)
        #expect(list.hasRow("ID", "企業名", "フリガナ", "業種", "法人番号", "支所"))
        #expect(list.hasRow(String(id.prefix(8)), "株式会社カワムラ精工", "カワムラセイコウ"))
        #expect(try FieldVisitExecutable.run(["company", "list", "--json"] + home, environment: japanese).standardOutput
            == (try FieldVisitExecutable.run(["company", "list", "--json"] + home).standardOutput))

        let edited = try FieldVisitExecutable.run(["company", "edit", id, "--employees", "12"] + home, environment: japanese)
        #expect(edited.status == 0 && edited.standardOutput == "\(id): 1 件の変更を記録しました\n")
        let editedInEnglish = try FieldVisitExecutable.run(["company", "edit", id, "--employees", "13"] + home)
        #expect(editedInEnglish.status == 0 && editedInEnglish.standardOutput == "\(id): 1 change(s) recorded\n")
        #expect(try FieldVisitExecutable.run(["company", "edit", id, "--employees", "13"] + home, environment: japanese).standardOutput == "変更はありません\n")
        #expect(try FieldVisitExecutable.run(["company", "edit", id, "--employees", "13"] + home).standardOutput == "nothing changed\n")

        let missing = try FieldVisitExecutable.run(["company", "show", "zzzz"] + home, environment: japanese)
        let missingInEnglish = try FieldVisitExecutable.run(["company", "show", "zzzz"] + home)
        #expect(missing.status == 2 && missingInEnglish.status == 2)
        #expect(missing.standardError == "fieldvisit: ID が zzzz の企業はありません\n")
        #expect(missingInEnglish.standardError == "fieldvisit: no company with id zzzz\n")

        let lonely = try FieldVisitExecutable.run(["company", "edit", id, "--cohort-since", "2024-04-01"] + home, environment: japanese)
        #expect(lonely.status == 2 && lonely.standardError == "fieldvisit: --cohort-since は --cohort と一緒に指定してください\n")
        #expect(try FieldVisitExecutable.run(["company", "edit", id, "--cohort-since", "2024-04-01"] + home).standardError
            == "fieldvisit: --cohort-since goes with --cohort\n")
    }

    @Test("a visit recorded and submitted; a wrong company, purpose or element refused with what to type, in both languages")
    func visits() throws {
        _ = try FormFixtures.storeWithCompany(in: temporary)
        let recorded = try FieldVisitExecutable.run(
            ["visit", "record", "--company", "c0a1", "--purpose", "companyVisit", "--date", "2024-06-03"] + home, environment: japanese
        )
        #expect(recorded.status == 0)
        let visit = recorded.firstLine

        let noCompany = try FieldVisitExecutable.run(["visit", "record", "--company", "zzzz", "--purpose", "companyVisit"] + home, environment: japanese)
        let noCompanyInEnglish = try FieldVisitExecutable.run(["visit", "record", "--company", "zzzz", "--purpose", "companyVisit"] + home)
        #expect(noCompany.status == 2 && noCompanyInEnglish.status == 2)
        #expect(noCompany.standardError == "fieldvisit: ID が zzzz の企業はありません\n")
        #expect(noCompanyInEnglish.standardError == "fieldvisit: no company with id zzzz\n")

        let purpose = try FieldVisitExecutable.run(["visit", "list", "--purpose", "lunch"] + home, environment: japanese)
        let purposeInEnglish = try FieldVisitExecutable.run(["visit", "list", "--purpose", "lunch"] + home)
        #expect(purpose.status == 2 && purposeInEnglish.status == 2)
        #expect(purpose.standardError.hasPrefix("fieldvisit: purpose: 「lunch」という訪問目的はありません。次のどれかを指定してください：companyVisit"))
        #expect(purposeInEnglish.standardError.hasPrefix("fieldvisit: purpose: \"lunch\" is not a purpose; use one of: companyVisit"))

        let removal = try FieldVisitExecutable.run(["visit", "edit", visit, "--remove-issue", "sales"] + home, environment: japanese)
        let removalInEnglish = try FieldVisitExecutable.run(["visit", "edit", visit, "--remove-issue", "sales"] + home)
        #expect(removal.status == 2 && removalInEnglish.status == 2)
        #expect(removal.standardError.contains("sales は含まれていません"), "\(removal.standardError)")
        #expect(removalInEnglish.standardError.contains("does not contain sales"), "\(removalInEnglish.standardError)")

        let submitted = try FieldVisitExecutable.run(["visit", "submit", visit] + home, environment: japanese)
        #expect(submitted.status == 0 && submitted.standardOutput == "\(visit): 承認を受けるため提出しました（提出済み）\n")
        #expect(try FieldVisitExecutable.run(["visit", "submit", visit] + home, environment: japanese).standardOutput
            == "\(visit): すでに提出済みです。何も変更していません\n")
        #expect(try FieldVisitExecutable.run(["visit", "submit", visit] + home).standardOutput == "\(visit): already submitted; nothing changed\n")
    }

    @Test("the review queue, a refusal naming the field by its label, and an approval, in Japanese and in English")
    func review() throws {
        _ = try FormFixtures.storeWithCompany(in: temporary)
        let visit = try FieldVisitExecutable.run(
            ["visit", "record", "--company", "c0a1", "--purpose", "companyVisit", "--date", "2024-06-03"] + home
        ).firstLine
        _ = try FieldVisitExecutable.run(["visit", "submit", visit] + home)

        let queue = try FieldVisitExecutable.run(["review", "queue"] + home, environment: japanese)
        #expect(queue.status == 0)
        #expect(queue.hasRow("種類", "ID", "企業", "日付", "担当者", "理由"))
        #expect(queue.hasRow("訪問記録", String(visit.prefix(8)), "株式会社カワムラ精工", "2024-06-03", "佐藤", "提出済み"))

        let resolve = try FieldVisitExecutable.run(["review", "resolve", visit, "notes", "--choose", "1"] + home, environment: japanese)
        let resolveInEnglish = try FieldVisitExecutable.run(["review", "resolve", visit, "notes", "--choose", "1"] + home)
        #expect(resolve.status == 2 && resolveInEnglish.status == 2)
        #expect(resolve.standardError == "fieldvisit: 訪問記録 \(visit) の「面談内容」（notes）は競合していません。解消するものはありません（fieldvisit review show \(visit) で確認できます）\n")
        #expect(resolveInEnglish.standardError == "fieldvisit: notes of visit \(visit) is not in conflict; nothing to resolve (see `fieldvisit review show \(visit)`)\n")

        let returned = try FieldVisitExecutable.run(["review", "return", visit, "--comment", ""] + home, environment: japanese)
        let returnedInEnglish = try FieldVisitExecutable.run(["review", "return", visit, "--comment", ""] + home)
        #expect(returned.status == 2 && returnedInEnglish.status == 2)
        #expect(returned.standardError == "fieldvisit: 差し戻す理由を --comment 理由 で指定してください。何も変更していません\n")
        #expect(returnedInEnglish.standardError == "fieldvisit: give the reason for returning the record with --comment TEXT. Nothing was changed\n")

        let approved = try FieldVisitExecutable.run(["review", "approve", visit] + home, environment: japanese)
        #expect(approved.status == 0 && approved.standardOutput == "\(visit): 承認しました（承認済み）\n")
        #expect(try FieldVisitExecutable.run(["review", "queue"] + home, environment: japanese).standardOutput == "（なし）\n")
        #expect(try FieldVisitExecutable.run(["review", "queue"] + home).standardOutput == "(none)\n")
    }

    @Test("a form's answers file refused, and a correction that changes nothing, in Japanese and in English")
    func formAnswers() throws {
        _ = try FormFixtures.storeWithCompany(in: temporary)
        let answers = temporary.url.appendingPathComponent("answers.json")
        try FormFixtures.json(FormFixtures.completeHearingSheetV2).write(to: answers)
        let sheet = try FieldVisitExecutable.run(["hearing", "fill", "--company", "c0a1", "--answers", answers.path, "--date", "2024-06-01"] + home).firstLine

        let missing = temporary.url.appendingPathComponent("missing.json").path
        let refused = try FieldVisitExecutable.run(["hearing", "edit", sheet, "--answers", missing] + home, environment: japanese)
        let refusedInEnglish = try FieldVisitExecutable.run(["hearing", "edit", sheet, "--answers", missing] + home)
        #expect(refused.status == 2 && refusedInEnglish.status == 2)
        #expect(refused.standardError == "fieldvisit: 回答ファイル \(missing) を読めません（そのファイルはありません）。何も保存していません\n")
        #expect(refusedInEnglish.standardError == "fieldvisit: cannot read the answers file \(missing): there is no such file; nothing was stored\n")

        let unchanged = try FieldVisitExecutable.run(["hearing", "edit", sheet, "--answers", answers.path] + home, environment: japanese)
        #expect(unchanged.status == 0 && unchanged.firstLine == "変更はありません。回答は指定のとおりです。")
        #expect(try FieldVisitExecutable.run(["hearing", "edit", sheet, "--answers", answers.path] + home).firstLine
            == "Nothing changed: the answers are as given.")
    }

    @Test("messages of the store and of review name record types and fields by their Japanese labels")
    func naming() {
        #expect(StoreError.recordNotFound(type: "record", id: "ab").description == "no record with id ab")
        #expect(StoreMessage.typeName("record", in: .japanese) == "記録")
        #expect(StoreMessage.typeName("company", in: .japanese) == "企業" && StoreMessage.typeName("company", in: .english) == "company")
        #expect(ReviewMessage.field("notes", of: .visit, in: .japanese) == "「面談内容」（notes）")
        #expect(ReviewMessage.field("notes", of: .visit, in: .english) == "notes")
    }
}
