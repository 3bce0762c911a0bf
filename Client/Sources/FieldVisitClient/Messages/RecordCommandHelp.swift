import FieldVisitCore

/// The `--help` texts of the commands that record: `company`, `visit`, `form`, `hearing` and
/// `succession`.
public enum RecordCommandHelp: String, MessageCatalogue {
    case companyAbstract, companyName, companyKana, companyCorporateNumber, companyLegalForm, companyIndustry, companyEmployees,
         companyCapital, companyAnnualSales, companyRepresentative, companyBirthYear, companyBirthDate, companyAddress,
         companyMunicipality, companyBranch, companyMainBank, companyBankType, companyLifeStage, companyClosedOn,
         companyCloseCause, companySuccessor, companyCohort, companyCohortSince, companyRemoveCohort, companyCohortEndReason,
         companyAddAbstract, companyEditAbstract, companyShowAbstract, companyListAbstract, companySearchAbstract,
         companySearchQuery, visitAbstract, visitDate, visitMode, visitPurpose, visitStaff, visitWith, visitMet, visitNotes,
         visitIssue, visitSupport, visitReferral, visitNewGuaranteeAmount, visitChangeOfTermsAmount, visitReferralStatus,
         visitGoals, visitNextVisit, visitRemoveIssue, visitRemoveSupport, visitRemoveReferral, visitRemoveStaff,
         visitRecordAbstract, visitEditAbstract, visitID, visitSubmitAbstract, visitShowAbstract, visitListAbstract,
         visitListCompany, visitListFrom, visitListTo, visitListPurpose, visitListStaff, visitListState, formAbstract, formTypes,
         formType, formFillAbstract, formEditAbstract, formSubmitAbstract, formShowAbstract, formFillVisit, formFillDate,
         formFillAnswers, formFillDiscussion, formEditAnswers, hearingAbstract, hearingFillAbstract, hearingEditAbstract,
         hearingID, hearingSubmitAbstract, hearingShowAbstract, successionAbstract, successionDiagnoseAbstract,
         successionDiagnoseDiscussion, successionEditAbstract, successionID, successionSubmitAbstract, successionShowAbstract

