import FieldVisitCore

/// What the administration commands of `fieldvisit-server` print: confirmations, refusals,
/// the password prompts, and the headings of their listings. The listings' values (codes,
/// ids, times), JSON and CSV stay the same in either language.
public enum AdminMessage: String, MessageCatalogue {
    case branchAdded, headingCode, headingName, headingUser, headingRole, headingBranches, headingState, headingID,
         headingEnrolled, headingLastSeen, stateDisabled, stateRevoked, stateWipeOrdered, userNeedsBranch, userAdded,
         userAddedToBranches, userDisabled, passwordChangedOneDevice, passwordChanged, devicesRevokedOne, devicesRevoked,
         deviceRevoked, deviceRevokedWipe, deviceIDOrUser, wipeOneDevice, passwordPrompt, passwordAgainPrompt,
         noPasswordOnStandardInput, noTerminalForPassword, passwordsDiffer, auditEmpty, auditIntact, auditBroken,
         auditEntriesMissing, auditReordered, auditNoHash,
         auditChanged, expectHeadMalformed, expectHeadMissing, sinceNotADate, auditHeadingSequence, auditHeadingTime, auditHeadingEvent,
         auditHeadingDevice, auditHeadingAddress, auditHeadingDetail, backupOnlySQLite, backedUp, backupChangeSets,
         backupSize, sizeBytes, databaseConnectionsRange, idleTimeoutRange, tokenLifetimeRange

    public var texts: (english: String, japanese: String) {
        switch self {
        case .branchAdded: ("Added branch {code} {name}", "支所 {code}（{name}）を追加しました")
        case .headingCode: ("code", "コード")
        case .headingName: ("name", "名前")
        case .headingUser: ("user", "利用者")
        case .headingRole: ("role", "役割")
        case .headingBranches: ("branches", "支所")
        case .headingState: ("state", "状態")
        case .headingID: ("id", "端末 id")
        case .headingEnrolled: ("enrolled", "登録日時")
        case .headingLastSeen: ("last seen", "最終接続")
        case .stateDisabled: ("disabled", "停止中")
        case .stateRevoked: ("revoked", "無効")
        case .stateWipeOrdered: ("revoked, wipe ordered", "無効、消去を指示済み")
        case .userNeedsBranch:
            ("give field staff and managers at least one --branch", "担当者と管理者には --branch で支所を一つ以上指定してください")
        case .userAdded: ("Added {role} {user}", "{role} {user} を追加しました")
        case .userAddedToBranches: ("Added {role} {user} of {branches}", "{branches} の{role} {user} を追加しました")
        case .userDisabled: ("Disabled {user}", "利用者 {user} を停止しました")
        case .passwordChangedOneDevice:
            ("Changed the password of {user}; revoked 1 device", "{user} のパスワードを変更しました。端末 1 台を無効にしました")
        case .passwordChanged:
            ("Changed the password of {user}; revoked {count} devices", "{user} のパスワードを変更しました。端末 {count} 台を無効にしました")
        case .devicesRevokedOne: ("Revoked 1 device of {user}", "{user} の端末 1 台を無効にしました")
        case .devicesRevoked: ("Revoked {count} devices of {user}", "{user} の端末 {count} 台を無効にしました")
        case .deviceRevoked: ("Revoked device {id}", "端末 {id} を無効にしました")
        case .deviceRevokedWipe:
            ("Revoked device {id}; its store will be erased when it next reaches the server",
             "端末 {id} を無効にしました。次にサーバーに接続したときに、端末のデータを消去します")
        case .deviceIDOrUser: ("give a device id or --user NAME, not both", "端末 id か --user 利用者名 のどちらか一方を指定してください")
        case .wipeOneDevice:
            ("--wipe takes one device id: wipe each lost laptop by its id",
             "--wipe には端末 id を一つ指定してください。なくした端末は一台ずつ id で消去します")
        case .passwordPrompt: ("Password: ", "パスワード：")
        case .passwordAgainPrompt: ("Password again: ", "パスワード（確認）：")
        case .noPasswordOnStandardInput: ("no password on standard input", "標準入力にパスワードがありません")
        case .noTerminalForPassword:
            ("no terminal to ask the password at; pass it with --password-stdin",
             "パスワードを尋ねる端末がありません。--password-stdin で渡してください")
        case .passwordsDiffer: ("the two passwords differ; nothing was changed", "二つのパスワードが異なります。何も変更していません")
        case .auditEmpty: ("the audit trail is empty", "監査記録は空です")
        case .auditIntact: ("{count} entries follow the chain; head: {head}", "{count} 件の項目がつながっています。先頭：{head}")
        case .auditBroken: ("entry {sequence} does not follow the chain: {reason}", "項目 {sequence} がつながっていません：{reason}")
        case .auditEntriesMissing: ("entries {first}…{last} are missing: removed", "項目 {first}〜{last} がありません。削除されています")
        case .auditReordered: ("it comes after entry {sequence}: reordered", "項目 {sequence} の後に来ています。並べ替えられています")
        case .auditNoHash: ("it has no hash: written around the server", "ハッシュがありません。サーバーを通さずに書き込まれています")
        case .auditChanged:
            ("its content or the entry before it was changed or removed", "この項目か一つ前の項目が、変更または削除されています")
        case .expectHeadMalformed:
            ("--expect-head takes SEQ:HASH as verify printed it, not {head}",
             "--expect-head には verify が表示した SEQ:HASH を指定してください（「{head}」ではありません）")
        case .expectHeadMissing:
            ("the trail no longer holds head {head} (up to entry {sequence} it reads {found}): entries were removed or rewritten",
             "監査記録に先頭 {head} がもうありません（項目 {sequence} までの先頭は {found}）。項目が削除されたか、書き換えられています")
        case .sinceNotADate: ("--since {since} is not a date", "--since の「{since}」は日付ではありません")
        case .auditHeadingSequence: ("seq", "番号")
        case .auditHeadingTime: ("time", "日時")
        case .auditHeadingEvent: ("event", "出来事")
        case .auditHeadingDevice: ("device", "端末")
        case .auditHeadingAddress: ("address", "接続元")
        case .auditHeadingDetail: ("detail", "詳細")
        case .backupOnlySQLite:
            ("{command} works on the embedded SQLite database; a PostgreSQL database is backed up with pg_dump (docs/sync-server.md, \"Running on PostgreSQL\")",
             "{command} は組み込みの SQLite データベースにだけ使えます。PostgreSQL データベースは pg_dump でバックアップしてください（docs/sync-server.md の「Running on PostgreSQL」）")
        case .backedUp: ("Backed up to {path}", "{path} にバックアップしました")
        case .backupChangeSets: ("change sets: {count} (last sequence number {cursor})", "変更の記録：{count} 件（最後の通し番号 {cursor}）")
        case .backupSize: ("size: {size}", "サイズ：{size}")
        case .sizeBytes: ("{count} bytes", "{count} バイト")
        case .databaseConnectionsRange: ("--database-connections takes 1 to 1000", "--database-connections には 1 から 1000 を指定してください")
        case .idleTimeoutRange: ("--idle-timeout takes 1 to 3600 seconds", "--idle-timeout には 1 から 3600 秒を指定してください")
        case .tokenLifetimeRange: ("--token-lifetime-days takes 1 to 3650 days", "--token-lifetime-days には 1 から 3650 日を指定してください")
        }
    }
}
