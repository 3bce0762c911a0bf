import FieldVisitClient
import FieldVisitCore
import Foundation
import Testing

/// Reports, imports and exports under `FIELDVISIT_LANG=ja` beside English: the messages
/// change language, the exit codes, CSV and JSON do not.
@Suite struct JapaneseTransferScreenTests {
    let temporary = TemporaryHome()
    let files = TemporaryHome()
    var fieldvisit: FieldVisitProcess { FieldVisitProcess(home: temporary.url) }

    static let japanese = ["FIELDVISIT_LANG": "ja"]

    /// Writes `text` to a file of the test and returns its path.
    func file(_ name: String, _ text: String) throws -> String {
        try FileManager.default.createDirectory(at: files.url, withIntermediateDirectories: true)
        let url = files.url.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url.path
    }

    /// A store with two companies imported (in Japanese) and a visit to one of them.
    func filledStore() throws {
        try fieldvisit.succeed(["init", "--user", "sato"])
        let companies = try file("companies.csv", "name,industry,branch\r\n株式会社ミヤギ,construction,morioka\r\n株式会社イワテ,小売業,morioka\r\n")
        let imported = try fieldvisit.run(["import", "companies", companies], environment: Self.japanese)
        #expect(imported.status == 0)
        #expect(imported.output == "\(companies)（UTF-8）を取り込みました。新規 2 件、更新 0 件、変更なし 0 件\n")
        let listed = try JSONSerialization.jsonObject(with: Data(try fieldvisit.succeed(["company", "list", "--json"]).output.utf8)) as? [[String: Any]]
        let company = try #require(listed?.first?["id"] as? String)
        try fieldvisit.succeed(["visit", "record", "--company", company, "--purpose", "companyVisit", "--date", "2024-06-03"])
    }

    @Test("an import refusal names the line and the column in Japanese, says what to do, and exits 2 as in English")
    func importRefusal() throws {
        try filledStore()
        let bad = try file("bad.csv", "name,industry\r\n株式会社アキタ,services\r\n株式会社アオモリ,spaceTravel\r\n")
        let japanese = try fieldvisit.run(["import", "companies", bad], environment: Self.japanese)
        let english = try fieldvisit.run(["import", "companies", bad])
        #expect(japanese.status == 2 && english.status == 2)
        #expect(japanese.error.contains("fieldvisit: \(bad) からは何も取り込んでいません。1 行に問題があります。直してから、もう一度取り込んでください。\n"))
        #expect(japanese.error.contains("3 行目、industry：「spaceTravel」は「業種」のコードでも名称でもありません。次のいずれかを使ってください: manufacturing (製造業)"))
        #expect(english.error.contains("fieldvisit: nothing was imported from \(bad): 1 line has problems; fix it and import again\n"))
        #expect(english.error.contains("line 3: industry: “spaceTravel” is neither a code nor a label of 「業種」; use one of: manufacturing (製造業)"))

        let unknown = try file("unknown.csv", "name,colour\r\n株式会社アキタ,red\r\n")
        let column = try fieldvisit.run(["import", "companies", unknown], environment: Self.japanese)
        #expect(column.status == 2)
        #expect(column.error.contains("1 行目：見出し行に、企業にない列があります: “colour”。列の名前を直すか、列を削除してください。使える列: id, name"))

        let dryRun = try fieldvisit.run(["import", "companies", try file("more.csv", "name\r\n株式会社アキタ\r\n"), "--dry-run"], environment: Self.japanese)
        #expect(dryRun.status == 0 && dryRun.output.contains("新規") && dryRun.output.contains("（UTF-8）を確認しました。取り込むと 新規 1 件、更新 0 件、変更なし 0 件です。何も書き込んでいません\n"))
    }

