import Foundation

/// The messages of the field client in both its languages: one catalogue, keyed, each
/// message in English and in Japanese with the same `{name}` placeholders (a test holds
/// every message to both). Japanese is in the polite, plain register office software
/// uses; codes, field ids and command names stay as they are in either language.
///
/// ```swift
/// Message.syncPushed.text(["count": "2"], in: .japanese)   // "送信: 2 件"
/// ```
public enum Message: String, CaseIterable, Sendable {
    case formIntroduction, formRequired, formInputEnded, formOptional, formEnterTakes, formEnterSkips
    case typeYenPositive, typeYenSigned, typeIntegerBetween, typeIntegerAtLeast, typeIntegerAtMost, typeInteger, typeText, typeYear,
         typeDate, typeBoolean, typeChoice
    case refuseYen, refuseInteger, refuseYear, refuseDate, refuseBoolean, refuseChoiceNumber
    case attemptOne, attempts, failUnreachable, failLinkDropped, failNotLoggedIn, failPasswordMissing, failWrongPassword, failTokenRefused,
         failDeviceRevoked, failUserDisabled, failTooManyAttempts, failUnavailable, failClockAhead
    case syncFinished, syncSnapshotReceived, syncPushed, syncAlreadyThere, syncPulled, syncNewConflicts, syncSeeConflicts,
         syncReturned, syncWaiting, syncNothingLost
    case statusDataDirectory, statusUser, statusReplica, statusCompanies, statusVisits, statusChangeSets, statusWaiting, statusConflicts,
         statusReturned, statusReturnedHint, statusServer, statusLoggedInAs, statusDevice, statusBranches, statusNone, statusNotLoggedIn,
         statusLastSync, statusNever
    case loginDone, loginRole, loginBranches, loginDevice, loginNext, logoutDone, logoutLocally, logoutNotLoggedIn
    case progressPushed, progressFetchingSnapshot, progressLoadedSnapshot, progressPulled, progressSnapshot, progressSnapshotRecords,
         progressResuming, progressMinutesLeft, progressSecondsLeft

