import Foundation
import Testing
@testable import FieldVisitCore

/// Property tests of the sync engine over thousands of random histories.
///
/// Each run prints nothing unless it fails; a failure names its seed. Replay one with
/// `FIELDVISIT_SEED=<seed> swift test --filter SyncConvergenceTests`; change the number
/// of runs with `FIELDVISIT_RUNS`.
@Suite struct SyncConvergenceTests {
    static var seeds: [UInt64] {
        let environment = ProcessInfo.processInfo.environment
        if let seed = environment["FIELDVISIT_SEED"].flatMap(UInt64.init) { return [seed] }
        let runs = environment["FIELDVISIT_RUNS"].flatMap(Int.init) ?? 2_000
        var base = SystemRandomNumberGenerator()
        return (0..<runs).map { _ in base.next() }
    }

    static func simulate(seed: UInt64) -> SyncSimulation {
        var parameters = SplitMix64(seed: seed)
        var simulation = SyncSimulation(
            seed: seed,
            replicaCount: Int.random(in: 5...7, using: &parameters),
            entityCount: Int.random(in: 2...4, using: &parameters)
        )
        for _ in 0..<Int.random(in: 30...90, using: &parameters) { simulation.step() }
        simulation.deliverAll()
        return simulation
    }

    @Test("replicas that received the same change sets in any causal order, with duplicates, are identical")
    func convergence() {
        var runs = 0
        var changes = 0
        for seed in Self.seeds {
            let simulation = Self.simulate(seed: seed)
            runs += 1
            changes += simulation.history.count
            #expect(simulation.failures.isEmpty, "seed \(seed): \(simulation.failures.joined(separator: "; "))")
            let first = simulation.replicas[0]
            for (index, replica) in simulation.replicas.enumerated().dropFirst() {
                #expect(replica.entities == first.entities, "seed \(seed): replica \(index) differs from replica 0")
                #expect(replica.context == first.context, "seed \(seed): replica \(index) applied other changes")
                #expect(replica.conflicts() == first.conflicts(), "seed \(seed): replica \(index) reports other conflicts")
                for key in first.entities.keys {
                    #expect(replica.entities[key]?.visibleValues == first.entities[key]?.visibleValues, "seed \(seed): \(key) shows other values")
                }
            }
            if !simulation.failures.isEmpty { break }
        }
        #expect(runs == Self.seeds.count)
        #expect(changes > runs * 5, "the simulation made too few changes to test anything")
    }

    @Test("a field is in conflict exactly when the full history has concurrent differing writes")
    func conflictsMatchTheOracle() {
        var conflictsSeen = 0
        var deletionConflictsSeen = 0
        for seed in Self.seeds.prefix(1_000) {
            let simulation = Self.simulate(seed: seed)
            let oracle = SyncOracle(history: simulation.history, known: simulation.knownAtCreation, schema: SyncTestSchema.schema)
            let problems = oracle.disagreements(with: simulation.replicas[0])
            #expect(problems.isEmpty, "seed \(seed): \(problems.prefix(5).joined(separator: "; "))")
            let expected = oracle.expectedConflicts()
            conflictsSeen += expected.count
            deletionConflictsSeen += expected.filter { $0.kind == .editedWhileDeleted }.count
            if !problems.isEmpty { break }
        }
        // The random histories must actually exercise conflicts for the test to mean anything.
        if Self.seeds.count > 100 {
            #expect(conflictsSeen > 100)
            #expect(deletionConflictsSeen > 10)
        }
    }
}
