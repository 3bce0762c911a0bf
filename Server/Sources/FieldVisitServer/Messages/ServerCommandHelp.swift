import FieldVisitCore

/// The `--help` texts of `fieldvisit-server`: `serve` and the administration commands.
public enum ServerCommandHelp: String, MessageCatalogue {
    case serverAbstract, serverDiscussion, dataDirectory, database, databaseConnections, serveAbstract, serveDiscussion,
         serveHost, servePort, serveTLSCert, serveTLSKey, serveName, serveIdleTimeout, serveTokenLifetime, serveInsecureHTTP,
         branchAbstract, branchAddAbstract, branchCode, branchName, branchListAbstract, userAbstract, userAddAbstract,
         userAddName, userRole, userBranches, passwordStdin, userDisableAbstract, userName, userPasswordAbstract,
         userPasswordDiscussion, userListAbstract, deviceAbstract, deviceListAbstract, deviceListJSON, deviceRevokeAbstract,
         deviceRevokeDiscussion, deviceID, deviceRevokeUser, deviceRevokeWipe, auditAbstract, auditVerifyAbstract,
         auditVerifyDiscussion, auditExpectHead, auditExportAbstract, auditExportDiscussion, auditSince, auditUser, auditFormat,
         backupAbstract, backupDiscussion, backupOutput, backupForce

