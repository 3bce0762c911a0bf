import FieldVisitCore
import Foundation
import Testing

/// `fieldvisit --help` and ArgumentParser's parse errors in Japanese under `--lang ja` or
/// a Japanese locale, English otherwise; the exit codes the same in both.
@Suite struct HelpScreenTests {
    @Test("the top-level help in Japanese and in English")
    func topLevelHelp() throws {
        let japanese = try FieldVisitExecutable.run(["--lang", "ja", "--help"])
        let english = try FieldVisitExecutable.run(["--help"])
        #expect(japanese.status == 0 && english.status == 0)
        #expect(japanese.standardOutput.hasPrefix("概要：企業訪問、ヒアリングシート、事業承継診断をオフラインで記録し、\n事務所と同期します。\n"))
        for text in ["データの保存先は --home DIR、なければ $FIELDVISIT_HOME、", "終了コード：0 成功、1 失敗、2 使い方または入力の誤り。",
                     "使い方：fieldvisit <subcommand>", "オプション：", "バージョンを表示します。", "ヘルプを表示します。", "サブコマンド：",
                     "企業の追加、変更、表示、一覧、検索を行います。", "サブコマンドの詳しい説明は fieldvisit help <subcommand> で表示します。"] {
            #expect(japanese.standardOutput.contains(text), "\(text)")
        }
        #expect(english.standardOutput.hasPrefix("OVERVIEW: Record company visits, hearing sheets and succession diagnoses"))
        for text in ["USAGE: fieldvisit <subcommand>", "OPTIONS:", "Show the version.", "Show help information.", "SUBCOMMANDS:",
                     "Add, edit, show, list and search companies.", "See 'fieldvisit help <subcommand>' for detailed help."] {
            #expect(english.standardOutput.contains(text), "\(text)")
        }
    }

    @Test("a subcommand's help in Japanese, by --lang, by the locale and through `help`; lines fit 80 columns")
    func subcommandHelp() throws {
        let japanese = try FieldVisitExecutable.run(["--lang", "ja", "company", "add", "--help"])
        #expect(japanese.status == 0)
        for text in ["概要：企業を追加します。", "商号・屋号。", "法人格：", "従業員数。", "データの保存先（既定：$FIELDVISIT_HOME、"] {
            #expect(japanese.standardOutput.contains(text), "\(text)")
        }
        for line in japanese.standardOutput.split(separator: "\n") {
            #expect(DisplayWidth.width(of: line) <= 80, "\(line)")
        }
        let byLocale = try FieldVisitExecutable.run(["company", "add", "--help"], environment: ["FIELDVISIT_LANG": "", "LC_ALL": "ja_JP.UTF-8"])
        #expect(byLocale.standardOutput == japanese.standardOutput)
        let throughHelp = try FieldVisitExecutable.run(["help", "company", "add"], environment: ["FIELDVISIT_LANG": "ja"])
        #expect(throughHelp.status == 0 && throughHelp.standardOutput == japanese.standardOutput)
        let english = try FieldVisitExecutable.run(["company", "add", "--help"])
        #expect(english.standardOutput.contains("OVERVIEW: Add a company.") && english.standardOutput.contains("Trade name (商号・屋号)."))
    }

    @Test("parse errors in Japanese, with the exit codes of the English")
    func parseErrors() throws {
        let cases: [(arguments: [String], japanese: String, english: String)] = [
            (["visit", "show"], "fieldvisit: エラー：<id> を指定してください", "fieldvisit: Error: Missing expected argument '<id>'"),
            (["company", "list", "--bogus"], "エラー：--bogus というオプションはありません", "Error: Unknown option '--bogus'"),
            (["status", "extra"], "エラー：余分な引数「extra」があります。取り除いてください", "Error: Unexpected argument 'extra'"),
            (["visit", "list", "--company"], "エラー：--company の後に値 <company> を指定してください", "Error: Missing value for '--company <company>'"),
            (["export", "--format", "xml"], "エラー：「xml」は --format <format> の値として使えません。csv、json のいずれかを指定してください。",
             "Error: The value 'xml' is invalid for '--format <format>'. Please provide one of 'csv' and 'json'."),
        ]
        for (arguments, japaneseText, englishText) in cases {
            let japanese = try FieldVisitExecutable.run(["--lang", "ja"] + arguments)
            let english = try FieldVisitExecutable.run(arguments)
            #expect(japanese.status == english.status && japanese.status == 2, "\(arguments)")
            #expect(japanese.standardError.contains(japaneseText), "\(japanese.standardError)")
            #expect(japanese.standardError.contains("使い方：fieldvisit " + arguments[0]), "\(japanese.standardError)")
            #expect(english.standardError.contains(englishText), "\(english.standardError)")
            #expect(english.standardError.contains("Usage: fieldvisit " + arguments[0]))
        }
    }

    @Test("ArgumentParser's words rewritten only in Japanese; a long Japanese line wrapped after punctuation")
    func rewriting() {
        let screen = "Error: Unknown option '--x'. Did you mean '--y'?\nUsage: fieldvisit status\n  See 'fieldvisit status --help' for more information."
        #expect(CommandLineScreen.localized(screen, in: .english) == screen)
        #expect(CommandLineScreen.localized(screen, in: .japanese)
            == "エラー：--x というオプションはありません。--y のことですか？\n使い方：fieldvisit status\n  詳しい説明は fieldvisit status --help で表示します。")
        let line = "  --name <name>           " + String(repeating: "企業の名前、", count: 12)
        let wrapped = CommandLineScreen.localized(line, in: .japanese).split(separator: "\n")
        #expect(wrapped.count > 1 && wrapped.dropFirst().allSatisfy { $0.hasPrefix(String(repeating: " ", count: 26)) && $0.hasSuffix("、") })
        #expect(wrapped.allSatisfy { DisplayWidth.width(of: $0) <= 80 })
    }
}