    public var texts: (english: String, japanese: String) {
        switch self {
        case .companyAbstract: ("Add, edit, show, list and search companies.", "企業の追加、変更、表示、一覧、検索を行います。")
        case .companyName: ("Trade name (商号・屋号).", "商号・屋号。")
        case .companyKana: ("Name in kana (フリガナ).", "フリガナ。")
        case .companyCorporateNumber: ("Corporate number (法人番号), 13 digits.", "法人番号（13 桁）。")
        case .companyLegalForm: ("Legal form: {values}", "法人格：{values}")
        case .companyIndustry: ("Industry: {values}", "業種：{values}")
        case .companyEmployees: ("Number of employees.", "従業員数。")
        case .companyCapital: ("Capital in yen.", "資本金（円）。")
        case .companyAnnualSales: ("Annual sales in yen.", "年間売上高（円）。")
        case .companyRepresentative: ("Representative's name (代表者).", "代表者の氏名。")
        case .companyBirthYear: ("Representative's birth year, e.g. 1956.", "代表者の生まれ年（例：1956）。")
        case .companyBirthDate:
            ("Representative's date of birth, YYYY-MM-DD, when known (decides the age of owners born January to March).",
             "代表者の生年月日、YYYY-MM-DD（分かる場合。1〜3 月生まれの代表者の年齢はこれで決まります）。")
        case .companyAddress: ("Address.", "所在地。")
        case .companyMunicipality: ("Municipality (市区町村).", "市区町村。")
        case .companyBranch:
            ("Branch code (支所); when adding, the logged-in user's branch if they have only one.",
             "支所コード。追加するときは、ログイン中の利用者の担当支所が一つならその支所になります。")
        case .companyMainBank: ("Main bank's name.", "メインバンクの名前。")
        case .companyBankType: ("Main bank's type: {values}", "メインバンクの業態：{values}")
        case .companyLifeStage: ("Life stage: {values}", "ライフステージ：{values}")
        case .companyClosedOn:
            ("The day the corporation's register was closed (登記記録の閉鎖等年月日), YYYY-MM-DD; \"\" when restored.",
             "登記記録の閉鎖等年月日、YYYY-MM-DD（回復したときは \"\"）。")
        case .companyCloseCause: ("Why the register was closed: {values}", "登記記録の閉鎖等の事由：{values}")
        case .companySuccessor: ("The corporate number of the corporation that took over (承継先法人番号).", "承継先法人番号。")
        case .companyCohort: ("Add a follow-up cohort (repeatable): {values}", "追跡する対象グループに加えます（複数指定可）：{values}")
        case .companyCohortSince:
            ("With --cohort, the day the company joined it, YYYY-MM-DD (default today).",
             "--cohort と一緒に：企業がグループに加わった日、YYYY-MM-DD（既定：今日）。")
        case .companyRemoveCohort:
            ("Remove a follow-up cohort (repeatable): the membership ends today.",
             "追跡する対象グループから外します（複数指定可）。今日で所属が終わります。")
        case .companyCohortEndReason:
            ("With --remove-cohort, why the membership ends: {values}",
             "--remove-cohort と一緒に：所属が終わる理由：{values}")
        case .companyAddAbstract: ("Add a company.", "企業を追加します。")
        case .companyEditAbstract: ("Change fields of a company.", "企業の項目を変更します。")
        case .companyShowAbstract: ("Show a company, its visits and forms.", "企業と、その訪問記録・様式の記録を表示します。")
        case .companyListAbstract: ("List companies by reading.", "企業を読み仮名の順に一覧表示します。")
        case .companySearchAbstract:
            ("Find companies by part of the name or kana (any width, hiragana or katakana) or by corporate number.",
             "名前またはフリガナの一部（全角・半角、ひらがな・カタカナを問いません）、または法人番号で企業を探します。")
        case .companySearchQuery:
            ("What to look for, e.g. かわむら, ｶﾜﾑﾗ or 1180301018771.",
             "探す文字列（例：かわむら、ｶﾜﾑﾗ、1180301018771）。")
        case .visitAbstract: ("Record, edit, show and list visits.", "訪問の記録、変更、表示、一覧を行います。")
        case .visitDate: ("The visit date, YYYY-MM-DD (record: default today).", "訪問日、YYYY-MM-DD（record の既定：今日）。")
        case .visitMode: ("How the meeting took place: {values}", "面談の方法：{values}")
        case .visitPurpose: ("Purpose: {values}", "目的：{values}")
        case .visitStaff:
            ("A staff member who attended (repeatable; record: default this laptop's user).",
             "同席した担当者（複数指定可。record の既定：この端末の利用者）。")
        case .visitWith: ("An accompanying organisation (repeatable): {values}", "同行した機関（複数指定可）：{values}")
        case .visitMet: ("Who was met (repeatable): {values}", "面談相手（複数指定可）：{values}")
        case .visitNotes: ("Notes of the meeting.", "面談の記録。")
        case .visitIssue: ("A management issue found (repeatable): {values}", "把握した経営課題（複数指定可）：{values}")
        case .visitSupport: ("Support given (repeatable): {values}", "実施した支援（複数指定可）：{values}")
        case .visitReferral: ("A referral (repeatable): {values}", "紹介・取次ぎ先（複数指定可）：{values}")
        case .visitNewGuaranteeAmount:
            ("The amount of a new guarantee given, in yen (with --support newGuarantee).",
             "新規保証の金額（円。--support newGuarantee と一緒に）。")
        case .visitChangeOfTermsAmount:
            ("The amount of the loans whose terms were changed, in yen (with --support changeOfTerms).",
             "条件変更した融資の金額（円。--support changeOfTerms と一緒に）。")
        case .visitReferralStatus:
            ("How far this visit's referral got, as news comes back: {values}",
             "この訪問の紹介・取次ぎの進み具合（知らせが届いたら更新）：{values}")
        case .visitGoals: ("Short-term goals agreed.", "合意した短期目標。")
        case .visitNextVisit: ("The next visit date, YYYY-MM-DD.", "次回訪問日、YYYY-MM-DD。")
        case .visitRemoveIssue: ("Remove an issue (repeatable).", "経営課題を外します（複数指定可）。")
        case .visitRemoveSupport: ("Remove a support action (repeatable).", "支援を外します（複数指定可）。")
        case .visitRemoveReferral: ("Remove a referral (repeatable).", "紹介・取次ぎ先を外します（複数指定可）。")
        case .visitRemoveStaff: ("Remove a staff member (repeatable).", "担当者を外します（複数指定可）。")
        case .visitRecordAbstract: ("Record a visit to a company.", "企業への訪問を記録します。")
        case .visitEditAbstract: ("Change fields of a visit.", "訪問記録の項目を変更します。")
        case .visitID: ("The visit's id or a unique prefix of it.", "訪問記録の id、またはほかと区別できる id の先頭部分。")
        case .visitSubmitAbstract: ("Hand a visit in for review (提出).", "訪問記録を確認に提出します。")
        case .visitShowAbstract: ("Show a visit.", "訪問記録を表示します。")
        case .visitListAbstract: ("List visits, oldest first.", "訪問記録を古い順に一覧表示します。")
        case .visitListCompany: ("Only this company (id or prefix).", "この企業だけ（id または先頭部分）。")
        case .visitListFrom: ("Only visits on or after this date.", "この日以降の訪問だけ。")
        case .visitListTo: ("Only visits on or before this date.", "この日以前の訪問だけ。")
        case .visitListPurpose: ("Only this purpose code.", "この目的コードだけ。")
        case .visitListStaff: ("Only visits this staff member attended.", "この担当者が同席した訪問だけ。")
        case .visitListState: ("Only this review state: {values}", "この確認状態だけ：{values}")
        case .formAbstract:
            ("Fill in, correct, submit and show records of any form type.",
             "どの種類の様式でも、記録の入力、修正、提出、表示を行います。")
        case .formTypes: ("Form types: {types}.", "様式の種類：{types}。")
        case .formType:
            ("The form type: its command word or record type ({types}).",
             "様式の種類：コマンド名または記録の種類（{types}）。")
        case .formFillAbstract: ("Fill in a form for a company, then show its results.", "企業の様式を入力し、その結果を表示します。")
        case .formEditAbstract:
            ("Correct answers of a form record; only the answers that change are recorded.",
             "様式の記録の回答を修正します。変わった回答だけを記録します。")
        case .formSubmitAbstract: ("Hand a form record in for review (提出).", "様式の記録を確認に提出します。")
        case .formShowAbstract: ("Show a form record: its answers and results.", "様式の記録（回答と結果）を表示します。")
        case .formFillVisit:
            ("The visit during which the form was taken (id or prefix); it must be a visit to the company.",
             "様式を記入した訪問（id または先頭部分）。その企業への訪問である必要があります。")
        case .formFillDate:
            ("The record's date, YYYY-MM-DD (default today; for a diagnosis, its 診断日).",
             "記録の日付、YYYY-MM-DD（既定：今日。診断では診断日）。")
        case .formFillAnswers:
            ("A JSON file of answers {\"questionID\": value, …} to record without prompts (- reads standard input).",
             "質問せずに記録する回答の JSON ファイル {\"questionID\": value, …}（- なら標準入力から読み取ります）。")
        case .formFillDiscussion:
            ("""
             Uses the newest version of the form. Without --answers, the questions are asked one by one on standard error and \
             answers are read from standard input: type the answer (a number or a code for a choice; y/n/yes/no/はい/いいえ for \
             yes/no) and press Enter. An empty line skips an optional question or takes the value shown after "Enter:". Only the \
             questions that apply to the answers so far are asked.
             
             With --answers FILE, the file holds one JSON object by question id: strings for choice codes, text and dates, whole \
             numbers for yen, integers and years, true/false for yes/no.
             
             An incomplete or invalid answer set is refused with a message naming the question (exit code 2), and nothing is \
             stored. Otherwise the record is stored as one change set, as a draft, and its id is the first line printed, \
             followed by the results.
             """,
             """
             様式の最新版を使います。--answers がなければ、質問を一つずつ標準エラーに表示し、回答を標準入力から読み取ります。\
             回答（選択肢は番号またはコード、はい・いいえは y/n/yes/no/はい/いいえ）を入力して Enter を押してください。空の行は、\
             任意の質問を飛ばすか、「Enter:」の後に示した値を採用します。それまでの回答に当てはまる質問だけを尋ねます。
             
             --answers FILE では、ファイルに質問 id ごとの JSON オブジェクトを一つ書きます。\
             選択肢のコード・テキスト・日付は文字列、円は整数、整数と年は整数、はい・いいえは true/false です。
             
             回答がそろっていないか誤っているときは、その質問を示して受け付けず（終了コード 2）、何も保存しません。それ以外は、\
             記録を一つの変更として下書きで保存し、1 行目にその id を、続けて結果を表示します。
             """)
        case .formEditAnswers:
            ("A JSON file of the answers to change {\"questionID\": value, …}; null clears one (- reads standard input).",
             "変更する回答の JSON ファイル {\"questionID\": value, …}。null で回答を消します（- なら標準入力から読み取ります）。")
        case .hearingAbstract:
            ("Fill in and show hearing sheets (ヒアリングシート) with the local-benchmark indicators.",
             "ヒアリングシートを入力し、ローカルベンチマークの指標とともに表示します。")
        case .hearingFillAbstract:
            ("Fill in a hearing sheet for a company, then show its six local-benchmark indicators.",
             "企業のヒアリングシートを入力し、ローカルベンチマークの 6 指標を表示します。")
        case .hearingEditAbstract:
            ("Correct answers of a hearing sheet; only the answers that change are recorded.",
             "ヒアリングシートの回答を修正します。変わった回答だけを記録します。")
        case .hearingID:
            ("The hearing sheet's id or a unique prefix of it.",
             "ヒアリングシートの id、またはほかと区別できる id の先頭部分。")
        case .hearingSubmitAbstract: ("Hand the hearing sheet in for review (提出).", "ヒアリングシートを確認に提出します。")
        case .hearingShowAbstract:
            ("Show a hearing sheet: its answers and its local-benchmark indicators.",
             "ヒアリングシート（回答とローカルベンチマークの指標）を表示します。")
        case .successionAbstract: ("Take and show business-succession diagnoses (事業承継診断).", "事業承継診断を行い、表示します。")
        case .successionDiagnoseAbstract:
            ("Take a succession diagnosis with a company's owner, then show the result and the next step.",
             "企業の経営者と事業承継診断を行い、結果と次に取るべき対応を表示します。")
        case .successionDiagnoseDiscussion:
            ("""
             The 診断日 question defaults to --date (else today), and the record's date is the 診断日. The owner's consent \
             decides whether the result may be passed to 事業承継・引継ぎ支援センター: without it, a referral is only a \
             recommendation to the owner.
             """,
             """
             診断日の質問の既定値は --date（なければ今日）で、記録の日付は診断日になります。\
             結果を事業承継・引継ぎ支援センターに渡せるかどうかは、経営者の同意で決まります。同意がなければ、\
             紹介は経営者への勧めにとどまります。
             """)
        case .successionEditAbstract:
            ("Correct answers of a succession diagnosis; only the answers that change are recorded.",
             "事業承継診断の回答を修正します。変わった回答だけを記録します。")
        case .successionID: ("The diagnosis's id or a unique prefix of it.", "診断の id、またはほかと区別できる id の先頭部分。")
        case .successionSubmitAbstract: ("Hand the diagnosis in for review (提出).", "診断を確認に提出します。")
        case .successionShowAbstract:
            ("Show a succession diagnosis: its answers, result, the owner's age and the consent.",
             "事業承継診断（回答、結果、経営者の年齢、同意）を表示します。")
        }
    }
}
