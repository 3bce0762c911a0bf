import FieldVisitCore
import Foundation
import Testing
@testable import FieldVisitClient

/// The local store must hold exactly what the in-memory engine holds for the same
/// change sets, whatever the order, and must rebuild the same state from its log.
@Suite struct StoreConformanceTests {
    static let visits = (0..<4).map { EntityKey(.visit, RecordID(rawValue: "visit-\($0)")) }
    static let notes: [FieldValue] = ["社長と面談。", "後継者候補（長男）と面談。事業承継の意向を確認。", "資金繰り表を受領", .null]

    static func randomEdits(_ replica: Replica, _ random: inout SplitMix64) -> [Edit] {
        let key = visits.randomElement(using: &random)!
        guard let state = replica.entities[key] else {
            return [
                .set(key, field: "company", value: "c0a1"), .set(key, field: "date", value: "2024-04-01"),
                .set(key, field: "mode", value: "onSite"), .set(key, field: "purpose", value: "companyVisit"),
                .add(key, field: "staff", element: "佐藤"),
            ]
        }
        if state.isDeleted { return [.restore(key)] }
        switch Int.random(in: 0..<10, using: &random) {
        case 0: return [.delete(key)]
        case 1: return [.approve(key), .set(key, field: "reviewState", value: "approved")]
        case 2: return [.add(key, field: "issues", element: ["cashFlow", "noSuccessor", "labourShortage"].randomElement(using: &random)!)]
        case 3:
            if let element = state.visibleSets["issues"]?.first { return [.remove(key, field: "issues", element: element)] }
            return [.add(key, field: "issues", element: "cashFlow")]
        case 4: return [.set(key, field: "nextVisitDate", value: ["2024-05-01", "2024-06-15"].randomElement(using: &random)!)]
        case 5: return [.set(key, field: "purpose", value: ["expertDispatch", "succession"].randomElement(using: &random)!)]
        default: return [.set(key, field: "notes", value: notes.randomElement(using: &random)!)]
        }
    }

    @Test("the store equals the engine for the same change sets, and rebuilds the same from its log", arguments: [1, 2, 3, 4, 5] as [UInt64])
    func storeMatchesEngine(seed: UInt64) throws {
        var random = SplitMix64(seed: seed)
        let temporary = TemporaryHome()
        let store = try LocalStore.create(home: temporary.home, user: "store-user")
        var replicas = (1...2).map { number in
            Replica(id: ReplicaID(UUID(uuidString: String(format: "00000000-0000-4000-8000-%012d", number))!), schema: .fieldVisit)
        }
        var history: [ChangeSet] = []
        var storeHas: Set<Dot> = []

        func deliverableToStore() -> [ChangeSet] {
            history.filter { !storeHas.contains($0.dot) && $0.dependencies.dots.allSatisfy(storeHas.contains) }
        }
        for _ in 0..<120 {
            switch Int.random(in: 0..<10, using: &random) {
            case 0..<4:
                let index = Int.random(in: 0..<replicas.count, using: &random)
                if let change = try? replicas[index].commit(Self.randomEdits(replicas[index], &random), author: "staff\(index)", now: 1_712_000_000_000 + Int64(history.count)) {
                    history.append(change)
                }
            case 4..<6:
                // The store writes too, on what it has received.
                var view = Replica(id: store.replicaID, schema: .fieldVisit)
                for change in history where storeHas.contains(change.dot) { try view.apply(change) }
                if let change = try? store.commit(Self.randomEdits(view, &random), now: 1_712_000_000_000 + Int64(history.count)) {
                    history.append(change)
                    storeHas.insert(change.dot)
                }
            case 6..<8:
                if let change = deliverableToStore().randomElement(using: &random) {
                    #expect(try store.apply(change) == .applied)
                    storeHas.insert(change.dot)
                }
            case 8:
                if let dot = storeHas.randomElement(using: &random), let change = history.first(where: { $0.dot == dot }) {
                    #expect(try store.apply(change) == .duplicate)
                }
            default:
                let index = Int.random(in: 0..<replicas.count, using: &random)
                if let change = history.first(where: { !replicas[index].context.contains($0.dot) && replicas[index].missingDependencies(of: $0).isEmpty }) {
                    try replicas[index].apply(change)
                }
            }
        }
        // Everything to everyone.
        while let change = deliverableToStore().randomElement(using: &random) {
            try store.apply(change)
            storeHas.insert(change.dot)
        }
        for index in replicas.indices {
            for change in history where !replicas[index].context.contains(change.dot) { try replicas[index].apply(change) }
        }
        #expect(storeHas.count == history.count)
        #expect(history.count > 30)
        let reference = replicas[0]
        #expect(replicas[1].entities == reference.entities)
        for (key, state) in reference.entities {
            #expect(try store.state(of: key) == state, "seed \(seed): \(key) differs between the store and the engine")
        }
        #expect(try store.conflicts() == reference.conflicts())

        let live = try dump(store)
        try store.rebuildFromLog()
        #expect(try dump(store) == live, "seed \(seed): rebuilding from the log gave a different store")
    }
}
