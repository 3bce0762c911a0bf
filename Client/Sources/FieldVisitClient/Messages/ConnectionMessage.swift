import FieldVisitCore

/// The connection to the sync server: its address, its certificate and the office CA,
/// retries, answers the client cannot use, the refusals the server gives besides a
/// login's, a remote wipe, and the files the client keeps owner-only.
public enum ConnectionMessage: String, MessageCatalogue {
    case invalidAddress, addressNotURL, addressWithUser, addressWithQuery, addressPlainHTTP, addressNotHTTPS,
         unreadableCAFile, caUnreadable, caNotPEM, caNoCertificate, missingServerCA,
         untrustedByCAFile, untrustedBySystem, verificationFailed, nameMismatch, secureConnectionFailed,
         unexpectedResponse, unreadableAnswer, pushResultsMismatch, noDetail, invalidFromServer, whatChangeSet, whatSnapshotRecord, whatRequest, cannotEncode, nothingPastCursor, userMismatch,
         refusedForbidden, refusedReplicaTaken, refusedWipeOrdered, refusedOther,
         stepLogin, stepPush, stepPull, stepSnapshot, stepLogout, stepWipe,
         detailConnectTimeout, detailNoAnswer, detailServerClosed, detailConnectionRefused, detailConnectionReset,
         detailNetworkUnreachable, detailNoRoute, detailConnectionBroken, detailEndedEarly,
         retrying, passwordPrompt, changeSetRefused, noReasonGiven, changeSetMissing, clockRestamped,
         wipeStarting, wipeReported, wipeUnreported, logoutNotTold, tokenMissing, loginRoleUnknown,
         fileCannotCreate, fileCannotWrite, fileCannotPlace, fileCannotRemove

