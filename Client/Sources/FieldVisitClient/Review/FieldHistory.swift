import FieldVisitCore
import Foundation

/// One write to a field, as the log holds it.
public struct FieldHistoryEntry: Sendable, Hashable, Codable {
    /// The change set that wrote it.
    public var change: Dot
    /// Who wrote it.
    public var author: String
    /// When, by the writer's hybrid logical clock.
    public var timestamp: HybridTimestamp
    /// `set`, `add` or `remove`.
    public var operation: String
    /// The value written (the element, for a set field).
    public var value: FieldValue
    /// Whether the value still stands (one of the field's current values).
    public var current: Bool

    /// The replica (device) it came from.
    public var replica: ReplicaID { change.replica }
}

/// One competing value of a conflicted field, numbered as `review resolve --choose` takes it.
public struct CompetingValue: Sendable, Hashable, Codable {
    /// 1-based, in dot order.
    public var number: Int
    public var value: FieldValue
    public var author: String
    public var timestamp: HybridTimestamp
    public var change: Dot
    /// Whether this is the value every replica shows while the conflict waits.
    public var visible: Bool
}

/// A field of a record as a reviewer sees it.
public struct FieldReview: Sendable, Hashable, Codable {
    public var name: String
    public var label: String
    /// The value shown (nil when empty); for a set field, see ``elements``.
    public var value: FieldValue?
    /// The elements of a set field.
    public var elements: [FieldValue]?
    /// Every competing value, when the field is in conflict.
    public var competing: [CompetingValue]?
    /// Whether the field changed after the record's approval.
    public var changedSinceApproval: Bool
    /// Every write to the field, oldest first.
    public var history: [FieldHistoryEntry]
}

/// An approval of the record.
public struct ApprovalReview: Sendable, Hashable, Codable {
    public var author: String
    public var timestamp: HybridTimestamp
    public var change: Dot
}

/// Everything a reviewer needs about one record: why it waits, each field's value,
/// competing values with who wrote them, when and from which device, and each field's history.
public struct RecordReview: Sendable, Hashable, Codable {
    public var type: RecordType
    public var id: RecordID
    public var label: String
    public var item: ReviewItem?
    public var reviewState: String?
    public var reviewComment: String?
    public var deleted: Bool
    public var approvals: [ApprovalReview]
    public var otherConflicts: [String]
    public var fields: [FieldReview]
}

extension LocalStore {
    /// Every write to `field` of a record, oldest first (as the log holds them; a record
    /// that came from a snapshot has only its later writes here, plus its current values).
    public func fieldHistory(of key: EntityKey, field: String) throws -> [FieldHistoryEntry] {
        try fieldHistories(of: key, state: state(of: key))[field] ?? []
    }

    func fieldHistories(of key: EntityKey, state: EntityState?) throws -> [String: [FieldHistoryEntry]] {
        var current: [String: Set<Dot>] = [:]
        var currentElements: [String: Set<Dot>] = [:]
        for (name, register) in state?.fields ?? [:] { current[name] = Set(register.siblings.map(\.dot)) }
        for (name, set) in state?.sets ?? [:] { currentElements[name] = Set(set.allDots) }
        var histories: [String: [FieldHistoryEntry]] = [:]
        var logged: Set<String> = []
        for change in try history(of: key) {
            for operation in change.operations where operation.entity == key {
                let entry: (String, FieldValue)? = switch operation {
                case .set(_, let field, let value): (field, value)
                case .add(_, let field, let element), .remove(_, let field, let element): (field, element)
                default: nil
                }
                guard let (field, value) = entry else { continue }
                let stands = operation.kind == "set" ? (current[field]?.contains(change.dot) ?? false)
                    : operation.kind == "add" && (currentElements[field]?.contains(change.dot) ?? false)
                histories[field, default: []].append(FieldHistoryEntry(
                    change: change.dot, author: change.author, timestamp: change.timestamp, operation: operation.kind, value: value, current: stands
                ))
                logged.insert("\(field)|\(change.dot)")
            }
        }
        // Values that came with a snapshot have no log row here: show them as they stand.
        for (field, register) in state?.fields ?? [:] {
            for sibling in register.siblings where !logged.contains("\(field)|\(sibling.dot)") {
                histories[field, default: []].insert(FieldHistoryEntry(
                    change: sibling.dot, author: sibling.author, timestamp: sibling.timestamp, operation: "set", value: sibling.value, current: true
                ), at: 0)
            }
        }
        return histories
    }

    /// A record as a reviewer sees it, field by field.
    public func review(of key: EntityKey) throws -> RecordReview {
        guard let state = try state(of: key) else { throw StoreError.recordNotFound(type: key.type.rawValue, id: key.id.rawValue) }
        let record = try schema.requireRecord(key.type)
        let conflicts = state.conflicts(of: key, schema: record)
        let changed = Set(state.changedSinceApproval(schema: record) ?? [])
        let histories = try fieldHistories(of: key, state: state)
        var names = record.fields.map(\.name)
        names += Set(state.fields.keys).union(state.sets.keys).subtracting(names).sorted()
        let visible = state.visibleValues
        let sets = state.visibleSets
        var fields: [FieldReview] = []
        for name in names where state.fields[name] != nil || state.sets[name] != nil || histories[name] != nil {
            var competing: [CompetingValue]?
            if let conflict = conflicts.first(where: { $0.kind == .concurrentValues && $0.fields == [name] }) {
                let winner = state.fields[name]?.winner?.dot
                competing = conflict.siblings.enumerated().map { index, sibling in
                    CompetingValue(number: index + 1, value: sibling.value, author: sibling.author, timestamp: sibling.timestamp,
                                   change: sibling.dot, visible: sibling.dot == winner)
                }
            }
            fields.append(FieldReview(
                name: name, label: record.spec(for: name)?.label ?? name, value: visible[name], elements: sets[name],
                competing: competing, changedSinceApproval: changed.contains(name), history: histories[name] ?? []
            ))
        }
        let item = try reviewQueue(scope: nil).first { $0.key == key }
        return RecordReview(
            type: key.type, id: key.id, label: record.label, item: item,
            reviewState: visible[ReviewedRecordField.reviewState.rawValue]?.textValue,
            reviewComment: visible[ReviewedRecordField.reviewComment.rawValue]?.textValue, deleted: state.isDeleted,
            approvals: state.approval.siblings.map { ApprovalReview(author: $0.author, timestamp: $0.timestamp, change: $0.dot) },
            otherConflicts: conflicts.filter { $0.kind != .concurrentValues }.map(\.description),
            fields: fields
        )
    }
}
