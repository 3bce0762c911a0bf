import FieldVisitCore

/// The `--help` texts of `fieldvisit` itself, its store options, and of `init`, `login`, `sync`,
/// `logout`, `agenda`, `conflicts`, `history`, `status` and `review`; and the descriptions of arguments
/// many commands share.
public enum CommandHelp: String, MessageCatalogue {
    case fieldvisitAbstract, fieldvisitDiscussion, home, json, csvEncoding, companyID, recordID, onlyBranchCompanies,
         initAbstract, initUser, loginAbstract, loginDiscussion, loginServer, loginUser, loginCAFile, loginDeviceName,
         loginPasswordStdin, syncAbstract, syncDiscussion, logoutAbstract, agendaAbstract, agendaOn, conflictsAbstract,
         historyAbstract, historyID, statusAbstract, reviewAbstract, reviewDiscussion, reviewQueueAbstract, reviewBranch,
         reviewStaff, reviewType, reviewFrom, reviewTo, reviewShowAbstract, reviewAnyID, reviewApproveAbstract, reviewedID,
         reviewComment, reviewReturnAbstract, reviewReturnComment, reviewResolveAbstract, reviewResolveDiscussion, reviewField,
         reviewChoose, reviewValue, reviewEdit, reviewMergeAbstract, reviewMergeDiscussion

