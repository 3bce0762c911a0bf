/// Everything a replica knows of one record: a register per field, a set per set
/// field, and the record-wide deletion and approval registers.
///
/// Nothing is ever dropped here but values their writers replaced on purpose, so the
/// state of a record converges to the same value on every replica that saw the same
/// changes, whatever the order.
public struct EntityState: Sendable, Hashable {
    /// Field registers by field name.
    public internal(set) var fields: [String: MultiValueRegister<FieldValue>] = [:]
    /// Set fields by field name.
    public internal(set) var sets: [String: AddWinsSet] = [:]
    /// Deletions and restorations.
    public internal(set) var tombstone = MultiValueRegister<Tombstone>()
    /// Approvals, each naming the version it approved.
    public internal(set) var approval = MultiValueRegister<VectorClock>()

    public init() {}

    /// The value every replica shows for each field that holds one.
    public var visibleValues: [String: FieldValue] {
        var values: [String: FieldValue] = [:]
        for (name, register) in fields {
            if let value = register.winner?.value, value != .null { values[name] = value }
        }
        return values
    }

    /// The elements of each non-empty set field.
    public var visibleSets: [String: [FieldValue]] {
        var result: [String: [FieldValue]] = [:]
        for (name, set) in sets where !set.adds.isEmpty { result[name] = set.elements }
        return result
    }

    /// Whether the record shows as deleted.
    public var isDeleted: Bool { tombstone.winner?.value.isDeleted ?? false }

    /// The record's version: per replica, the highest dot among the values it holds.
    /// `fieldIsContent` leaves out fields that do not count (the review's own fields).
    public func version(where fieldIsContent: (String) -> Bool = { _ in true }) -> VectorClock {
        var version = VectorClock()
        for (name, register) in fields where fieldIsContent(name) {
            for sibling in register.siblings { version.include(sibling.dot) }
        }
        for (name, set) in sets where fieldIsContent(name) {
            for dot in set.allDots { version.include(dot) }
        }
        return version
    }

    /// The fields holding a value (or a set element) that `version` does not cover,
    /// that is, written after or concurrently with whatever named that version.
    public func fields(notCoveredBy version: VectorClock, where fieldIsContent: (String) -> Bool = { _ in true }) -> [String] {
        var names: [String] = []
        for (name, register) in fields where fieldIsContent(name) {
            if register.siblings.contains(where: { !version.covers($0.dot) }) { names.append(name) }
        }
        for (name, set) in sets where fieldIsContent(name) {
            if set.allDots.contains(where: { !version.covers($0) }) { names.append(name) }
        }
        return names.sorted()
    }

    /// About how many bytes the record holds: its names, values, authors and dots. It
    /// bounds a record (``ChangeSetLimits/maxRecordBytes``) however its size was reached,
    /// through a few large values or through many small ones.
    public var approximateBytes: Int {
        func size(_ value: FieldValue) -> Int {
            if case .text(let text) = value { return text.utf8.count }
            return 8
        }
        let sibling = 40   // a dot, a timestamp
        var total = 0
        for (name, register) in fields {
            total += name.utf8.count
            for value in register.siblings { total += sibling + size(value.value) + value.author.utf8.count }
        }
        for (name, set) in sets {
            total += name.utf8.count
            for (element, dots) in set.adds { total += size(element) + dots.count * 24 }
        }
        for deletion in tombstone.siblings { total += sibling + deletion.author.utf8.count + deletion.value.version.entries.count * 24 }
        for approval in approval.siblings { total += sibling + approval.author.utf8.count + approval.value.entries.count * 24 }
        return total
    }

    /// The deletions still standing (not undone by a restore their writers saw).
    var standingDeletions: [Sibling<Tombstone>] { tombstone.siblings.filter(\.value.isDeleted) }
}

