import Foundation

/// A change set written exactly in the canonical form, read straight into its value:
/// no lookups of members by name, no refusals worded. Each reader returns `nil` at the
/// first byte that departs from that form (whitespace, another member order, an escape
/// the canonical writer does not make, anything invalid), and the caller reads the
/// bytes again from where it started, the general way (``JSONScanner/changeSet()``),
/// which accepts any valid spelling and words every refusal. What these return is what
/// the general way returns for the same bytes, and bytes these read are exactly the
/// canonical JSON of what they return: a server keeps them as they are.
extension JSONScanner {
    /// `{"author","dependencies","dot","operations","timestamp"}`.
    public mutating func canonicalChangeSet() -> ChangeSet? {
        guard literal(#"{"author":"#), let author = canonicalString(),
              literal(#","dependencies":"#), let dependencies = canonicalClock(),
              literal(#","dot":"#), let dot = canonicalDot(),
              literal(#","operations":["#)
        else { return nil }
        var operations: [ChangeSet.Operation] = []
        if !literal("]") {
            while true {
                guard let operation = canonicalOperation() else { return nil }
                operations.append(operation)
                if literal(",") { continue }
                guard literal("]") else { return nil }
                break
            }
        }
        guard literal(#","timestamp":"#), let timestamp = canonicalTimestamp(), (0...ChangeSetLimits.latestTime).contains(timestamp.time), literal("}")
        else { return nil }
        return ChangeSet(dot: dot, author: author, timestamp: timestamp, dependencies: dependencies, operations: operations)
    }

    /// One operation, its members in the canonical (sorted) order of its kind.
    private mutating func canonicalOperation() -> ChangeSet.Operation? {
        guard literal(#"{""#) else { return nil }
        if literal(#"element":"#) {
            guard let element = canonicalFieldValue(), literal(#","field":"#), let field = canonicalString(),
                  literal(#","id":"#), let id = canonicalRecordID(), literal(#","op":""#)
            else { return nil }
            let isAdd = literal(#"add""#)
            guard isAdd || literal(#"remove""#), literal(#","type":"#), let type = canonicalString(), literal("}") else { return nil }
            let key = EntityKey(RecordType(rawValue: type), id)
            return isAdd ? .add(key, field: field, element: element) : .remove(key, field: field, element: element)
        }
        if literal(#"field":"#) {
            guard let field = canonicalString(), literal(#","id":"#), let id = canonicalRecordID(), literal(#","op":"set","type":"#),
                  let type = canonicalString(), literal(#","value":"#), let value = canonicalFieldValue(), literal("}")
            else { return nil }
            return .set(EntityKey(RecordType(rawValue: type), id), field: field, value: value)
        }
        guard literal(#"id":"#), let id = canonicalRecordID(), literal(#","op":""#) else { return nil }
        let kind = literal(#"delete""#) ? 0 : literal(#"approve""#) ? 1 : literal(#"restore""#) ? 2 : -1
        guard kind >= 0, literal(#","type":"#), let type = canonicalString() else { return nil }
        let key = EntityKey(RecordType(rawValue: type), id)
        if kind == 2 { return literal("}") ? .restore(key) : nil }
        guard literal(#","version":"#), let version = canonicalClock(), literal("}") else { return nil }
        return kind == 0 ? .delete(key, version: version) : .approve(key, version: version)
    }

    /// A record id that ``RecordID/isWellFormed(_:)`` accepts.
    public mutating func canonicalRecordID() -> RecordID? {
        guard let text = canonicalString(), RecordID.isWellFormed(text) else { return nil }
        return RecordID(rawValue: text)
    }

    /// A replica id as the canonical form writes it: a quoted lowercase UUID.
    mutating func canonicalReplica() -> ReplicaID? {
        guard position + 38 <= bytes.count, bytes[position] == UInt8(ascii: "\""), bytes[position + 37] == UInt8(ascii: "\""),
              // Uppercase is read the general way, but it is not the canonical spelling.
              let replica = ReplicaID.scan(bytes[position + 1..<position + 37], uppercase: false)
        else { return nil }
        position += 38
        return replica
    }

    /// `{"counter":…,"replica":…}`, the counter at most `maxCounter` (a change set's
    /// dot: ``ChangeSetLimits/maxCounter``).
    mutating func canonicalDot(maxCounter: UInt64 = ChangeSetLimits.maxCounter) -> Dot? {
        guard literal(#"{"counter":"#), let counter = canonicalUnsigned(), counter <= maxCounter,
              literal(#","replica":"#), let replica = canonicalReplica(), literal("}")
        else { return nil }
        return Dot(replica: replica, counter: counter)
    }

    /// `{"logical":…,"time":…}`, the logical counter within 32 bits.
    mutating func canonicalTimestamp() -> HybridTimestamp? {
        guard literal(#"{"logical":"#), let logical = canonicalUnsigned(), logical <= UInt64(UInt32.max),
              literal(#","time":"#), let time = canonicalSigned(), literal("}")
        else { return nil }
        return HybridTimestamp(time: time, logical: UInt32(logical))
    }

    /// A clock: entries in ascending replica order, counters from 1.
    mutating func canonicalClock() -> VectorClock? {
        guard literal("{") else { return nil }
        if literal("}") { return VectorClock() }
        var entries: [VectorClock.Entry] = []
        while true {
            guard entries.count < ChangeSetLimits.maxClockEntries, let replica = canonicalReplica(), literal(":"),
                  let counter = canonicalUnsigned(), (1...ChangeSetLimits.maxCounter).contains(counter)
            else { return nil }
            if let previous = entries.last?.replica, !(previous < replica) { return nil }
            entries.append(VectorClock.Entry(replica: replica, counter: counter))
            if literal(",") { continue }
            // Ascending and checked already: the clock takes them as they are.
            return literal("}") ? VectorClock(ascendingEntries: entries) : nil
        }
    }
}