    public var texts: (english: String, japanese: String) {
        switch self {
        case .fieldvisitAbstract:
            ("Record company visits, hearing sheets and succession diagnoses offline, and sync them with the office.",
             "企業訪問、ヒアリングシート、事業承継診断をオフラインで記録し、事務所と同期します。")
        case .fieldvisitDiscussion:
            ("""
             The data directory is --home DIR, else $FIELDVISIT_HOME, else ~/.fieldvisit.
             Records are addressed by id; a unique prefix of an id is enough.
             Exit codes: 0 success, 1 failure, 2 invalid usage or input.
             """,
             """
             データの保存先は --home DIR、なければ $FIELDVISIT_HOME、なければ ~/.fieldvisit です。
             記録は id で指定します。id の先頭部分だけでも、ほかと区別できれば構いません。
             終了コード：0 成功、1 失敗、2 使い方または入力の誤り。
             """)
        case .home:
            ("The data directory (default: $FIELDVISIT_HOME, else ~/.fieldvisit).",
             "データの保存先（既定：$FIELDVISIT_HOME、なければ ~/.fieldvisit）。")
        case .json: ("Print JSON instead of a table.", "表の代わりに JSON で出力します。")
        case .csvEncoding:
            ("CSV only: utf8 (with BOM, the default) or sjis (Shift_JIS, CP932).",
             "CSV のみ：utf8（BOM 付き、既定）または sjis（Shift_JIS、CP932）。")
        case .companyID: ("The company's id or a unique prefix of it.", "企業の id、またはほかと区別できる id の先頭部分。")
        case .recordID: ("The record's id or a unique prefix of it.", "記録の id、またはほかと区別できる id の先頭部分。")
        case .onlyBranchCompanies: ("Only companies of this branch code.", "この支所コードの企業だけ。")
        case .initAbstract: ("Create the local store and this laptop's replica id.", "この端末にデータの保存先とレプリカ id を作ります。")
        case .initUser: ("The staff member's user name (default: the login name).", "担当者の利用者名（既定：OS のログイン名）。")
        case .loginAbstract: ("Enrol this laptop with the sync server.", "この端末を同期サーバーに登録します。")
        case .loginDiscussion:
            ("""
             Asks for the password (it is never stored); scripts pass it with --password-stdin
             or FIELDVISIT_PASSWORD. The store must exist (fieldvisit init) and --user must be
             its user. The device token is kept in the data directory, owner-only.
             """,
             """
             パスワードを尋ねます（パスワードは保存しません）。スクリプトからは --password-stdin または FIELDVISIT_PASSWORD \
             で渡してください。データの保存先が作成済み（fieldvisit init）で、 --user がその利用者である必要があります。\
             端末の認証情報は、所有者だけが読めるようにデータの保存先に保管します。
             """)
        case .loginServer:
            ("The sync server's address: https://HOST[:PORT] (http:// only to this computer).",
             "同期サーバーのアドレス：https://HOST[:PORT]（http:// はこのコンピューター内のサーバーに限ります）。")
        case .loginUser: ("Your user name on the server: the store's user.", "サーバーでのあなたの利用者名（データの保存先の利用者）。")
        case .loginCAFile:
            ("The office CA certificate (PEM) to trust for the server instead of the system's roots.",
             "システムのルート証明書の代わりに、サーバーの確認に使う事務所の CA 証明書（PEM）。")
        case .loginDeviceName:
            ("The name the server shows for this laptop (default: the host name).",
             "サーバーに表示するこの端末の名前（既定：ホスト名）。")
        case .loginPasswordStdin: ("Read the password from the first line of standard input.", "パスワードを標準入力の 1 行目から読み取ります。")
        case .syncAbstract:
            ("Send this laptop's changes to the server, then receive everyone's.",
             "この端末の変更をサーバーに送信し、続いてほかの人の変更を受信します。")
        case .syncDiscussion:
            ("Safe to interrupt at any moment: the next sync continues where this one stopped.",
             "いつ中断しても安全です。次の同期が、中断したところから続けます。")
        case .logoutAbstract:
            ("Revoke this laptop's device on the server and forget the login. Records stay.",
             "サーバーでこの端末を無効にし、ログイン情報を消去します。記録は残ります。")
        case .agendaAbstract:
            ("Follow-ups due: next-visit dates reached or passed, oldest first.",
             "フォローアップの予定：次回訪問日を迎えた、または過ぎた訪問を古い順に表示します。")
        case .agendaOn: ("The day to look from, YYYY-MM-DD (default today).", "基準にする日、YYYY-MM-DD（既定：今日）。")
        case .conflictsAbstract: ("Fields in conflict on this laptop.", "この端末で競合している項目を表示します。")
        case .historyAbstract:
            ("Who changed a record, what, when and from which device.",
             "記録を、誰が、何を、いつ、どの端末から変更したかを表示します。")
        case .historyID:
            ("The record's id or a unique prefix of it (company, visit, hearing sheet or diagnosis).",
             "記録（企業、訪問記録、ヒアリングシート、診断）の id、またはほかと区別できる id の先頭部分。")
        case .statusAbstract:
            ("Pending changes, the sync server and the last sync.",
             "送信待ちの変更、同期サーバー、最後の同期を表示します。")
        case .reviewAbstract:
            ("Review records: the queue, approve, return, and resolve conflicts.",
             "記録の確認：確認待ちの一覧、承認、差し戻し、競合の解決を行います。")
        case .reviewDiscussion:
            ("""
             approve, return, resolve and merge are refused when this laptop is logged in as field staff (the server refuses \
             them too). A laptop that is not logged in may review.
             """,
             """
             この端末が担当者としてログインしているときは、approve、return、resolve、merge \
             はできません（サーバーも受け付けません）。ログインしていない端末では確認できます。
             """)
        case .reviewQueueAbstract:
            ("Records waiting for review, oldest first: submitted, changed since approval, or in conflict.",
             "確認待ちの記録を古い順に表示します：提出済み、承認後に変更されたもの、競合しているもの。")
        case .reviewBranch: ("Only records of companies of this branch.", "この支所の企業の記録だけ。")
        case .reviewStaff: ("Only records this staff member took.", "この担当者が作成した記録だけ。")
        case .reviewType: ("Only this type: {types} (or company).", "この種類だけ：{types}（または company）。")
        case .reviewFrom: ("Only records dated on or after this day, YYYY-MM-DD.", "この日以降の日付の記録だけ、YYYY-MM-DD。")
        case .reviewTo: ("Only records dated on or before this day, YYYY-MM-DD.", "この日以前の日付の記録だけ、YYYY-MM-DD。")
        case .reviewShowAbstract:
            ("Show a record field by field: values, competing values with who wrote them, when and from which device, and each field's history.",
             "記録を項目ごとに表示します：値、競合している値とそれを書いた人・日時・端末、各項目の履歴。")
        case .reviewAnyID:
            ("The record's id or a unique prefix (visit, hearing sheet, diagnosis or company).",
             "記録（訪問記録、ヒアリングシート、診断、企業）の id、またはほかと区別できる id の先頭部分。")
        case .reviewApproveAbstract:
            ("Approve a record as it is now (refused while conflicts wait).",
             "記録を現在の内容で承認します（競合が残っている間はできません）。")
        case .reviewedID:
            ("The record's id or a unique prefix (visit, hearing sheet or diagnosis).",
             "記録（訪問記録、ヒアリングシート、診断）の id、またはほかと区別できる id の先頭部分。")
        case .reviewComment: ("A comment for the author.", "作成者へのコメント。")
        case .reviewReturnAbstract:
            ("Return a record to its author for correction, with the reason.",
             "理由を添えて、記録を作成者に差し戻して修正を依頼します。")
        case .reviewReturnComment: ("Why it is returned: what to correct.", "差し戻す理由（何を修正するか）。")
        case .reviewResolveAbstract:
            ("Resolve a conflicted field: choose one of its competing values, give a new one, or edit them together.",
             "競合している項目を解決します：競合している値から一つを選ぶか、新しい値を入れるか、まとめて編集します。")
        case .reviewResolveDiscussion:
            ("""
             --choose N takes the value numbered N by `fieldvisit review show`. --value V types a new value (codes, dates and \
             numbers as elsewhere). --edit opens $EDITOR with every competing version of a text field.
             """,
             """
             --choose N は、fieldvisit review show が N 番と表示した値を採用します。 --value V は新しい値を入れます（コード、\
             日付、数値の書き方はほかと同じです）。 --edit はテキスト項目の競合しているすべての版を $EDITOR で開きます。
             """)
        case .reviewField: ("The field's name, e.g. notes.", "項目名（例：notes）。")
        case .reviewChoose: ("The number of the competing value to keep.", "採用する競合値の番号。")
        case .reviewValue: ("A new value that replaces every competing one.", "競合しているすべての値に代わる新しい値。")
        case .reviewEdit:
            ("Edit the competing versions together in $EDITOR (text fields).",
             "競合している版をまとめて $EDITOR で編集します（テキスト項目）。")
        case .reviewMergeAbstract:
            ("Walk through every conflicted field of a record: choose a value by number, \"v\" to type one, \"s\" to skip.",
             "記録の競合している項目を順に解決します：番号で値を選ぶか、「v」で値を入力、「s」で飛ばします。")
        case .reviewMergeDiscussion:
            ("The decisions are recorded together as one change at the end; end of input skips the remaining fields.",
             "決めた内容は最後にまとめて一つの変更として記録します。入力が終わると、残りの項目は飛ばします。")
        }
    }
}