extension EntityState {
    /// Applies operations of `change` on this record. The change must already be
    /// valid and causally ready; ``Replica/apply(_:)`` and the stores check that first.
    public mutating func apply(_ operations: ArraySlice<ChangeSet.Operation>, of change: ChangeSet) {
        let dependencies = change.dependencies
        for operation in operations {
            switch operation {
            case .set(_, let field, let value):
                let sibling = Sibling(dot: change.dot, value: value, timestamp: change.timestamp, author: change.author)
                fields[field, default: MultiValueRegister()].write(sibling, dependencies: dependencies)
            case .add(_, let field, let element):
                sets[field, default: AddWinsSet()].add(element, dot: change.dot, dependencies: dependencies)
            case .remove(_, let field, let element):
                sets[field]?.remove(element, dot: change.dot, dependencies: dependencies)
                // An emptied set holds nothing: drop it so equal states compare equal.
                if sets[field]?.adds.isEmpty == true { sets[field] = nil }
            case .delete(_, let version):
                tombstone.write(mark(Tombstone(isDeleted: true, version: version), of: change), dependencies: dependencies)
            case .restore:
                tombstone.write(mark(Tombstone(isDeleted: false, version: VectorClock()), of: change), dependencies: dependencies)
            case .approve(_, let version):
                approval.write(mark(version, of: change), dependencies: dependencies)
            }
        }
    }

    private func mark<Value>(_ value: Value, of change: ChangeSet) -> Sibling<Value> {
        Sibling(dot: change.dot, value: value, timestamp: change.timestamp, author: change.author)
    }
}

extension EntityState {
    /// The conflicts of this record, fields in name order: differing concurrent values
    /// of reviewed fields, and deletions concurrent with edits or restores.
    public func conflicts(of key: EntityKey, schema record: RecordSchema) -> [Conflict] {
        var found: [Conflict] = []
        for (name, register) in fields.sorted(by: { $0.key < $1.key }) where register.hasDifferingValues {
            if (record.spec(for: name)?.policy ?? .review) == .review {
                found.append(Conflict(entity: key, kind: .concurrentValues, fields: [name], siblings: register.siblings))
            }
        }
        let deletions = standingDeletions
        if !deletions.isEmpty {
            if tombstone.siblings.contains(where: { !$0.value.isDeleted }) {
                found.append(Conflict(entity: key, kind: .deletedAndRestored, fields: []))
            }
            var deleted = VectorClock()
            for deletion in deletions { deleted.merge(deletion.value.version) }
            let edited = fields(notCoveredBy: deleted)
            if !edited.isEmpty { found.append(Conflict(entity: key, kind: .editedWhileDeleted, fields: edited)) }
        }
        return found
    }

    /// The content fields edited after, or concurrently with, the record's approval;
    /// `nil` when it was never approved. An empty list means the approval stands.
    public func changedSinceApproval(schema record: RecordSchema) -> [String]? {
        guard !approval.isEmpty else { return nil }
        var approved = VectorClock()
        for sibling in approval.siblings { approved.merge(sibling.value) }
        return fields(notCoveredBy: approved, where: record.isContent)
    }
}

extension EntityState {
    /// Puts back a field value read from storage.
    public mutating func restore(_ sibling: Sibling<FieldValue>, field: String) {
        fields[field, default: MultiValueRegister()].write(sibling, dependencies: VectorClock())
    }

    /// Puts back a set element's add read from storage.
    public mutating func restore(element: FieldValue, dot: Dot, field: String) {
        sets[field, default: AddWinsSet()].add(element, dot: dot, dependencies: VectorClock())
    }

    /// Puts back a deletion or restoration read from storage.
    public mutating func restoreTombstone(_ sibling: Sibling<Tombstone>) {
        tombstone.write(sibling, dependencies: VectorClock())
    }

    /// Puts back an approval read from storage.
    public mutating func restoreApproval(_ sibling: Sibling<VectorClock>) {
        approval.write(sibling, dependencies: VectorClock())
    }
}
