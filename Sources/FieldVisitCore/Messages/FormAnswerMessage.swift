/// What is wrong with an answer to a form's question (``FormAnswerProblem``), naming the
/// question by its label and saying what to do.
public enum FormAnswerMessage: String, MessageCatalogue {
    case thisAnswer, wrongType, notAChoice, outOfRange, between, atLeast, atMost, withinRange, tooLong, invalidDate, missingRequired,
         notApplicable, unknownQuestion, wrongForm, typeYen, typeInteger, typeYear, typeDate, typeBoolean, typeChoice

    public var texts: (english: String, japanese: String) {
        switch self {
        case .thisAnswer: ("this answer", "この回答")
        case .wrongType: ("{subject} takes {expected}; got {kind} {value}. Enter it again in that form", "{subject}は{expected}で答えてください（渡された値は{kind} {value}）。その形でもう一度入力してください")
        case .notAChoice:
            ("{subject}: \"{code}\" is not one of its choices; use one of: {allowed}", "{subject}: 「{code}」は選択肢にありません。次のどれかを使ってください: {allowed}")
        case .outOfRange: ("{subject}: {value} is out of range; it must be {bounds}", "{subject}: {value} は範囲外です。{bounds}にしてください")
        case .between: ("between {min} and {max}", "{min} 以上 {max} 以下")
        case .atLeast: ("at least {min}", "{min} 以上")
        case .atMost: ("at most {max}", "{max} 以下")
        case .withinRange: ("within range", "範囲内")
        case .tooLong: ("{subject} is {length} characters long; shorten it to at most {max}", "{subject}は {length} 文字あります。{max} 文字以内に縮めてください")
        case .invalidDate: ("{subject}: {reason}; enter an existing date as YYYY-MM-DD", "{subject}: {reason}。実在する日付を YYYY-MM-DD の形で入力してください")
        case .missingRequired:
            ("{subject} is required but has no answer: the form is incomplete until it is answered", "{subject}は必須ですが、回答がありません。答えるまでフォームは未完成です")
        case .notApplicable:
            ("{subject} does not apply to these answers (it is asked only when {condition}); clear this answer or correct the answer it depends on",
             "{subject}はこの回答では尋ねない質問です（{condition} のときだけ尋ねます）。この回答を消すか、もとになる回答を直してください")
        case .unknownQuestion:
            ("\"{question}\" is not a question of {form}; remove the answer or record it against the form version that asks it",
             "「{question}」は {form} の質問ではありません。回答を消すか、その質問がある版のフォームで記録してください")
        case .wrongForm:
            ("the answers were given to {got} but are being checked against {expected}; check them against the version they name",
             "回答は {got} に対するものですが、{expected} で確認しようとしています。回答が示す版で確認してください")
        case .typeYen: ("a whole number of yen (no decimals, no separators)", "円の整数（小数や区切り記号なし）")
        case .typeInteger: ("a whole number", "整数")
        case .typeYear: ("a year such as 1958", "1958 のような年")
        case .typeDate: ("a date written YYYY-MM-DD", "YYYY-MM-DD の形の日付")
        case .typeBoolean: ("yes or no (true or false)", "はい・いいえ（true か false）")
        case .typeChoice: ("one of its choice codes", "選択肢のコードのどれか")
        }
    }
}
