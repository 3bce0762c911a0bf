import FieldVisitCore
import FieldVisitProtocol
import Foundation
import GRDB

/// The login to the sync server: settings in the store, the device token and the
/// office CA in owner-only files beside it.
extension LocalStore {
    /// Keeps a login: the server's CA certificates (or none, to trust the system's),
    /// then the token, then the settings. Sync positions are kept for the same server
    /// and started afresh for another one.
    ///
    /// - Parameter serverCA: the PEM text of the CA given at login, or `nil`.
    public func saveLogin(_ settings: SyncSettings, token: String, serverCA: Data?) throws {
        try home.prepare()
        if let serverCA {
            try OwnerOnlyFile.write(serverCA, to: home.serverCAPath)
        } else {
            try OwnerOnlyFile.remove(home.serverCAPath)
        }
        try OwnerOnlyFile.write(Data(token.utf8), to: home.deviceTokenPath)
        try write { db in
            try db.execute(sql: """
                INSERT OR REPLACE INTO sync_login (id, server, user, device, device_name, role, branches, logged_in_at, server_ca)
                VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [
                    settings.server, settings.user, settings.device, settings.deviceName, settings.role.rawValue,
                    try RecordRegisters.json(settings.branches), settings.loggedInAt, serverCA != nil,
                ])
            try startSync(with: settings.server, in: db)
        }
    }

    /// The login kept, or `nil` when this laptop is not logged in.
    public func loginSettings() throws -> SyncSettings? {
        try pool.read { db in
            guard let row = try Row.fetchOne(db, sql: """
                SELECT server, user, device, device_name, role, branches, logged_in_at FROM sync_login WHERE id = 1
                """) else { return nil }
            guard let role = Role(rawValue: row[4]) else {
                throw StoreError.damaged(path: home.storePath, detail: ConnectionMessage.loginRoleUnknown.text(["role": row[4] as String]))
            }
            return SyncSettings(
                server: row[0], user: row[1], device: row[2], deviceName: row[3], role: role,
                branches: try CanonicalJSON.decode([String].self, from: Data((row[5] as String).utf8)), loggedInAt: row[6]
            )
        }
    }

    /// The device token kept at login, or `nil` when there is none.
    public func deviceToken() -> String? {
        guard let data = FileManager.default.contents(atPath: home.deviceTokenPath) else { return nil }
        let token = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return token.isEmpty ? nil : token
    }

    /// The CA file later syncs trust for the server, or `nil` for the system's roots.
    ///
    /// A login made with `--ca-file` trusts that CA only, for good: when its copy is
    /// missing or unreadable this throws rather than fall back to the system's roots,
    /// which would let any publicly certified server pass for the office's.
    ///
    /// - Throws: ``SyncFailure/missingServerCA(path:server:reason:)`` saying which file
    ///   to restore.
    public func serverCAFile() throws -> String? {
        let login = try pool.read { db in
            try Row.fetchOne(db, sql: "SELECT server, server_ca FROM sync_login WHERE id = 1")
                .map { (server: $0[0] as String, usesCA: $0[1] as Bool?) }
        }
        let path = home.serverCAPath
        guard let login, let usesCA = login.usesCA else {
            // Not logged in, or logged in before the choice was recorded: the file decides.
            return FileManager.default.fileExists(atPath: path) ? path : nil
        }
        guard usesCA else { return nil }
        try Self.requireCAFile(path, server: login.server)
        return path
    }

    /// Throws ``SyncFailure/missingServerCA(path:server:reason:)`` unless `path` holds a
    /// usable CA certificate.
    private static func requireCAFile(_ path: String, server: String) throws(SyncFailure) {
        let failure: SyncFailure
        do {
            _ = try ServerConnection.loadCertificates(path)
            return
        } catch {
            failure = error
        }
        guard case .unreadableCAFile(_, let reason) = failure else { throw failure }
        throw .missingServerCA(path: path, server: server, reason: reason)
    }

    /// Forgets the login: the settings first, so that a half-done logout reads as
    /// logged out, then the token and the CA. Records and sync positions stay.
    public func forgetLogin() throws {
        try write { db in try db.execute(sql: "DELETE FROM sync_login") }
        try OwnerOnlyFile.remove(home.deviceTokenPath)
        try OwnerOnlyFile.remove(home.serverCAPath)
    }
}
