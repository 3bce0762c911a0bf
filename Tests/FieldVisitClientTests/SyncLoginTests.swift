import FieldVisitCore
import FieldVisitProtocol
import Foundation
import Testing
@testable import FieldVisitClient

/// What `fieldvisit login` keeps and `logout` forgets, and the checks made before
/// anything is sent: the server address and the CA file.
@Suite struct SyncLoginTests {
    /// A CA certificate (self-signed, P-256), as an office would hand out in ca.pem.
    static let caPEM = """
        -----BEGIN CERTIFICATE-----
        MIIBkjCCATegAwIBAgIUEnwT6v1eCRRReg9FrPLEBTipVcIwCgYIKoZIzj0EAwIw
        HTEbMBkGA1UEAwwSRmllbGRWaXNpdCBUZXN0IENBMCAXDTI2MTEyMjAwMzcwNFoY
        DzIxMjYxMDI5MDAzNzA0WjAdMRswGQYDVQQDDBJGaWVsZFZpc2l0IFRlc3QgQ0Ew
        WTATBgcqhkjOPQIBBggqhkjOPQMBBwNCAAT11EyAxVF7kM3StdlNsFPq2XyvoV/u
        CRpynUgn+VrGZJLAftrzErWFjqDCeqFAyKxSQ1eeeFHquQCI+pCUgdNco1MwUTAd
        BgNVHQ4EFgQU94CaHLobf1V3cbp8B9EjI+GBGLMwHwYDVR0jBBgwFoAU94CaHLob
        f1V3cbp8B9EjI+GBGLMwDwYDVR0TAQH/BAUwAwEB/zAKBggqhkjOPQQDAgNJADBG
        AiEA1K40M0ClWGXaUdZddcEyFt90+HkjLS4scbKKP8Xtl7UCIQDP5emPYu602qie
        RYl1E6fF42gYODYRKolKtwzrtxG7pQ==
        -----END CERTIFICATE-----

        """

    static func settings(server: String = "https://sync.example.jp:8443") -> SyncSettings {
        SyncSettings(server: server, user: "佐藤", device: "dev-0001", deviceName: "本店 2号機", role: .field,
                     branches: ["本店", "札幌支店"], loggedInAt: 1_715_000_000_000)
    }

    static func permissions(_ path: String) throws -> Int? {
        (try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber)?.intValue
    }

    @Test("a login is kept: settings in the store, the token and the CA owner-only; logout forgets them and keeps the records")
    func loginSettingsPersist() throws {
        let temporary = TemporaryHome()
        let store = try LocalStore.create(home: temporary.home, user: "佐藤")
        try store.commit([.set(EntityKey(.company, .random()), field: "name", value: "株式会社カワムラ")])
        #expect(try store.loginSettings() == nil)
        #expect(store.deviceToken() == nil)

        try store.saveLogin(Self.settings(), token: "token-abc", serverCA: Data(Self.caPEM.utf8))
        #expect(try Self.permissions(temporary.home.deviceTokenPath) == 0o600)
        #expect(try Self.permissions(temporary.home.serverCAPath) == 0o600)
        #expect(FileManager.default.contents(atPath: temporary.home.serverCAPath) == Data(Self.caPEM.utf8))

        let reopened = try LocalStore.open(home: temporary.home)
        #expect(try reopened.loginSettings() == Self.settings())
        #expect(reopened.deviceToken() == "token-abc")
        #expect(try reopened.serverCAFile() == temporary.home.serverCAPath)
        #expect(try reopened.syncState().server == Self.settings().server)

        // Logging in again to the same server keeps the positions; to another, restarts them.
        try reopened.markPushed(through: 1)
        try reopened.saveLogin(Self.settings(), token: "token-def", serverCA: nil)
        #expect(try reopened.syncState().pushedCounter == 1)
        #expect(try reopened.serverCAFile() == nil, "a login without --ca-file trusts the system's roots again")
        #expect(reopened.deviceToken() == "token-def")
        try reopened.saveLogin(Self.settings(server: "https://other.example.jp"), token: "token-ghi", serverCA: nil)
        #expect(try reopened.syncState() == SyncState(server: "https://other.example.jp"))
        #expect(try reopened.pendingCount() == 1)

        try reopened.forgetLogin()
        #expect(try reopened.loginSettings() == nil)
        #expect(!FileManager.default.fileExists(atPath: temporary.home.deviceTokenPath))
        #expect(!FileManager.default.fileExists(atPath: temporary.home.serverCAPath))
        #expect(try reopened.logCounts().total == 1)
    }

