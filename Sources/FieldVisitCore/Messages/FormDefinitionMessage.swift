/// What is wrong with a form definition file (``FormDefinition/consistencyProblems``),
/// for whoever writes one: the place (form, question or outcome) and the rule. JSON keys
/// and ids are named as they are written in the file.
public enum FormDefinitionMessage: String, MessageCatalogue {
    case questionPlace, outcomePlace, formID, version, emptyTitle, noSections, sectionTwice, sectionID, emptySection, questionTwice,
         questionID, emptyLabel, ageThresholds, outcomeTwice, outcomeCode, outcomeTexts, whenOmitted, lastHasWhen, minAboveMax,
         maxLength, twoChoices, choiceTwice, choiceCode, choiceLabel, unknownQuestion, askedBefore, notInVersion, impossibleValue

    public var texts: (english: String, japanese: String) {
        switch self {
        case .questionPlace: ("{form}, question {id}", "{form} の質問 {id}")
        case .outcomePlace: ("{form}, outcome {code}", "{form} の結果 {code}")
        case .formID: ("form id \"{id}\" must be lowercase ASCII words joined by hyphens", "フォームの id「{id}」は、半角小文字の英単語をハイフンでつないでください")
        case .version: ("{place}: the version must be 1 or more", "{place}: 版は 1 以上にしてください")
        case .emptyTitle: ("{place}: the title is empty", "{place}: title が空です")
        case .noSections: ("{place}: the form has no sections", "{place}: フォームに sections がありません")
        case .sectionTwice: ("{place}: section id \"{id}\" is used twice", "{place}: section の id「{id}」が二度使われています")
        case .sectionID: ("{place}: section id \"{id}\" must be ASCII lowerCamelCase", "{place}: section の id「{id}」は半角英字の lowerCamelCase にしてください")
        case .emptySection: ("{place}: section {id} has no questions", "{place}: section {id} に質問がありません")
        case .questionTwice: ("{place}: the id is used twice; give each question its own id", "{place}: id が二度使われています。質問ごとに別の id を付けてください")
        case .questionID: ("{place}: the id must be ASCII lowerCamelCase, at most 64 characters", "{place}: id は半角英字の lowerCamelCase で、64 文字以内にしてください")
        case .emptyLabel: ("{place}: the label is empty", "{place}: label が空です")
        case .ageThresholds:
            ("{place}: \"ownerAgeThresholds\" must be ages from 1 to 120 in ascending order, each once, such as [60, 65]",
             "{place}: 「ownerAgeThresholds」は 1〜120 の年齢を重複なく小さい順に並べてください（[60, 65] など）")
        case .outcomeTwice: ("{place}: the code is used twice", "{place}: code が二度使われています")
        case .outcomeCode: ("{place}: the code must be ASCII lowerCamelCase", "{place}: code は半角英字の lowerCamelCase にしてください")
        case .outcomeTexts: ("{place}: label and nextStep must not be empty", "{place}: label と nextStep は空にできません")
        case .whenOmitted:
            ("{place}: only the last outcome may omit \"when\"; the outcomes after it could never match",
             "{place}: 「when」を省けるのは最後の結果だけです。後の結果に当てはまることがなくなります")
        case .lastHasWhen:
            ("{place}: the last outcome must have no \"when\", so that every completed form gets a result",
             "{place}: 最後の結果には「when」を付けないでください。回答し終えたフォームすべてに結果が出るようにするためです")
        case .minAboveMax: ("{place}: min {min} is above max {max}", "{place}: min {min} が max {max} より大きくなっています")
        case .maxLength: ("{place}: maxLength must be at least 1", "{place}: maxLength は 1 以上にしてください")
        case .twoChoices: ("{place}: a choice question needs at least two choices", "{place}: 選択式の質問には選択肢が 2 つ以上必要です")
        case .choiceTwice: ("{place}: choice code \"{code}\" is listed twice", "{place}: 選択肢の code「{code}」が二度あります")
        case .choiceCode: ("{place}: choice code \"{code}\" must be ASCII lowerCamelCase", "{place}: 選択肢の code「{code}」は半角英字の lowerCamelCase にしてください")
        case .choiceLabel: ("{place}: choice {code} has no label", "{place}: 選択肢 {code} に label がありません")
        case .unknownQuestion:
            ("{place}: the condition reads \"{question}\", which is not known here ({hint})", "{place}: 条件が読む「{question}」はここでは分かりません（{hint}）")
        case .askedBefore: ("it may read only questions asked before it", "条件が読めるのは、それより前に尋ねた質問だけです")
        case .notInVersion: ("no such question in this version", "この版にその質問はありません")
        case .impossibleValue:
            ("{place}: the condition compares with a value {question} can never have: {reason}", "{place}: 条件が {question} の取りえない値と比べています: {reason}")
        }
    }
}
