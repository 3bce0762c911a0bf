import FieldVisitCore

/// `sync`, `login` and `logout`: progress, summaries, and the refusals of a sync or a login with what to do next.
public enum SyncMessage: String, MessageCatalogue {
    case attemptOne, attempts, failUnreachable, failLinkDropped, failNotLoggedIn, failPasswordMissing, failWrongPassword,
         failTokenRefused, failDeviceRevoked, failUserDisabled, failTooManyAttempts, failUnavailable, failClockAhead, syncFinished,
         syncSnapshotReceived, syncPushed, syncAlreadyThere, syncPulled, syncNewConflicts, syncSeeConflicts, syncReturned,
         syncWaiting, syncNothingLost, loginDone, loginRole, loginBranches, loginDevice, loginNext, logoutDone, logoutLocally,
         logoutNotLoggedIn, progressPushed, progressFetchingSnapshot, progressLoadedSnapshot, progressPulled, progressSnapshot,
         progressSnapshotRecords, progressResuming, progressMinutesLeft, progressSecondsLeft

    public var texts: (english: String, japanese: String) {
        switch self {
        case .attemptOne: ("1 attempt", "1 回")
        case .attempts: ("{count} attempts", "{count} 回")
        case .failUnreachable:
            ("cannot reach the server {server} after {attempts} ({detail}); check the network and the address, and try again",
             "サーバー {server} に接続できません（{attempts} 試行、{detail}）。ネットワークとアドレスを確認して、もう一度お試しください")
        case .failLinkDropped:
            ("the link to {server} dropped or was too slow ({detail}, {attempts}); what came before is kept: sync again where the signal is better",
             "{server} との通信が途切れたか、遅すぎました（{detail}、{attempts} 試行）。受け取った分は保存してあります。電波のよい場所でもう一度同期してください")
        case .failNotLoggedIn:
            ("this laptop is not logged in to a sync server (data directory {home}); run `fieldvisit login --server URL --user NAME` first",
             "この端末は同期サーバーにログインしていません（データの保存先 {home}）。先に fieldvisit login --server URL --user 利用者名 を実行してください")
        case .failPasswordMissing:
            ("no password: type it at the prompt, or pass it with --password-stdin or the FIELDVISIT_PASSWORD environment variable",
             "パスワードがありません。画面で入力するか、--password-stdin または環境変数 FIELDVISIT_PASSWORD で渡してください")
        case .failWrongPassword:
            ("the server did not accept the user name or password ({detail}); check them and try again",
             "サーバーが利用者名またはパスワードを受け付けませんでした（{detail}）。確認して、もう一度お試しください")
        case .failTokenRefused:
            ("the server no longer accepts this laptop's device token ({detail}); run `fieldvisit login` again",
             "サーバーがこの端末の認証情報を受け付けなくなりました（{detail}）。もう一度 fieldvisit login を実行してください")
        case .failDeviceRevoked:
            ("this laptop's device was revoked on the server ({detail}); run `fieldvisit login` again to enrol it anew",
             "この端末はサーバーで無効にされました（{detail}）。fieldvisit login で登録し直してください")
        case .failUserDisabled:
            ("your user is disabled on the server ({detail}); contact the administrator",
             "あなたの利用者はサーバーで停止されています（{detail}）。管理者に連絡してください")
        case .failTooManyAttempts:
            ("too many failed logins ({detail}); wait a few minutes and try again",
             "ログインの失敗が多すぎます（{detail}）。数分待ってから、もう一度お試しください")
        case .failUnavailable: ("the server is unavailable ({detail}); try again later", "サーバーが利用できません（{detail}）。しばらくしてから、もう一度お試しください")
        case .failClockAhead:
            ("this laptop's clock is ahead of the server's, so the server refused what it recorded ({detail}). Set the date and time in the system settings; what was received is kept",
             "この端末の時計がサーバーより進んでいるため、記録が受け付けられませんでした（{detail}）。システム設定で日付と時刻を直してください。受信した分は保存してあります")
        case .syncFinished: ("Sync finished.", "同期が完了しました。")
        case .syncSnapshotReceived: ("received {records} records from the server's snapshot", "サーバーのスナップショットから {records} 件の記録を受信しました")
        case .syncPushed: ("pushed: {count} change sets", "送信: {count} 件")
        case .syncAlreadyThere: (" ({count} more were already there)", "（ほか {count} 件は送信済みでした）")
        case .syncPulled: ("pulled: {count} change sets", "受信: {count} 件")
        case .syncNewConflicts: ("new conflicts: {count}", "新しい競合: {count} 件")
        case .syncSeeConflicts: (" (see `fieldvisit conflicts`)", "（fieldvisit conflicts で確認してください）")
        case .syncReturned: ("returned for correction: {count}", "差し戻し: {count} 件")
        case .syncWaiting: ("waiting to be pushed: {count}", "送信待ち: {count} 件")
        case .syncNothingLost:
            (". Nothing was lost: the next `fieldvisit sync` continues where this one stopped",
             "。失われたものはありません。次の fieldvisit sync が続きから再開します")
        case .loginDone: ("Logged in to {server} as {user}", "{server} に {user} としてログインしました")
        case .loginRole: ("role: {role}", "役割: {role}")
        case .loginBranches: ("branches: {branches}", "担当支所: {branches}")
        case .loginDevice: ("device: {device}", "端末: {device}")
        case .loginNext:
            ("Run `fieldvisit sync` to send this laptop's changes and receive your branches' records.",
             "fieldvisit sync を実行すると、この端末の変更を送信し、担当支所の記録を受信します。")
        case .logoutDone:
            ("Logged out of {server}; the server revoked device {device}. Records stay on this laptop.",
             "{server} からログアウトしました。サーバーは端末 {device} を無効にしました。記録はこの端末に残ります。")
        case .logoutLocally: ("Logged out on this laptop; records stay on it.", "この端末でログアウトしました。記録は端末に残ります。")
        case .logoutNotLoggedIn: ("This laptop is not logged in; nothing to do.", "この端末はログインしていません。何もする必要はありません。")
        case .progressPushed: ("pushed {sent}/{total}", "送信 {sent}/{total} 件")
        case .progressFetchingSnapshot: ("receiving your branches' records…", "担当支所の記録を受信しています…")
        case .progressLoadedSnapshot: ("received {records} records", "{records} 件の記録を受信しました")
        case .progressPulled:
            ("pulled {count} (server position {cursor}; total unknown until caught up)",
             "受信 {count} 件（サーバーの位置 {cursor}。全体の件数は追いつくまで分かりません）")
        case .progressSnapshot: ("receiving your branches' records: {received} of {total} MiB", "担当支所の記録を受信中: {received} / {total} MiB")
        case .progressSnapshotRecords:
            ("receiving your branches' {records} records: {received} of {total} MiB",
             "担当支所の記録 {records} 件を受信中: {received} / {total} MiB")
        case .progressResuming: (", resuming after a dropped link", "（切れた接続の続きから再開）")
        case .progressMinutesLeft: (", about {minutes} min {seconds} s left", "、残り約 {minutes} 分 {seconds} 秒")
        case .progressSecondsLeft: (", about {seconds} s left", "、残り約 {seconds} 秒")
        }
    }
}
