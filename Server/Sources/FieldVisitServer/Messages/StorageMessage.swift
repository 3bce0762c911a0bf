import FieldVisitCore

/// Why the server's storage refused an administrative change or could not be opened
/// (``StorageError``): what the administration commands and the console's
/// administrators' pages say, with what to do next.
public enum StorageMessage: String, MessageCatalogue {
    case branch, user, device, alreadyExists, notFound, replicaTaken, newerThanProgram, damaged, unknownRole, unknownAuditEvent,
         unreachable, databaseFailed, branchCode, branchName, branchesNeeded, tooManyKeys, holdsNUL, connectionsAtLeastOne,
         certificatesUnusable, urlTooLong, urlControlCharacter, urlForm, urlScheme, urlNoHost, urlNoUser, urlPort, urlNoDatabase,
         urlSSLMode, urlNoRootCertificate, urlUnknownParameter, urlRootCertificateUnchecked, urlPartControlCharacter, urlPasswordNUL,
         snapshotConnectionEnded, passwordLength

    public var texts: (english: String, japanese: String) {
        switch self {
        case .branch: ("branch", "支所")
        case .user: ("user", "利用者")
        case .device: ("device", "端末")
        case .alreadyExists: ("{kind} {name} exists already", "{kind} {name} はすでにあります")
        case .notFound: ("no {kind} named {name}; list them with `fieldvisit-server {code} list`", "{kind} {name} はありません。fieldvisit-server {code} list で一覧を確かめてください")
        case .replicaTaken:
            ("replica {replica} is enrolled for another user's device; run `fieldvisit init` in a new home on this laptop",
             "レプリカ {replica} は別の利用者の端末に登録されています。この端末の新しい保存先で fieldvisit init を実行してください")
        case .newerThanProgram:
            ("{path} was written by a newer fieldvisit-server (migrations {migrations}); install that version or newer",
             "{path} は新しい fieldvisit-server が書いたものです（移行 {migrations}）。その版以降を入れてください")
        case .damaged:
            ("{path} is not a usable FieldVisit server database: {detail}. Restore it from a backup",
             "{path} は FieldVisit サーバーのデータベースとして使えません（{detail}）。バックアップから戻してください")
        case .unknownRole:
            ("the user {user} has the role '{role}', which this fieldvisit-server does not know (it knows {roles}); run the newer fieldvisit-server that wrote it, or restore the database from a backup",
             "利用者 {user} の役割「{role}」を、この fieldvisit-server は知りません（知っているのは {roles}）。それを書いた新しい fieldvisit-server を使うか、データベースをバックアップから戻してください")
        case .unknownAuditEvent:
            ("entry {sequence} of the audit trail is of the kind '{kind}', which this fieldvisit-server does not know; read the trail with the newer fieldvisit-server that wrote it",
             "監査記録の {sequence} 番目の種類「{kind}」を、この fieldvisit-server は知りません。それを書いた新しい fieldvisit-server で読んでください")
        case .unreachable:
            ("cannot use the database {database}: {detail}; check that the server runs and that the URL's host, port, user, password and sslmode are right",
             "データベース {database} を使えません（{detail}）。データベースのサーバーが動いているか、URL のホスト、ポート、利用者、パスワード、sslmode が正しいか確かめてください")
        case .databaseFailed:
            ("the database {database} failed a statement: {detail}; see the database server's log for more",
             "データベース {database} で処理が失敗しました（{detail}）。詳しくはデータベースのサーバーのログを見てください")
        case .branchCode: ("a branch code is 1 to 32 letters, digits, - or _; not {code}", "支所のコードは半角英数字・-・_ の 1〜32 文字です。{code} は使えません")
        case .branchName: ("give the branch a name of 1 to 100 characters", "支所には 1〜100 文字の名前を付けてください")
        case .branchesNeeded: ("give field staff and managers at least one branch", "担当者と管理職には支所を 1 つ以上指定してください")
        case .tooManyKeys: ("at most {max} records are read at once, not {count}", "一度に読める記録は {max} 件までです（{count} 件ありました）")
        case .holdsNUL:
            ("{what} holds the character U+0000, which the PostgreSQL database cannot store; remove it", "{what} に PostgreSQL が保存できない文字 U+0000 が含まれています。取り除いてください")
        case .connectionsAtLeastOne:
            ("the number of database connections must be at least 1, not {count}", "データベースへの接続数は 1 以上にしてください（{count} が指定されました）")
        case .certificatesUnusable:
            ("cannot use the certificates of the database URL's sslrootcert {file}: {error}", "データベース URL の sslrootcert {file} の証明書を使えません: {error}")
        case .urlTooLong: ("the database URL is longer than 4096 bytes", "データベースの URL が 4096 バイトを超えています")
        case .urlControlCharacter: ("the database URL holds a control character", "データベースの URL に制御文字が含まれています")
        case .urlForm:
            ("the database URL is not of the form {form}; percent-encode any @, :, / or % in the user name or password",
             "データベースの URL が {form} の形ではありません。利用者名やパスワードの @ : / % はパーセントエンコードしてください")
        case .urlScheme: ("the database URL starts with {scheme}:// where postgres:// is expected ({form})", "データベースの URL が {scheme}:// で始まっています。postgres:// で始めてください（{form}）")
        case .urlNoHost: ("the database URL names no host ({form})", "データベースの URL にホストがありません（{form}）")
        case .urlNoUser: ("the database URL names no user ({form})", "データベースの URL に利用者がありません（{form}）")
        case .urlPort: ("the database URL's port {port} is not a number between 1 and 65535", "データベースの URL のポート {port} が 1〜65535 の数ではありません")
        case .urlNoDatabase: ("the database URL names no database after the host ({form})", "データベースの URL のホストの後にデータベース名がありません（{form}）")
        case .urlSSLMode: ("the database URL's sslmode must be one of {modes}", "データベースの URL の sslmode は {modes} のどれかにしてください")
        case .urlNoRootCertificate: ("the database URL's sslrootcert names no file", "データベースの URL の sslrootcert にファイルがありません")
        case .urlUnknownParameter:
            ("the database URL has the parameter '{name}', which fieldvisit-server does not know; it knows sslmode and sslrootcert",
             "データベースの URL の引数「{name}」を fieldvisit-server は知りません。使えるのは sslmode と sslrootcert です")
        case .urlRootCertificateUnchecked:
            ("the database URL gives sslrootcert with sslmode={mode}, which checks no certificate; use sslmode=verify-full",
             "データベースの URL の sslrootcert は、証明書を確かめない sslmode={mode} では使われません。sslmode=verify-full にしてください")
        case .urlPartControlCharacter: ("the database URL's {name} holds a control character", "データベースの URL の {name} に制御文字が含まれています")
        case .urlPasswordNUL: ("the database URL's password holds the character U+0000", "データベースの URL のパスワードに文字 U+0000 が含まれています")
        case .passwordLength:
            ("a password has at least {min} characters (and at most 1024 bytes)", "パスワードは {min} 文字以上（1024 バイトまで）にしてください")
        case .snapshotConnectionEnded:
            ("the snapshot's connection to PostgreSQL ended; start the sync again", "スナップショットを読む PostgreSQL への接続が切れました。もう一度同期してください")
        }
    }
}
