import FieldVisitCore
import Foundation
import NIOCore
import PostgresNIO
import Testing
@testable import FieldVisitServer

/// The URL a PostgreSQL storage is given, read without a database.
@Suite struct PostgresAddressTests {
    @Test func aURLGivesHostPortUserPasswordDatabaseAndSSLMode() throws {
        let address = try PostgresAddress(url: "postgres://fieldvisit:p%40ss%3Aword@db.example:6543/fieldvisit_prod?sslmode=verify-full")
        #expect(address.host == "db.example")
        #expect(address.port == 6543)
        #expect(address.user == "fieldvisit")
        #expect(address.password == "p@ss:word")
        #expect(address.database == "fieldvisit_prod")
        #expect(address.sslMode == .verifyFull)
        #expect(address.description == "postgres://fieldvisit@db.example:6543/fieldvisit_prod?sslmode=verify-full")

        let plain = try PostgresAddress(url: "postgresql://office@127.0.0.1/fieldvisit")
        #expect(plain.port == 5432)
        #expect(plain.password == nil)
        #expect(plain.sslMode == .prefer)
        let loopback = try PostgresAddress(url: "postgres://office@[::1]:5433/fieldvisit?sslmode=disable")
        #expect(loopback.host == "::1")
        #expect(loopback.description == "postgres://office@[::1]:5433/fieldvisit?sslmode=disable")
    }

    @Test(arguments: [
        ("not a url at all", "is not of the form postgres://"),
        ("mysql://u:secret-pw@host/db", "starts with mysql://"),
        ("postgres://u:secret-pw@/db", "names no host"),
        ("postgres://host/db", "names no user"),
        ("postgres://u:secret-pw@host", "names no database"),
        ("postgres://u:secret-pw@host:70000/db", "port 70000"),
        ("postgres://u:secret-pw@host/db?sslmode=allow", "sslmode must be one of disable, prefer, require, verify-ca, verify-full"),
        ("postgres://u:secret-pw@host/db?application_name=x", "parameter 'application_name'"),
        ("postgres://u:secret-pw@host/db?sslmode=disable&sslrootcert=/ca.pem", "use sslmode=verify-full"),
    ])
    func aMalformedURLIsRefusedWithoutShowingThePassword(_ url: String, _ expected: String) {
        #expect {
            try PostgresAddress(url: url)
        } throws: { error in
            guard case StorageError.invalid(let reason) = error else { return false }
            return reason.english.contains(expected) && !reason.english.contains("secret-pw") && !reason.japanese.contains("secret-pw")
        }
    }
}

