import FieldVisitCore
import FieldVisitProtocol
import Foundation
import Logging
import PostgresNIO

/// Branches, users and devices in PostgreSQL, with the semantics of
/// `SQLiteStorage+Accounts` method for method.
///
/// A change that reads before it writes takes ``PostgresAdvisoryLock/accounts`` first,
/// so that such changes follow one another as SQLite's single writer makes them, across
/// every server: two enrolments of one replica cannot both find it free. Lists are
/// ordered `COLLATE "C"`, by bytes as SQLite orders them, whatever the database's
/// collation. A name holding U+0000, which PostgreSQL's text cannot hold
/// (``StoredText``), is found nowhere, and refused as ``StorageError/invalid(_:)`` when
/// stored.
extension PostgresStorage: AccountStorage {
    // MARK: Branches and users

    public func addBranch(_ branch: Branch) async throws {
        guard !StoredText.holdsNUL(branch.code), !StoredText.holdsNUL(branch.name) else { throw Self.refusal("the branch's code or name") }
        try await transaction { connection in
            try await PostgresAdvisoryLock.accounts.lockForTransaction(on: connection, logger: logger)
            guard try await !exists("SELECT 1 FROM branch WHERE code = \(branch.code)", on: connection) else {
                throw StorageError.alreadyExists(kind: "branch", name: branch.code)
            }
            try await connection.send("""
                INSERT INTO branch (code, name, created_at) VALUES (\(branch.code), \(branch.name), \(StoredTime.millis(Date())))
                """, logger: logger)
        }
    }

