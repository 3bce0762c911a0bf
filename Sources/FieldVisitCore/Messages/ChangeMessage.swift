/// Why a change to records was refused or stands in conflict: edits the record's state
/// does not allow (``SyncError``), decisions only a reviewer may make
/// (``ReviewPolicy/Refusal``), and conflicts (``Conflict``).
public enum ChangeMessage: String, MessageCatalogue {
    case recordDeleted, noSuchRecord, setLacksElement, alreadyDeleted, notDeleted, missingDependencies, operationRefused,
         changeNumbered, malformed, nothingToCommit, onlyReviewerApproves, onlyReviewerDecides, onlyReviewerWrites,
         fieldInConflict, wouldSettleConflict, concurrentValues, valueBy, editedWhileDeleted, deletedAndRestored

    public var texts: (english: String, japanese: String) {
        switch self {
        case .recordDeleted: ("the record is deleted; restore it before editing", "記録は削除されています。編集する前に元に戻してください")
        case .noSuchRecord: ("no such record", "そのような記録はありません")
        case .setLacksElement: ("{field} does not contain {element}", "{field} に {element} は含まれていません")
        case .alreadyDeleted: ("the record is already deleted", "記録はすでに削除されています")
        case .notDeleted: ("the record is not deleted", "記録は削除されていません")
        case .missingDependencies:
            ("change {change} depends on changes not received yet: {missing}; sync them first", "変更 {change} は、まだ受け取っていない変更 {missing} を前提にしています。先にそれらを同期してください")
        case .operationRefused: ("{change}operation {number}: {error}", "{change}操作 {number}: {error}")
        case .changeNumbered: ("change {change}, ", "変更 {change}、")
        case .malformed: ("change {change} is malformed: {reason}", "変更 {change} の形式が正しくありません（技術的な詳細: {reason}）")
        case .nothingToCommit: ("nothing to change: give at least one edit", "変更する内容がありません。少なくとも 1 つ変更を指定してください")
        case .onlyReviewerApproves: ("only a manager or an administrator may approve a record", "記録を承認できるのは管理職か管理者だけです")
        case .onlyReviewerDecides:
            ("only a manager or an administrator may approve or return a record; field staff set it to draft or submitted",
             "記録を承認したり差し戻したりできるのは管理職か管理者だけです。担当者は下書きか提出済みにできます")
        case .onlyReviewerWrites: ("only a manager or an administrator may write {label} ({field})", "「{label}」（{field}）を書けるのは管理職か管理者だけです")
        case .fieldInConflict:
            ("{label} ({field}) is in conflict; only a manager or an administrator may resolve it", "「{label}」（{field}）は競合しています。解決できるのは管理職か管理者だけです")
        case .wouldSettleConflict:
            ("this change would settle a conflict ({conflict}); only a manager or an administrator may resolve it",
             "この変更は競合（{conflict}）を解決してしまいます。解決できるのは管理職か管理者だけです")
        case .concurrentValues: ("{record} {field}: {count} concurrent values ({values})", "{record} {field}: 同時に書かれた値が {count} 個あります（{values}）")
        case .valueBy: ("\"{value}\" by {author}", "{author} さんの「{value}」")
        case .editedWhileDeleted: ("{record}: deleted while {fields} was edited", "{record}: {fields} の編集中に削除されました")
        case .deletedAndRestored: ("{record}: deleted and restored concurrently", "{record}: 削除と復元が同時に行われました")
        }
    }
}