    public var texts: (english: String, japanese: String) {
        switch self {
        // The address.
        case .invalidAddress: ("the server address {address} cannot be used: {reason}", "サーバーのアドレス {address} は使えません。{reason}")
        case .addressNotURL: ("it is not a URL; give it as https://HOST[:PORT]", "URL ではありません。https://ホスト名[:ポート] の形で指定してください")
        case .addressWithUser:
            ("leave the user name out of the URL and give it with --user",
             "URL に利用者名を含めず、--user で指定してください")
        case .addressWithQuery:
            ("give only https://HOST[:PORT] and an optional path, without ? or #",
             "https://ホスト名[:ポート] と必要ならパスだけを、? や # を付けずに指定してください")
        case .addressPlainHTTP:
            ("plain http:// is allowed only to this computer (localhost, 127.0.0.1, ::1); use https://",
             "暗号化しない http:// はこのコンピューター（localhost、127.0.0.1、::1）にだけ使えます。https:// を使ってください")
        case .addressNotHTTPS: ("use an https:// address", "https:// のアドレスを使ってください")

        // Certificates.
        case .unreadableCAFile:
            ("cannot use the CA file {path}: {reason}; give the office CA certificate in PEM form (ca.pem) with --ca-file",
             "CA ファイル {path} を使えません（{reason}）。事務所の CA 証明書を PEM 形式（ca.pem）で --ca-file に指定してください")
        case .caUnreadable: ("it cannot be read", "読み込めません")
        case .caNotPEM: ("it is not a PEM certificate (-----BEGIN CERTIFICATE-----)", "PEM 形式の証明書（-----BEGIN CERTIFICATE-----）ではありません")
        case .caNoCertificate: ("it holds no PEM certificate (-----BEGIN CERTIFICATE-----)", "PEM 形式の証明書（-----BEGIN CERTIFICATE-----）が含まれていません")
        case .missingServerCA:
            ("this laptop was logged in to trust {server} through the office CA kept in {path}, but {reason}; it will not connect trusting the system's certificates instead. Put the office's ca.pem back at {path}, or log in again with it: `fieldvisit login --server {server} --user NAME --ca-file PATH/ca.pem`",
             "この端末は {path} に保存した事務所の CA で {server} を信頼するようにログインしましたが、その CA を使えません（{reason}）。代わりにシステムの証明書を信頼して接続することはしません。事務所の ca.pem を {path} に戻すか、それを使ってもう一度ログインしてください: fieldvisit login --server {server} --user 利用者名 --ca-file パス/ca.pem")
        case .untrustedByCAFile:
            ("the certificate of {server} is not signed by the CA in {caFile} ({detail}); check --ca-file: give the office's ca.pem and log in again",
             "{server} の証明書は {caFile} の CA で署名されていません（{detail}）。--ca-file を確認し、事務所の ca.pem を指定してもう一度ログインしてください")
        case .untrustedBySystem:
            ("the certificate of {server} is not signed by a CA this computer trusts ({detail}); if the office uses its own CA, log in with --ca-file PATH/ca.pem",
             "{server} の証明書は、このコンピューターが信頼する CA で署名されていません（{detail}）。事務所独自の CA を使っている場合は、--ca-file パス/ca.pem を付けてログインしてください")
        case .verificationFailed: ("certificate verification failed", "証明書の検証に失敗しました")
        case .nameMismatch:
            ("the certificate of {server} is not issued for that host name or address ({detail}); use the server address its certificate names",
             "{server} の証明書は、そのホスト名またはアドレスに対して発行されていません（{detail}）。証明書に書かれたサーバーのアドレスを使ってください")
        case .secureConnectionFailed:
            ("no secure connection to {server} ({detail}); check that the address is the sync server's https:// address",
             "{server} と安全に接続できません（{detail}）。アドレスが同期サーバーの https:// のアドレスか確認してください")

        // Answers.
        case .unexpectedResponse:
            ("the server {server} answered HTTP {status} unexpectedly ({detail}); check that the address is the FieldVisit sync server",
             "サーバー {server} が想定外の HTTP {status} を返しました（{detail}）。アドレスが FieldVisit の同期サーバーか確認してください")
        case .unreadableAnswer: ("the {step} answer is not what this client reads: {error}", "{step}の応答をこのクライアントは読めません: {error}")
        case .pushResultsMismatch:
            ("the push results do not match the {count} change sets sent", "送信の結果が、送った {count} 件の変更と一致しません")
        case .noDetail: ("no detail", "詳細なし")
        case .invalidFromServer:
            ("the server sent a {what} this laptop cannot apply ({reason}); nothing of it was applied. Update fieldvisit, or tell the administrator",
             "サーバーから、この端末で反映できない {what} が届きました（{reason}）。何も反映していません。fieldvisit を更新するか、管理者に連絡してください")
        case .whatChangeSet: ("change set {dot}", "変更 {dot}")
        case .whatSnapshotRecord: ("snapshot record {key}", "スナップショットの記録 {key}")
        case .whatRequest: ("request", "要求")
        case .cannotEncode: ("it cannot be encoded: {error}", "エンコードできません: {error}")
        case .nothingPastCursor:
            ("it said more change sets wait after {cursor} but sent nothing past it",
             "{cursor} より後にまだ変更があると応答しましたが、その先を何も送ってきませんでした")
        case .userMismatch:
            ("this store records changes for {store}, not {given}: log in as {store}, or create a store for {given} in another directory with `fieldvisit init --user {given} --home DIR`",
             "このデータは {given} ではなく {store} の変更を記録しています。{store} としてログインするか、別のディレクトリに {given} 用のデータを fieldvisit init --user {given} --home ディレクトリ で作成してください")
        case .refusedForbidden:
            ("the server refused the {step} for this user ({detail}); ask the administrator for access",
             "サーバーがこの利用者の{step}を拒否しました（{detail}）。管理者に権限を依頼してください")
        case .refusedReplicaTaken:
            ("this laptop's store is already enrolled on the server for another user ({detail}); a store records changes for one person: ask the administrator, or create a new store with `fieldvisit init --home DIR`",
             "この端末のデータは、サーバーに別の利用者のものとして登録済みです（{detail}）。データは 1 人の変更だけを記録します。管理者に相談するか、fieldvisit init --home ディレクトリ で新しいデータを作成してください")
        case .refusedWipeOrdered:
            ("an administrator revoked this laptop and ordered its records erased ({detail})",
             "管理者がこの端末を無効にし、記録の消去を指示しました（{detail}）")
        case .refusedOther: ("the server refused the {step} [{code}]: {detail}", "サーバーが{step}を拒否しました [{code}]: {detail}")
        case .stepLogin: ("login", "ログイン")
        case .stepPush: ("push", "送信")
        case .stepPull: ("pull", "受信")
        case .stepSnapshot: ("snapshot", "スナップショットの受信")
        case .stepLogout: ("logout", "ログアウト")
        case .stepWipe: ("wipe", "消去の報告")

        // What went wrong on the network, in a few words.
        case .detailConnectTimeout: ("connecting timed out", "接続がタイムアウトしました")
        case .detailNoAnswer: ("no answer in time", "時間内に応答がありません")
        case .detailServerClosed: ("the server closed the connection", "サーバーが接続を閉じました")
        case .detailConnectionRefused: ("connection refused", "接続が拒否されました")
        case .detailConnectionReset: ("connection reset", "接続がリセットされました")
        case .detailNetworkUnreachable: ("network unreachable", "ネットワークに到達できません")
        case .detailNoRoute: ("no route to host", "ホストへの経路がありません")
        case .detailConnectionBroken: ("connection broken", "接続が切れました")
        case .detailEndedEarly: ("the answer ended early", "応答が途中で終わりました")

        // Sync and login.
        case .retrying:
            ("no answer from the server ({reason}); trying again in {seconds} s (attempt {attempt} of {attempts})",
             "サーバーから応答がありません（{reason}）。{seconds} 秒後にもう一度試します（{attempt} / {attempts} 回目）")
        case .passwordPrompt: ("Password for {user} on {server}: ", "{server} の {user} のパスワード: ")
        case .changeSetRefused:
            ("the server refused change set {dot}{code}: {reason}{missing}. It and the {later} made after it stay on this laptop, unsent; show this message to the administrator",
             "サーバーが変更 {dot}{code} を拒否しました: {reason}{missing}。この変更とその後の {later} 件は、送信されずにこの端末に残っています。このメッセージを管理者に見せてください")
        case .noReasonGiven: ("no reason given", "理由の説明なし")
        case .changeSetMissing: (" (missing: {missing})", "（不足: {missing}）")
        case .clockRestamped:
            ("this laptop's clock is about {hours} hours ahead of the server's. {count} change sets were stamped again with the server's time and sent. Set the date and time in the system settings.",
             "この端末の時計がサーバーより約 {hours} 時間進んでいます。{count} 件の変更にサーバーの時刻を付け直して送信しました。システム設定で日付と時刻を直してください。")
        case .wipeStarting:
            ("an administrator revoked this laptop and ordered its records erased ({detail}).\nErasing the store in {home} and this laptop's login now.",
             "管理者がこの端末を無効にし、記録の消去を指示しました（{detail}）。\n{home} のデータとこの端末のログイン情報を消去します。")
        case .wipeReported:
            ("the store and the login are erased, and the server was told. Ask the administrator before using this laptop again.",
             "データとログイン情報を消去し、サーバーに報告しました。この端末をもう一度使う前に、管理者に相談してください。")
        case .wipeUnreported:
            ("the store and the login are erased; the server could not be told. Tell the administrator.",
             "データとログイン情報を消去しましたが、サーバーに報告できませんでした。管理者に連絡してください。")
        case .logoutNotTold:
            ("could not tell the server ({reason}).\nDevice {device} ({name}) stays enrolled on {server} until an administrator revokes it.",
             "サーバーに伝えられませんでした（{reason}）。\n管理者が無効にするまで、端末 {device}（{name}）は {server} に登録されたままです。")
        case .loginRoleUnknown: ("the login's role {role} is unknown", "ログイン情報の役割 {role} が不明です")
        case .tokenMissing: ("the device token is missing from {path}", "{path} に端末の認証情報がありません")

        // Owner-only files.
        case .fileCannotCreate: ("cannot create it ({error})", "作成できません（{error}）")
        case .fileCannotWrite: ("cannot write it ({error})", "書き込めません（{error}）")
        case .fileCannotPlace: ("cannot put it in place ({error})", "所定の場所に置けません（{error}）")
        case .fileCannotRemove: ("cannot remove it ({error})", "削除できません（{error}）")
        }
    }
}
