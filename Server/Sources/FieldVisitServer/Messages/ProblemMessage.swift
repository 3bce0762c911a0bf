import FieldVisitCore

/// What the server tells a client that it refused: the `detail` of its problem responses
/// and the `reason` of each refused change set, in the language the request asked for
/// (`Accept-Language`). The `code` beside them is the same in every language.
public enum ProblemMessage: String, MessageCatalogue {
    case invalidEnrolment, replicaTaken, tooManyLogins, busyHashing, loginFailed, userDisabled, notLoggedIn, unknownToken, wipeOrdered,
         deviceRevoked, tokenExpired, unknownRole, noWipeOrdered, tooManyChangeSets, badCursor, badLimit, malformedPush, badSnapshotID,
         snapshotNotKept, badRange, wrongContentType, unknownContentEncoding, bodyTooLargeDecompressed, malformedBody, notWholeNumber,
         notAnEndpoint, bodyTooLarge, bodyTooLargeInPages, unreadable, unavailable, snapshotNotWritten, wrongReplica, wrongAuthor,
         clockAhead, notYourBranch, unknownBranch, companyNotHeld, mayNotChange, branchMove, newCompanyNoBranch, newRecordNoCompany,
         severalBranches, storedDifferently, counterTooLarge, recordTooLarge, notAllowed

