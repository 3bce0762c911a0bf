import FieldVisitCore

/// The form interview's introduction, hints and refusals of typed answers.
public enum FormMessage: String, MessageCatalogue {
    case formIntroduction, formRequired, formInputEnded, formOptional, formEnterTakes, formEnterSkips, typeYenPositive,
         typeYenSigned, typeIntegerBetween, typeIntegerAtLeast, typeIntegerAtMost, typeInteger, typeText, typeYear, typeDate,
         typeBoolean, typeChoice, refuseYen, refuseInteger, refuseYear, refuseDate, refuseBoolean, refuseChoiceNumber

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
        case .typeInteger: ("a whole number", "整数")
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
        }
    }
}
