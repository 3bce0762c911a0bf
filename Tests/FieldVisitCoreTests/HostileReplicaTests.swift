import Foundation
import Testing
@testable import FieldVisitCore

/// A hostile field-staff replica in the convergence simulation: after honest replicas
/// have edited, conflicted and synced, it crafts change sets by hand against what the
/// server holds — huge counters and clocks, forged authors and versions, reused dots,
/// times in the year 9999, and every way of deciding a conflict. A gate admits what a
/// server would (``ChangeSet/checkShape()``, the schema, the author, the log, and the
/// ``ReviewPolicy``); what passes reaches every honest replica.
///
/// The honest replicas still converge, the oracle's conflicts still hold, every attack
/// is refused, and no conflict that existed is gone.
@Suite struct HostileReplicaTests {
    static let hostileID = ReplicaID(UUID(uuidString: "00000000-0000-4000-8000-0000000000ff")!)

    /// What a server admits: one replica's view of everything, and the hostile's log.
    struct Gate {
        var server: Replica
        var logged: [Dot: ChangeSet] = [:]

        /// Whether the change set would be stored; if so it is applied.
        mutating func admit(_ change: ChangeSet, author: String) -> Bool {
            if let stored = logged[change.dot] { return stored == change }
            guard change.replica == HostileReplicaTests.hostileID, change.author.utf8.elementsEqual(author.utf8) else { return false }
            do {
                try change.checkShape()
                try server.schema.validate(change)
            } catch {
                return false
            }
            guard server.missingDependencies(of: change).isEmpty,
                  ReviewPolicy(schema: server.schema).refusal(of: change, isReviewer: false, state: { server.entities[$0] }) == nil
            else { return false }
            do { try server.apply(change) } catch { return false }
            logged[change.dot] = change
            return true
        }
    }

    /// The hostile replica: its accepted chain and the time it claims.
    struct Hostile {
        var counter: UInt64 = 0
        var accepted: [ChangeSet] = []
        let now: Int64 = 1_732_100_000_000

        func change(counter: UInt64? = nil, author: String = "hostile", time: Int64? = nil, seen: [Dot] = [], extra: [VectorClock.Entry] = [],
                    _ operations: [ChangeSet.Operation]) -> ChangeSet {
            let counter = counter ?? self.counter + 1
            var entries = seen.map { VectorClock.Entry(replica: $0.replica, counter: $0.counter) } + extra
            if counter > 1 { entries.append(.init(replica: HostileReplicaTests.hostileID, counter: counter - 1)) }
            return ChangeSet(dot: Dot(replica: HostileReplicaTests.hostileID, counter: counter), author: author,
                             timestamp: HybridTimestamp(time: time ?? now), dependencies: VectorClock(entries: entries), operations: operations)
        }
    }

    /// Every conflict mark of a replica: kind and field, per record.
    static func marks(_ replica: Replica) -> Set<String> {
        Set(replica.conflicts().flatMap { conflict in
            (conflict.fields.isEmpty ? [""] : conflict.fields).map { "\(conflict.entity) \(conflict.kind) \($0)" }
        })
    }

