import FieldVisitCore

/// `report` and `targets`: the refusals of their options. The reports and lists themselves
/// are in Japanese in either language, as the association publishes them.
public enum ReportMessage: String, MessageCatalogue {
    case asOfInvalid, encodingCSVOnly, fiscalYearUnreadable, fiscalYearRange, unknownPurpose, unknownCohort,
         diagnosisMonthsRange, referralDaysRange, saveNeedsSetting, twoFormats

    public var texts: (english: String, japanese: String) {
        switch self {
        case .asOfInvalid:
            ("--as-of takes a date (2024-04-30, the end of that day) or a date and time with its offset (2024-04-30T17:00:00+09:00), not {text}",
             "--as-of には日付（2024-04-30。その日の終わり）か、時差付きの日時（2024-04-30T17:00:00+09:00）を指定してください。「{text}」は使えません")
        case .encodingCSVOnly: ("--encoding applies to --format csv only", "--encoding は --format csv のときだけ使えます")
        case .fiscalYearUnreadable:
            ("--fiscal-year {reason}; give the year it starts in, such as 2023 or 令和5",
             "--fiscal-year: {reason}。年度の始まる年を 2023 や 令和5 のように指定してください")
        case .fiscalYearRange:
            ("--fiscal-year is the year the fiscal year starts in, 1900 to 2199, such as 2023 or 令和5",
             "--fiscal-year には年度の始まる年を 1900〜2199 の範囲で、2023 や 令和5 のように指定してください")
        case .unknownPurpose: ("unknown purpose {code}; use one of {choices}", "訪問目的「{code}」はありません。次のいずれかを使ってください: {choices}")
        case .unknownCohort: ("unknown cohort {code}; use one of {choices}", "対象区分「{code}」はありません。次のいずれかを使ってください: {choices}")
        case .diagnosisMonthsRange: ("--diagnosis-months takes 1 to 120", "--diagnosis-months には 1〜120 を指定してください")
        case .referralDaysRange: ("--referral-days takes 1 to 3650", "--referral-days には 1〜3650 を指定してください")
        case .saveNeedsSetting:
            ("--save keeps --diagnosis-months or --referral-days: give one",
             "--save は --diagnosis-months か --referral-days を保存します。どちらかを指定してください")
        case .twoFormats:
            ("--json and --format {format} ask for two formats; give one",
             "--json と --format {format} で 2 つの形式が指定されています。どちらか一方にしてください")
        }
    }
}
