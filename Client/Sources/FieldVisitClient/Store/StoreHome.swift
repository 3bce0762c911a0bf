import FieldVisitCore
import Foundation

/// The data directory of a field laptop: where the store and the device's settings live.
///
/// Chosen in this order: the `--home DIR` option, else `$FIELDVISIT_HOME`, else
/// `~/.fieldvisit`. Owner-only (0700), since it holds personal data of the companies'
/// owners: created so, and tightened to it whenever a store in it is created or opened.
public struct StoreHome: Sendable, Hashable {
    /// The directory.
    public let directory: URL

    /// The directory given, or the one the environment names.
    public init(option: String?, environment: [String: String] = ProcessInfo.processInfo.environment) {
        if let option, !option.isEmpty {
            directory = URL(fileURLWithPath: option, isDirectory: true)
        } else if let home = environment["FIELDVISIT_HOME"], !home.isEmpty {
            directory = URL(fileURLWithPath: home, isDirectory: true)
        } else {
            let user = environment["HOME"].map { URL(fileURLWithPath: $0, isDirectory: true) }
                ?? FileManager.default.homeDirectoryForCurrentUser
            directory = user.appendingPathComponent(".fieldvisit", isDirectory: true)
        }
    }

    /// The SQLite store.
    public var storePath: String { directory.appendingPathComponent("store.sqlite").path }

    /// Creates the directory (owner-only) if it is missing, and tightens its permissions
    /// if they are wider.
    public func prepare() throws(StoreError) {
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        if manager.fileExists(atPath: directory.path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else {
                throw .unusableDirectory(path: directory.path, reason: StoreMessage.directoryIsFile.text())
            }
        } else {
            do {
                try manager.createDirectory(at: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            } catch {
                throw .unusableDirectory(path: directory.path, reason: error.localizedDescription)
            }
        }
        // Only when wider: a directory already owner-only is left alone.
        let mode = (try? manager.attributesOfItem(atPath: directory.path)[.posixPermissions] as? NSNumber)?.intValue
        guard mode.map({ $0 & 0o077 != 0 }) ?? true else { return }
        do {
            try manager.setAttributes([.posixPermissions: 0o700], ofItemAtPath: directory.path)
        } catch {
            throw .unusableDirectory(path: directory.path, reason: StoreMessage.cannotMakeOwnerOnly.text(["detail": error.localizedDescription]))
        }
    }

    /// The device token `fieldvisit login` received (owner-only).
    public var deviceTokenPath: String { directory.appendingPathComponent("device-token").path }

    /// The office CA given at login, which later syncs trust for the server (owner-only).
    public var serverCAPath: String { directory.appendingPathComponent("server-ca.pem").path }

    /// Where a first sync keeps the snapshot it is receiving, so that a dropped link
    /// resumes it instead of starting again (``ServerConnection/snapshot(resumingIn:progress:)``).
    public var snapshotDownload: URL { directory.appendingPathComponent("snapshot-download") }

    /// Whether a store exists here.
    public var hasStore: Bool { FileManager.default.fileExists(atPath: storePath) }
}
