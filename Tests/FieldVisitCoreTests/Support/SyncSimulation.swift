@testable import FieldVisitCore

/// A random world of replicas editing shared records and exchanging change sets in
/// random orders allowed by causality, with duplicates and refused early deliveries.
///
/// It keeps its own record of what each replica had received when it made each change
/// (`knownAtCreation`): the independent history the oracle judges the engine by.
struct SyncSimulation {
    private(set) var random: SplitMix64
    private(set) var replicas: [Replica]
    private var wallClocks: [Int64]
    /// Per replica: the change sets delivered to it (or made by it).
    private(set) var delivered: [Set<Dot>]
    /// Every change set made, in the order made.
    private(set) var history: [ChangeSet] = []
    /// For each change: the changes its replica had when it made it.
    private(set) var knownAtCreation: [Dot: Set<Dot>] = [:]
    let entityCount: Int
    private(set) var failures: [String] = []

    static let titles: [FieldValue] = ["見積依頼", "社長と面談", "返済相談", "事業承継の意向確認", .null]
    static let amounts: [FieldValue] = [0, 1_200_000, -350_000, 98_000_000]
    static let colours: [FieldValue] = ["赤", "青", "緑"]
    static let states: [FieldValue] = ["draft", "submitted", "approved"]

    init(seed: UInt64, replicaCount: Int, entityCount: Int) {
        random = SplitMix64(seed: seed)
        self.entityCount = entityCount
        replicas = (0..<replicaCount).map { index in
            Replica(id: ReplicaID(UUID(uuidString: String(format: "00000000-0000-4000-8000-%012d", index + 1))!), schema: SyncTestSchema.schema)
        }
        let now: Int64 = 1_732_000_000_000
        // Replica 0's laptop clock runs a year ahead; the others drift a little.
        wallClocks = (0..<replicaCount).map { $0 == 0 ? now + 365 * 86_400_000 : now + Int64($0) * 1_000 }
        delivered = Array(repeating: [], count: replicaCount)
    }

    // MARK: Steps

    /// One random event: an edit, a delivery, a duplicate delivery or a premature one.
    mutating func step() {
        for index in wallClocks.indices { wallClocks[index] += Int64.random(in: 0...3_000, using: &random) }
        switch Int.random(in: 0..<100, using: &random) {
        case 0..<45: edit(on: Int.random(in: 0..<replicas.count, using: &random))
        case 45..<85: deliverOne(to: Int.random(in: 0..<replicas.count, using: &random))
        case 85..<93: redeliver(to: Int.random(in: 0..<replicas.count, using: &random))
        default: deliverPrematurely(to: Int.random(in: 0..<replicas.count, using: &random))
        }
    }

    /// Delivers every change set to every replica, each in its own random causal order.
    mutating func deliverAll() {
        for index in replicas.indices {
            while delivered[index].count < history.count {
                let ready = deliverable(to: index)
                guard let change = ready.randomElement(using: &random) else {
                    failures.append("replica \(index) cannot progress: \(history.count - delivered[index].count) changes undeliverable")
                    return
                }
                deliver(change, to: index)
            }
        }
    }

    // MARK: Edits

    private mutating func edit(on index: Int) {
        let replica = replicas[index]
        var edits: [Edit] = []
        var used: Set<String> = []
        let recordWide = Int.random(in: 0..<100, using: &random)
        let key = SyncTestSchema.key(Int.random(in: 0..<entityCount, using: &random))
        let state = replica.entities[key]
        if recordWide < 8, state != nil {
            edits = [state!.isDeleted ? .restore(key) : .delete(key)]
        } else if recordWide < 11, state?.isDeleted == true {
            edits = [.restore(key)]
        } else if recordWide < 17, state != nil, state?.isDeleted == false {
            edits = [.approve(key)]
        } else {
            for _ in 0..<Int.random(in: 1...3, using: &random) {
                let key = SyncTestSchema.key(Int.random(in: 0..<entityCount, using: &random))
                if replica.entities[key]?.isDeleted == true { continue }
                let edit = randomFieldEdit(on: key, of: replica)
                let identity = "\(key)|\(editTarget(edit))"
                if used.insert(identity).inserted { edits.append(edit) }
            }
        }
        guard !edits.isEmpty else { return }
        let before = replica.entities
        let counterBefore = replica.counter
        do {
            let change = try replicas[index].commit(edits, author: "staff\(index)", now: wallClocks[index])
            knownAtCreation[change.dot] = delivered[index]
            delivered[index].insert(change.dot)
            history.append(change)
        } catch {
            if replicas[index].entities != before || replicas[index].counter != counterBefore {
                failures.append("a refused local edit (\(error)) changed replica \(index)")
            }
        }
    }

