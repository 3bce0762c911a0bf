import FieldVisitCore
import Foundation
import Testing
@testable import FieldVisitClient

/// The client's messages: one catalogue, every message in both languages with the same
/// placeholders, the language chosen as the locale says, and screens that read as staff
/// expect in each.
@Suite struct MessageCatalogTests {
    @Test("the language: --lang, then FIELDVISIT_LANG, then LC_ALL, LC_MESSAGES and LANG; anything but ja is English")
    func languageChoice() throws {
        #expect(try Language.choose(option: nil, environment: [:]) == .english)
        #expect(try Language.choose(option: nil, environment: ["LANG": "ja_JP.UTF-8"]) == .japanese)
        #expect(try Language.choose(option: nil, environment: ["LANG": "ja_JP.UTF-8", "LC_MESSAGES": "C"]) == .english)
        #expect(try Language.choose(option: nil, environment: ["LANG": "C", "LC_ALL": "ja_JP.eucJP"]) == .japanese)
        #expect(try Language.choose(option: nil, environment: ["LC_ALL": "ja_JP.UTF-8", "FIELDVISIT_LANG": "en"]) == .english)
        #expect(try Language.choose(option: "ja", environment: ["FIELDVISIT_LANG": "en"]) == .japanese)
        #expect(throws: LanguageChoiceError.self) { try Language.choose(option: "fr", environment: [:]) }
        #expect(throws: LanguageChoiceError.self) { try Language.choose(option: nil, environment: ["FIELDVISIT_LANG": "日本語"]) }
        // Whatever the environment holds is quoted short.
        #expect(throws: LanguageChoiceError.self) { try Language.choose(option: nil, environment: ["FIELDVISIT_LANG": String(repeating: "x", count: 100_000)]) }
        do { _ = try Language.choose(option: nil, environment: ["FIELDVISIT_LANG": String(repeating: "x", count: 100_000)]) } catch {
            #expect(error.description == "FIELDVISIT_LANG \(String(repeating: "x", count: 40))… is not a language FieldVisit speaks; use ja (日本語) or en (English)")
        }
    }

    @Test("the retry notice in each language, the server's words cut short and made inert")
    func retryNotice() {
        let notice = RetryPolicy.Notice(failedAttempt: 1, attempts: 5, delay: .milliseconds(1_500), reason: "connection refused")
        #expect(ConnectionMessage.retrying.text(["reason": "connection refused", "seconds": "1.5", "attempt": "2", "attempts": "5"], in: .japanese)
                == "サーバーから応答がありません（connection refused）。1.5 秒後にもう一度試します（2 / 5 回目）")
        // The test process speaks English: nothing here sets Language.current.
        #expect(notice.description == "no answer from the server (connection refused); trying again in 1.5 s (attempt 2 of 5)")
        let hostile = RetryPolicy.Notice(failedAttempt: 0, attempts: 3, delay: .seconds(1), reason: "\u{1B}[2J\u{1B}]0;owned\u{07}" + String(repeating: "あ", count: 10_000))
        #expect(!hostile.description.contains("\u{1B}") && !hostile.description.contains("\u{07}"))
        #expect(hostile.description.count < 300)
    }

    @Test("placeholders are filled in either language")
    func texts() {
        #expect(SyncMessage.syncPushed.text(["count": "2"], in: .japanese) == "送信: 2 件")
        #expect(SyncMessage.syncPushed.text(["count": "2"], in: .english) == "pushed: 2 change sets")
        #expect(FormMessage.formRequired.text(["label": "直近期の決算期末日"], in: .japanese) == "「直近期の決算期末日」は必須です。回答を入力してください")
    }
}

/// The field client's screens under a Japanese locale, against the English ones.
@Suite struct JapaneseScreenTests {
    let temporary = TemporaryHome()
    let home: [String]

    init() throws {
        _ = try FormFixtures.storeWithCompany(in: temporary)
        home = ["--home", temporary.url.path]
    }

