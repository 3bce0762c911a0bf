import FieldVisitCore
import FieldVisitProtocol
import Foundation
import GRDB

/// Branches, users and devices in SQLite.
extension SQLiteStorage: AccountStorage {
    // MARK: Branches and users

    public func addBranch(_ branch: Branch) async throws {
        try await pool.write { db in
            if try Bool.fetchOne(db, sql: "SELECT 1 FROM branch WHERE code = ?", arguments: [branch.code]) == true {
                throw StorageError.alreadyExists(kind: "branch", name: branch.code)
            }
            try db.execute(sql: "INSERT INTO branch (code, name, created_at) VALUES (?, ?, ?)",
                           arguments: [branch.code, branch.name, StoredTime.millis(Date())])
        }
    }

    public func branches() async throws -> [Branch] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT code, name FROM branch ORDER BY code").map { Branch(code: $0[0], name: $0[1]) }
        }
    }

    public func addUser(_ user: User, passwordHash: String) async throws {
        try await pool.write { db in
            if try Bool.fetchOne(db, sql: "SELECT 1 FROM account WHERE name = ?", arguments: [user.name]) == true {
                throw StorageError.alreadyExists(kind: "user", name: user.name)
            }
            for branch in user.branches where try Bool.fetchOne(db, sql: "SELECT 1 FROM branch WHERE code = ?", arguments: [branch]) != true {
                throw StorageError.notFound(kind: "branch", name: branch)
            }
            try db.execute(sql: "INSERT INTO account (name, password_hash, role, disabled, created_at) VALUES (?, ?, ?, ?, ?)",
                           arguments: [user.name, passwordHash, user.role.rawValue, user.disabled, StoredTime.millis(Date())])
            for branch in Set(user.branches) {
                try db.execute(sql: "INSERT INTO account_branch (account, branch) VALUES (?, ?)", arguments: [user.name, branch])
            }
        }
    }

    public func setDisabled(_ disabled: Bool, user name: String) async throws {
        try await pool.write { db in
            try db.execute(sql: "UPDATE account SET disabled = ? WHERE name = ?", arguments: [disabled, name])
            if db.changesCount == 0 { throw StorageError.notFound(kind: "user", name: name) }
        }
    }

    public func user(named name: String) async throws -> (user: User, passwordHash: String)? {
        try await pool.read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT name, role, disabled, password_hash FROM account WHERE name = ?", arguments: [name])
            else { return nil }
            return (try Self.user(row, db), row[3])
        }
    }

    public func users() async throws -> [User] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT name, role, disabled FROM account ORDER BY name").map { try Self.user($0, db) }
        }
    }

    static func user(_ row: Row, _ db: Database) throws -> User {
        let name: String = row[0]
        let branches = try String.fetchAll(db, sql: "SELECT branch FROM account_branch WHERE account = ? ORDER BY branch", arguments: [name])
        let role: String = row[1]
        guard let known = Role(rawValue: role) else { throw StorageError.unknownRole(user: name, role: role) }
        return User(name: name, role: known, branches: branches, disabled: row[2])
    }

    // MARK: Devices

    public func enrol(_ device: Device, tokenHash: Data) async throws {
        try await pool.write { db in
            if let owner = try String.fetchOne(db, sql: "SELECT account FROM device WHERE replica = ?", arguments: [device.replica.description]) {
                guard owner == device.user else { throw StorageError.replicaTaken(replica: device.replica.description) }
                // The same laptop logging in again (after a logout or a revocation).
                try db.execute(sql: "DELETE FROM device WHERE replica = ?", arguments: [device.replica.description])
            }
            try db.execute(sql: """
                INSERT INTO device (id, account, replica, name, token_hash, enrolled_at) VALUES (?, ?, ?, ?, ?, ?)
                """, arguments: [device.id, device.user, device.replica.description, device.name, tokenHash, StoredTime.millis(device.enrolledAt)])
        }
    }

    public func device(tokenHash: Data) async throws -> (device: Device, user: User)? {
        try await pool.read { db in
            guard let row = try Row.fetchOne(db, sql: """
                SELECT id, account, replica, name, enrolled_at, last_seen_at, revoked_at, wipe_ordered_at, token_hash FROM device WHERE token_hash = ?
                """, arguments: [tokenHash]),
                DeviceToken.constantTimeEqual(row[8], tokenHash)
            else { return nil }
            let device = try Self.device(row)
            guard let account = try Row.fetchOne(db, sql: "SELECT name, role, disabled FROM account WHERE name = ?", arguments: [device.user])
            else { return nil }
            return (device, try Self.user(account, db))
        }
    }

    public func devices() async throws -> [Device] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: """
                SELECT id, account, replica, name, enrolled_at, last_seen_at, revoked_at, wipe_ordered_at FROM device ORDER BY enrolled_at DESC, id
                """).map(Self.device)
        }
    }

    public func revoke(device id: String, wipe: Bool) async throws {
        try await pool.write { db in
            let now = StoredTime.millis(Date())
            try db.execute(sql: "UPDATE device SET revoked_at = coalesce(revoked_at, ?) WHERE id = ?", arguments: [now, id])
            if db.changesCount == 0 { throw StorageError.notFound(kind: "device", name: id) }
            if wipe { try db.execute(sql: "UPDATE device SET wipe_ordered_at = coalesce(wipe_ordered_at, ?) WHERE id = ?", arguments: [now, id]) }
        }
    }

    public func revokeDevices(of user: String) async throws -> [String] {
        try await pool.write { db in try Self.revokeDevices(of: user, in: db) }
    }

    fileprivate static func revokeDevices(of user: String, in db: Database) throws -> [String] {
        guard try Bool.fetchOne(db, sql: "SELECT 1 FROM account WHERE name = ?", arguments: [user]) == true else {
            throw StorageError.notFound(kind: "user", name: user)
        }
        let ids = try String.fetchAll(db, sql: "SELECT id FROM device WHERE account = ? AND revoked_at IS NULL ORDER BY id", arguments: [user])
        try db.execute(sql: "UPDATE device SET revoked_at = ? WHERE account = ? AND revoked_at IS NULL", arguments: [StoredTime.millis(Date()), user])
        return ids
    }

    public func setPassword(_ passwordHash: String, user name: String) async throws -> [String] {
        try await pool.write { db in
            let revoked = try Self.revokeDevices(of: name, in: db)
            try db.execute(sql: "UPDATE account SET password_hash = ? WHERE name = ?", arguments: [passwordHash, name])
            return revoked
        }
    }

    public func touch(device id: String, at time: Date) async throws {
        try await pool.write { db in
            try db.execute(sql: "UPDATE device SET last_seen_at = ? WHERE id = ?", arguments: [StoredTime.millis(time), id])
        }
    }

    fileprivate static func device(_ row: Row) throws -> Device {
        guard let replica = ReplicaID(row[2] as String) else { throw StorageError.damaged(path: "device", detail: "a replica id is not a UUID") }
        return Device(
            id: row[0], user: row[1], replica: replica, name: row[3], enrolledAt: StoredTime.date(row[4]),
            lastSeenAt: (row[5] as Int64?).map(StoredTime.date), revokedAt: (row[6] as Int64?).map(StoredTime.date), wipeOrderedAt: (row[7] as Int64?).map(StoredTime.date)
        )
    }
}
