import FieldVisitClient
import FieldVisitCore
import Foundation
import Testing

/// `fieldvisit login`, `sync`, `logout` and `status` without a server: what is checked
/// before anything is sent, and the exit codes.
@Suite struct SyncCommandLineTests {
    let temporary = TemporaryHome()
    var fieldvisit: FieldVisitProcess { FieldVisitProcess(home: temporary.url) }

    @Test("login checks the store, the user, the address, the CA file and the password before sending anything")
    func loginChecks() throws {
        let beforeInit = try fieldvisit.run(["login", "--server", "https://sync.example.jp", "--user", "佐藤", "--password-stdin"], input: "pw\n")
        #expect(beforeInit.status == 1 && beforeInit.error.contains("fieldvisit init"))

        try fieldvisit.succeed(["init", "--user", "佐藤"])
        let someoneElse = try fieldvisit.run(["login", "--server", "https://sync.example.jp", "--user", "鈴木", "--password-stdin"], input: "pw\n")
        #expect(someoneElse.status == 2 && someoneElse.error.contains("records changes for 佐藤"))

        let plainHTTP = try fieldvisit.run(["login", "--server", "http://sync.example.jp", "--user", "佐藤", "--password-stdin"], input: "pw\n")
        #expect(plainHTTP.status == 2 && plainHTTP.error.contains("https://"))

        let missingCA = temporary.url.appendingPathComponent("missing-ca.pem").path
        let noCA = try fieldvisit.run(["login", "--server", "https://sync.example.jp", "--user", "佐藤", "--ca-file", missingCA, "--password-stdin"], input: "pw\n")
        #expect(noCA.status == 2 && noCA.error.contains("--ca-file") && noCA.error.contains(missingCA))

        // No --password-stdin, no FIELDVISIT_PASSWORD, and standard input is no terminal.
        let noPassword = try fieldvisit.run(["login", "--server", "https://sync.example.jp", "--user", "佐藤"])
        #expect(noPassword.status == 2 && noPassword.error.contains("--password-stdin"))
        #expect(!FileManager.default.fileExists(atPath: temporary.home.deviceTokenPath))
    }

    @Test("sync asks for a login first; logout without one has nothing to do; status says what waits")
    func notLoggedIn() throws {
        try fieldvisit.succeed(["init", "--user", "佐藤"])
        try fieldvisit.succeed(["company", "add", "--name", "株式会社カワムラ"])
        let sync = try fieldvisit.run(["sync"])
        #expect(sync.status == 1 && sync.error.contains("fieldvisit login"))
        #expect(try fieldvisit.succeed(["logout"]).output.contains("not logged in"))

        let status = try fieldvisit.succeed(["status"])
        #expect(status.output.contains("not logged in") && status.output.contains("last sync"))
        let figures = try JSONSerialization.jsonObject(with: Data(try fieldvisit.succeed(["status", "--json"]).output.utf8)) as! [String: Any]
        #expect(figures["pending"] as? Int == 1 && figures["server"] == nil)
    }

    @Test("status shows the login kept in the store")
    func statusShowsLogin() throws {
        try fieldvisit.succeed(["init", "--user", "佐藤"])
        let store = try LocalStore.open(home: temporary.home)
        try store.saveLogin(SyncLoginTests.settings(), token: "token-abc", serverCA: nil)
        try store.recordSyncFinished(at: 1_715_000_000_000)
        let status = try fieldvisit.succeed(["status"])
        #expect(status.output.contains("https://sync.example.jp:8443") && status.output.contains("本店, 札幌支店"))
        #expect(status.output.contains("dev-0001") && !status.output.contains("never"))
    }

    @Test("sync refuses to connect when the office CA kept at login is missing, and says what to do")
    func syncWithMissingServerCA() throws {
        try fieldvisit.succeed(["init", "--user", "佐藤"])
        let store = try LocalStore.open(home: temporary.home)
        // Port 1 on this computer: were the check skipped, the failure would be "cannot reach".
        try store.saveLogin(SyncLoginTests.settings(server: "https://127.0.0.1:1"), token: "token-abc", serverCA: Data(SyncLoginTests.caPEM.utf8))
        try FileManager.default.removeItem(atPath: temporary.home.serverCAPath)
        let sync = try fieldvisit.run(["sync"])
        #expect(sync.status == 1)
        #expect(sync.error.contains(temporary.home.serverCAPath) && sync.error.contains("--ca-file"), "\(sync.error)")
        #expect(!sync.error.contains("cannot reach"))
    }
}