    public func branches() async throws -> [Branch] {
        try await withConnection { connection in
            var branches: [Branch] = []
            let rows = try await connection.send(#"SELECT code, name FROM branch ORDER BY code COLLATE "C""#, logger: logger)
            for try await (code, name) in rows.decode((String, String).self) { branches.append(Branch(code: code, name: name)) }
            return branches
        }
    }

    public func addUser(_ user: User, passwordHash: String) async throws {
        guard !([user.name, passwordHash] + user.branches).contains(where: StoredText.holdsNUL) else {
            throw Self.refusal("the user's name, password hash or branches")
        }
        try await transaction { connection in
            try await PostgresAdvisoryLock.accounts.lockForTransaction(on: connection, logger: logger)
            guard try await !exists("SELECT 1 FROM account WHERE name = \(user.name)", on: connection) else {
                throw StorageError.alreadyExists(kind: "user", name: user.name)
            }
            var known: Set<String> = []
            for try await code in try await connection.send("SELECT code FROM branch WHERE code = ANY(\(user.branches))", logger: logger).decode(String.self) {
                known.insert(code)
            }
            // The first one missing, in the order given, as SQLite names it.
            if let missing = user.branches.first(where: { !known.contains($0) }) { throw StorageError.notFound(kind: "branch", name: missing) }
            try await connection.send("""
                INSERT INTO account (name, password_hash, role, disabled, created_at)
                VALUES (\(user.name), \(passwordHash), \(user.role.rawValue), \(user.disabled), \(StoredTime.millis(Date())))
                """, logger: logger)
            try await connection.send("""
                INSERT INTO account_branch (account, branch) SELECT \(user.name), unnest(\(Array(Set(user.branches))))
                """, logger: logger)
        }
    }

    public func setDisabled(_ disabled: Bool, user name: String) async throws {
        guard !StoredText.holdsNUL(name) else { throw StorageError.notFound(kind: "user", name: name) }
        try await transaction { connection in
            guard try await exists("UPDATE account SET disabled = \(disabled) WHERE name = \(name) RETURNING 1", on: connection) else {
                throw StorageError.notFound(kind: "user", name: name)
            }
        }
    }

    public func user(named name: String) async throws -> (user: User, passwordHash: String)? {
        guard !StoredText.holdsNUL(name) else { return nil }
        return try await withConnection { connection in
            let rows = try await connection.send("""
                SELECT name, role, disabled, \(unescaped: Self.branchesOfAccount), password_hash FROM account WHERE name = \(name)
                """, logger: logger)
            for try await (name, role, disabled, branches, passwordHash) in rows.decode((String, String, Bool, [String], String).self) {
                return (try Self.user(name: name, role: role, disabled: disabled, branches: branches), passwordHash)
            }
            return nil
        }
    }

    public func users() async throws -> [User] {
        try await withConnection { connection in
            var users: [User] = []
            let rows = try await connection.send(#"""
                SELECT name, role, disabled, \#(unescaped: Self.branchesOfAccount) FROM account ORDER BY name COLLATE "C"
                """#, logger: logger)
            for try await (name, role, disabled, branches) in rows.decode((String, String, Bool, [String]).self) {
                users.append(try Self.user(name: name, role: role, disabled: disabled, branches: branches))
            }
            return users
        }
    }

    /// The branches of the `account` row in hand, in order, as a `text[]` column.
    static let branchesOfAccount = #"""
        coalesce((SELECT array_agg(branch ORDER BY branch COLLATE "C") FROM account_branch WHERE account_branch.account = account.name), '{}')
        """#

    static func user(name: String, role: String, disabled: Bool, branches: [String]) throws(StorageError) -> User {
        guard let known = Role(rawValue: role) else { throw StorageError.unknownRole(user: name, role: role) }
        return User(name: name, role: known, branches: branches, disabled: disabled)
    }

    // MARK: Devices

    public func enrol(_ device: Device, tokenHash: Data) async throws {
        guard ![device.id, device.user, device.name].contains(where: StoredText.holdsNUL) else { throw Self.refusal("the device's id, user or name") }
        let replica = device.replica.description
        try await transaction { connection in
            try await PostgresAdvisoryLock.accounts.lockForTransaction(on: connection, logger: logger)
            for try await owner in try await connection.send("SELECT account FROM device WHERE replica = \(replica)", logger: logger).decode(String.self) {
                guard owner == device.user else { throw StorageError.replicaTaken(replica: replica) }
                // The same laptop logging in again (after a logout or a revocation).
                try await connection.send("DELETE FROM device WHERE replica = \(replica)", logger: logger)
            }
            try await connection.send("""
                INSERT INTO device (id, account, replica, name, token_hash, enrolled_at)
                VALUES (\(device.id), \(device.user), \(replica), \(device.name), \(tokenHash), \(StoredTime.millis(device.enrolledAt)))
                """, logger: logger)
        }
    }

    public func device(tokenHash: Data) async throws -> (device: Device, user: User)? {
        try await withConnection { connection in
            let rows = try await connection.send("""
                SELECT \(unescaped: Self.deviceColumns), device.token_hash,
                       account.name, account.role, account.disabled, \(unescaped: Self.branchesOfAccount)
                FROM device JOIN account ON account.name = device.account WHERE device.token_hash = \(tokenHash)
                """, logger: logger)
            for try await row in rows {
                // After the device's eight columns.
                let cells = row.makeRandomAccess()
                let stored = try cells[8].decode(Data.self)
                let (name, role, disabled, branches) = (try cells[9].decode(String.self), try cells[10].decode(String.self),
                                                        try cells[11].decode(Bool.self), try cells[12].decode([String].self))
                guard DeviceToken.constantTimeEqual(stored, tokenHash) else { return nil }
                return (try Self.device(row), try Self.user(name: name, role: role, disabled: disabled, branches: branches))
            }
            return nil
        }
    }

    public func devices() async throws -> [Device] {
        try await withConnection { connection in
            var devices: [Device] = []
            let rows = try await connection.send(#"""
                SELECT \#(unescaped: Self.deviceColumns) FROM device ORDER BY enrolled_at DESC, id COLLATE "C"
                """#, logger: logger)
            for try await row in rows { devices.append(try Self.device(row)) }
            return devices
        }
    }

    public func revoke(device id: String, wipe: Bool) async throws {
        guard !StoredText.holdsNUL(id) else { throw StorageError.notFound(kind: "device", name: id) }
        let now = StoredTime.millis(Date())
        try await transaction { connection in
            guard try await exists("""
                UPDATE device SET revoked_at = coalesce(revoked_at, \(now)),
                    wipe_ordered_at = CASE WHEN \(wipe) THEN coalesce(wipe_ordered_at, \(now)) ELSE wipe_ordered_at END
                WHERE id = \(id) RETURNING 1
                """, on: connection)
            else { throw StorageError.notFound(kind: "device", name: id) }
        }
    }

    public func revokeDevices(of user: String) async throws -> [String] {
        try await transaction { connection in try await revokeDevices(of: user, on: connection) }
    }

    private func revokeDevices(of user: String, on connection: PostgresConnection) async throws -> [String] {
        guard !StoredText.holdsNUL(user) else { throw StorageError.notFound(kind: "user", name: user) }
        try await PostgresAdvisoryLock.accounts.lockForTransaction(on: connection, logger: logger)
        guard try await exists("SELECT 1 FROM account WHERE name = \(user)", on: connection) else {
            throw StorageError.notFound(kind: "user", name: user)
        }
        var ids: [String] = []
        let rows = try await connection.send(#"""
            WITH revoked AS (
                UPDATE device SET revoked_at = \#(StoredTime.millis(Date())) WHERE account = \#(user) AND revoked_at IS NULL RETURNING id
            )
            SELECT id FROM revoked ORDER BY id COLLATE "C"
            """#, logger: logger)
        for try await id in rows.decode(String.self) { ids.append(id) }
        return ids
    }

    public func setPassword(_ passwordHash: String, user name: String) async throws -> [String] {
        guard !StoredText.holdsNUL(passwordHash) else { throw Self.refusal("the password hash") }
        return try await transaction { connection in
            let revoked = try await revokeDevices(of: name, on: connection)
            try await connection.send("UPDATE account SET password_hash = \(passwordHash) WHERE name = \(name)", logger: logger)
            return revoked
        }
    }

    public func touch(device id: String, at time: Date) async throws {
        guard !StoredText.holdsNUL(id) else { return }
        try await withConnection { connection in
            _ = try await connection.send("UPDATE device SET last_seen_at = \(StoredTime.millis(time)) WHERE id = \(id)", logger: logger)
        }
    }

    /// The columns ``device(_:)`` reads, in its order.
    private static let deviceColumns = """
        device.id, device.account, device.replica, device.name, device.enrolled_at, device.last_seen_at, device.revoked_at, device.wipe_ordered_at
        """

    private static func device(_ row: PostgresRow) throws -> Device {
        let (id, user, replica, name, enrolledAt, lastSeenAt, revokedAt, wipeOrderedAt) =
            try row.decode((String, String, String, String, Int64, Int64?, Int64?, Int64?).self)
        guard let replica = ReplicaID(replica) else { throw StorageError.damaged(path: "device", detail: "a replica id is not a UUID") }
        return Device(
            id: id, user: user, replica: replica, name: name, enrolledAt: StoredTime.date(enrolledAt), lastSeenAt: lastSeenAt.map(StoredTime.date),
            revokedAt: revokedAt.map(StoredTime.date), wipeOrderedAt: wipeOrderedAt.map(StoredTime.date)
        )
    }

    /// The refusal of a change holding U+0000 in `what`.
    private static func refusal(_ what: String) -> StorageError {
        .invalid(StorageMessage.holdsNUL.localized(["what": what]))
    }

    /// Whether `query` returns a row; every row is read, so the statement has finished.
    func exists(_ query: PostgresQuery, on connection: PostgresConnection) async throws -> Bool {
        var found = false
        for try await _ in try await connection.send(query, logger: logger) { found = true }
        return found
    }
}
