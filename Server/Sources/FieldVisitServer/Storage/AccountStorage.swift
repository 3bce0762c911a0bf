import FieldVisitProtocol
import Foundation

/// Branches, users and their laptops' devices: who may sync, and what they may see.
///
/// Every method is one transaction, and its effect is seen at once by every server
/// sharing the storage: a disabled user or a revoked device is refused by all of them.
public protocol AccountStorage: Sendable {
    // MARK: Branches and users

    /// Adds a branch. Throws ``StorageError/alreadyExists(kind:name:)`` for a known code.
    func addBranch(_ branch: Branch) async throws
    /// Every branch, by code.
    func branches() async throws -> [Branch]
    /// Adds a user with a bcrypt password hash; every branch must exist.
    func addUser(_ user: User, passwordHash: String) async throws
    /// Disables or enables a user; a disabled user's devices are refused at once.
    func setDisabled(_ disabled: Bool, user name: String) async throws
    /// A user and their password hash. Throws ``StorageError/unknownRole(user:role:)``
    /// when the stored role is none this server knows: such a user may do nothing.
    func user(named name: String) async throws -> (user: User, passwordHash: String)?
    /// Every user, by name; ``StorageError/unknownRole(user:role:)`` as for one.
    func users() async throws -> [User]

    // MARK: Devices

    /// Enrols a device under a token hash. Throws ``StorageError/replicaTaken(replica:)``
    /// when the replica belongs to another user's device; a user enrolling the same
    /// replica again replaces the old token.
    func enrol(_ device: Device, tokenHash: Data) async throws
    /// The device holding a token, with its user, whether revoked or not;
    /// ``StorageError/unknownRole(user:role:)`` when the user's role is unknown.
    func device(tokenHash: Data) async throws -> (device: Device, user: User)?
    /// Every device, newest first.
    func devices() async throws -> [Device]
    /// Revokes a device; its token is refused from then on. With `wipe`, the device
    /// is also told to erase its store the next time it reaches the server.
    func revoke(device id: String, wipe: Bool) async throws
    /// Revokes every device of a user; returns their ids.
    func revokeDevices(of user: String) async throws -> [String]
    /// Replaces a user's password hash and revokes every device of theirs, in one
    /// transaction; returns the devices revoked.
    func setPassword(_ passwordHash: String, user name: String) async throws -> [String]
    /// Notes when a device was last seen; the service calls it at most once a minute.
    func touch(device id: String, at time: Date) async throws

    // MARK: Failed logins

    /// Where failed logins are counted (``LoginThrottle``): wherever every server that
    /// shares this storage sees them.
    var loginFailures: any LoginFailureStorage { get }
}
