import FieldVisitClient
import FieldVisitCore
import Foundation
import Testing

/// End-to-end: what someone typed into a record cannot send escape sequences to the
/// terminal of whoever reads it with `fieldvisit`.
@Suite struct TerminalOutputTests {
    let temporary = TemporaryHome()
    var fieldvisit: FieldVisitProcess { FieldVisitProcess(home: temporary.url) }

    /// Notes that would erase the lines above, retitle the window, plant a link, send a
    /// one-byte CSI, return to the start of the line and reverse the text after them.
    static let hostileNotes = "社長と面談（後継者：長男）ｶﾜﾑﾗ\u{1B}[2K\u{1B}[1A\u{1B}[2K\u{1B}]0;title\u{07}"
        + "\u{1B}]8;;http://x.example\u{1B}\\リンク\u{1B}]8;;\u{1B}\\\u{9B}2J\r承認済み\u{8}\u{202E}逆\u{2066}"

    /// Whether `text` holds something a terminal acts on: ESC, a C1 control, a CR, a
    /// backspace, a bidirectional override, or any C0 control but LF.
    static func controls(in text: String) -> [String] {
        text.unicodeScalars.filter { scalar in
            (scalar.value < 0x20 && scalar != "\n") || (0x7F...0x9F).contains(scalar.value)
                || (0x202A...0x202E).contains(scalar.value) || (0x2066...0x2069).contains(scalar.value)
        }.map { String(format: "U+%04X", $0.value) }
    }

    @Test("show, review show, history, conflicts and lists print notes and names inert, Japanese intact")
    func storedTextIsNeutralised() throws {
        try fieldvisit.succeed(["init", "--user", "佐藤 花子"])
        let company = try fieldvisit.succeed(["company", "add", "--name", "株式会社カワムラ\u{1B}[2K", "--kana", "カワムラ"]).lines[0]
        let visit = try fieldvisit.succeed([
            "visit", "record", "--company", company, "--date", "2024-05-14", "--purpose", "companyVisit", "--notes", Self.hostileNotes,
        ]).lines[0]
        // Approved, then changed: `review show` must keep its ⚠ line whatever the notes say.
        try fieldvisit.succeed(["review", "approve", visit, "--comment", "確認済み\u{1B}]0;x\u{07}"])
        try fieldvisit.succeed(["visit", "edit", visit, "--notes", Self.hostileNotes + "\n二行目\r\n三行目"])

        for arguments in [
            ["visit", "show", visit], ["review", "show", visit], ["history", visit], ["company", "show", company],
            ["visit", "list"], ["company", "list"], ["review", "queue"], ["conflicts"],
        ] {
            let result = try fieldvisit.succeed(arguments)
            #expect(Self.controls(in: result.output).isEmpty, "fieldvisit \(arguments[0]) \(arguments[1]) printed \(Self.controls(in: result.output))")
            #expect(!result.output.utf8.contains(0x1B))
        }
        let review = try fieldvisit.succeed(["review", "show", visit]).output
        #expect(review.contains("社長と面談（後継者：長男）ｶﾜﾑﾗ␛[2K␛[1A␛[2K␛]0;title␇␛]8;;http://x.example␛\\リンク"))
        #expect(review.contains("⚠ 承認後に変更"))
        #expect(review.contains("コメント: 確認済み␛]0;x␇"))
        // The edited notes' own lines stay indented under their field.
        #expect(review.contains("\n    二行目\n    三行目"))
        let shown = try fieldvisit.succeed(["visit", "show", visit]).output
        #expect(shown.contains("社長と面談（後継者：長男）ｶﾜﾑﾗ␛[2K"))
        #expect(shown.contains("株式会社カワムラ␛[2K"))
        let history = try fieldvisit.succeed(["history", visit]).output
        #expect(history.contains("佐藤 花子") && history.contains("社長と面談（後継者：長男）"))
    }

    @Test("error messages quoting what was typed or stored are neutralised on standard error")
    func errorMessagesAreNeutralised() throws {
        try fieldvisit.succeed(["init", "--user", "佐藤 花子"])
        let failed = try fieldvisit.run(["visit", "list", "--purpose", "面談\u{1B}[2K\u{1B}]0;x\u{07}\u{9B}1A\r"])
        #expect(failed.status == 2)
        #expect(failed.error.contains("面談␛[2K␛]0;x␇"))
        #expect(Self.controls(in: failed.error).isEmpty, "\(Self.controls(in: failed.error))")
    }
}
