import FieldVisitCore

/// Recording and changing companies, visits and form records: what was done, and the
/// refusals of what was typed, with what to type instead.
public enum RecordMessage: String, MessageCatalogue {
    case nothingChanged, changesRecorded, alreadySubmitted, submitted, cohortEndReasonAlone, unknownCohortEndReason,
         cohortSinceAlone, cohortSinceInvalid, notAPurpose, notAReviewState, notAReviewedType, notInSet

    public var texts: (english: String, japanese: String) {
        switch self {
        case .nothingChanged: ("nothing changed", "変更はありません")
        case .changesRecorded: ("{id}: {count} change(s) recorded", "{id}: {count} 件の変更を記録しました")
        case .alreadySubmitted: ("{id}: already submitted; nothing changed", "{id}: すでに提出済みです。何も変更していません")
        case .submitted: ("{id}: submitted for review (提出済み)", "{id}: 承認を受けるため提出しました（提出済み）")
        case .cohortEndReasonAlone:
            ("--cohort-end-reason goes with --remove-cohort", "--cohort-end-reason は --remove-cohort と一緒に指定してください")
        case .unknownCohortEndReason:
            ("unknown cohort end reason {typed}; use one of {codes}", "「{typed}」という終了理由はありません。次のどれかを指定してください：{codes}")
        case .cohortSinceAlone: ("--cohort-since goes with --cohort", "--cohort-since は --cohort と一緒に指定してください")
        case .cohortSinceInvalid: ("{problem}; give --cohort-since as YYYY-MM-DD", "{problem}。--cohort-since は YYYY-MM-DD の形で指定してください")
        case .notAPurpose:
            ("\"{typed}\" is not a purpose; use one of: {codes}", "「{typed}」という訪問目的はありません。次のどれかを指定してください：{codes}")
        case .notAReviewState:
            ("\"{typed}\" is not a review state; use one of: {codes}", "「{typed}」という承認状況はありません。次のどれかを指定してください：{codes}")
        case .notAReviewedType:
            ("\"{typed}\" is not a reviewed type; use one of: {codes}", "「{typed}」は承認の対象の種類ではありません。次のどれかを指定してください：{codes}")
        case .notInSet: ("does not contain {element}", "{element} は含まれていません")
        }
    }
}
