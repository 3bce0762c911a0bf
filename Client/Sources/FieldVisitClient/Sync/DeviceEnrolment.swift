import FieldVisitCore
import FieldVisitProtocol
import Foundation

/// Logging this laptop in to the sync server, and out again.
public enum DeviceEnrolment {
    /// How a logout ended.
    public enum LogoutOutcome: Sendable, Hashable {
        /// The server revoked the device, and the login is forgotten here.
        case revoked(SyncSettings)
        /// The login is forgotten here, but the server could not be told: the device
        /// stays enrolled there until an administrator revokes it.
        case forgottenLocally(SyncSettings, reason: String)
        /// There was no login to forget.
        case notLoggedIn
    }

    /// Enrols this laptop's store with the server as `user`, and keeps the login: the
    /// settings in the store, the token and the CA file beside it (owner-only).
    ///
    /// - Parameters:
    ///   - caFile: the office CA to trust instead of the system's roots, copied into
    ///     the data directory for later syncs.
    ///   - password: used for this request only, never kept.
    /// - Throws: ``SyncFailure/userMismatch(given:store:)`` when `user` is not the
    ///   store's user (change sets are authored by the store's user), and any
    ///   failure of the server or the network; nothing is kept then.
    public static func login(
        store: LocalStore, server: ServerAddress, caFile: String?, user: String, password: String, deviceName: String,
        retryPolicy: RetryPolicy = .standard, onRetry: @escaping @Sendable (RetryPolicy.Notice) -> Void = { _ in }
    ) async throws -> SyncSettings {
        let user = user.trimmingCharacters(in: .whitespaces)
        guard user == store.user else { throw SyncFailure.userMismatch(given: user, store: store.user) }
        let serverCA = try caFile.map { path throws(SyncFailure) in try ServerConnection.loadCertificates(path).pem }
        let name = deviceName.trimmingCharacters(in: .whitespaces)
        let request = EnrolmentRequest(user: user, password: password, replica: store.replicaID, deviceName: name.isEmpty ? "fieldvisit" : name)
        return try await ServerConnection.using(server, caFile: caFile, retryPolicy: retryPolicy, onRetry: onRetry) { connection in
            let enrolled = try await connection.enrol(request)
            guard enrolled.user == store.user else {
                // The server knows the user under another name: change sets written
                // here would be refused as someone else's. Undo the enrolment.
                try? await ServerConnection.using(server, caFile: caFile, token: enrolled.token, retryPolicy: RetryPolicy(attempts: 1, initialDelay: .zero)) {
                    try await $0.revokeCurrentDevice()
                }
                throw SyncFailure.userMismatch(given: enrolled.user, store: store.user)
            }
            let settings = SyncSettings(
                server: server.description, user: enrolled.user, device: enrolled.device, deviceName: request.deviceName,
                role: enrolled.role, branches: enrolled.branches, loggedInAt: LocalStore.now()
            )
            try store.saveLogin(settings, token: enrolled.token, serverCA: serverCA)
            return settings
        }
    }

    /// Revokes this laptop's device on the server when it can be reached, then forgets
    /// the login here whatever the server said. Records stay.
    public static func logout(
        store: LocalStore, retryPolicy: RetryPolicy = .standard, onRetry: @escaping @Sendable (RetryPolicy.Notice) -> Void = { _ in }
    ) async throws -> LogoutOutcome {
        guard let settings = try store.loginSettings() else {
            // A token left by an interrupted logout is forgotten too.
            try store.forgetLogin()
            return .notLoggedIn
        }
        var unrevoked: String?
        if let token = store.deviceToken() {
            do {
                let address = try ServerAddress(settings.server)
                try await ServerConnection.using(address, caFile: try store.serverCAFile(), token: token, retryPolicy: retryPolicy, onRetry: onRetry) {
                    try await $0.revokeCurrentDevice()
                }
            } catch SyncFailure.refused(let problem, _) where [.deviceRevoked, .unauthenticated].contains(problem.code) {
                // Revoked already, or the token is unknown there: nothing left to revoke.
            } catch {
                unrevoked = "\(error)"
            }
        } else {
            unrevoked = ConnectionMessage.tokenMissing.text(["path": store.home.deviceTokenPath])
        }
        try store.forgetLogin()
        return unrevoked.map { .forgottenLocally(settings, reason: $0) } ?? .revoked(settings)
    }
}
