/// Why a value or a record was refused (``ValidationError``): the rules of the schema,
/// of dates and years as people type them, of corporate numbers and record ids.
public enum ValidationMessage: String, MessageCatalogue {
    case required, requiredNotBlank, requiredBare, notYen, notInteger, outOfRange, notYear, corporateNumberDigitsOnly, notBoolean,
         notReference, tooLong, containsNUL, notText, notACode, typedNotYen, typedNotInteger, typedNotYesNo, notAQuestion, notAField,
         setNeedsList, singleValue, setHoldsNoNull, setChangedWithSet, notASet, takesKind, tooLargeForPlatform, notRecordID,
         yearOutside, monthMissing, dayMissing, notISODate, typedNotDate, typedDateForm, typedNoEra, typedWrapped, beforeEra,
         afterEra, typedNotYear, typedYearForm, notEraYear, yearAfterEra, corporateNumberLength, checkDigit,
         kindNull, kindBoolean, kindInteger, kindText, expectTrueOrFalse,
         notSuccessionAnswers, noResultRules, mustAsk, ownerBirthYear, diagnosisDate, ownerConsent, birthAfterDiagnosis,
         notHearingSheet, userName

    public var texts: (english: String, japanese: String) {
        switch self {
        case .required: ("is required ({label})", "「{label}」は必須です")
        case .requiredNotBlank: ("is required ({label}) and must not be blank", "「{label}」は必須です。空白だけにはできません")
        case .requiredBare: ("is required", "必須です")
        case .notYen:
            ("takes a whole number of yen (no decimals, no separators), got {kind} {value}",
             "円の整数（小数や区切り記号なし）で入れてください。渡された値は{kind} {value} です")
        case .notInteger: ("takes a whole number, got {kind} {value}", "整数で入れてください。渡された値は{kind} {value} です")
        case .outOfRange: ("{number} is outside {min}…{max}", "{number} は {min}〜{max} の範囲外です")
        case .notYear: ("takes a year such as 1958, got {value}", "1958 のような年で入れてください。渡された値は {value} です")
        case .corporateNumberDigitsOnly:
            ("store the corporate number as 13 ASCII digits ({digits})", "法人番号は半角数字 13 桁で保存してください（{digits}）")
        case .notBoolean: ("takes true or false, got {kind} {value}", "true か false で入れてください。渡された値は{kind} {value} です")
        case .notReference: ("\"{id}\" is not a {type} id", "「{id}」は {type} の ID として正しくありません")
        case .tooLong: ("is {length} characters long; at most {max} are allowed", "{length} 文字あります。{max} 文字以内にしてください")
        case .containsNUL:
            ("contains the NUL character (U+0000), which text may not hold", "文字列に使えない NUL 文字（U+0000）が含まれています")
        case .notText: ("takes text, got {kind} {value}", "文字列で入れてください。渡された値は{kind} {value} です")
        case .notACode:
            ("{labelled}\"{code}\" is not one of its codes; use one of: {choices}",
             "{labelled}「{code}」はこの項目のコードにありません。次のどれかを使ってください: {choices}")
        case .typedNotYen: ("\"{typed}\" is not a whole number of yen", "「{typed}」は円の整数として読めません")
        case .typedNotInteger: ("\"{typed}\" is not a whole number", "「{typed}」は整数として読めません")
        case .typedNotYesNo: ("\"{typed}\" is not yes or no", "「{typed}」は、はい・いいえとして読めません")
        case .notAQuestion: ("is not a question of any version of the {form} form", "{form}のどの版の質問でもありません")
        case .notAField: ("is not a field of {type}; its fields are {fields}", "{type} の項目ではありません。項目は次のとおりです: {fields}")
        case .setNeedsList: ("is a set; give it a list of elements", "複数の値を持つ項目です。値の一覧で渡してください")
        case .singleValue: ("takes a single value, not a list", "値は 1 つだけです。一覧では渡せません")
        case .setHoldsNoNull: ("a set cannot hold null", "複数の値を持つ項目に null は入れられません")
        case .setChangedWithSet:
            ("is a set; change it with add and remove, not set", "複数の値を持つ項目です。set ではなく add と remove で変更してください")
        case .notASet:
            ("is not a set; change it with set, not add or remove", "複数の値を持つ項目ではありません。add や remove ではなく set で変更してください")
        case .takesKind: ("takes {expected}, got {kind} {value}", "{expected}で入れてください。渡された値は{kind} {value} です")
        case .tooLargeForPlatform: ("{number} is too large for this platform", "{number} は大きすぎて扱えません")
        case .notRecordID:
            ("\"{text}\" is not a record id (1–64 letters, digits, '-' or '_')",
             "「{text}」は記録の ID として正しくありません（半角英数字・「-」・「_」の 1〜64 文字）")
        case .yearOutside: ("year {year} is outside 1900–2200", "{year} 年は 1900〜2200 年の範囲外です")
        case .monthMissing: ("month {month} does not exist", "{month} 月という月はありません")
        case .dayMissing: ("{date} does not exist", "{date} という日付はありません")
        case .notISODate: ("\"{text}\" is not a date of the form YYYY-MM-DD", "「{text}」は YYYY-MM-DD の形の日付ではありません")
        case .typedNotDate: ("「{text}」: is not a date", "「{text}」は日付ではありません")
        case .typedDateForm:
            ("「{text}」: is not a date; type it as 2024-04-01, 令和6年4月1日 or R6.4.1",
             "「{text}」は日付として読めません。2024-04-01、令和6年4月1日、R6.4.1 のように入力してください")
        case .typedNoEra:
            ("「{text}」: has no era; write 令和 or R before a year of the era, or the Western year in four digits",
             "「{text}」には元号がありません。和暦の年の前に 令和 か R を付けるか、西暦を 4 桁で入力してください")
        case .typedWrapped: ("「{text}」: {reason}", "「{text}」: {reason}")
        case .beforeEra: ("「{text}」: is before {era} began on {date}", "「{text}」は{era}の始まり（{date}）より前です")
        case .afterEra: ("「{text}」: is after {era} ended on {date}; use {next}", "「{text}」は{era}の終わり（{date}）より後です。{next}を使ってください")
        case .typedNotYear: ("「{text}」: is not a year", "「{text}」は年ではありません")
        case .typedYearForm:
            ("「{text}」: is not a year; type the Western year in four digits (1958) or with its era (昭和33年, S33)",
             "「{text}」は年として読めません。西暦 4 桁（1958）か和暦（昭和33年、S33）で入力してください")
        case .notEraYear:
            ("「{text}」: is not a year of {era}; type it as {era}5年 or {initial}5", "「{text}」は{era}の年として読めません。{era}5年 か {initial}5 のように入力してください")
        case .yearAfterEra:
            ("「{text}」: is after {era} ended in {year}; use {next}", "「{text}」は{era}の終わり（{year} 年）より後です。{next}を使ってください")
        case .corporateNumberLength:
            ("a corporate number has exactly 13 digits, got \"{text}\"", "法人番号はちょうど 13 桁の数字です。「{text}」が渡されました")
        case .checkDigit:
            ("{text} has a wrong check digit (the first digit should be {expected}); check the number for a typing error",
             "{text} はチェックデジットが合いません（先頭の数字は {expected} のはずです）。番号の打ち間違いがないか確かめてください")
        case .kindNull: ("null", "空の値")
        case .kindBoolean: ("boolean", "真偽値")
        case .kindInteger: ("integer", "整数")
        case .kindText: ("text", "文字列")
        case .expectTrueOrFalse: ("true or false", "true か false")
        case .notSuccessionAnswers:
            ("these answers are a {form}, not a {expected}; diagnose succession answers only",
             "この回答は {form} で、{expected} ではありません。事業承継診断の回答だけを診断できます")
        case .noResultRules: ("{form} has no result rules; add them to the form definition", "{form} には結果の規則がありません。フォームの定義に加えてください")
        case .mustAsk:
            ("{form} must ask {what} under the id {question} as a required question", "{form} は {what} を ID {question} の必須の質問として尋ねる必要があります")
        case .ownerBirthYear: ("the owner's birth year", "経営者の生まれ年")
        case .diagnosisDate: ("the diagnosis date", "診断日")
        case .ownerConsent: ("the owner's consent", "経営者の同意")
        case .birthAfterDiagnosis:
            ("「{label}」 {year} is after the diagnosis date {date}; check the birth year and the date",
             "「{label}」の {year} 年が診断日 {date} より後です。生まれ年と診断日を確かめてください")
        case .userName:
            ("a user name is 1 to {max} bytes (about 40 Japanese characters), without leading or trailing spaces or control characters (「佐藤 花子」 or sato)",
             "利用者名は 1〜{max} バイト（日本語で約 40 文字）で、前後の空白や制御文字は使えません（「佐藤 花子」や sato など）")
        case .notHearingSheet:
            ("the local benchmark is computed from a {expected}, not from {form}", "ローカルベンチマークは {expected} から計算します。{form} からは計算できません")
        }
    }
}

extension FieldValue {
    /// The kind of the value, named in both languages for a refusal.
    var kindText: LocalizedText {
        switch self {
        case .null: ValidationMessage.kindNull.localized()
        case .bool: ValidationMessage.kindBoolean.localized()
        case .integer: ValidationMessage.kindInteger.localized()
        case .text: ValidationMessage.kindText.localized()
        }
    }
}
