import FieldVisitCore
import FieldVisitProtocol
import Foundation
import HummingbirdBcrypt

/// The administrators' actions on branches, users and devices, each checked, stored
/// and audited one way, whether run as a `fieldvisit-server` command or from the
/// console's pages. Invalid input throws ``StorageError/invalid(_:)`` saying what to
/// give instead, before anything is stored.
public struct Administration: Sendable {
    /// Where everything is kept.
    public let storage: any SyncStorage
    /// The administrator acting through the console, named in the audit trail; `nil`
    /// for a command run on the server's machine.
    public var actor: String?
    /// Where the action came from: `console:USER` for a command, the browser's address.
    public var address: String?

    public init(storage: any SyncStorage, actor: String? = nil, address: String?) {
        self.storage = storage
        self.actor = actor
        self.address = address
    }

    /// The shortest password accepted.
    public static let minimumPasswordLength = 8

    /// Adds a branch that companies and staff belong to.
    @discardableResult
    public func addBranch(code: String, name: String) async throws -> Branch {
        guard (1...32).contains(code.count), code.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) else {
            throw StorageError.invalid(StorageMessage.branchCode.localized(["code": code]))
        }
        let name = name.trimmingCharacters(in: .whitespaces)
        guard (1...100).contains(name.count), !name.containsControlCharacters else { throw StorageError.invalid(StorageMessage.branchName.localized()) }
        let branch = Branch(code: code, name: name)
        try await storage.addBranch(branch)
        try await audit(.branchAdded, user: nil, device: nil, detail: "\(code) \(name)")
        return branch
    }

    /// Adds a user with a password.
    @discardableResult
    public func addUser(name: String, role: Role, branches: [String], password: String) async throws -> User {
        // The name is also the author of the user's change sets, as typed at `fieldvisit init`.
        let name = UserName.normalized(name)
        if let problem = UserName.problem(name) { throw StorageError.invalid(problem) }
        if role != .admin, branches.isEmpty { throw StorageError.invalid(StorageMessage.branchesNeeded.localized()) }
        try Self.check(password)
        let user = User(name: name, role: role, branches: branches)
        try await storage.addUser(user, passwordHash: await Self.hash(password))
        try await audit(.userAdded, user: name, device: nil, detail: "\(role.rawValue) of \(branches.joined(separator: ", "))")
        return user
    }

    /// Disables a user: their devices and console sessions are refused at once; their records stay.
    public func disable(user name: String) async throws {
        try await storage.setDisabled(true, user: name)
        try await storage.endSessions(of: name)
        try await audit(.userDisabled, user: name, device: nil, detail: "disabled")
    }

    /// Changes a user's password: every device of theirs is revoked and every console
    /// session ended. Returns the devices revoked.
    @discardableResult
    public func setPassword(_ password: String, of name: String) async throws -> [String] {
        try Self.check(password)
        let revoked = try await storage.setPassword(await Self.hash(password), user: name)
        try await storage.endSessions(of: name)
        try await audit(.passwordChanged, user: name, device: nil, detail: "devices revoked: \(revoked.isEmpty ? "none" : revoked.joined(separator: ", "))")
        return revoked
    }

    /// Revokes a device; with `wipe`, the laptop is also told to erase its store when it next reaches the server.
    public func revoke(device id: String, wipe: Bool) async throws {
        try await storage.revoke(device: id, wipe: wipe)
        let device = try await storage.devices().first { $0.id == id }
        try await audit(wipe ? .wipeOrdered : .deviceRevoked, user: device?.user, device: id, detail: device?.name ?? id)
    }

    /// Revokes every device of a user; returns their ids.
    @discardableResult
    public func revokeDevices(of user: String) async throws -> [String] {
        let revoked = try await storage.revokeDevices(of: user)
        for id in revoked { try await audit(.deviceRevoked, user: user, device: id, detail: "every device of \(user)") }
        return revoked
    }

    private static func check(_ password: String) throws {
        guard password.count >= minimumPasswordLength, password.utf8.count <= 1024 else {
            throw StorageError.invalid(StorageMessage.passwordLength.localized(["min": "\(minimumPasswordLength)"]))
        }
    }

    /// bcrypt, off the caller's thread: it takes tens of milliseconds on purpose.
    private static func hash(_ password: String) async -> String {
        await Task.detached { Bcrypt.hash(password, cost: SyncService.bcryptCost) }.value
    }

    private func audit(_ kind: AuditEvent.Kind, user: String?, device: String?, detail: String) async throws {
        try await storage.audit(AuditEvent(time: Date(), kind: kind, user: user, device: device, address: address,
                                           detail: detail + (actor.map { " (by \($0) in the console)" } ?? "")))
    }
}
