import FieldVisitCore
import FieldVisitProtocol
import Foundation
import GRDB
import Testing
@testable import FieldVisitServer

/// A push looks up each record it needs once and writes each record once:
/// the results and the stored state must be exactly those of one change set at a time.
@Suite struct PushBatchTests {
    @Test(arguments: StorageBackend.tested)
    func aDotRepeatedWithinOnePushIsADuplicateOrRefusedForOtherContent(_ backend: StorageBackend) async throws {
        let fixture = try await StorageFixture(backend)
        var sato = try await fixture.laptop("sato", branches: ["morioka"])
        let (company, created) = try sato.addCompany("株式会社カワムラ", branch: "morioka")
        var reused = created
        reused.operations = [.set(company, field: "name", value: "別の会社"), created.operations[1]]
        let results = try await fixture.push([created, created, reused], from: sato)
        #expect(results.map(\.status) == [.accepted, .duplicate, .refused])
        #expect(results.map(\.sequence) == [1, 1, nil])
        #expect(results[2].code == .invalidChangeSet)
        #expect(try await fixture.storage.logCount() == 1)
        #expect(try await fixture.storage.state(of: company)?.visibleValues["name"] == .text("株式会社カワムラ"))
    }

    @Test(arguments: StorageBackend.tested)
    func aRetriedPageMixingStoredAndNewChangeSetsStoresOnlyTheNewOnes(_ backend: StorageBackend) async throws {
        let fixture = try await StorageFixture(backend)
        var sato = try await fixture.laptop("sato", branches: ["morioka"])
        let (company, created) = try sato.addCompany("株式会社カワムラ", branch: "morioka")
        let (_, visit) = try sato.addVisit(to: company, notes: "面談")
        let edit = try sato.commit([.set(company, field: "employees", value: 12)])
        #expect(try await fixture.push([created, visit], from: sato).map(\.status) == [.accepted, .accepted])
        let results = try await fixture.push([created, visit, edit], from: sato)
        #expect(results.map(\.status) == [.duplicate, .duplicate, .accepted])
        #expect(results.map(\.sequence) == [1, 2, 3])
        #expect(try await fixture.storage.logCount() == 3)
        #expect(try await fixture.storage.state(of: company) == sato.replica.entities[company])
    }

    @Test(arguments: StorageBackend.tested)
    func aDependencyLaterInTheSamePushIsMissing(_ backend: StorageBackend) async throws {
        let fixture = try await StorageFixture(backend)
        var sato = try await fixture.laptop("sato", branches: ["morioka"])
        let (company, created) = try sato.addCompany("株式会社カワムラ", branch: "morioka")
        let (_, visit) = try sato.addVisit(to: company, notes: "面談")
        let results = try await fixture.push([visit, created], from: sato)
        #expect(results.map(\.status) == [.refused, .accepted])
        #expect(results[0].code == .missingDependencies)
        #expect(results[0].missing == [created.dot])
        #expect(try await fixture.storage.logCount() == 1)
    }

    @Test func recordsTouchedAcrossAndWithinPushesEndAsTheReplicaHasThem() async throws {
        let fixture = try await StorageFixture()
        var sato = try await fixture.laptop("sato", branches: ["morioka"])
        var suzuki = try await fixture.laptop("suzuki", branches: ["morioka"])
        let (company, created) = try sato.addCompany("株式会社カワムラ", branch: "morioka")
        #expect(try await fixture.push([created], from: sato).first?.status == .accepted)
        // A later push: a visit naming the stored company, and the company and the
        // visit each edited twice, so each record is written once for several change sets.
        let (visit, recorded) = try sato.addVisit(to: company, notes: "面談")
        let first = try sato.commit([.set(company, field: "employees", value: 12), .set(visit, field: "notes", value: "社長と面談")])
        let second = try sato.commit([.set(company, field: "employees", value: 13), .set(visit, field: "notes", value: "専務と面談")])
        let pushed = try await fixture.push([recorded, first, second], from: sato)
        #expect(pushed.map(\.status) == [.accepted, .accepted, .accepted])
        #expect(try await fixture.storage.state(of: company) == sato.replica.entities[company])
        #expect(try await fixture.storage.state(of: visit) == sato.replica.entities[visit])
        let updated = try await DatabaseQueue(path: fixture.sqlite.path).read { db in
            try Int64.fetchAll(db, sql: "SELECT updated_seq FROM record ORDER BY updated_seq")
        }
        #expect(updated == [4, 4])

        // A concurrent edit from another laptop, in a push of its own: a conflict on
        // a record read from storage, counted once.
        for change in [created, recorded, first] { try suzuki.replica.apply(change) }
        let concurrent = try suzuki.commit([.set(company, field: "employees", value: 20)])
        let outcome = try await fixture.storage.push([concurrent], admission: ChangeAdmission(schema: .fieldVisit, caller: suzuki.caller), now: Date())
        #expect(outcome.results.map(\.status) == [.accepted])
        #expect(outcome.newConflicts == 1)
        try sato.replica.apply(concurrent)
        #expect(try await fixture.storage.state(of: company) == sato.replica.entities[company])
        #expect(try await fixture.storage.conflicts().map(\.fields) == [["employees"]])
    }