    public var texts: (english: String, japanese: String) {
        switch self {
        case .invalidEnrolment:
            ("give a user name (1–{maxUser} bytes), a password (up to 1024 bytes) and a device name (1–100 characters), names without control characters",
             "利用者名（1〜{maxUser} バイト）、パスワード（1024 バイトまで）、端末名（1〜100 文字）を、制御文字を含めずに指定してください")
        case .replicaTaken:
            ("replica {replica} is enrolled for another user's device; each staff member needs a store of their own (fieldvisit init)",
             "レプリカ {replica} は別の利用者の端末に登録されています。担当者ごとに自分のデータが必要です（fieldvisit init）")
        case .tooManyLogins:
            ("too many failed logins for this user name or from this address; wait {seconds} seconds and try again",
             "この利用者名またはこのアドレスからのログイン失敗が多すぎます。{seconds} 秒待ってから、もう一度お試しください")
        case .busyHashing:
            ("the server is checking many passwords at once; try again in a few seconds", "サーバーが多くのパスワードを同時に確認しています。数秒後にもう一度お試しください")
        case .loginFailed: ("the user name or the password is wrong", "利用者名またはパスワードが違います")
        case .userDisabled: ("{user} is disabled; ask an administrator", "{user} さんは停止されています。管理者に相談してください")
        case .notLoggedIn:
            ("send the device token as `Authorization: Bearer <token>`; run `fieldvisit login` first",
             "端末の認証情報を `Authorization: Bearer <token>` で送ってください。先に fieldvisit login を実行してください")
        case .unknownToken: ("the device token is not valid; run `fieldvisit login` again", "端末の認証情報が正しくありません。もう一度 fieldvisit login を実行してください")
        case .wipeOrdered:
            ("an administrator revoked this laptop and ordered its store erased; it erases the store and the device token now",
             "管理者がこの端末を無効にし、データの消去を指示しました。端末はデータと認証情報を今から消去します")
        case .deviceRevoked:
            ("this device was revoked; run `fieldvisit login` again or ask an administrator", "この端末は無効にされました。もう一度 fieldvisit login を実行するか、管理者に相談してください")
        case .tokenExpired:
            ("this laptop has not synced for more than {days} days, so its device token expired; run `fieldvisit login` again",
             "この端末は {days} 日を超えて同期していないため、認証情報の期限が切れました。もう一度 fieldvisit login を実行してください")
        case .unknownRole:
            ("this server does not know the role stored for {user}, so it cannot tell what {user} may do; ask an administrator",
             "{user} さんに登録された役割をこのサーバーは知らないため、{user} さんに何を許すか判断できません。管理者に相談してください")
        case .noWipeOrdered: ("no administrator ordered this laptop's store erased", "この端末のデータ消去は指示されていません")
        case .tooManyChangeSets:
            ("a push holds at most {max} change sets, not {count}; send them in pages", "一度に送れる変更は {max} 件までです（{count} 件ありました）。分けて送ってください")
        case .badCursor: ("`after` must be a sequence number of 0 or more", "`after` は 0 以上の通し番号にしてください")
        case .badLimit: ("`limit` must be from 1 to {max}", "`limit` は 1〜{max} にしてください")
        case .malformedPush: ("{error}", "送られた変更を読めませんでした（技術的な詳細: {error}）")
        case .badSnapshotID:
            ("`id` is a snapshot's id, 32 hexadecimal digits, as its first answer's FieldVisit-Snapshot header gave it",
             "`id` はスナップショットの ID（16 進数 32 桁）で、最初の応答の FieldVisit-Snapshot ヘッダーにあるものです")
        case .snapshotNotKept:
            ("snapshot {id} is not kept here any more; ask for a new one, without `id`", "スナップショット {id} はもう保存されていません。`id` を付けずに新しく求めてください")
        case .badRange:
            ("ask for the rest of a snapshot as `Range: bytes=N-`, N from 0 to {last}", "スナップショットの残りは `Range: bytes=N-`（N は 0〜{last}）で求めてください")
        case .wrongContentType:
            ("send the body with `Content-Type: application/json` (UTF-8, the only charset accepted)",
             "本文は `Content-Type: application/json`（文字コードは UTF-8 のみ）で送ってください")
        case .unknownContentEncoding:
            ("send the body compressed with `Content-Encoding: gzip`, or not compressed, without the header",
             "本文は `Content-Encoding: gzip` で圧縮するか、このヘッダーを付けずに圧縮しないで送ってください")
        case .bodyTooLargeDecompressed:
            ("the request body, decompressed, is larger than {max} bytes; send fewer change sets in one push",
             "展開したリクエストの本文が {max} バイトを超えています。一度に送る変更を減らしてください")
        case .malformedBody: ("{error}", "本文を読めませんでした（技術的な詳細: {error}）")
        case .notWholeNumber: ("`{name}` must be a whole number, not {text}", "`{name}` は整数にしてください（{text} が渡されました）")
        case .notAnEndpoint: ("{method} {path} is not an endpoint of this server", "{method} {path} はこのサーバーの窓口ではありません")
        case .bodyTooLarge: ("the request body is larger than {max} bytes", "リクエストの本文が {max} バイトを超えています")
        case .bodyTooLargeInPages:
            ("the request body is larger than {max} bytes; send change sets in smaller pages", "リクエストの本文が {max} バイトを超えています。変更を小さく分けて送ってください")
        case .unreadable: ("{error}", "リクエストを読めませんでした（技術的な詳細: {error}）")
        case .unavailable:
            ("the server could not complete the request; nothing was stored — retry later", "サーバーはリクエストを完了できませんでした。何も保存していません。しばらくしてから、もう一度お試しください")
        case .snapshotNotWritten: ("the server cannot write its snapshot file; try again later", "サーバーがスナップショットのファイルを書けません。しばらくしてから、もう一度お試しください")
        case .wrongReplica:
            ("change {change} was made by replica {replica}, not by this device's replica {own}", "変更 {change} はレプリカ {replica} のもので、この端末のレプリカ {own} のものではありません")
        case .wrongAuthor:
            ("change {change} names {author} as its author, but the token is {user}'s", "変更 {change} の作成者は {author} さんですが、認証情報は {user} さんのものです")
        case .clockAhead:
            ("change {change} is stamped {stamped}, {hours} hours ahead of the server's clock ({now}): set this laptop's date and time right; `fieldvisit sync` stamps what it recorded meanwhile again with the server's time (serverTime)",
             "変更 {change} の時刻 {stamped} は、サーバーの時計（{now}）より {hours} 時間進んでいます。この端末の日付と時刻を直してください。fieldvisit sync がその間の記録にサーバーの時刻（serverTime）を付け直します")
        case .notYourBranch:
            ("company {id} names branch {branch}, which is not one of {user}'s branches", "企業 {id} の担当支所 {branch} は、{user} さんの担当支所ではありません")
        case .unknownBranch: ("company {id} names branch {branch}, which the server does not know", "企業 {id} の担当支所 {branch} をサーバーは知りません")
        case .companyNotHeld:
            ("{type} {id} names company {company}, which the server does not hold in your branches; sync the company first",
             "{type} {id} の企業 {company} は、あなたの担当支所にありません。先に企業を同期してください")
        case .mayNotChange: ("{user} may not change {record}", "{user} さんは {record} を変更できません")
        case .branchMove:
            ("{record} belongs to branch {stored}; moving it to branch {target} is not possible through sync",
             "{record} は担当支所 {stored} の記録です。同期で担当支所 {target} に移すことはできません")
        case .newCompanyNoBranch: ("new company {id} names no branch; give it one (--branch)", "新しい企業 {id} に担当支所がありません。指定してください（--branch）")
        case .newRecordNoCompany: ("{type} {id} is new to the server and names no company", "{type} {id} はサーバーにとって新しい記録ですが、企業が指定されていません")
        case .severalBranches:
            ("change {change} touches records of branches {branches}; a change set must stay within one branch",
             "変更 {change} は担当支所 {branches} の記録に触れています。1 つの変更は 1 つの担当支所の中で行ってください")
        case .storedDifferently:
            ("change {change} was stored before with different content; this laptop's store was copied or restored from a backup — make a new one with `fieldvisit init`",
             "変更 {change} は以前に別の内容で保存されています。この端末のデータはコピーされたか、バックアップから戻されたものです。fieldvisit init で新しく作ってください")
        case .counterTooLarge: ("change {change} has a counter above the largest allowed, {max}", "変更 {change} の番号が上限 {max} を超えています")
        case .recordTooLarge:
            ("change {change} would make {record} hold more than {max} MiB; keep a record's texts shorter", "変更 {change} で {record} が {max} MiB を超えてしまいます。記録の文章を短くしてください")
        case .notAllowed: ("not allowed", "許可されていません")
        }
    }
}