    /// The catalogue: every message in every language.
    static let catalogue: [Message: [Language: String]] = [
        .formIntroduction: [
            .english: "Answer each question and press Enter. An empty line skips an optional question.",
            .japanese: "質問に答えて Enter キーを押してください。任意の質問は、何も入力せずに Enter を押すと飛ばせます。",
        ],
        .formRequired: [
            .english: "「{label}」 must be answered; type an answer",
            .japanese: "「{label}」は必須です。回答を入力してください",
        ],
        .formInputEnded: [
            .english: "{question}: the input ended before 「{label}」 was answered; nothing was stored. Run the command again, or give the answers with --answers FILE",
            .japanese: "{question}: 「{label}」に答える前に入力が終わりました。何も保存していません。もう一度実行するか、--answers FILE で回答を指定してください",
        ],
        .formOptional: [.english: " (optional)", .japanese: "（任意）"],
        .formEnterTakes: [.english: "; Enter: {suggestion}", .japanese: "／Enter で {suggestion}"],
        .formEnterSkips: [.english: "; Enter skips", .japanese: "／Enter で飛ばす"],
        .typeYenPositive: [.english: "yen, e.g. 120000000", .japanese: "円、例: 120000000"],
        .typeYenSigned: [.english: "yen, e.g. 6000000; - or ▲ for a negative amount", .japanese: "円、例: 6000000（マイナスは - か ▲）"],
        .typeIntegerBetween: [.english: "a whole number from {min} to {max}", .japanese: "{min}〜{max} の整数"],
        .typeIntegerAtLeast: [.english: "a whole number, at least {min}", .japanese: "{min} 以上の整数"],
        .typeIntegerAtMost: [.english: "a whole number, at most {max}", .japanese: "{max} 以下の整数"],
        .typeInteger: [.english: "a whole number", .japanese: "整数"],
        .typeText: [.english: "text, up to {length} characters", .japanese: "{length} 文字以内の文章"],
        .typeYear: [.english: "Western year, e.g. 1956, or with its era, e.g. 昭和31年", .japanese: "西暦（例: 1956）または和暦（例: 昭和31年）"],
        .typeDate: [.english: "YYYY-MM-DD, or 令和6年3月31日, R6.3.31", .japanese: "YYYY-MM-DD、令和6年3月31日、R6.3.31 など"],
        .typeBoolean: [.english: "y/n, はい/いいえ", .japanese: "はい/いいえ（y/n）"],
        .typeChoice: [.english: "a number or a code", .japanese: "番号かコード"],
        .refuseYen: [
            .english: "\"{typed}\" is not a whole number of yen; type digits such as 120000000 or 120,000,000 (- or ▲ for a negative amount)",
            .japanese: "「{typed}」は円の金額として読めません。120000000 や 120,000,000 のように数字で入力してください（マイナスは - か ▲）",
        ],
        .refuseInteger: [.english: "\"{typed}\" is not a whole number; type digits such as 15", .japanese: "「{typed}」は整数として読めません。15 のように数字で入力してください"],
        .refuseYear: [
            .english: "{reason}; type the Western year in four digits, such as 1956, or with its era, such as 昭和31年",
            .japanese: "{reason}。西暦の4桁（1956 など）か和暦（昭和31年 など）で入力してください",
        ],
        .refuseDate: [
            .english: "{reason}; type it as YYYY-MM-DD, such as 2024-03-31, or as 令和6年3月31日 or R6.3.31",
            .japanese: "{reason}。2024-03-31、令和6年3月31日、R6.3.31 のように入力してください",
        ],
        .refuseBoolean: [
            .english: "\"{typed}\" is not yes or no; type y, n, yes, no, はい or いいえ",
            .japanese: "「{typed}」は、はい・いいえとして読めません。はい、いいえ、y、n のどれかを入力してください",
        ],
        .refuseChoiceNumber: [
            .english: "there is no choice {number}; type a number from 1 to {count} or a code",
            .japanese: "{number} 番の選択肢はありません。1〜{count} の番号かコードを入力してください",
        ],
        .attemptOne: [.english: "1 attempt", .japanese: "1 回"],
        .attempts: [.english: "{count} attempts", .japanese: "{count} 回"],
        .failUnreachable: [
            .english: "cannot reach the server {server} after {attempts} ({detail}); check the network and the address, and try again",
            .japanese: "サーバー {server} に接続できません（{attempts} 試行、{detail}）。ネットワークとアドレスを確認して、もう一度お試しください",
        ],
        .failLinkDropped: [
            .english: "the link to {server} dropped or was too slow ({detail}, {attempts}); what came before is kept: sync again where the signal is better",
            .japanese: "{server} との通信が途切れたか、遅すぎました（{detail}、{attempts} 試行）。受け取った分は保存してあります。電波のよい場所でもう一度同期してください",
        ],
        .failNotLoggedIn: [
            .english: "this laptop is not logged in to a sync server (data directory {home}); run `fieldvisit login --server URL --user NAME` first",
            .japanese: "この端末は同期サーバーにログインしていません（データの保存先 {home}）。先に fieldvisit login --server URL --user 利用者名 を実行してください",
        ],
        .failPasswordMissing: [
            .english: "no password: type it at the prompt, or pass it with --password-stdin or the FIELDVISIT_PASSWORD environment variable",
            .japanese: "パスワードがありません。画面で入力するか、--password-stdin または環境変数 FIELDVISIT_PASSWORD で渡してください",
        ],
        .failWrongPassword: [
            .english: "the server did not accept the user name or password ({detail}); check them and try again",
            .japanese: "サーバーが利用者名またはパスワードを受け付けませんでした（{detail}）。確認して、もう一度お試しください",
        ],
        .failTokenRefused: [
            .english: "the server no longer accepts this laptop's device token ({detail}); run `fieldvisit login` again",
            .japanese: "サーバーがこの端末の認証情報を受け付けなくなりました（{detail}）。もう一度 fieldvisit login を実行してください",
        ],
        .failDeviceRevoked: [
            .english: "this laptop's device was revoked on the server ({detail}); run `fieldvisit login` again to enrol it anew",
            .japanese: "この端末はサーバーで無効にされました（{detail}）。fieldvisit login で登録し直してください",
        ],
        .failUserDisabled: [
            .english: "your user is disabled on the server ({detail}); contact the administrator",
            .japanese: "あなたの利用者はサーバーで停止されています（{detail}）。管理者に連絡してください",
        ],
        .failTooManyAttempts: [
            .english: "too many failed logins ({detail}); wait a few minutes and try again",
            .japanese: "ログインの失敗が多すぎます（{detail}）。数分待ってから、もう一度お試しください",
        ],
        .failUnavailable: [
            .english: "the server is unavailable ({detail}); try again later",
            .japanese: "サーバーが利用できません（{detail}）。しばらくしてから、もう一度お試しください",
        ],
        .failClockAhead: [
            .english: "this laptop's clock is ahead of the server's, so the server refused what it recorded ({detail}). Set the date and time in the system settings; what was received is kept",
            .japanese: "この端末の時計がサーバーより進んでいるため、記録が受け付けられませんでした（{detail}）。システム設定で日付と時刻を直してください。受信した分は保存してあります",
        ],
        .syncFinished: [.english: "Sync finished.", .japanese: "同期が完了しました。"],
        .syncSnapshotReceived: [
            .english: "received {records} records from the server's snapshot",
            .japanese: "サーバーのスナップショットから {records} 件の記録を受信しました",
        ],
        .syncPushed: [.english: "pushed: {count} change sets", .japanese: "送信: {count} 件"],
        .syncAlreadyThere: [.english: " ({count} more were already there)", .japanese: "（ほか {count} 件は送信済みでした）"],
        .syncPulled: [.english: "pulled: {count} change sets", .japanese: "受信: {count} 件"],
        .syncNewConflicts: [.english: "new conflicts: {count}", .japanese: "新しい競合: {count} 件"],
        .syncSeeConflicts: [.english: " (see `fieldvisit conflicts`)", .japanese: "（fieldvisit conflicts で確認してください）"],
        .syncReturned: [.english: "returned for correction: {count}", .japanese: "差し戻し: {count} 件"],
        .syncWaiting: [.english: "waiting to be pushed: {count}", .japanese: "送信待ち: {count} 件"],
        .syncNothingLost: [
            .english: ". Nothing was lost: the next `fieldvisit sync` continues where this one stopped",
            .japanese: "。失われたものはありません。次の fieldvisit sync が続きから再開します",
        ],
        .statusDataDirectory: [.english: "data directory", .japanese: "データの保存先"],
        .statusUser: [.english: "user", .japanese: "利用者"],
        .statusReplica: [.english: "replica", .japanese: "レプリカ"],
        .statusCompanies: [.english: "companies", .japanese: "企業"],
        .statusVisits: [.english: "visits", .japanese: "訪問記録"],
        .statusChangeSets: [.english: "change sets", .japanese: "変更の記録"],
        .statusWaiting: [.english: "waiting to be pushed", .japanese: "送信待ち"],
        .statusConflicts: [.english: "conflicts", .japanese: "競合"],
        .statusReturned: [.english: "returned to you", .japanese: "差し戻された記録"],
        .statusReturnedHint: [.english: "{count} (fieldvisit visit list --review-state returned)", .japanese: "{count} 件（fieldvisit visit list --review-state returned で確認）"],
        .statusServer: [.english: "server", .japanese: "サーバー"],
        .statusLoggedInAs: [.english: "logged in as", .japanese: "ログイン中の利用者"],
        .statusDevice: [.english: "device", .japanese: "端末"],
        .statusBranches: [.english: "branches", .japanese: "担当支店"],
        .statusNone: [.english: "(none)", .japanese: "（なし）"],
        .statusNotLoggedIn: [.english: "not logged in (fieldvisit login)", .japanese: "ログインしていません（fieldvisit login でログインしてください）"],
        .statusLastSync: [.english: "last sync", .japanese: "最後の同期"],
        .statusNever: [.english: "never", .japanese: "まだ同期していません"],
        .loginDone: [.english: "Logged in to {server} as {user}", .japanese: "{server} に {user} としてログインしました"],
        .loginRole: [.english: "role: {role}", .japanese: "役割: {role}"],
        .loginBranches: [.english: "branches: {branches}", .japanese: "担当支店: {branches}"],
        .loginDevice: [.english: "device: {device}", .japanese: "端末: {device}"],
        .loginNext: [
            .english: "Run `fieldvisit sync` to send this laptop's changes and receive your branches' records.",
            .japanese: "fieldvisit sync を実行すると、この端末の変更を送信し、担当支店の記録を受信します。",
        ],
        .logoutDone: [
            .english: "Logged out of {server}; the server revoked device {device}. Records stay on this laptop.",
            .japanese: "{server} からログアウトしました。サーバーは端末 {device} を無効にしました。記録はこの端末に残ります。",
        ],
        .logoutLocally: [.english: "Logged out on this laptop; records stay on it.", .japanese: "この端末でログアウトしました。記録は端末に残ります。"],
        .logoutNotLoggedIn: [.english: "This laptop is not logged in; nothing to do.", .japanese: "この端末はログインしていません。何もする必要はありません。"],
        .progressPushed: [.english: "pushed {sent}/{total}", .japanese: "送信 {sent}/{total} 件"],
        .progressFetchingSnapshot: [.english: "receiving your branches' records…", .japanese: "担当支店の記録を受信しています…"],
        .progressLoadedSnapshot: [.english: "received {records} records", .japanese: "{records} 件の記録を受信しました"],
        .progressPulled: [
            .english: "pulled {count} (server position {cursor}; total unknown until caught up)",
            .japanese: "受信 {count} 件（サーバーの位置 {cursor}。全体の件数は追いつくまで分かりません）",
        ],
        .progressSnapshot: [
            .english: "receiving your branches' records: {received} of {total} MiB",
            .japanese: "担当支店の記録を受信中: {received} / {total} MiB",
        ],
        .progressSnapshotRecords: [
            .english: "receiving your branches' {records} records: {received} of {total} MiB",
            .japanese: "担当支店の記録 {records} 件を受信中: {received} / {total} MiB",
        ],
        .progressResuming: [.english: ", resuming after a dropped link", .japanese: "（切れた接続の続きから再開）"],
        .progressMinutesLeft: [.english: ", about {minutes} min {seconds} s left", .japanese: "、残り約 {minutes} 分 {seconds} 秒"],
        .progressSecondsLeft: [.english: ", about {seconds} s left", .japanese: "、残り約 {seconds} 秒"],
    ]

    /// The message in `language` (the process's, unless told) with its placeholders
    /// filled from `values`.
    public func text(_ values: [String: String] = [:], in language: Language = .current) -> String {
        var text = Self.catalogue[self]?[language] ?? Self.catalogue[self]?[.english] ?? rawValue
        for (name, value) in values { text = text.replacingOccurrences(of: "{\(name)}", with: value) }
        return text
    }

    /// The names of the `{name}` placeholders of `text`.
    static func placeholders(in text: String) -> Set<String> {
        var names: Set<String> = []
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            names.insert(String(rest[rest.index(after: open)..<close]))
            rest = rest[rest.index(after: close)...]
        }
        return names
    }
}
