import Foundation
import Testing

/// `fieldvisit-server`'s administration commands speak Japanese under a Japanese locale
/// or `--lang ja`: their help, ArgumentParser's own words, confirmations and listings'
/// headings. Codes, names and exit codes are the same in either language.
@Suite struct AdminCommandLanguageTests {
    let data = TemporaryDirectory()

    func admin(_ arguments: [String], input: String = "", language: String) throws -> BuiltProgram.Run {
        try BuiltProgram.server.run(arguments + ["--data-dir", data.url.path], input: input, environment: ["FIELDVISIT_LANG": language])
    }

    @Test("adding a branch and a user, and listing the users, in Japanese and in English")
    func addAndList() throws {
        let branch = try admin(["branch", "add", "MORIOKA", "--name", "盛岡支店"], language: "ja")
        #expect(branch.status == 0 && branch.output == "支所 MORIOKA（盛岡支店）を追加しました\n")
        let user = try admin(["user", "add", "suzuki", "--role", "field", "--branch", "MORIOKA", "--password-stdin"], input: "password-suzuki\n",
                             language: "ja")
        #expect(user.status == 0 && user.output == "MORIOKA の担当者 suzuki を追加しました\n", "\(user.error)")
        let english = try admin(["user", "add", "tanaka", "--role", "admin", "--password-stdin"], input: "password-tanaka\n", language: "en")
        #expect(english.status == 0 && english.output == "Added システム管理者 tanaka\n")

        let japanese = try admin(["user", "list"], language: "ja")
        #expect(japanese.status == 0)
        #expect(japanese.lines.first?.split(separator: " ") == ["利用者", "役割", "支所", "状態"])
        #expect(japanese.lines.contains { $0.split(separator: " ") == ["suzuki", "field", "MORIOKA"] })
        let listed = try admin(["user", "list"], language: "en")
        #expect(listed.lines.first?.split(separator: " ") == ["user", "role", "branches", "state"])
        // Under LANG, as under --lang.
        let byLocale = try BuiltProgram.server.run(["user", "list", "--data-dir", data.url.path], environment: ["FIELDVISIT_LANG": "", "LANG": "ja_JP.UTF-8"])
        let byOption = try BuiltProgram.server.run(["--lang", "ja", "user", "list", "--data-dir", data.url.path])
        #expect(byLocale.output == japanese.output && byOption.output == japanese.output)

        let verified = try admin(["audit", "verify"], language: "ja")
        #expect(verified.status == 0 && verified.output.contains("件の項目がつながっています。先頭："), "\(verified.output)")
        let backup = data.url.appendingPathComponent("copy.sqlite").path
        let backedUp = try admin(["backup", "--output", backup], language: "ja")
        #expect(backedUp.status == 0 && backedUp.lines.first == "\(backup) にバックアップしました", "\(backedUp.error)")
        #expect(backedUp.lines.contains("変更の記録：0 件（最後の通し番号 0）") && backedUp.output.contains(" バイト)"))
    }

    @Test("a refusal and a parse error in Japanese, with the exit code of the English")
    func refusals() throws {
        let japanese = try admin(["user", "add", "sato", "--role", "field", "--password-stdin"], input: "password-sato\n", language: "ja")
        let english = try admin(["user", "add", "sato", "--role", "field", "--password-stdin"], input: "password-sato\n", language: "en")
        #expect(japanese.status == 2 && english.status == 2)
        #expect(japanese.error.contains("担当者と管理者には --branch で支所を一つ以上指定してください"))
        #expect(english.error.contains("give field staff and managers at least one --branch"))
        // The storage's refusals: a branch twice, an unknown branch, a bad branch code, a short password.
        _ = try admin(["branch", "add", "morioka", "--name", "盛岡支店"], language: "en")
        let twice = try admin(["branch", "add", "morioka", "--name", "盛岡支店"], language: "ja")
        #expect(twice.status != 0 && twice.error.contains("支所 morioka はすでにあります"), "\(twice.error)")
        let twiceInEnglish = try admin(["branch", "add", "morioka", "--name", "盛岡支店"], language: "en")
        #expect(twiceInEnglish.status == twice.status && twiceInEnglish.error.contains("branch morioka exists already"))
        let unknown = try admin(["user", "add", "ito", "--role", "field", "--branch", "miyako", "--password-stdin"], input: "password-ito\n", language: "ja")
        #expect(unknown.error.contains("支所 miyako はありません。fieldvisit-server branch list で一覧を確かめてください"), "\(unknown.error)")
        let code = try admin(["branch", "add", "盛岡", "--name", "盛岡支店"], language: "ja")
        #expect(code.error.contains("支所のコードは半角英数字・-・_ の 1〜32 文字です。盛岡 は使えません"), "\(code.error)")
        let existing = data.url.appendingPathComponent("existing.sqlite").path
        #expect(FileManager.default.createFile(atPath: existing, contents: Data("x".utf8)))
        let backup = try admin(["backup", "--output", existing], language: "ja")
        #expect(backup.status != 0 && backup.error.contains("\(existing) はすでにあります。--output で別のファイル名を指定するか、置き換えるなら --force を付けてください"),
                "\(backup.error)")
        let short = try admin(["user", "add", "ito", "--role", "field", "--branch", "morioka", "--password-stdin"], input: "abc\n", language: "ja")
        #expect(short.status != 0 && short.error.contains("パスワードは") && short.error.contains("文字以上（1024 バイトまで）にしてください"), "\(short.error)")

        let missing = try admin(["user", "add", "--role", "field"], language: "ja")
        let missingInEnglish = try admin(["user", "add", "--role", "field"], language: "en")
        #expect(missing.status == missingInEnglish.status && missing.status == 2)
        #expect(missing.error.contains("エラー：<name> を指定してください"))
        #expect(missing.error.contains("詳しい説明は fieldvisit-server user add --help で表示します。"))
        #expect(missingInEnglish.error.contains("Error: Missing expected argument '<name>'"))

        let role = try admin(["user", "add", "sato", "--role", "boss"], language: "ja")
        #expect(role.status == 2 && role.error.contains("「boss」は --role <role> の値として使えません。field、manager、admin のいずれかを指定してください。"))
    }

    @Test("the help of an administration command in Japanese and in English")
    func help() throws {
        let japanese = try BuiltProgram.server.run(["--lang", "ja", "user", "add", "--help"])
        let english = try BuiltProgram.server.run(["user", "add", "--help"])
        #expect(japanese.status == 0 && english.status == 0)
        #expect(japanese.output.hasPrefix("概要：利用者を追加します。パスワードは画面で尋ねるか、標準入力から読み取ります。\n"))
        for line in ["使い方：fieldvisit-server user add", "引数：", "オプション：", "職員がログインに使う利用者名。", "--role <role>",
                     "field（担当者）、manager（管理者）\n", "ヘルプを表示します。"] {
            #expect(japanese.output.contains(line), "\(line)")
        }
        #expect(english.output.hasPrefix("OVERVIEW: Add a user; the password is asked at a prompt or read from standard"))
        #expect(english.output.contains("The user name staff log in with"))
        #expect(english.output.contains("Show help information."))
        let root = try BuiltProgram.server.run(["--help"], environment: ["FIELDVISIT_LANG": "ja"])
        #expect(root.output.contains("サブコマンド：") && root.output.contains("サブコマンドの詳しい説明は fieldvisit-server help <subcommand> で表示します。"))
        #expect(root.output.contains("HTTPS で端末と同期します。"))
    }
}
