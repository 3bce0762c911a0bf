import FieldVisitCore

/// `fieldvisit review`: decisions made, conflicts resolved, and why a review command was
/// refused with what to do next.
public enum ReviewMessage: String, MessageCatalogue {
    case notAReviewer, notInConflict, choiceOutOfRange, unresolvedConflicts, deleted, notReviewable, commentRequired,
         emptyEditedValue, invalidValue, notDeleted, nothingToResolve, notATextField, labelledField, approved, returned,
         resolved, noConflictedFields, nothingResolved, mergeResolved, chooseOne, editorFailed, editorInstructions, editorCancel,
         reviewersCommand

    public var texts: (english: String, japanese: String) {
        switch self {
        case .notAReviewer:
            ("{user} is logged in as field staff (担当者); only a manager or an administrator may approve, return or resolve records. Nothing was changed",
             "{user} は担当者としてログインしています。記録の承認、差戻し、競合の解消ができるのは、管理者（承認者）かシステム管理者だけです。何も変更していません")
        case .notInConflict:
            ("{field} of {type} {id} is not in conflict; nothing to resolve (see `fieldvisit review show {id}`)",
             "{type} {id} の{field}は競合していません。解消するものはありません（fieldvisit review show {id} で確認できます）")
        case .choiceOutOfRange:
            ("{field} has {count} competing values; choose 1 to {count}, not {choice}. Nothing was changed",
             "{field}の競合する値は {count} 個です。{choice} ではなく 1〜{count} から選んでください。何も変更していません")
        case .unresolvedConflicts:
            ("{type} {id} has unresolved conflicts ({fields}); resolve them first (`fieldvisit review merge {id}`). Nothing was changed",
             "{type} {id} に未解消の競合があります（{fields}）。先に解消してください（fieldvisit review merge {id}）。何も変更していません")
        case .deleted: ("{type} {id} is deleted. Nothing was changed", "{type} {id} は削除されています。何も変更していません")
        case .notReviewable:
            ("a {type} is not approved or returned; only visits, hearing sheets and succession diagnoses are. Nothing was changed",
             "{type}は承認や差戻しの対象ではありません。対象は訪問記録、ヒアリングシート、事業承継診断だけです。何も変更していません")
        case .commentRequired:
            ("give the reason for returning the record with --comment TEXT. Nothing was changed",
             "差し戻す理由を --comment 理由 で指定してください。何も変更していません")
        case .emptyEditedValue:
            ("the edited value of {field} is empty; nothing was changed (use --value \"\" to clear the field)",
             "編集した{field}の値が空です。何も変更していません（項目を消去するには --value \"\" を指定してください）")
        case .invalidValue:
            ("the value for {field} is not valid: {reason}. Nothing was changed", "{field}の値が正しくありません：{reason}。何も変更していません")
        case .notDeleted:
            ("{type} {id} is not deleted; nothing to restore or confirm. Nothing was changed",
             "{type} {id} は削除されていません。復元も削除の確定もできません。何も変更していません")
        case .nothingToResolve:
            ("name a field and the value to keep (--field NAME with --choose N, --value V or --edit). Nothing was changed",
             "項目と残す値を指定してください（--field 項目名 と、--choose 番号、--value 値、--edit のどれか）。何も変更していません")
        case .notATextField:
            ("{field} is not a free-text field; use --choose N or --value V. Nothing was changed",
             "{field}は自由記述の項目ではありません。--choose 番号 か --value 値 を使ってください。何も変更していません")
        case .labelledField: ("{label} ({field})", "「{label}」（{field}）")
        case .approved: ("{id}: approved (承認済み)", "{id}: 承認しました（承認済み）")
        case .returned: ("{id}: returned for correction (差戻し)", "{id}: 修正のため差し戻しました（差戻し）")
        case .resolved: ("{id}: {field} resolved", "{id}: {field}の競合を解消しました")
        case .noConflictedFields: ("{record} {id}: no conflicted fields", "{record} {id}: 競合している項目はありません")
        case .nothingResolved: ("nothing resolved; nothing changed", "何も解消しませんでした。変更はありません")
        case .mergeResolved:
            ("{id}: {resolved} of {count} conflicted field(s) resolved", "{id}: 競合していた {count} 項目のうち {resolved} 項目を解消しました")
        case .chooseOne: ("give exactly one of --choose N, --value V or --edit", "--choose 番号、--value 値、--edit のどれか一つだけを指定してください")
        case .editorFailed:
            ("the editor ({editor}) exited with {status}; nothing was changed",
             "エディター（{editor}）が終了コード {status} で終了しました。何も変更していません")
        case .editorInstructions:
            ("Edit the text below into the value to keep; lines starting with {marker} are ignored.",
             "下の文章を残したい値に書き直してください。{marker} で始まる行は無視されます。")
        case .editorCancel: ("Leave nothing but these lines to cancel.", "取りやめるには、これらの行以外をすべて消してください。")
        case .reviewersCommand: (" (fieldvisit review)", "（fieldvisit review）")
        }
    }

    /// A field as a review message names it: its id in English (scripts and commands
    /// take it); in Japanese its label with the id, 「備考」（notes）.
    public static func field(_ field: String, of type: RecordType, in language: Language = .current) -> String {
        guard language == .japanese else { return field }
        let label = Schema.fieldVisit.records[type]?.spec(for: field)?.label ?? field
        return labelledField.text(["label": label, "field": field], in: language)
    }
}
