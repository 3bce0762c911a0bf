import FieldVisitCore

/// The local store: `fieldvisit init`, and why the store or its data directory could not
/// be used, or a record could not be found, with what to do next.
public enum StoreMessage: String, MessageCatalogue {
    case initCreated, initUser, initReplica, notInitialised, alreadyInitialised, damaged, newerThanProgram, unusableDirectory,
         unwritableFile, recordNotFound, ambiguousPrefix, beforeSnapshot, directoryIsFile, cannotMakeOwnerOnly,
         replicaOrUserMissing, registersMissing, formRecordIncomplete, anyRecord

    public var texts: (english: String, japanese: String) {
        switch self {
        case .initCreated: ("Created the store in {directory}", "{directory} にデータを作成しました")
        case .initUser: ("user: {user}", "利用者: {user}")
        case .initReplica: ("replica: {replica}", "レプリカ: {replica}")
        case .notInitialised:
            ("no FieldVisit store in {directory}; run `fieldvisit init` first",
             "{directory} に FieldVisit のデータがありません。先に fieldvisit init を実行してください")
        case .alreadyInitialised:
            ("a FieldVisit store already exists in {directory}; nothing was changed",
             "{directory} には FieldVisit のデータがすでにあります。何も変更していません")
        case .damaged:
            ("{path} is not a FieldVisit store or is damaged ({detail}); nothing was changed. Restore it from a backup, or sync a fresh store from the server",
             "{path} は FieldVisit のデータではないか、壊れています（{detail}）。何も変更していません。バックアップから戻すか、サーバーから新しく同期し直してください")
        case .newerThanProgram:
            ("{path} was written by a newer FieldVisit (it has {migrations}); install the newer fieldvisit to open it. Nothing was changed",
             "{path} は新しい版の FieldVisit で書かれています（{migrations}）。開くには新しい版の fieldvisit を入れてください。何も変更していません")
        case .unusableDirectory: ("cannot use the data directory {path}: {reason}", "データの保存先 {path} を使えません：{reason}")
        case .unwritableFile:
            ("cannot write {path}: {reason}; check that its folder exists and that you may write there. Nothing was written",
             "{path} に書き込めません（{reason}）。フォルダーがあること、書き込む権限があることを確認してください。何も書き込んでいません")
        case .recordNotFound: ("no {type} with id {id}", "ID が {id} の{type}はありません")
        case .ambiguousPrefix:
            ("the id prefix {prefix} matches {count} {type} records: {candidates}; give more characters",
             "ID の先頭「{prefix}」に当てはまる{type}が {count} 件あります（{candidates}）。もっと長く入力してください")
        case .beforeSnapshot:
            ("this laptop received its records as one snapshot at {time}, so what they were before then is not here; give --as-of a later moment, or run the report on a laptop that synced before then",
             "この端末は {time} にスナップショットで記録を受信したため、それより前の状態はここにありません。--as-of にそれより後の時点を指定するか、それより前から同期している端末でレポートを実行してください")
        case .directoryIsFile: ("it is a file, not a directory", "フォルダーではなくファイルです")
        case .cannotMakeOwnerOnly: ("cannot make it owner-only: {detail}", "所有者だけが使える設定にできません：{detail}")
        case .replicaOrUserMissing: ("its replica id or user is missing", "レプリカ ID か利用者名がありません")
        case .registersMissing:
            ("a record's registers are missing; rebuild the store from its log", "記録の内部データが欠けています。変更の記録からデータを作り直してください")
        case .formRecordIncomplete: ("{record} lacks its form, company or date", "{record} に様式、企業、日付のいずれかがありません")
        case .anyRecord: ("record", "記録")
        }
    }

    /// A record type as messages name it: its code in English (`company`), its label in
    /// Japanese (企業); `record` stands for any type.
    public static func typeName(_ type: String, in language: Language = .current) -> String {
        if type == "record" { return anyRecord.text(in: language) }
        guard language == .japanese, let label = Schema.fieldVisit.records[RecordType(rawValue: type)]?.label else { return type }
        return label
    }
}