    @Test("login is refused for anyone but the store's user, before anything is sent")
    func loginUserMustBeStoreUser() async throws {
        let temporary = TemporaryHome()
        let store = try LocalStore.create(home: temporary.home, user: "佐藤")
        await #expect {
            try await DeviceEnrolment.login(store: store, server: try ServerAddress("https://sync.example.jp"), caFile: nil,
                                            user: "鈴木", password: "secret", deviceName: "test")
        } throws: { error in
            guard let failure = error as? SyncFailure, case .userMismatch = failure else { return false }
            return failure.isInvalidInput && failure.description.contains("佐藤")
        }
        #expect(try store.loginSettings() == nil)
    }

    @Test("logout with the server out of reach still forgets the login, and says the device stays enrolled")
    func logoutWithoutServer() async throws {
        let temporary = TemporaryHome()
        let store = try LocalStore.create(home: temporary.home, user: "佐藤")
        try store.saveLogin(Self.settings(server: "http://127.0.0.1:1"), token: "token-abc", serverCA: nil)
        let outcome = try await DeviceEnrolment.logout(store: store, retryPolicy: RetryPolicy(attempts: 2, initialDelay: .milliseconds(10)))
        guard case .forgottenLocally(let settings, _) = outcome else {
            Issue.record("expected the login to be forgotten locally, got \(outcome)")
            return
        }
        #expect(settings.device == "dev-0001")
        #expect(try store.loginSettings() == nil && store.deviceToken() == nil)
        #expect(try await DeviceEnrolment.logout(store: store) == .notLoggedIn)
    }
}

/// The checks a connection makes before sending anything, and its retries.
@Suite struct ServerConnectionTests {
    @Test("https is required, except plain http to this computer", arguments: [
        ("https://sync.example.jp", "https://sync.example.jp"),
        ("HTTPS://sync.example.jp:8443/", "https://sync.example.jp:8443"),
        ("https://sync.example.jp/fieldvisit/", "https://sync.example.jp/fieldvisit"),
        ("http://127.0.0.1:8080", "http://127.0.0.1:8080"),
        ("http://localhost:8080", "http://localhost:8080"),
        ("http://[::1]:8080", "http://[::1]:8080"),
    ])
    func acceptedAddresses(typed: String, normalised: String) throws {
        let address = try ServerAddress(typed)
        #expect(address.description == normalised)
        #expect(address.endpoint(Endpoint.changes, query: "after=0&limit=500") == normalised + "/v1/changes?after=0&limit=500")
    }

