import FieldVisitCore

/// Forms: the interview's introduction, hints and refusals of typed answers; the refusals
/// of an answers file and of a record's answers; what `edit` changed.
public enum FormMessage: String, MessageCatalogue {
    case formIntroduction, formRequired, formInputEnded, formOptional, formEnterTakes, formEnterSkips, typeYenPositive,
         typeYenSigned, typeIntegerBetween, typeIntegerAtLeast, typeIntegerAtMost, typeText, typeYear, typeDate,
         typeBoolean, typeChoice, refuseYen, refuseInteger, refuseYear, refuseDate, refuseBoolean, refuseChoiceNumber,
         fileUnreadable, fileNotJSON, fileNotAnObject, fileUnusableValue, fileUnparsable,
         valueTooLarge, valueNotWhole, valueList, valueObject, kindNumber, kindString, kindList, kindObject,
         visitOfAnotherCompany, noCompany, ownerAgeOutOfRange, diagnosisDateMismatch, newerFormVersion, notAFormType,
         answersUnchanged, answerChanged, answersChanged

    public var texts: (english: String, japanese: String) {
        switch self {
        case .formIntroduction:
            ("Answer each question and press Enter. An empty line skips an optional question.",
             "質問に答えて Enter キーを押してください。任意の質問は、何も入力せずに Enter を押すと飛ばせます。")
        case .formRequired: ("「{label}」 must be answered; type an answer", "「{label}」は必須です。回答を入力してください")
        case .formInputEnded:
            ("{question}: the input ended before 「{label}」 was answered; nothing was stored. Run the command again, or give the answers with --answers FILE",
             "{question}: 「{label}」に答える前に入力が終わりました。何も保存していません。もう一度実行するか、--answers FILE で回答を指定してください")
        case .formOptional: (" (optional)", "（任意）")
        case .formEnterTakes: ("; Enter: {suggestion}", "／Enter で {suggestion}")
        case .formEnterSkips: ("; Enter skips", "／Enter で飛ばす")
        case .typeYenPositive: ("yen, e.g. 120000000", "円、例: 120000000")
        case .typeYenSigned: ("yen, e.g. 6000000; - or ▲ for a negative amount", "円、例: 6000000（マイナスは - か ▲）")
        case .typeIntegerBetween: ("a whole number from {min} to {max}", "{min}〜{max} の整数")
        case .typeIntegerAtLeast: ("a whole number, at least {min}", "{min} 以上の整数")
        case .typeIntegerAtMost: ("a whole number, at most {max}", "{max} 以下の整数")
        case .typeText: ("text, up to {length} characters", "{length} 文字以内の文章")
        case .typeYear: ("Western year, e.g. 1956, or with its era, e.g. 昭和31年", "西暦（例: 1956）または和暦（例: 昭和31年）")
        case .typeDate: ("YYYY-MM-DD, or 令和6年3月31日, R6.3.31", "YYYY-MM-DD、令和6年3月31日、R6.3.31 など")
        case .typeBoolean: ("y/n, はい/いいえ", "はい/いいえ（y/n）")
        case .typeChoice: ("a number or a code", "番号かコード")
        case .refuseYen:
            ("\"{typed}\" is not a whole number of yen; type digits such as 120000000 or 120,000,000 (- or ▲ for a negative amount)",
             "「{typed}」は円の金額として読めません。120000000 や 120,000,000 のように数字で入力してください（マイナスは - か ▲）")
        case .refuseInteger: ("\"{typed}\" is not a whole number; type digits such as 15", "「{typed}」は整数として読めません。15 のように数字で入力してください")
        case .refuseYear:
            ("{reason}; type the Western year in four digits, such as 1956, or with its era, such as 昭和31年",
             "{reason}。西暦の4桁（1956 など）か和暦（昭和31年 など）で入力してください")
        case .refuseDate:
            ("{reason}; type it as YYYY-MM-DD, such as 2024-03-31, or as 令和6年3月31日 or R6.3.31",
             "{reason}。2024-03-31、令和6年3月31日、R6.3.31 のように入力してください")
        case .refuseBoolean: ("\"{typed}\" is not yes or no; type y, n, yes, no, はい or いいえ", "「{typed}」は、はい・いいえとして読めません。はい、いいえ、y、n のどれかを入力してください")
        case .refuseChoiceNumber:
            ("there is no choice {number}; type a number from 1 to {count} or a code",
             "{number} 番の選択肢はありません。1〜{count} の番号かコードを入力してください")
        case .fileUnreadable:
            ("cannot read the answers file {path}: {reason}; nothing was stored", "回答ファイル {path} を読めません（{reason}）。何も保存していません")
        case .fileNotJSON:
            ("the answers file {path} is not valid JSON ({reason}); write one object {shape}. Nothing was stored",
             "回答ファイル {path} は正しい JSON ではありません（{reason}）。{shape} の形のオブジェクトを一つ書いてください。何も保存していません")
        case .fileNotAnObject:
            ("the answers file {path} holds {found}, not an object; write one object {shape}. Nothing was stored",
             "回答ファイル {path} の中身はオブジェクトではなく{found}です。{shape} の形のオブジェクトを一つ書いてください。何も保存していません")
        case .fileUnusableValue:
            ("{question}: in {path}, {reason}; use a string for codes, text and dates, a whole number for yen, integers and years, true or false for yes/no. Nothing was stored",
             "{question}: {path} の中で、{reason}。コード・文章・日付は文字列、円・整数・年は整数、はい/いいえは true か false で書いてください。何も保存していません")
        case .fileUnparsable: ("it cannot be parsed", "読み取れません")
        case .valueTooLarge: ("{number} is too large to be an answer", "{number} は回答としては大きすぎます")
        case .valueNotWhole:
            ("{number} is not a whole number (amounts are whole yen, without decimals)", "{number} は整数ではありません（金額は小数なしの円で書きます）")
        case .valueList:
            ("a list is not an answer (there is no multi-select; give one value)", "配列は回答になりません（複数選択はありません。値を一つ書いてください）")
        case .valueObject: ("an object is not an answer", "オブジェクトは回答になりません")
        case .kindNumber: ("a number", "数値")
        case .kindString: ("a string", "文字列")
        case .kindList: ("a list", "配列")
        case .kindObject: ("an object", "オブジェクト")
        case .visitOfAnotherCompany:
            ("visit {visit} is a visit to another company ({other}), not to {company}; give a visit of this company or leave the visit out",
             "訪問記録 {visit} は {company} ではなく別の企業（{other}）への訪問です。この企業の訪問記録を指定するか、訪問記録の指定を外してください")
        case .noCompany: ("none", "なし")
        case .ownerAgeOutOfRange:
            ("「{label}」 {year} makes the owner {age} on {date}; an owner's age must be between {min} and {max}: check the birth year and the diagnosis date",
             "「{label}」が {year} だと、{date} 時点の経営者の年齢は {age} 歳になります。年齢は {min}〜{max} 歳でなければなりません。生まれ年と診断日を確かめてください")
        case .diagnosisDateMismatch:
            ("「{label}」 {diagnosed} is not the record's date {date}; a diagnosis is recorded on the day it is taken, so make the two agree",
             "「{label}」の {diagnosed} が記録の日付 {date} と違います。診断は実施した日に記録するので、二つをそろえてください")
        case .newerFormVersion: ("{problem}; show it with a newer fieldvisit", "{problem}。新しい版の fieldvisit で表示してください")
        case .notAFormType: ("--type {typed} is not a form type; use one of: {types}", "--type {typed} という様式の種類はありません。次のどれかを指定してください：{types}")
        case .answersUnchanged: ("Nothing changed: the answers are as given.", "変更はありません。回答は指定のとおりです。")
        case .answerChanged: ("Changed 1 answer of {id}", "{id} の回答を 1 件変更しました")
        case .answersChanged: ("Changed {count} answers of {id}", "{id} の回答を {count} 件変更しました")
        }
    }
}
