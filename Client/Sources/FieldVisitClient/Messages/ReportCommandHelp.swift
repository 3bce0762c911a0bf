import FieldVisitCore

/// The `--help` texts of the commands that read records out: `report`, `targets`, `export` and
/// `import`.
public enum ReportCommandHelp: String, MessageCatalogue {
    case reportAbstract, reportDiscussion, reportFormat, reportAsOf, reportYear, reportVisitsAbstract, reportCohort, reportBy,
         reportVisitsPurpose, reportOutcomesAbstract, reportOutcomesPurpose, reportOutcomesCohort, reportAmountUnit,
         reportFunnelAbstract, reportFunnelCohort, reportSuccessionAbstract, reportBenchmarkAbstract, targetsAbstract,
         targetsDiscussion, targetsFormat, targetsJSON, targetsList, targetsStaff, targetsOn, targetsDiagnosisMonths,
         targetsReferralDays, targetsSave, exportAbstract, exportDiscussion, exportFormat, exportType, exportOutput,
         importAbstract, importDiscussion, importType, importFile, importDryRun, importBranch, importCity, importExistingOnly,
         importFormat

    public var texts: (english: String, japanese: String) {
        switch self {
        case .reportAbstract:
            ("Activity reports per fiscal year (visits, outcomes, funnels, succession) and a company's local benchmark.",
             "年度ごとの活動報告（訪問、成果、ファネル、事業承継）と、企業のローカルベンチマークを表示します。")
        case .reportDiscussion:
            ("""
             Fiscal years run April to March and print with the era (令和5年度 = April 2023 – March 2024; FY2019 is 令和元年度). \
             Every count shows the fiscal year asked for with the year before in parentheses: 16 (35). Counts come from the \
             records themselves; deleted records do not count, and a record in conflict counts once with its visible value (the \
             report says how many were in conflict). See docs/reports.md.
             """,
             """
             年度は 4 月から翌年 3 月までで、和暦で表示します（令和5年度 = 2023 年 4 月〜2024 年 3 月。2019 年度は令和元年度）。\
             どの件数も、指定した年度の値の後に前年度の値を括弧で示します：16 (35)。件数は記録そのものから数えます。\
             削除した記録は数えず、競合している記録は表示されている値で 1 件と数えます（競合していた件数は報告に示します）。\
             詳しくは docs/reports.md を参照してください。
             """)
        case .reportFormat:
            ("table (aligned, the default), csv (for Excel) or json.",
             "table（桁をそろえた表、既定）、csv（Excel 用）または json。")
        case .reportAsOf:
            ("The report as this laptop would have printed it then: a date (the end of that day) or a date and time (2024-04-30T17:00:00+09:00).",
             "その時点でこの端末が出力したはずの報告：日付（その日の終わり）または日時（2024-04-30T17:00:00+09:00）。")
        case .reportYear:
            ("The fiscal year by the calendar year it starts in (2023) or by its era (令和5, R5, 令和5年度).",
             "年度：始まる年の西暦（2023）または和暦（令和5、R5、令和5年度）。")
        case .reportVisitsAbstract:
            ("Companies visited (訪問企業数) and visits (延べ訪問回数), overall and by purpose, branch, industry, staff or month.",
             "訪問企業数と延べ訪問回数を、全体と、目的・支所・業種・担当者・月別に表示します。")
        case .reportCohort:
            ("Only companies of this cohort (e.g. the two disaster programmes): {values}",
             "この対象グループの企業だけ（例：二つの災害関連事業）：{values}")
        case .reportBy:
            ("Break down by purpose, branch, industry, staff or month.",
             "目的、支所、業種、担当者、月のいずれかで内訳を示します。")
        case .reportVisitsPurpose:
            ("Only visits of this purpose (programme), and then the companies a bank accompanied: {values}",
             "この目的（事業）の訪問だけ。あわせて金融機関が同行した企業を示します：{values}")
        case .reportOutcomesAbstract:
            ("Among the companies visited, how many received each support action, and referrals by agency.",
             "訪問した企業のうち、支援ごとに受けた企業数と、紹介・取次ぎ先ごとの件数を表示します。")
        case .reportOutcomesPurpose:
            ("Only the firms visited under this purpose (programme), with the support they received on any visit: {values}",
             "この目的（事業）で訪問した企業だけ。支援はどの訪問で受けたものも数えます：{values}")
        case .reportOutcomesCohort:
            ("Only the firms of this cohort in each year (e.g. the debt buy-out firms apart from the other disaster firms): {values}",
             "各年度でこの対象グループに属する企業だけ（例：債権買取の企業をほかの被災企業と分けて）：{values}")
        case .reportAmountUnit:
            ("Amounts in thousand (千円, the default) or million (百万円) yen.",
             "金額の単位：thousand（千円、既定）または million（百万円）。")
        case .reportFunnelAbstract:
            ("A cohort's companies: listed → interviewed → supported in the fiscal year.",
             "対象グループの企業：年度内の 対象 → 面談 → 支援 の件数を表示します。")
        case .reportFunnelCohort: ("The cohort: {values}", "対象グループ：{values}")
        case .reportSuccessionAbstract:
            ("Owners 65 or over interviewed → with a succession need → referred to the centre; diagnoses by result.",
             "面談した 65 歳以上の経営者 → 事業承継の必要あり → センターへ紹介 の件数と、結果別の診断件数を表示します。")
        case .reportBenchmarkAbstract:
            ("A company's six local-benchmark indicators across its hearing sheets, with the change and a bar chart.",
             "企業のヒアリングシートごとのローカルベンチマーク 6 指標を、変化と棒グラフで表示します。")
        case .targetsAbstract:
            ("""
             Who to visit next: owners due a succession diagnosis, cohort members not yet visited, new founders, referrals \
             awaiting news, follow-ups due.
             """,
             """
             次に訪問する先：事業承継診断の時期を迎えた経営者、まだ訪問していない対象グループの企業、新たな創業者、\
             知らせを待っている紹介、フォローアップの予定。
             """)
        case .targetsDiscussion:
            ("""
             Lists are drawn up from the records on this laptop as they are today, by branch and by the staff member who saw the \
             company last; each line says why the company is listed. See docs/reports.md ("Target lists").
             """,
             """
             一覧は、この端末の記録の今日の内容から、支所と最後に企業を訪れた担当者ごとに作ります。各行に、\
             その企業が載っている理由を示します。詳しくは docs/reports.md（「Target lists」）を参照してください。
             """)
        case .targetsFormat: ("table (the default), csv (for Excel) or json.", "table（既定）、csv（Excel 用）または json。")
        case .targetsJSON: ("Print JSON: the same as --format json.", "JSON で出力します（--format json と同じ）。")
        case .targetsList:
            ("Only this list: succession, cohorts, founders, referrals or followups.",
             "この一覧だけ：succession、cohorts、founders、referrals、followups。")
        case .targetsStaff: ("Only companies this staff member saw last.", "この担当者が最後に訪れた企業だけ。")
        case .targetsOn:
            ("The day to draw the lists up for, YYYY-MM-DD (default today).",
             "一覧を作る基準日、YYYY-MM-DD（既定：今日）。")
        case .targetsDiagnosisMonths:
            ("A succession diagnosis in the last this many months keeps an owner off the list (1–120; default 36, or as saved).",
             "この月数以内に事業承継診断を受けた経営者は一覧に載せません（1〜120。既定は 36、または保存した値）。")
        case .targetsReferralDays:
            ("A referral to the centre is listed when this many days passed with no news or visit (1–3650; default 30, or as saved).",
             "センターへの紹介は、知らせも訪問もないままこの日数が過ぎると一覧に載ります（1〜3650。既定は 30、または保存した値）。")
        case .targetsSave:
            ("Keep --diagnosis-months and --referral-days on this laptop as the lists' settings.",
             "--diagnosis-months と --referral-days を、一覧の設定としてこの端末に保存します。")
        case .exportAbstract:
            ("Write companies, visits or form records as CSV for Excel, or as JSON.",
             "企業、訪問記録、様式の記録を Excel 用の CSV、または JSON で書き出します。")
        case .exportDiscussion:
            ("""
             CSV holds one kind of record (--type): a header row of field names (id,name,nameKana,…; for a form type, then one \
             column per question, answer.<question id>), one row per record, codes as codes, sets joined with ';'. It is UTF-8 \
             with the byte order mark, so that Excel shows Japanese correctly, or Shift_JIS with --encoding sjis. `fieldvisit \
             import` reads companies and visits back. JSON without --type holds companies and visits: \
             {"companies":[…],"visits":[…]}. Deleted records are left out.
             """,
             """
             CSV には 1 種類の記録（--type）を書きます。1 行目は項目名の見出し（id,name,nameKana,…。様式では続けて質問ごとに 1 \
             列、answer.<質問 id>）、記録ごとに 1 行で、コードはコードのまま、複数の値は ';' でつなぎます。 Excel \
             で日本語が正しく表示されるよう BOM 付きの UTF-8 で書きます。--encoding sjis なら Shift_JIS です。企業と訪問記録は \
             fieldvisit import で読み戻せます。 --type なしの JSON には企業と訪問記録を書きます：\
             {"companies":[…],"visits":[…]}。削除した記録は書き出しません。
             """)
        case .exportFormat: ("csv or json.", "csv または json。")
        case .exportType:
            ("companies, visits, or a form type ({types}); required for CSV.",
             "companies、visits、または様式の種類（{types}）。CSV では必須です。")
        case .exportOutput:
            ("Write to this file (created owner-only, 0600) instead of standard output.",
             "標準出力の代わりにこのファイルに書きます（所有者だけが読めるよう 0600 で作ります）。")
        case .importAbstract:
            ("""
             Import companies, visits or form records from a file, as exported or as saved by Excel, or companies from the \
             National Tax Agency's corporate-number download.
             """,
             """
             書き出したファイルや Excel で保存したファイルから企業・訪問記録・様式の記録を、\
             または国税庁の法人番号データから企業を取り込みます。
             """)
        case .importDiscussion:
            ("""
             The file may be UTF-8 (with or without BOM) or Shift_JIS. Its first row names the columns, by field name (name, \
             corporateNumber, …) or Japanese label (企業名, 法人番号, 業種, …); an unknown column is an error. Codes may be \
             given as codes or labels (製造業), dates and years with their era (令和6年4月1日, R6.4.1). A visit's company may be \
             its id, its corporate number or its exact name; without a staff column, a new visit is the importing user's.
             Every row is checked first: if any is invalid, nothing is imported and every problem is listed with its line (exit \
             code 2). A company is matched by corporate number, else by id; a visit by id. Matched records get only the changed \
             fields, so importing a file twice creates nothing twice. An empty cell clears its field.
             `import nta FILE` reads the National Tax Agency's corporate-number download (法人番号公表サイト, 基本3情報: 30 \
             columns, no header row) and creates or updates companies by corporate number: name, furigana, address, \
             municipality, legal form, and the closure of the register (closedOn, closeCause, successorCorporateNumber). The \
             last row of a number in the file wins. Companies of branches you do not cover are skipped; new companies go to \
             --branch, or to your only branch. --city limits the new companies to those municipalities; --existing-only creates \
             none.
             `import hearing FILE` and `import succession FILE` (any form type's word) read the CSV `export --type \
             hearing|succession` writes, or JSON Lines (.jsonl or --format jsonl) with the same keys; each record is checked \
             against its form version (formVersion, else the newest), as `hearing fill --answers` checks it.
             """,
             """
             ファイルは UTF-8（BOM の有無は問いません）または Shift_JIS です。1 行目に列名を、項目名（name、corporateNumber、…）\
             または日本語の項目名（企業名、法人番号、業種、…）で書きます。分からない列があるとエラーです。\
             コードはコードでも名称（製造業）でも構いません。日付と年は和暦でも書けます（令和6年4月1日、R6.4.1）。\
             訪問記録の企業は、id、法人番号、正確な企業名のいずれかで指定します。担当者の列がなければ、\
             新しい訪問記録は取り込む利用者のものになります。
             先にすべての行を確認します。誤りが一つでもあれば何も取り込まず、すべての問題を行番号とともに示します（終了コード 2）\
             。企業は法人番号で、なければ id で照合し、訪問記録は id で照合します。\
             照合できた記録は変わった項目だけを更新するので、同じファイルを二度取り込んでも二重にはなりません。\
             空のセルはその項目を消します。
             import nta FILE は国税庁の法人番号データ（法人番号公表サイト、基本3情報：30 列、見出し行なし）を読み、\
             法人番号ごとに企業を作成または更新します：名前、フリガナ、所在地、市区町村、法人格、登記記録の閉鎖（closedOn、\
             closeCause、successorCorporateNumber）。同じ番号の行はファイルの最後の行を採用します。\
             担当していない支所の企業は飛ばします。新しい企業は --branch の支所に、なければあなたの唯一の担当支所に入ります。 \
             --city は新しい企業をその市区町村に限ります。--existing-only なら新しい企業は作りません。
             import hearing FILE と import succession FILE（様式の種類のコマンド名ならどれでも）は、export --type \
             hearing|succession が書く CSV、または同じキーの JSON Lines（.jsonl または --format jsonl）を読みます。各記録は \
             hearing fill --answers と同じように、その様式の版（formVersion、なければ最新版）で確認します。
             """)
        case .importType:
            ("companies, visits, nta (the corporate-number download), hearing or succession.",
             "companies、visits、nta（法人番号データ）、hearing または succession。")
        case .importFile: ("The file.", "取り込むファイル。")
        case .importDryRun:
            ("Only check the file and report what would be imported; write nothing.",
             "ファイルを確認し、取り込まれる内容を示すだけで、何も書き込みません。")
        case .importBranch:
            ("nta: the branch of new companies (one of yours when logged in); needed unless you have exactly one branch.",
             "nta：新しい企業の支所（ログイン中なら担当支所のいずれか）。担当支所が一つだけでなければ必須です。")
        case .importCity:
            ("nta: create companies only in this municipality: its local-government code (03201 or 032018) or its name (盛岡市). Repeatable.",
             "nta：この市区町村の企業だけを作ります。地方公共団体コード（03201 または 032018）または名前（盛岡市）。複数指定可。")
        case .importExistingOnly:
            ("nta: only update companies already here; create none.",
             "nta：すでにある企業を更新するだけで、新しい企業は作りません。")
        case .importFormat:
            ("hearing, succession: csv or jsonl (default: jsonl for a .jsonl file, else csv).",
             "hearing、succession：csv または jsonl（既定：.jsonl のファイルなら jsonl、それ以外は csv）。")
        }
    }
}
