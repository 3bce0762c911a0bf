import FieldVisitCore

/// The labels and values of `fieldvisit status`.
public enum StatusMessage: String, MessageCatalogue {
    case statusDataDirectory, statusUser, statusReplica, statusCompanies, statusVisits, statusChangeSets, statusWaiting,
         statusConflicts, statusReturned, statusReturnedHint, statusServer, statusLoggedInAs, statusDevice, statusBranches,
         statusNone, statusNotLoggedIn, statusLastSync, statusNever

    public var texts: (english: String, japanese: String) {
        switch self {
        case .statusDataDirectory: ("data directory", "データの保存先")
        case .statusUser: ("user", "利用者")
        case .statusReplica: ("replica", "レプリカ")
        case .statusCompanies: ("companies", "企業")
        case .statusVisits: ("visits", "訪問記録")
        case .statusChangeSets: ("change sets", "変更の記録")
        case .statusWaiting: ("waiting to be pushed", "送信待ち")
        case .statusConflicts: ("conflicts", "競合")
        case .statusReturned: ("returned to you", "差し戻された記録")
        case .statusReturnedHint:
            ("{count} (fieldvisit visit list --review-state returned)",
             "{count} 件（fieldvisit visit list --review-state returned で確認）")
        case .statusServer: ("server", "サーバー")
        case .statusLoggedInAs: ("logged in as", "ログイン中の利用者")
        case .statusDevice: ("device", "端末")
        case .statusBranches: ("branches", "担当支所")
        case .statusNone: ("(none)", "（なし）")
        case .statusNotLoggedIn: ("not logged in (fieldvisit login)", "ログインしていません（fieldvisit login でログインしてください）")
        case .statusLastSync: ("last sync", "最後の同期")
        case .statusNever: ("never", "まだ同期していません")
        }
    }
}