    @Test("a form prompt and its refusals in Japanese under LANG=ja_JP.UTF-8 or --lang ja; English otherwise; codes unchanged")
    func formPromptAndRefusal() throws {
        // Enter takes the suggested birth year and date; an empty line at the method of
        // the diagnosis (required, nothing to suggest) is refused; then the input ends.
        let input = "\n\n\n"
        let japanese = try FieldVisitExecutable.run(["succession", "diagnose", "--company", "c0a1"] + home, input: input,
                                                    environment: ["FIELDVISIT_LANG": "", "LANG": "ja_JP.UTF-8"])
        #expect(japanese.status == 2)
        #expect(japanese.standardError.contains("質問に答えて Enter キーを押してください。"))
        #expect(japanese.standardError.contains("[西暦（例: 1956）または和暦（例: 昭和31年）／Enter で 1957]"))
        #expect(japanese.standardError.contains("✗ 「診断の方法」は必須です。回答を入力してください"))
        #expect(japanese.standardError.contains("takenBy: 「診断の方法」に答える前に入力が終わりました。何も保存していません。"))
        let option = try FieldVisitExecutable.run(["--lang", "ja", "succession", "diagnose", "--company", "c0a1"] + home, input: input)
        #expect(option.standardError == japanese.standardError && option.status == 2)
        let english = try FieldVisitExecutable.run(["succession", "diagnose", "--company", "c0a1"] + home, input: input)
        #expect(english.standardError.contains("Answer each question and press Enter."))
        #expect(english.standardError.contains("✗ 「診断の方法」 must be answered; type an answer"))
        #expect(english.standardError.contains("takenBy: the input ended before 「診断の方法」 was answered; nothing was stored."))
        let refused = try FieldVisitExecutable.run(["--lang", "fr", "status"] + home)
        #expect(refused.status == 2 && refused.standardError.contains("--lang fr is not a language FieldVisit speaks; use ja (日本語) or en (English)"))
    }

    @Test("status in Japanese, and in English; the JSON the same in both")
    func status() throws {
        let japanese = try FieldVisitExecutable.run(["status"] + home, environment: ["FIELDVISIT_LANG": "ja"])
        #expect(japanese.status == 0)
        // Labels and values line up whatever the width of their characters.
        #expect(japanese.hasRow("送信待ち", "1") && japanese.hasRow("差し戻された記録", "0") && japanese.hasRow("最後の同期", "まだ同期していません"))
        #expect(japanese.standardOutput.contains("ログインしていません（fieldvisit login でログインしてください）"))
        let columns = Set(japanese.standardOutput.split(separator: "\n").map { line in
            line.prefix { $0 != " " }.map { $0.isASCII ? 1 : 2 }.reduce(0, +) + line.drop { $0 != " " }.prefix { $0 == " " }.count
        })
        #expect(columns.count == 1, "the values start in one column: \(columns)")
        let english = try FieldVisitExecutable.run(["status"] + home)
        #expect(english.standardOutput.contains("waiting to be pushed") && english.standardOutput.contains("not logged in (fieldvisit login)"))
        let json = try FieldVisitExecutable.run(["status", "--json"] + home, environment: ["FIELDVISIT_LANG": "ja"]).standardOutput
        #expect(json == (try FieldVisitExecutable.run(["status", "--json"] + home).standardOutput))
    }

    @Test("a refusal with what to do next, in Japanese: sync before login; the exit code the same in both")
    func refusalWithHint() throws {
        let japanese = try FieldVisitExecutable.run(["sync"] + home, environment: ["FIELDVISIT_LANG": "ja"])
        let english = try FieldVisitExecutable.run(["sync"] + home)
        #expect(japanese.status == english.status && japanese.status != 0)
        #expect(japanese.standardError.contains("この端末は同期サーバーにログインしていません（データの保存先 "))
        #expect(japanese.standardError.contains("先に fieldvisit login --server URL --user 利用者名 を実行してください"))
        #expect(english.standardError.contains("this laptop is not logged in to a sync server"))
    }
}
