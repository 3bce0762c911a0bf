@testable import FieldVisitCore

/// Judges a replica's final state from the full history alone, by the definitions of
/// ARCHITECTURE.md: a write survives exactly when no write to the same field happened
/// after it, and a field is in conflict exactly when surviving writes differ.
///
/// "Happened before" comes from the simulation's own record of what each replica had
/// received when it made each change, not from the change sets' compact clocks.
struct SyncOracle {
    let history: [ChangeSet]
    let known: [Dot: Set<Dot>]
    let schema: Schema

    /// A comparable summary of one conflict.
    struct ConflictSummary: Hashable, CustomStringConvertible {
        var entity: EntityKey
        var kind: Conflict.Kind
        var fields: [String]
        var description: String { "\(entity) \(kind) \(fields)" }
    }

    func happenedBefore(_ earlier: Dot, _ later: Dot) -> Bool { known[later]?.contains(earlier) ?? false }

    /// The operations of the history on one record, with their change.
    private func operations(on key: EntityKey) -> [(change: ChangeSet, operation: ChangeSet.Operation)] {
        history.flatMap { change in change.operations.filter { $0.entity == key }.map { (change, $0) } }
    }

    /// The maximal writes among `writes`: those no other write happened after.
    private func maximal<T>(_ writes: [(dot: Dot, value: T)]) -> [(dot: Dot, value: T)] {
        writes.filter { write in !writes.contains { other in other.dot != write.dot && happenedBefore(write.dot, other.dot) } }
            .sorted { $0.dot < $1.dot }
    }

    func entities() -> [EntityKey] { Set(history.flatMap { $0.operations.map(\.entity) }).sorted() }

    /// The surviving writes of a field: what its register must hold.
    func liveWrites(_ key: EntityKey, _ field: String) -> [(dot: Dot, value: FieldValue)] {
        maximal(operations(on: key).compactMap { entry in
            if case .set(_, let name, let value) = entry.operation, name == field { return (entry.change.dot, value) }
            return nil
        })
    }

    /// The surviving adds of a set element: an add survives when no add or remove of the
    /// same element happened after it.
    func survivingAdds(_ key: EntityKey, _ field: String, _ element: FieldValue) -> [Dot] {
        let touching = operations(on: key).compactMap { entry -> (dot: Dot, isAdd: Bool)? in
            switch entry.operation {
            case .add(_, let name, let value) where name == field && value == element: (entry.change.dot, true)
            case .remove(_, let name, let value) where name == field && value == element: (entry.change.dot, false)
            default: nil
            }
        }
        return touching.filter { op in op.isAdd && !touching.contains { happenedBefore(op.dot, $0.dot) } }.map(\.dot).sorted()
    }

    func elements(_ key: EntityKey, _ field: String) -> [FieldValue] {
        Set(operations(on: key).compactMap { entry -> FieldValue? in
            if case .add(_, let name, let value) = entry.operation, name == field { return value }
            return nil
        }).sorted()
    }

    func liveTombstones(_ key: EntityKey) -> [(dot: Dot, value: Bool)] {
        maximal(operations(on: key).compactMap { entry in
            switch entry.operation {
            case .delete: (entry.change.dot, true)
            case .restore: (entry.change.dot, false)
            default: nil
            }
        })
    }

    func liveApprovals(_ key: EntityKey) -> [Dot] {
        maximal(operations(on: key).compactMap { entry in
            if case .approve = entry.operation { return (entry.change.dot, ()) }
            return nil
        }).map(\.dot)
    }

    /// The dots of every surviving value of the record, by field.
    private func liveDotsByField(_ key: EntityKey) -> [String: [Dot]] {
        var result: [String: [Dot]] = [:]
        for (field, _) in SyncTestSchema.registerFields {
            let dots = liveWrites(key, field).map(\.dot)
            if !dots.isEmpty { result[field] = dots }
        }
        let adds = elements(key, "tags").flatMap { survivingAdds(key, "tags", $0) }
        if !adds.isEmpty { result["tags"] = adds }
        return result
    }

    /// The fields holding a value that none of `deciders` had seen.
    private func fieldsUnseen(by deciders: [Dot], in key: EntityKey, contentOnly: Bool) -> [String] {
        liveDotsByField(key).filter { field, dots in
            (!contentOnly || field != "reviewState")
                && dots.contains { dot in !deciders.contains { happenedBefore(dot, $0) } }
        }.keys.sorted()
    }

    func expectedConflicts() -> Set<ConflictSummary> {
        var result: Set<ConflictSummary> = []
        for key in entities() {
            for (field, policy) in SyncTestSchema.registerFields where policy == .review {
                if Set(liveWrites(key, field).map(\.value)).count > 1 {
                    result.insert(ConflictSummary(entity: key, kind: .concurrentValues, fields: [field]))
                }
            }
            let tombstones = liveTombstones(key)
            let deletions = tombstones.filter(\.value).map(\.dot)
            if !deletions.isEmpty {
                if tombstones.contains(where: { !$0.value }) {
                    result.insert(ConflictSummary(entity: key, kind: .deletedAndRestored, fields: []))
                }
                let edited = fieldsUnseen(by: deletions, in: key, contentOnly: false)
                if !edited.isEmpty { result.insert(ConflictSummary(entity: key, kind: .editedWhileDeleted, fields: edited)) }
            }
        }
        return result
    }

    func expectedChangedSinceApproval(_ key: EntityKey) -> [String]? {
        let approvals = liveApprovals(key)
        guard !approvals.isEmpty else { return nil }
        return fieldsUnseen(by: approvals, in: key, contentOnly: true)
    }

    /// Every way `replica` differs from what the history implies.
    func disagreements(with replica: Replica) -> [String] {
        var problems: [String] = []
        for key in entities() {
            let state = replica.entities[key] ?? EntityState()
            for (field, _) in SyncTestSchema.registerFields {
                let expected = liveWrites(key, field)
                let actual = state.fields[field]?.siblings ?? []
                if expected.map(\.dot) != actual.map(\.dot) || expected.map(\.value) != actual.map(\.value) {
                    problems.append("\(key).\(field): holds \(actual.map { "\($0.dot)=\($0.value)" }), history implies \(expected.map { "\($0.dot)=\($0.value)" })")
                }
            }
            for element in elements(key, "tags") {
                let expected = survivingAdds(key, "tags", element)
                let actual = state.sets["tags"]?.dots(of: element) ?? []
                if expected != actual { problems.append("\(key).tags \(element): adds \(actual), history implies \(expected)") }
            }
            let tombstones = liveTombstones(key)
            if tombstones.map(\.dot) != state.tombstone.siblings.map(\.dot) {
                problems.append("\(key) deletion register: \(state.tombstone.siblings.map(\.dot)), history implies \(tombstones.map(\.dot))")
            }
            if liveApprovals(key) != state.approval.siblings.map(\.dot) {
                problems.append("\(key) approvals: \(state.approval.siblings.map(\.dot)), history implies \(liveApprovals(key))")
            }
            if expectedChangedSinceApproval(key) != replica.changedSinceApproval(key) {
                problems.append("\(key) changed since approval: \(String(describing: replica.changedSinceApproval(key))), history implies \(String(describing: expectedChangedSinceApproval(key)))")
            }
        }
        let actual = Set(replica.conflicts().map { ConflictSummary(entity: $0.entity, kind: $0.kind, fields: $0.fields) })
        let expected = expectedConflicts()
        for missing in expected.subtracting(actual) { problems.append("conflict not reported: \(missing)") }
        for extra in actual.subtracting(expected) { problems.append("conflict reported wrongly: \(extra)") }
        return problems
    }
}