    private mutating func randomFieldEdit(on key: EntityKey, of replica: Replica) -> Edit {
        switch Int.random(in: 0..<100, using: &random) {
        case 0..<25: return .set(key, field: "title", value: Self.titles.randomElement(using: &random)!)
        case 25..<35: return .set(key, field: "body", value: Self.titles.randomElement(using: &random)!)
        case 35..<50: return .set(key, field: "amount", value: Self.amounts.randomElement(using: &random)!)
        case 50..<60: return .set(key, field: "colour", value: Self.colours.randomElement(using: &random)!)
        case 60..<67: return .set(key, field: "reviewState", value: Self.states.randomElement(using: &random)!)
        case 67..<85: return .add(key, field: "tags", element: .text(["a", "b", "c"].randomElement(using: &random)!))
        default:
            let present = replica.entities[key]?.sets["tags"]?.elements ?? []
            if let element = present.randomElement(using: &random) { return .remove(key, field: "tags", element: element) }
            return .add(key, field: "tags", element: "a")
        }
    }

    private func editTarget(_ edit: Edit) -> String {
        switch edit {
        case .set(_, let field, _): field
        case .add(_, let field, let element), .remove(_, let field, let element): "\(field)=\(element)"
        default: "record"
        }
    }

    // MARK: Delivery

    private func deliverable(to index: Int) -> [ChangeSet] {
        history.filter { change in
            !delivered[index].contains(change.dot) && change.dependencies.dots.allSatisfy { delivered[index].contains($0) }
        }
    }

    private mutating func deliverOne(to index: Int) {
        if let change = deliverable(to: index).randomElement(using: &random) { deliver(change, to: index) }
    }

    private mutating func deliver(_ change: ChangeSet, to index: Int) {
        do {
            let outcome = try replicas[index].apply(change)
            if outcome != .applied { failures.append("change \(change.dot) new to replica \(index) reported \(outcome)") }
            delivered[index].insert(change.dot)
        } catch {
            failures.append("replica \(index) refused deliverable change \(change.dot): \(error)")
        }
    }

    /// A change already applied must be acknowledged and change nothing.
    private mutating func redeliver(to index: Int) {
        guard let dot = delivered[index].randomElement(using: &random),
              let change = history.first(where: { $0.dot == dot }) else { return }
        let before = replicas[index].entities
        do {
            let outcome = try replicas[index].apply(change)
            if outcome != .duplicate { failures.append("redelivered \(dot) to replica \(index) was not a duplicate") }
        } catch {
            failures.append("redelivered \(dot) to replica \(index) was refused: \(error)")
        }
        if replicas[index].entities != before { failures.append("redelivering \(dot) changed replica \(index)") }
    }

    /// A change whose dependencies have not arrived must be refused, naming exactly those.
    private mutating func deliverPrematurely(to index: Int) {
        let early = history.filter { change in
            !delivered[index].contains(change.dot) && !change.dependencies.dots.allSatisfy { delivered[index].contains($0) }
        }
        guard let change = early.randomElement(using: &random) else { return }
        let expected = change.dependencies.dots.filter { !delivered[index].contains($0) }
        let before = replicas[index].entities
        let contextBefore = replicas[index].context
        do {
            try replicas[index].apply(change)
            failures.append("replica \(index) applied \(change.dot) before its dependencies \(expected)")
        } catch SyncError.missingDependencies(_, let missing) {
            if missing != expected { failures.append("missing dependencies of \(change.dot): \(missing), expected \(expected)") }
        } catch {
            failures.append("premature \(change.dot) refused for the wrong reason: \(error)")
        }
        if replicas[index].entities != before || replicas[index].context != contextBefore {
            failures.append("a refused premature change \(change.dot) changed replica \(index)")
        }
    }
}

import Foundation