    public var texts: (english: String, japanese: String) {
        switch self {
        case .serverAbstract:
            ("The FieldVisit sync server: laptops sync with it over HTTPS.",
             "FieldVisit の同期サーバーです。各端末は HTTPS でこのサーバーと同期します。")
        case .serverDiscussion:
            ("""
             The data directory is --data-dir DIR, else $FIELDVISIT_SERVER_DATA, else ~/.fieldvisit-server.
             The administration commands work on the same data directory while the server runs.
             Exit codes: 0 success, 1 failure, 2 invalid usage or input.
             """,
             """
             データの保存先は --data-dir DIR、なければ $FIELDVISIT_SERVER_DATA、なければ ~/.fieldvisit-server です。
             管理コマンドは、サーバーの稼働中も同じデータの保存先で使えます。
             終了コード：0 成功、1 失敗、2 使い方または入力の誤り。
             """)
        case .dataDirectory: ("The server's data directory.", "サーバーのデータの保存先。")
        case .database:
            ("""
             A PostgreSQL database, postgres://USER[:PASSWORD]@HOST[:PORT]/NAME[?sslmode=MODE], instead of SQLite in the data \
             directory (also $FIELDVISIT_DATABASE_URL).
             """,
             """
             データの保存先の SQLite の代わりに使う PostgreSQL データベース：\
             postgres://USER[:PASSWORD]@HOST[:PORT]/NAME[?sslmode=MODE]（$FIELDVISIT_DATABASE_URL でも指定できます）。
             """)
        case .databaseConnections: ("The most connections to the PostgreSQL database at once.", "PostgreSQL データベースへの同時接続数の上限。")
        case .serveAbstract: ("Serve laptops over HTTPS.", "HTTPS で端末と同期します。")
        case .serveDiscussion:
            ("""
             Without --tls-cert/--tls-key the server makes, on first start, its own certificate authority and a certificate for \
             the address it listens on, in DATA_DIR/tls, and prints the CA file laptops trust (fieldvisit login --ca-file). \
             Plain HTTP needs --insecure-http and a loopback address.
             """,
             """
             --tls-cert と --tls-key がなければ、サーバーは初回の起動時に DATA_DIR/tls \
             に独自の認証局と待ち受けるアドレスの証明書を作り、端末が信頼する CA ファイル（fieldvisit login --ca-file）\
             を表示します。暗号化しない HTTP には --insecure-http とループバックアドレスが必要です。
             """)
        case .serveHost: ("The address to listen on.", "待ち受けるアドレス。")
        case .servePort: ("The port (0: any free port).", "ポート番号（0：空いている任意のポート）。")
        case .serveTLSCert:
            ("A PEM certificate chain for the server, instead of its own CA.",
             "独自の認証局の代わりに使う、サーバーの PEM 証明書チェーン。")
        case .serveTLSKey: ("The PEM private key of --tls-cert.", "--tls-cert の PEM 秘密鍵。")
        case .serveName:
            ("More host names for the generated certificate (the names laptops use).",
             "作成する証明書に加えるホスト名（端末が使う名前）。")
        case .serveIdleTimeout:
            ("Seconds a connection may stay silent before the server closes it.",
             "通信のない接続をサーバーが閉じるまでの秒数。")
        case .serveTokenLifetime:
            ("Days a device token stays valid without a sync; every sync renews it.",
             "同期しないまま端末の認証情報が有効な日数。同期するたびに延長します。")
        case .serveInsecureHTTP:
            ("Serve plain HTTP, for development on a loopback address only.",
             "暗号化しない HTTP で待ち受けます（開発用。ループバックアドレスに限ります）。")
        case .branchAbstract: ("Add and list branches.", "支所の追加と一覧を行います。")
        case .branchAddAbstract: ("Add a branch that companies and staff belong to.", "企業と職員が属する支所を追加します。")
        case .branchCode:
            ("The branch code companies name in their branch field (letters, digits, - and _).",
             "企業の支所欄に書く支所コード（英字、数字、- と _）。")
        case .branchName: ("The branch's name (「盛岡支店」).", "支所の名前（「盛岡支店」など）。")
        case .branchListAbstract: ("List the branches.", "支所を一覧表示します。")
        case .userAbstract: ("Add, disable and list users, and change passwords.", "利用者の追加、停止、一覧、パスワードの変更を行います。")
        case .userAddAbstract:
            ("Add a user; the password is asked at a prompt or read from standard input.",
             "利用者を追加します。パスワードは画面で尋ねるか、標準入力から読み取ります。")
        case .userAddName:
            ("The user name staff log in with; it is also the author of their change sets.",
             "職員がログインに使う利用者名。変更の記録の作成者名にもなります。")
        case .userRole:
            ("field (担当者), manager (管理者) or admin (システム管理者).",
             "field（担当者）、manager（管理者）または admin（システム管理者）。")
        case .userBranches:
            ("The branches whose records the user sees (one or more codes).",
             "利用者が記録を見られる支所（一つ以上の支所コード）。")
        case .passwordStdin:
            ("Read the password from standard input (one line) instead of a prompt.",
             "画面で尋ねる代わりに、パスワードを標準入力（1 行）から読み取ります。")
        case .userDisableAbstract:
            ("Disable a user: their devices are refused at once; their records stay.",
             "利用者を停止します。その端末はすぐに受け付けなくなります。記録は残ります。")
        case .userName: ("The user name.", "利用者名。")
        case .userPasswordAbstract:
            ("Change a user's password; every device of theirs is revoked and must log in again.",
             "利用者のパスワードを変更します。その利用者の端末はすべて無効になり、ログインし直す必要があります。")
        case .userPasswordDiscussion:
            ("For a stolen password or a lost laptop: the old password and every token made with it stop working at once.",
             "パスワードが盗まれたときや端末をなくしたときに使います。古いパスワードと、それで作られた認証情報はすぐに使えなくなります。")
        case .userListAbstract: ("List the users.", "利用者を一覧表示します。")
        case .deviceAbstract: ("List and revoke enrolled laptops.", "登録された端末の一覧と無効化を行います。")
        case .deviceListAbstract: ("List enrolled devices, newest first.", "登録された端末を新しい順に一覧表示します。")
        case .deviceListJSON: ("Print JSON.", "JSON で出力します。")
        case .deviceRevokeAbstract:
            ("Revoke a device, or every device of a user: their tokens are refused from the next request.",
             "端末、または利用者のすべての端末を無効にします。その認証情報は次の要求から受け付けません。")
        case .deviceRevokeDiscussion:
            ("""
             With --wipe, the laptop is also told to erase its store and token the next time it reaches the server, and reports \
             that it did (both audited). That protects records a lost laptop has not yet been opened for; it cannot reach a \
             laptop that never connects again, or a copy of its disk: require full-disk encryption.
             """,
             """
             --wipe を付けると、端末が次にサーバーに接続したときに、データと認証情報を消去するよう指示し、\
             端末は消去したことを報告します（どちらも監査記録に残ります）。なくした端末がまだ開かれていなければ、記録を守れます。\
             二度と接続しない端末や、ディスクの複製には届きません。ディスク全体の暗号化を必須にしてください。
             """)
        case .deviceID: ("The device id (see device list).", "端末 id（device list で確認できます）。")
        case .deviceRevokeUser: ("Revoke every device of this user instead.", "代わりに、この利用者のすべての端末を無効にします。")
        case .deviceRevokeWipe:
            ("Also order the laptop's store erased when it next reaches the server.",
             "あわせて、端末が次にサーバーに接続したときにデータを消去するよう指示します。")
        case .auditAbstract: ("Export or verify the audit trail.", "監査記録の書き出しと検証を行います。")
        case .auditVerifyAbstract:
            ("Check that no entry of the audit trail was changed, removed or reordered.",
             "監査記録のどの項目も、変更、削除、並べ替えされていないことを確かめます。")
        case .auditVerifyDiscussion:
            ("""
             Each entry carries a hash chained to the one before. Prints the head (SEQ:HASH): write it down, and give it to a \
             later verify with --expect-head, which also proves that no entry up to it was cut off. Exits 1 when the chain is \
             broken, naming the first entry that does not follow.
             """,
             """
             各項目は、一つ前の項目につながるハッシュを持っています。先頭（SEQ:HASH）を表示するので、控えておき、後の verify に \
             --expect-head で渡してください。そこまでの項目が切り取られていないことも確かめられます。つながりが切れているときは、\
             つながらない最初の項目を示して終了コード 1 で終わります。
             """)
        case .auditExpectHead:
            ("A head printed by an earlier verify (SEQ:HASH) that must still be in the chain.",
             "以前の verify が表示した先頭（SEQ:HASH）。今もつながりの中にあるはずのもの。")
        case .auditExportAbstract:
            ("Export the audit trail: change sets accepted, logins, failed logins, enrolments, revocations, pushes refused, reads of records.",
             "監査記録を書き出します：受け付けた変更、ログイン、ログインの失敗、端末の登録、無効化、受け付けなかった送信、記録の閲覧。")
        case .auditExportDiscussion:
            ("Times are in the server's time zone (TZ). The trail is append-only and hash-chained (audit verify).",
             "時刻はサーバーのタイムゾーン（TZ）です。監査記録は追記のみで、ハッシュでつながっています（audit verify）。")
        case .auditSince: ("The first day to include (YYYY-MM-DD).", "含める最初の日（YYYY-MM-DD）。")
        case .auditUser: ("Only this user's entries.", "この利用者の項目だけ。")
        case .auditFormat: ("table, csv (UTF-8 with BOM, for Excel) or json.", "table、csv（BOM 付き UTF-8、Excel 用）または json。")
        case .backupAbstract:
            ("Copy the server's database to a file, also while the server runs.",
             "サーバーのデータベースをファイルに複製します。サーバーの稼働中でも使えます。")
        case .backupDiscussion:
            ("""
             SQLite's online backup: the copy is the database at one moment, each push in it whole or not at all, while laptops \
             go on syncing. It is written beside FILE under a temporary name, checked with SQLite's integrity check, and only \
             then renamed to FILE, owner-only (0600). To restore it: stop the server, move DATA_DIR/fieldvisit-server.sqlite and \
             its -wal and -shm files aside, copy the backup to DATA_DIR/fieldvisit-server.sqlite, start the server \
             (docs/sync-server.md, Backups).
             """,
             """
             SQLite のオンラインバックアップです。端末が同期を続けている間も、ある時点のデータベースを、\
             各送信を丸ごと含むか全く含まない形で複製します。複製は FILE の隣に一時的な名前で書き、SQLite \
             の整合性検査で確かめてから、所有者だけが読める（0600）FILE に名前を変えます。戻すには：サーバーを止め、\
             DATA_DIR/fieldvisit-server.sqlite とその -wal、-shm ファイルを別の場所に移し、バックアップを \
             DATA_DIR/fieldvisit-server.sqlite に複製して、サーバーを起動します（docs/sync-server.md の Backups）。
             """)
        case .backupOutput:
            ("The backup file to create (a new name, or add --force).",
             "作るバックアップファイル（新しい名前、または --force を付けてください）。")
        case .backupForce: ("Replace the file named by --output if it exists.", "--output のファイルがあれば置き換えます。")
        }
    }
}
