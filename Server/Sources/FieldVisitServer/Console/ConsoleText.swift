import FieldVisitCore

/// The console's messages, in Japanese, in one place.
enum ConsoleText {
    static let wrongPassword = "ユーザー名またはパスワードが違います"
    static let fieldStaff = "この画面は課長・管理者用です。担当者の方は fieldvisit（ノートPC）をお使いください。差戻しは同期で届きます。"
    static let tooManyAttempts = "ログインの失敗が続いたため、しばらく受け付けません。数分待ってからもう一度お試しください。"
    static let userDisabled = "このユーザーは無効になっています。管理者に連絡してください。"
    static let unavailable = "サーバーが混み合っています。少し待ってからもう一度お試しください。"
    static let formExpired = "フォームの有効期限が切れました。ページを開き直してから、もう一度送信してください。"
    static let recordNotFound = "記録が見つかりません"

    static let adminOnly = "この画面は管理者だけが使えます。"
    static let reportNotFound = "その報告はありません。報告の画面から選んでください。"

    /// Why an administrator's action was not taken.
    static func administration(_ error: StorageError) -> String {
        switch error {
        case .alreadyExists(let kind, let name): "\(name) はすでにあります（\(kind)）。"
        case .notFound(let kind, let name): "\(name) が見つかりません（\(kind)）。"
        default: "受け付けませんでした: \(error.message.japanese)"
        }
    }

    /// The notice after a decision, by the action's name.
    static let done = [
        "approve": "承認しました。担当者のノートPCには次の同期で届きます。",
        "return": "差戻しました。担当者のノートPCには次の同期で届きます。",
        "resolve": "競合を解決しました。",
        "restore": "復元しました。",
        "confirm-deletion": "削除を確定しました。",
    ]

    static func storage(_ error: StorageError) -> String {
        "データベースに接続できません。しばらく待ってからもう一度お試しください。（\(error.message.japanese)）"
    }

    /// Why a decision was not made, and what to do.
    static func refusal(_ refusal: ConsoleService.Refusal, schema: Schema, type: RecordType) -> String {
        let label = { (field: String) in schema.records[type]?.spec(for: field)?.label ?? field }
        switch refusal {
        case .fieldStaff: return fieldStaff
        case .recordNotFound: return recordNotFound
        case .changedSinceShown: return "この記録は表示した後に変更されました。最新の内容を確認してから、もう一度決めてください。"
        case .refused(let reason): return "サーバーが受け付けませんでした: \(reason)"
        case .decision(let refusal):
            switch refusal {
            case .notFound: return recordNotFound
            case .notReviewable: return "この種類の記録は承認・差戻しの対象ではありません。"
            case .deleted: return "この記録は削除されています。"
            case .unresolvedConflicts(let fields): return "競合が残っています（\(fields.map(label).joined(separator: "、"))）。先に競合を解決してください。"
            case .commentRequired: return "差戻しの理由を入力してください。"
            case .notInConflict(let field): return "\(label(field)) は競合していません。ページを開き直してください。"
            case .invalidValue(let field, let reason): return "\(label(field)) に入力した値が正しくありません: \(reason)"
            case .nothingToResolve: return "競合している項目ごとに、残す値を選んでください。"
            case .notDeleted: return "この記録は削除されていません。ページを開き直してください。"
            }
        }
    }
}