    @Test("a hostile replica's attacks are refused; what it may write reaches everyone, who still converge")
    func hostileReplica() {
        var attacksTried = 0
        var conflictAttacks = 0
        var acceptedWrites = 0
        for seed in SyncConvergenceTests.seeds.prefix(300) {
            let simulation = SyncConvergenceTests.simulate(seed: seed)
            guard simulation.failures.isEmpty else {
                Issue.record("seed \(seed): \(simulation.failures.joined(separator: "; "))")
                return
            }
            var gate = Gate(server: simulation.replicas[0])
            var hostile = Hostile()
            var random = SplitMix64(seed: seed ^ 0x5eed)
            let marksBefore = Self.marks(gate.server)

            // Attacks that no server may store.
            var attacks: [ChangeSet] = []
            let key = SyncTestSchema.key(0)
            let write = ChangeSet.Operation.set(key, field: "title", value: "不正")
            attacks.append(hostile.change(counter: ChangeSetLimits.maxCounter + 1, [write]))
            attacks.append(hostile.change(counter: .max, [write]))
            attacks.append(hostile.change(extra: [.init(replica: .random(), counter: 1 << 63)], [write]))
            attacks.append(hostile.change(author: "staff1", [write]))
            attacks.append(hostile.change(author: "hostile\u{0301}", [write]))
            attacks.append(hostile.change(time: ChangeSetLimits.latestTime + 1, [write]))
            attacks.append(hostile.change(time: -1, [write]))
            attacks.append(hostile.change([.approve(key, version: VectorClock())]))
            attacks.append(hostile.change([.set(key, field: "reviewState", value: "approved")]))
            attacks.append(hostile.change([.delete(key, version: VectorClock(entries: [.init(replica: simulation.replicas[1].id, counter: 1_000_000)]))]))
            for conflict in gate.server.conflicts() {
                guard let state = gate.server.entities[conflict.entity] else { continue }
                let all = state.fields.values.flatMap { $0.siblings.map(\.dot) } + state.sets.values.flatMap(\.allDots) + state.tombstone.siblings.map(\.dot)
                switch conflict.kind {
                case .concurrentValues:
                    let field = conflict.fields[0]
                    let siblings = state.fields[field]!.siblings
                    // Over one side with the other's value (with two sides, that ends the
                    // conflict), and over every side at once.
                    for (mine, theirs) in zip(siblings, siblings.dropFirst()) where siblings.count == 2 && mine.value != theirs.value {
                        attacks.append(hostile.change(seen: [mine.dot], [.set(conflict.entity, field: field, value: theirs.value)]))
                        attacks.append(hostile.change(seen: [theirs.dot], [.set(conflict.entity, field: field, value: mine.value)]))
                    }
                    attacks.append(hostile.change(seen: siblings.map(\.dot), [.set(conflict.entity, field: field, value: "決着")]))
                case .editedWhileDeleted, .deletedAndRestored:
                    attacks.append(hostile.change(seen: all, [.restore(conflict.entity)]))
                    attacks.append(hostile.change(seen: all, [.delete(conflict.entity, version: VectorClock(covering: all))]))
                }
                conflictAttacks += 1
            }
            for attack in attacks {
                attacksTried += 1
                let admitted = gate.admit(attack, author: "hostile")
                #expect(!admitted, "seed \(seed): admitted \(attack)")
            }

            // What field staff may do: edit concurrently, without deciding anything.
            for _ in 0..<Int(random.next() % 6) {
                let target = SyncTestSchema.key(Int(random.next() % UInt64(simulation.entityCount)))
                let value = SyncSimulation.titles[Int(random.next() % UInt64(SyncSimulation.titles.count))]
                let change = hostile.change([.set(target, field: ["title", "body", "colour"][Int(random.next() % 3)], value: value)])
                if gate.admit(change, author: "hostile") {
                    hostile.counter += 1
                    hostile.accepted.append(change)
                    acceptedWrites += 1
                    // A dot reused with other content is refused; the same content is a duplicate.
                    let reused = hostile.change(counter: change.dot.counter, [.set(target, field: "body", value: "別の内容")])
                    let admitted = gate.admit(reused, author: "hostile")
                    #expect(!admitted || reused == change)
                }
            }
            #expect(Self.marks(gate.server).isSuperset(of: marksBefore), "seed \(seed): a conflict disappeared")

            // Everyone receives what the gate stored, and still agrees.
            var history = simulation.history
            var known = simulation.knownAtCreation
            var hostileKnown: Set<Dot> = []
            for change in hostile.accepted {
                known[change.dot] = hostileKnown
                hostileKnown.insert(change.dot)
                history.append(change)
            }
            var replicas = simulation.replicas
            for index in replicas.indices {
                for change in hostile.accepted {
                    do { try replicas[index].apply(change) } catch { Issue.record("seed \(seed): replica \(index) refused \(change.dot): \(error)") }
                }
            }
            for (index, replica) in replicas.enumerated().dropFirst() {
                #expect(replica.entities == replicas[0].entities, "seed \(seed): replica \(index) differs")
            }
            #expect(replicas[0].entities == gate.server.entities, "seed \(seed): the gate differs from the replicas")
            let oracle = SyncOracle(history: history, known: known, schema: SyncTestSchema.schema)
            let problems = oracle.disagreements(with: replicas[0])
            #expect(problems.isEmpty, "seed \(seed): \(problems.prefix(3).joined(separator: "; "))")
        }
        #expect(attacksTried > 3_000)
        #expect(conflictAttacks > 50, "the histories must hold conflicts for the attacks to mean anything")
        #expect(acceptedWrites > 100)
    }
}
