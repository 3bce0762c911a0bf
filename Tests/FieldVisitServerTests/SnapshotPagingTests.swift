import FieldVisitCore
import FieldVisitProtocol
import Foundation
import Testing
@testable import FieldVisitServer

/// A snapshot is read and sent a page at a time, from one consistent view: pushes made
/// while it is read change nothing of it, and its bytes are those of the whole snapshot.
@Suite struct SnapshotPagingTests {
    @Test(arguments: StorageBackend.tested)
    func pagesComeFromOneViewWhateverIsPushedMeanwhile(_ backend: StorageBackend) async throws {
        let fixture = try await StorageFixture(backend)
        var sato = try await fixture.laptop("sato", branches: ["morioka"])
        let ito = try await fixture.laptop("ito", branches: ["miyako"])
        var changes: [ChangeSet] = []
        var companies: [EntityKey] = []
        for index in 0..<1_250 {
            let (company, created) = try sato.addCompany("株式会社テスト\(index)", branch: "morioka")
            companies.append(company)
            changes.append(created)
        }
        for page in stride(from: 0, to: changes.count, by: 500) {
            #expect(try await fixture.push(Array(changes[page..<min(page + 500, changes.count)]), from: sato).allSatisfy { $0.status == .accepted })
        }
        let whole = try await fixture.storage.snapshot(scope: sato.caller.user.scope)

        let reader = try await fixture.storage.openSnapshot(scope: sato.caller.user.scope)
        #expect(reader.count == 1_250)
        #expect(reader.cursor == 1_250)
        // Renamed while the snapshot is being read: the snapshot keeps the names it saw.
        let renamed = try sato.commit([.set(companies[1_000], field: "name", value: "改名後の会社")])
        #expect(try await fixture.push([renamed], from: sato).map(\.status) == [.accepted])
        var bytes = Data()
        try await SyncService.writeSnapshot(reader) { bytes += $0 }
        #expect(bytes == whole.encoded())
        let read = try Snapshot.read(bytes)
        #expect(read.records.count == 1_250)
        #expect(read.records.map(\.key) == read.records.map(\.key).sorted())
        #expect(read.records.first { $0.key == companies[1_000] }?.state.visibleValues["name"] == "株式会社テスト1000")

        // Another branch's snapshot holds none of it; an empty one is still a snapshot.
        let empty = try await fixture.storage.openSnapshot(scope: ito.caller.user.scope)
        var emptyBytes = Data()
        try await SyncService.writeSnapshot(empty) { emptyBytes += $0 }
        #expect(try Snapshot.read(emptyBytes) == Snapshot(records: [], cursor: 1_251))
    }
}
