import FieldVisitClient
import FieldVisitCore
import Foundation
import Testing
@testable import FieldVisitServer

/// The stores behind the console's reports: kept across restarts, rebuilt when the log
/// no longer holds what they took, used by one process at a time.
@Suite struct ConsoleReadingReplicasTests {
    static func fileNumber(_ url: URL) throws -> Int? {
        try FileManager.default.attributesOfItem(atPath: url.path)[.systemFileNumber] as? Int
    }

    @Test func aStoreOutlivesTheServerAndIsRebuiltWhenTheLogLostWhatItTook() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("readings-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let office = try await ConsoleTests.Office(.sqlite)
        let scope = BranchScope.branches(["morioka"])
        let file = directory.appendingPathComponent(ConsoleReadingReplicas.name(of: scope)).appendingPathComponent("store.sqlite")

        let store = try await ConsoleReadingReplicas(directory: directory, storage: office.fixture.storage).store(for: scope)
        #expect(try store.summary(of: office.visit) != nil)
        let built = try Self.fileNumber(file)

        // The server starts again on the same directory: the store is the one it had.
        let reopened = try await ConsoleReadingReplicas(directory: directory, storage: office.fixture.storage).store(for: scope)
        #expect(try reopened.summary(of: office.visit) != nil)
        #expect(try Self.fileNumber(file) == built)

        // The database is restored from a backup older than the store: the store is
        // built again from the log as it is, and the visit it no longer holds is gone.
        let restored = try await StorageFixture(.sqlite)
        let rebuilt = try await ConsoleReadingReplicas(directory: directory, storage: restored.storage).store(for: scope)
        #expect(try rebuilt.summary(of: office.visit) == nil)
        #expect(try Self.fileNumber(file) != built)
    }

    @Test func oneProcessAtATimeHoldsADirectory() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("readings-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(DirectoryLock.claim(directory) == directory)
        // Another claim (a second server on the same data directory) is refused, and
        // that server keeps its stores in a directory of its own.
        #expect(DirectoryLock.claim(directory) == nil)
    }

    @Test func aLongListOfBranchesStillMakesAFileName() {
        let codes = (1...40).map { "branch-\($0)" }
        let name = ConsoleReadingReplicas.name(of: .branches(Set(codes)))
        #expect(name.utf8.count < 100 && name.hasPrefix("branches-"))
        #expect(ConsoleReadingReplicas.name(of: .branches(["miyako", "morioka"])) == "branches-miyako+morioka")
    }
}