    @Test("other addresses are refused with what to type instead", arguments: [
        ("http://sync.example.jp", "https://"),
        ("http://127.0.0.1.example.jp", "https://"),
        ("http://192.168.1.10:8080", "https://"),
        ("ftp://sync.example.jp", "https://"),
        ("sync.example.jp", "https://HOST"),
        ("https://", "https://HOST"),
        ("https://sato@sync.example.jp", "--user"),
        ("https://sync.example.jp/?x=1", "without ?"),
    ])
    func refusedAddresses(typed: String, hint: String) {
        #expect { try ServerAddress(typed) } throws: { error in
            guard let failure = error as? SyncFailure, case .invalidServerAddress = failure else { return false }
            return failure.isInvalidInput && failure.description.contains(hint)
        }
    }

    @Test("a missing, empty or garbage CA file is a clear error; a PEM certificate is taken")
    func caFiles() async throws {
        let temporary = TemporaryHome()
        try temporary.home.prepare()
        let directory = temporary.url
        let garbage = directory.appendingPathComponent("garbage.pem")
        try Data("これは証明書ではありません\n".utf8).write(to: garbage)
        let empty = directory.appendingPathComponent("empty.pem")
        try Data().write(to: empty)
        let address = try ServerAddress("https://sync.example.jp")
        for (path, reason) in [
            (directory.appendingPathComponent("missing.pem").path, "no such file"),
            (garbage.path, "PEM certificate"),
            (empty.path, "PEM certificate"),
            (directory.path, "directory"),
        ] {
            #expect { try ServerConnection(address, caFile: path) } throws: { error in
                guard let failure = error as? SyncFailure, case .unreadableCAFile = failure else { return false }
                return failure.description.contains(reason) && failure.description.contains("--ca-file") && failure.description.contains(path)
            }
        }
        let good = directory.appendingPathComponent("ca.pem")
        try Data(SyncLoginTests.caPEM.utf8).write(to: good)
        #expect(try ServerConnection.loadCertificates(good.path).certificates.count == 1)
        let connection = try ServerConnection(address, caFile: good.path)
        await connection.shutdown()
    }

    @Test("connections require TLS 1.2 or later and verify the server fully, against the CA file alone when given")
    func tlsConfiguration() throws {
        let temporary = TemporaryHome()
        try temporary.home.prepare()
        let good = temporary.url.appendingPathComponent("ca.pem")
        try Data(SyncLoginTests.caPEM.utf8).write(to: good)
        for caFile in [nil, good.path] {
            let tls = try ServerConnection.tlsConfiguration(caFile: caFile)
            #expect(tls.minimumTLSVersion == .tlsv12)
            #expect(tls.certificateVerification == .fullVerification)
            if caFile == nil {
                #expect(tls.trustRoots == .default)
            } else {
                #expect(tls.trustRoots == .certificates(try ServerConnection.loadCertificates(good.path).certificates))
            }
        }
    }

    @Test("a login made with a CA file never falls back to the system's roots when the file is gone")
    func missingServerCAIsRefused() throws {
        let temporary = TemporaryHome()
        let store = try LocalStore.create(home: temporary.home, user: "佐藤")
        try store.saveLogin(SyncLoginTests.settings(), token: "token-abc", serverCA: Data(SyncLoginTests.caPEM.utf8))
        #expect(try store.serverCAFile() == temporary.home.serverCAPath)

        for damage in ["removed", "emptied"] {
            if damage == "removed" {
                try FileManager.default.removeItem(atPath: temporary.home.serverCAPath)
            } else {
                try Data().write(to: URL(fileURLWithPath: temporary.home.serverCAPath))
            }
            #expect { try store.serverCAFile() } throws: { error in
                guard let failure = error as? SyncFailure, case .missingServerCA(let path, _, _) = failure else { return false }
                let message = failure.description
                return path == temporary.home.serverCAPath && message.contains(path) && message.contains("--ca-file")
                    && message.contains("fieldvisit login") && !failure.isInvalidInput
            }
        }
        // A login without a CA file trusts the system's roots; a stray file does not change that.
        try store.saveLogin(SyncLoginTests.settings(), token: "token-abc", serverCA: nil)
        try Data(SyncLoginTests.caPEM.utf8).write(to: URL(fileURLWithPath: temporary.home.serverCAPath))
        #expect(try store.serverCAFile() == nil)
    }

    @Test("a server out of reach is retried, then reported with what to do")
    func unreachableServer() async throws {
        let retries = RetryLog()
        let address = try ServerAddress("http://127.0.0.1:1")
        await #expect {
            try await ServerConnection.using(address, token: "token", retryPolicy: RetryPolicy(attempts: 3, initialDelay: .milliseconds(10)),
                                             onRetry: retries.append) { connection in
                try await connection.pull(after: 0, limit: 10)
            }
        } throws: { error in
            guard let failure = error as? SyncFailure, case .unreachable(_, let attempts, _) = failure else { return false }
            return attempts == 3 && !failure.isInvalidInput && failure.description.contains("try again")
        }
        #expect(retries.notices.map(\.failedAttempt) == [1, 2])
        #expect(retries.notices.map(\.delay) == [.milliseconds(10), .milliseconds(20)])
    }

    @Test("a link that drops under every request is retried, then reported as a dropped link, not as a server out of reach")
    func droppedLink() async throws {
        // A link that drops under every request: each connection is closed at once.
        let listener = try LoopbackListener { _ in }
        defer { listener.stop() }
        let address = try ServerAddress("https://127.0.0.1:\(listener.port)")
        await #expect {
            try await ServerConnection.using(address, token: "token", retryPolicy: RetryPolicy(attempts: 3, initialDelay: .milliseconds(10))) { connection in
                try await connection.pull(after: 0, limit: 10)
            }
        } throws: { error in
            guard let failure = error as? SyncFailure, case .linkDropped(_, let attempts, _) = failure else { return false }
            return attempts == 3 && failure.description.contains("dropped or was too slow") && failure.description.contains("what came before is kept")
        }
    }

    @Test("problems from the server say what to do")
    func problemMessages() {
        let revoked = SyncFailure.refused(Problem(.deviceRevoked, status: 403, title: "Device revoked", detail: "revoked by admin"), step: .push)
        #expect(revoked.description.contains("fieldvisit login"))
        let disabled = SyncFailure.refused(Problem(.userDisabled, status: 403, title: "User disabled", detail: "disabled"), step: .pull)
        #expect(disabled.description.contains("administrator"))
        let wrongPassword = SyncFailure.refused(Problem(.unauthenticated, status: 401, title: "Unauthenticated", detail: "wrong"), step: .login)
        #expect(wrongPassword.description.contains("password"))
    }
}

/// Retry notices collected from another task.
final class RetryLog: Sendable {
    private let lock = NSLock()
    nonisolated(unsafe) private var collected: [RetryPolicy.Notice] = []

    var notices: [RetryPolicy.Notice] { lock.withLock { collected } }

    func append(_ notice: RetryPolicy.Notice) { lock.withLock { collected.append(notice) } }
}

