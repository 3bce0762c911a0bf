import FieldVisitCore

/// Why the server would not start, set up TLS or make a backup (``ServerStartError``,
/// ``ServerTLSError``, ``BackupError``): each names the file or option at fault and what
/// the administrator should do.
public enum ServeMessage: String, MessageCatalogue {
    case insecureHTTPNotOnLoopback, incompleteTLSOptions, fileMissing, fileUnreadable, fileNotPEM, certificateFile, privateKeyFile,
         keyDoesNotMatch, unusableCertificate, invalidHostName, damagedAuthority, expiredAuthority, nameOutsideAuthority, cannotWrite,
         noReadableCertificate, notAnAuthority, noP256Key, foreignKey, pemTooLarge, noCertificate, unreadableCertificate, encryptedKey,
         noPrivateKey, noDatabase, outputExists, outputIsFolder, outputFolderMissing, outputIsLiveDatabase, backupCannotWrite, damagedCopy

    public var texts: (english: String, japanese: String) {
        switch self {
        case .insecureHTTPNotOnLoopback:
            ("--insecure-http serves plain HTTP only on a loopback address (127.0.0.1, ::1, localhost), not on {host}; drop --insecure-http to serve HTTPS",
             "--insecure-http で暗号化しない HTTP を使えるのはループバックアドレス（127.0.0.1、::1、localhost）だけで、{host} では使えません。--insecure-http を外して HTTPS で動かしてください")
        case .incompleteTLSOptions:
            ("give both --tls-cert and --tls-key, or neither to use the server's own certificate authority",
             "--tls-cert と --tls-key は両方指定するか、サーバー自身の認証局を使うならどちらも指定しないでください")
        case .fileMissing: ("does not exist", "がありません")
        case .fileUnreadable: ("cannot be read ({reason})", "を読めません（{reason}）")
        case .fileNotPEM: ("is not in PEM format (no \"-----BEGIN …-----\" line)", "は PEM 形式ではありません（「-----BEGIN …-----」の行がありません）")
        case .noReadableCertificate: ("holds no readable certificate (it holds: {labels})", "に読める証明書がありません（あるのは {labels}）")
        case .notAnAuthority: ("holds a certificate that is not a certificate authority", "の証明書は認証局のものではありません")
        case .noP256Key: ("holds no readable P-256 private key (it holds: {labels})", "に読める P-256 の秘密鍵がありません（あるのは {labels}）")
        case .foreignKey: ("holds a key that does not belong to {path}", "の鍵は {path} のものではありません")
        case .pemTooLarge: ("is too large to be a PEM certificate or key", "は PEM の証明書や鍵としては大きすぎます")
        case .noCertificate: ("holds no certificate (it holds: {labels})", "に証明書がありません（あるのは {labels}）")
        case .unreadableCertificate: ("holds a certificate that cannot be read", "の証明書を読めません")
        case .encryptedKey:
            ("holds an encrypted key; the server needs it without a passphrase (openssl pkey -in KEY -out PLAIN-KEY)",
             "の鍵は暗号化されています。サーバーにはパスフレーズのない鍵が必要です（openssl pkey -in KEY -out PLAIN-KEY）")
        case .noPrivateKey: ("holds no readable private key (it holds: {labels})", "に読める秘密鍵がありません（あるのは {labels}）")
        case .certificateFile: ("The TLS certificate file {path} {problem}.", "TLS の証明書ファイル {path} {problem}。")
        case .privateKeyFile: ("The TLS private key file {path} {problem}.", "TLS の秘密鍵ファイル {path} {problem}。")
        case .keyDoesNotMatch:
            ("The TLS private key {key} does not belong to the certificate {certificate}: give the key that was created together with that certificate.",
             "TLS の秘密鍵 {key} は証明書 {certificate} のものではありません。その証明書と一緒に作った鍵を指定してください。")
        case .unusableCertificate: ("TLS cannot use the certificate {certificate} with the key {key}: {reason}.", "TLS で証明書 {certificate} と鍵 {key} を使えません: {reason}。")
        case .invalidHostName:
            ("\"{name}\" cannot go into the server certificate: it is neither a DNS name (letters, digits, '-' and '.', internationalised names in their xn-- form) nor an IP address.",
             "「{name}」はサーバー証明書に入れられません。DNS 名（英数字・「-」・「.」、国際化ドメイン名は xn-- の形）でも IP アドレスでもありません。")
        case .damagedAuthority:
            ("The server's certificate authority cannot be used: {path} {problem}. The server never replaces its authority by itself, because laptops already trust it. Restore the file from a backup, or move the folder {directory} away: the next start then creates a new authority, and every laptop must trust the new {ca}.",
             "サーバーの認証局を使えません: {path} {problem}。端末がすでに信頼しているため、サーバーは認証局を自分で作り直しません。ファイルをバックアップから戻すか、フォルダー {directory} を別の場所に移してください。次に起動すると新しい認証局を作るので、すべての端末が新しい {ca} を信頼する必要があります。")
        case .expiredAuthority:
            ("The server's certificate authority in {directory} expired on {date}. Move the folder {directory} away: the next start then creates a new authority, and every laptop must trust the new {ca}.",
             "{directory} にあるサーバーの認証局は {date} に期限が切れました。フォルダー {directory} を別の場所に移してください。次に起動すると新しい認証局を作るので、すべての端末が新しい {ca} を信頼する必要があります。")
        case .nameOutsideAuthority:
            ("The server's certificate authority in {directory} may only vouch for {permitted}, not for {names}. Start the server without that name, or move the folder {directory} away: the next start then creates a new authority for all the names, and every laptop must trust the new {ca}.",
             "{directory} にあるサーバーの認証局が保証できるのは {permitted} だけで、{names} は保証できません。その名前を付けずにサーバーを起動するか、フォルダー {directory} を別の場所に移してください。次に起動するとすべての名前の新しい認証局を作るので、すべての端末が新しい {ca} を信頼する必要があります。")
        case .cannotWrite: ("Cannot write {path} ({reason}).", "{path} を書けません（{reason}）。")
        case .noDatabase:
            ("{directory} holds no server database (fieldvisit-server.sqlite); give the server's data directory with --data-dir",
             "{directory} にサーバーのデータベース（fieldvisit-server.sqlite）がありません。--data-dir でサーバーのデータの保存先を指定してください")
        case .outputExists:
            ("{path} exists already; give another file name with --output, or add --force to replace it",
             "{path} はすでにあります。--output で別のファイル名を指定するか、置き換えるなら --force を付けてください")
        case .outputIsFolder:
            ("{path} is a folder; give the backup's file name, such as {example}", "{path} はフォルダーです。{example} のようにバックアップのファイル名を指定してください")
        case .outputFolderMissing:
            ("the folder {folder} does not exist; create it, or give --output in an existing folder", "フォルダー {folder} がありません。作るか、--output で既存のフォルダーの中を指定してください")
        case .outputIsLiveDatabase:
            ("{path} is the server's live database; write the backup to a file of its own, best on another disk",
             "{path} は使用中のサーバーのデータベースです。バックアップは別のファイルに、できれば別のディスクに書いてください")
        case .backupCannotWrite:
            ("could not write the backup in {folder}: {detail}; give --output in a folder this user may write to, with room for a copy of the database",
             "{folder} にバックアップを書けませんでした（{detail}）。--output で、この利用者が書き込めて、データベースの写しが入る空きのあるフォルダーを指定してください")
        case .damagedCopy:
            ("the copy failed SQLite's integrity check ({detail}) and was deleted. Run the backup again, to another disk if it fails the same way; should every copy fail, the live database may be damaged: keep the earlier backups and restore the last good one",
             "写しが SQLite の整合性検査に通らなかったため（{detail}）、削除しました。もう一度バックアップしてください。同じように失敗するなら別のディスクへ。どの写しも失敗するなら使用中のデータベースが壊れているかもしれません。以前のバックアップを残し、最後の正常なものから戻してください")
        }
    }
}