/// PostgreSQL's own part: connecting, migrating, and what several servers sharing one
/// database need. They run in the test process's throwaway cluster.
@Suite(.enabled(if: !PostgresCluster.isSkipped, "FIELDVISIT_SKIP_POSTGRES=1: the tests that need PostgreSQL are skipped"))
struct PostgresStorageTests {
    @Test func aWrongPasswordOrPortIsToldWithoutThePassword() async throws {
        let url = try await PostgresCluster.shared.newDatabase()
        let wrong = url.replacingOccurrences(of: "fieldvisit:", with: "fieldvisit:wrong-secret-")
        await #expect {
            _ = try await PostgresStorage.connect(url: wrong)
        } throws: { error in
            guard case StorageError.unreachable(let database, let detail) = error else { return false }
            return detail.contains("password authentication failed") && !"\(error)".contains("wrong-secret") && database.hasPrefix("postgres://fieldvisit@")
        }
        let address = try PostgresAddress(url: url)
        let closed = url.replacingOccurrences(of: ":\(address.port)/", with: ":1/")
        await #expect {
            _ = try await PostgresStorage.connect(url: closed)
        } throws: { error in
            guard case StorageError.unreachable = error else { return false }
            return !"\(error)".contains(address.password ?? "-")
        }
    }

    @Test func theConnectionIsEncryptedAndVerifiedAsSSLModeSays() async throws {
        let url = try await PostgresCluster.shared.newDatabase()
        let certificate = try await PostgresCluster.shared.certificate()
        for (mode, encrypted) in [("disable", false), ("prefer", true), ("require", true), ("verify-full&sslrootcert=\(certificate)", true)] {
            let storage = try await PostgresStorage.connect(url: url.replacingOccurrences(of: "sslmode=disable", with: "sslmode=\(mode)"))
            let ssl = try await storage.withConnection { connection in
                var ssl: [Bool] = []
                let rows = try await connection.query("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()", logger: storage.logger)
                for try await value in rows.decode(Bool.self) { ssl.append(value) }
                return ssl
            }
            #expect(ssl == [encrypted], "sslmode=\(mode)")
            await storage.shutdown()
        }
        // The self-signed certificate is trusted by no system.
        await #expect {
            _ = try await PostgresStorage.connect(url: url.replacingOccurrences(of: "sslmode=disable", with: "sslmode=verify-full"))
        } throws: { error in
            guard case StorageError.unreachable = error else { return false }
            return true
        }
    }

    @Test func serversStartedAtOnceMigrateAFreshDatabaseOnce() async throws {
        let url = try await PostgresCluster.shared.newDatabase()
        let storages = try await withThrowingTaskGroup(of: PostgresStorage.self) { group in
            for _ in 0..<4 { group.addTask { try await PostgresStorage.connect(url: url, connections: 2) } }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        let applied = try await storages[0].withConnection { connection in
            var identifiers: [String] = []
            let rows = try await connection.query("SELECT identifier FROM fieldvisit_migration ORDER BY applied_at, identifier", logger: storages[0].logger)
            for try await identifier in rows.decode(String.self) { identifiers.append(identifier) }
            return identifiers
        }
        #expect(applied.sorted() == PostgresMigrations.all.map(\.identifier).sorted())
        for storage in storages { await storage.shutdown() }
    }

    @Test func aDatabaseMigratedByANewerServerIsRefused() async throws {
        let url = try await PostgresCluster.shared.newDatabase()
        let storage = try await PostgresStorage.connect(url: url)
        try await storage.withConnection { connection in
            _ = try await connection.query("INSERT INTO fieldvisit_migration (identifier, applied_at) VALUES ('v9-future', 0)", logger: storage.logger)
        }
        await storage.shutdown()
        await #expect {
            _ = try await PostgresStorage.connect(url: url)
        } throws: { error in
            guard case StorageError.newerThanProgram(let database, let unknown) = error else { return false }
            return unknown == ["v9-future"] && !database.contains(try! PostgresAddress(url: url).password!)
        }
    }

    @Test func serversSharingTheDatabaseAppendToOneAuditChain() async throws {
        let url = try await PostgresCluster.shared.newDatabase()
        let servers = [try await PostgresStorage.connect(url: url, connections: 3), try await PostgresStorage.connect(url: url, connections: 3)]
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<60 {
                let server = servers[index % 2]
                group.addTask {
                    if index.isMultiple(of: 3) {
                        // A batch, as a push writes its entries.
                        let written = try await server.transaction { connection in
                            var batch = PostgresAuditBatch()
                            for part in 0..<3 {
                                batch.append(AuditEvent(time: Date(), kind: .changeSetAccepted, user: "sato", device: "d", address: nil, detail: "\(index).\(part)"))
                            }
                            return try await batch.write(on: connection, logger: server.logger)
                        }
                        #expect(written.count == 3)
                    } else {
                        try await server.audit(AuditEvent(time: Date(), kind: .login, user: "sato", device: nil, address: "127.0.0.1", detail: "\(index)"))
                    }
                }
            }
            try await group.waitForAll()
        }
        let verdict = try await servers[1].verifyAudit()
        #expect(verdict.broken == nil)
        #expect(verdict.verified == 20 * 3 + 40)
        for server in servers { await server.shutdown() }
    }

    @Test func aBatchLargerThanOneStatementIsWrittenWhole() async throws {
        let url = try await PostgresCluster.shared.newDatabase()
        let storage = try await PostgresStorage.connect(url: url)
        let written = try await storage.transaction { connection in
            var batch = PostgresAuditBatch()
            for index in 0..<(PostgresAuditBatch.rowsPerStatement * 2 + 7) {
                batch.append(AuditEvent(time: Date(), kind: .changeSetAccepted, user: "sato", device: nil, address: nil, detail: "\(index)"))
            }
            return try await batch.write(on: connection, logger: storage.logger)
        }
        #expect(written.map(\.sequence) == Array(1...2_007))
        #expect(try await storage.verifyAudit().verified == 2_007)
        await storage.shutdown()
    }

    /// For the change log: many rows in one statement, from arrays bound whole.
    @Test func arraysBindForABulkInsert() async throws {
        let url = try await PostgresCluster.shared.newDatabase()
        let storage = try await PostgresStorage.connect(url: url)
        let sequences: [Int64] = [1, 2, 3]
        let replicas = ["a", "b", "日本語"]
        // bytea[] binds as [ByteBuffer]; [Data] and [[UInt8]] are not array-encodable.
        let bodies = [ByteBuffer(bytes: [0, 1, 2]), ByteBuffer(bytes: []), ByteBuffer(bytes: Array(repeating: 0xFF, count: 70_000))]
        let read = try await storage.withConnection { connection in
            try await connection.query("CREATE TEMPORARY TABLE bulk (seq bigint, replica text, body bytea)", logger: storage.logger)
            try await connection.query("""
                INSERT INTO bulk (seq, replica, body) SELECT * FROM unnest(\(sequences)::bigint[], \(replicas)::text[], \(bodies)::bytea[])
                """, logger: storage.logger)
            var rows: [(Int64, String, Data)] = []
            for try await row in try await connection.query("SELECT seq, replica, body FROM bulk ORDER BY seq", logger: storage.logger).decode((Int64, String, Data).self) {
                rows.append(row)
            }
            return rows
        }
        #expect(read.map(\.0) == sequences)
        #expect(read.map(\.1) == replicas)
        #expect(read.map(\.2) == bodies.map { Data($0.readableBytesView) })
        await storage.shutdown()
    }

    /// A connection the database cuts, idle in the pool or in the middle of a statement,
    /// fails what runs on it at once: a pull is answered or refused as unreachable, never
    /// left waiting, and pulls succeed again on new connections.
    @Test func statementsOnACutConnectionFailAtOnceAndTheStorageRecovers() async throws {
        let fixture = try await StorageFixture(.postgres)
        var sato = try await fixture.laptop("sato", branches: ["morioka"])
        let changes = try (0..<4_000).map { try sato.addCompany("株式会社テスト\($0)", branch: "morioka").1 }
        for page in stride(from: 0, to: changes.count, by: 500) {
            #expect(try await fixture.push(Array(changes[page..<page + 500]), from: sato).allSatisfy { $0.status == .accepted })
        }
        guard case .postgres(let storage, let url) = fixture.made.database else { preconditionFailure("not PostgreSQL") }
        let cutter = try await PostgresStorage.connect(url: url, connections: 1)
        let unexpected = try await withThrowingTaskGroup(of: [String].self) { group in
            for _ in 0..<8 {
                group.addTask {
                    var unexpected: [String] = []
                    for _ in 0..<30 {
                        do {
                            let page = try await storage.pull(after: 0, limit: 2_000, scope: .all)
                            if page.bodies.count != 2_000 { unexpected.append("a page of \(page.bodies.count)") }
                        } catch StorageError.unreachable {
                        } catch {
                            unexpected.append("\(error)")
                        }
                    }
                    return unexpected
                }
            }
            group.addTask {
                for _ in 0..<5 {
                    try await Task.sleep(for: .milliseconds(150))
                    try await cutter.withConnection { connection in
                        _ = try await connection.query("""
                            SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE pid <> pg_backend_pid() AND datname = current_database()
                            """, logger: cutter.logger)
                    }
                }
                return []
            }
            group.addTask {
                try await Task.sleep(for: .seconds(120))
                return ["the pulls were still waiting after 120 s"]
            }
            var unexpected: [String] = []
            for _ in 0..<9 { unexpected += try await group.next() ?? [] }
            group.cancelAll()
            return unexpected
        }
        #expect(unexpected.isEmpty)
        #expect(try await storage.pull(after: 0, limit: 10, scope: .all).bodies.count == 10)
        await cutter.shutdown()
    }
}