    @Test func aLargePageStoresTheBytesReceivedAndEveryRecordAsTheReplicaHasIt() async throws {
        let fixture = try await StorageFixture()
        var sato = try await fixture.laptop("sato", branches: ["morioka"])
        var changes: [ChangeSet] = []
        var companies: [EntityKey] = []
        for index in 0..<60 {
            let (key, change) = try sato.addCompany("株式会社カワムラ\(index)", branch: "morioka")
            companies.append(key)
            changes.append(change)
        }
        var visits: [EntityKey] = []
        for index in 0..<200 {
            let (key, change) = try sato.addVisit(to: companies[index % 60], notes: "社長と面談 \(index)\n\"次回\"は\t未定 \\ 🏭")
            visits.append(key)
            changes.append(change)
        }
        for index in 0..<40 { changes.append(try sato.commit([.set(visits[index], field: "notes", value: .text("追記 \(index)"))])) }
        // What the server hands its storage: the change sets read, and their bytes as received.
        let (request, bodies) = try PushRequest.readKeepingCanonicalBodies(PushRequest(changeSets: changes).encoded())
        #expect(bodies == changes.map { CanonicalJSONWriter.encode($0) })
        let outcome = try await fixture.storage.push(request.changeSets, canonicalBodies: bodies, admission: ChangeAdmission(schema: .fieldVisit, caller: sato.caller), now: Date())
        #expect(outcome.results.allSatisfy { $0.status == .accepted })
        let (records, log) = try await DatabaseQueue(path: fixture.sqlite.path).read { db in
            (try Row.fetchAll(db, sql: "SELECT type, id, state FROM record ORDER BY rowid").map { row in
                (EntityKey(RecordType(rawValue: row[0]), RecordID(rawValue: row[1])), row[2] as Data)
            }, try Data.fetchAll(db, sql: "SELECT body FROM change_set ORDER BY seq"))
        }
        #expect(records.map(\.0) == companies + visits)
        for (key, _) in records { #expect(try await fixture.storage.state(of: key) == sato.replica.entities[key]) }
        #expect(log == changes.map { CanonicalJSONWriter.encode($0) })
    }

    @Test(arguments: StorageBackend.tested)
    func aPageNamesTheFirstChangeSetWhoseContentIsRefused(_ backend: StorageBackend) async throws {
        let fixture = try await StorageFixture(backend)
        var sato = try await fixture.laptop("sato", branches: ["morioka"])
        var changes: [ChangeSet] = []
        for index in 0..<100 { changes.append(try sato.addCompany("株式会社カワムラ\(index)", branch: "morioka").1) }
        let admission = ChangeAdmission(schema: .fieldVisit, caller: sato.caller)
        #expect(SyncService.firstContentRefusal(changes, admission: admission) == nil)
        var late = changes
        late[80].author = "ito"
        #expect(SyncService.firstContentRefusal(late, admission: admission)?.dot == changes[80].dot)
        var early = late
        early[30].operations = [.set(EntityKey(.company, .random()), field: "employees", value: .text("たくさん"))]
        let refusal = SyncService.firstContentRefusal(early, admission: admission)
        #expect(refusal?.dot == changes[30].dot)
        #expect(refusal?.code == .invalidChangeSet)
    }

    @Test(arguments: StorageBackend.tested)
    func everyAcceptedChangeSetKeepsItsAuditRow(_ backend: StorageBackend) async throws {
        let fixture = try await StorageFixture(backend)
        var sato = try await fixture.laptop("sato", branches: ["morioka"])
        let (company, created) = try sato.addCompany("株式会社カワムラ", branch: "morioka")
        let (visit, recorded) = try sato.addVisit(to: company, notes: "面談")
        _ = try await fixture.push([created, recorded, created], from: sato)
        let trail = try await fixture.storage.auditTrail(since: .distantPast, user: "sato")
        #expect(trail.map(\.kind) == [.changeSetAccepted, .changeSetAccepted])
        #expect(trail.map(\.device) == [sato.caller.device.id, sato.caller.device.id])
        #expect(trail.map(\.detail) == ["\(created.dot) seq 1 \(company)", "\(recorded.dot) seq 2 \(visit)"])
    }
}