    @Test("an export says what it wrote in Japanese; the CSV and JSON are byte for byte the same in both languages")
    func exportConfirmation() throws {
        try filledStore()
        var written: [Language: (csv: Data, json: Data)] = [:]
        for language in Language.allCases {
            let environment = ["FIELDVISIT_LANG": language.tag]
            let csv = files.url.appendingPathComponent("companies-\(language.tag).csv").path
            let json = files.url.appendingPathComponent("all-\(language.tag).json").path
            let csvRun = try fieldvisit.run(["export", "--format", "csv", "--type", "companies", "--output", csv], environment: environment)
            let jsonRun = try fieldvisit.run(["export", "--format", "json", "--output", json], environment: environment)
            #expect(csvRun.status == 0 && jsonRun.status == 0)
            if language == .japanese {
                #expect(csvRun.output == "企業 2 件（UTF-8、BOM 付き）を \(csv) に書き出しました\n")
                #expect(jsonRun.output == "企業 2 件、訪問記録 1 件（JSON）を \(json) に書き出しました\n")
            } else {
                #expect(csvRun.output == "2 companies (UTF-8 with BOM) written to \(csv)\n")
                #expect(jsonRun.output == "2 companies and 1 visit (JSON) written to \(json)\n")
            }
            written[language] = (try Data(contentsOf: URL(fileURLWithPath: csv)), try Data(contentsOf: URL(fileURLWithPath: json)))
        }
        #expect(written[.japanese]?.csv == written[.english]?.csv && written[.japanese]?.json == written[.english]?.json)
        let refused = try fieldvisit.run(["export", "--format", "json", "--encoding", "sjis"], environment: Self.japanese)
        #expect(refused.status == 2 && refused.error.contains("--encoding は CSV にだけ使えます。JSON は常に UTF-8 です"))
        #expect(try fieldvisit.run(["export", "--format", "json", "--encoding", "sjis"]).status == 2)
    }

    @Test("a report's title and notes as published, the same in both languages; its refusals in Japanese; CSV and JSON unchanged")
    func report() throws {
        try filledStore()
        for arguments in [["report", "visits", "--fiscal-year", "2024"], ["report", "succession", "--fiscal-year", "令和6"]] {
            let japanese = try fieldvisit.run(arguments, environment: Self.japanese)
            let english = try fieldvisit.run(arguments)
            #expect(japanese.status == 0 && japanese.output == english.output)
            for format in ["csv", "json"] {
                let inJapanese = try fieldvisit.run(arguments + ["--format", format], environment: Self.japanese)
                let inEnglish = try fieldvisit.run(arguments + ["--format", format])
                #expect(inJapanese.status == 0 && inJapanese.output == inEnglish.output)
            }
        }
        let visits = try fieldvisit.run(["report", "visits", "--fiscal-year", "2024", "--as-of", "2024-06-30"], environment: Self.japanese)
        #expect(visits.output.hasPrefix("令和6年度 訪問実績（2024-06-30 時点）（括弧内は令和5年度）\n"))
        #expect(try fieldvisit.run(["report", "succession", "--fiscal-year", "2024"], environment: Self.japanese).output
            .hasPrefix("令和6年度 事業承継（括弧内は令和5年度）\n"))

        let purpose = try fieldvisit.run(["report", "visits", "--fiscal-year", "2024", "--purpose", "picnic"], environment: Self.japanese)
        #expect(purpose.status == 2 && purpose.error.contains("訪問目的「picnic」はありません。次のいずれかを使ってください: "))
        #expect(try fieldvisit.run(["report", "visits", "--fiscal-year", "2024", "--purpose", "picnic"]).error.contains("unknown purpose picnic; use one of "))
        let moment = try fieldvisit.run(["report", "visits", "--fiscal-year", "2024", "--as-of", "someday"], environment: Self.japanese)
        #expect(moment.status == 2 && moment.error.contains("--as-of には日付（2024-04-30。その日の終わり）か、時差付きの日時（2024-04-30T17:00:00+09:00）を指定してください。「someday」は使えません"))
        #expect(try fieldvisit.run(["report", "visits", "--fiscal-year", "2024", "--as-of", "someday"]).status == 2)
        let targets = try fieldvisit.run(["targets", "--diagnosis-months", "0"], environment: Self.japanese)
        #expect(targets.status == 2 && targets.error.contains("--diagnosis-months には 1〜120 を指定してください"))
    }

    @Test("a server address refused in Japanese with what to type instead; the exit code as in English")
    func serverAddress() throws {
        try fieldvisit.succeed(["init", "--user", "sato"])
        let arguments = ["login", "--server", "http://sync.example.jp", "--user", "sato", "--password-stdin"]
        let japanese = try fieldvisit.run(arguments, input: "secret\n", environment: Self.japanese)
        let english = try fieldvisit.run(arguments, input: "secret\n")
        #expect(japanese.status == 2 && english.status == 2)
        #expect(japanese.error == "fieldvisit: サーバーのアドレス http://sync.example.jp は使えません。暗号化しない http:// はこのコンピューター（localhost、127.0.0.1、::1）にだけ使えます。https:// を使ってください\n")
        #expect(english.error == "fieldvisit: the server address http://sync.example.jp cannot be used: plain http:// is allowed only to this computer (localhost, 127.0.0.1, ::1); use https://\n")
    }
}
