import Foundation

/// Reads change sets from JSON, several times faster than `JSONDecoder`, for the paths
/// that read many: rebuilding a store from its log, receiving a push or a pull page.
///
/// Accepts any valid JSON for a change set (members in any order, whitespace, `\u`
/// escapes, unknown members ignored), checks what the `Codable` form checks (record
/// ids, replica ids, counters, operation kinds) and the bounds of ``ChangeSetLimits``,
/// and refuses anything else with a ``JSONReadFailure``; it never traps on hostile
/// input. A change set in exactly the canonical form, which is what clients and
/// servers send, is read straight into its value
/// (`ChangeSetReader+Canonical.swift`); any other spelling member by member, here.
/// The wire formats that hold change sets read them with ``JSONScanner/changeSet()``.
public enum ChangeSetReader {
    /// What the bytes are to be, in refusals.
    public static let subject = "a valid change set"

    /// Reads one change set.
    public static func read(_ data: Data) throws(JSONReadFailure) -> ChangeSet {
        var scanner = JSONScanner(data, subject: subject)
        if let change = scanner.canonicalChangeSet(), scanner.position == scanner.bytes.count { return change }
        // The JSON first, then what it says: a broken document is refused as broken,
        // whatever its members say before the break.
        scanner.position = 0
        try scanner.skipValue()
        try scanner.expectEnd()
        scanner.position = 0
        return try scanner.anyChangeSet()
    }
}

extension JSONScanner {
    /// A change set at the position, in any valid spelling: the canonical form straight
    /// into its value, anything else member by member.
    public mutating func changeSet() throws(JSONReadFailure) -> ChangeSet {
        let start = position
        if let change = canonicalChangeSet() { return change }
        position = start
        return try anyChangeSet()
    }

    /// A change set in any valid spelling, member by member.
    mutating func anyChangeSet() throws(JSONReadFailure) -> ChangeSet {
        var author: String?
        var dependencies: VectorClock?
        var dot: Dot?
        var operations: [ChangeSet.Operation]?
        var timestamp: HybridTimestamp?
        try object("a change set") { scanner, key throws(JSONReadFailure) in
            switch key {
            case "author": author = try scanner.text("author")
            case "dependencies": dependencies = try scanner.clock("dependencies")
            case "dot": dot = try scanner.dot("dot")
            case "operations":
                var list: [ChangeSet.Operation] = []
                try scanner.array("operations") { scanner, _ throws(JSONReadFailure) in list.append(try scanner.operation()) }
                operations = list
            case "timestamp": timestamp = try scanner.timestamp()
            default: try scanner.skipValue()
            }
        }
        guard let dot else { throw failure("dot must be an object") }
        guard let timestamp else { throw failure("timestamp must be an object") }
        guard let operations else { throw failure("operations must be an array") }
        guard let author else { throw failure("author must be a string") }
        guard let dependencies else { throw failure("dependencies must be an object") }
        return ChangeSet(dot: dot, author: author, timestamp: timestamp, dependencies: dependencies, operations: operations)
    }

    /// A dot, `{"counter":…,"replica":…}`, its counter at most `maxCounter` (a change
    /// set's: ``ChangeSetLimits/maxCounter``); `what` names it in refusals.
    public mutating func dot(_ what: String, maxCounter: UInt64 = ChangeSetLimits.maxCounter) throws(JSONReadFailure) -> Dot {
        var replica: ReplicaID?
        var counter: UInt64?
        try object(what) { scanner, key throws(JSONReadFailure) in
            switch key {
            case "replica": replica = try scanner.replica(scanner.text("\(what).replica"))
            case "counter": counter = try scanner.counter("\(what).counter", maxCounter: maxCounter)
            default: try scanner.skipValue()
            }
        }
        guard let replica else { throw failure("\(what).replica must be a string") }
        guard let counter else { throw failure("\(what).counter must be a whole number, 0 or more") }
        return Dot(replica: replica, counter: counter)
    }

    /// `{"logical":…,"time":…}`, both in range.
    private mutating func timestamp() throws(JSONReadFailure) -> HybridTimestamp {
        var time: Int64?
        var logical: UInt64?
        try object("timestamp") { scanner, key throws(JSONReadFailure) in
            switch key {
            case "time":
                guard case .integer(let number)? = try scanner.numberIfAny(), (0...ChangeSetLimits.latestTime).contains(number) else {
                    throw scanner.failure("timestamp.time must be milliseconds since 1970, from 0 to \(ChangeSetLimits.latestTime) (the year 9999)")
                }
                time = number
            case "logical":
                let number = try scanner.unsigned("timestamp.logical")
                guard number <= UInt64(UInt32.max) else { throw scanner.failure("timestamp.logical is too large") }
                logical = number
            default: try scanner.skipValue()
            }
        }
        guard let time else { throw failure("timestamp.time must be milliseconds since 1970, from 0 to \(ChangeSetLimits.latestTime) (the year 9999)") }
        guard let logical else { throw failure("timestamp.logical must be a whole number, 0 or more") }
        return HybridTimestamp(time: time, logical: UInt32(logical))
    }

    /// One operation: its members by its kind, others ignored.
    private mutating func operation() throws(JSONReadFailure) -> ChangeSet.Operation {
        var id: String?
        var type: String?
        var op: String?
        var field: String?
        var value: FieldValue?
        var element: FieldValue?
        var version: VectorClock?
        try object("an operation") { scanner, key throws(JSONReadFailure) in
            switch key {
            case "id": id = try scanner.text("id")
            case "type": type = try scanner.text("type")
            case "op": op = try scanner.text("op")
            case "field": field = try scanner.text("field")
            case "value": value = try scanner.fieldValue("a set operation's value (null clears the field)")
            case "element": element = try scanner.fieldValue("element")
            case "version": version = try scanner.clock("version")
            default: try scanner.skipValue()
            }
        }
        guard let id else { throw failure("id must be a string") }
        guard RecordID.isWellFormed(id) else { throw failure("\"\(id)\" is not a record id") }
        guard let type else { throw failure("type must be a string") }
        guard let op else { throw failure("op must be a string") }
        let key = EntityKey(RecordType(rawValue: type), RecordID(rawValue: id))
        switch op {
        case "set":
            guard let field else { throw failure("field must be a string") }
            guard let value else { throw failure("a set operation's value (null clears the field) is missing") }
            return .set(key, field: field, value: value)
        case "add", "remove":
            guard let field else { throw failure("field must be a string") }
            guard let element else { throw failure("element is missing") }
            return op == "add" ? .add(key, field: field, element: element) : .remove(key, field: field, element: element)
        case "delete", "approve":
            guard let version else { throw failure("version must be an object") }
            return op == "delete" ? .delete(key, version: version) : .approve(key, version: version)
        case "restore":
            return .restore(key)
        default:
            throw failure("\"\(op)\" is not an operation; use set, add, remove, delete, restore or approve")
        }
    }

    /// A clock, `{"replica":counter,…}`: at most ``ChangeSetLimits/maxClockEntries``
    /// replicas, counters from 1; two spellings of one replica are one entry.
    private mutating func clock(_ what: String) throws(JSONReadFailure) -> VectorClock {
        var entries: [VectorClock.Entry] = []
        try object(what) { scanner, key throws(JSONReadFailure) in
            guard entries.count < ChangeSetLimits.maxClockEntries else {
                throw scanner.failure("\(what) names more than \(ChangeSetLimits.maxClockEntries) replicas, the most allowed")
            }
            let counter = try scanner.counter("counter of \(key)")
            guard counter >= 1 else { throw scanner.failure("counter of \(key) must be at least 1") }
            entries.append(VectorClock.Entry(replica: try scanner.replica(key), counter: counter))
        }
        return VectorClock(entries: entries)
    }

    /// A counter: a whole number from 0 to `maxCounter`.
    private mutating func counter(_ what: @autoclosure () -> String, maxCounter: UInt64 = ChangeSetLimits.maxCounter) throws(JSONReadFailure) -> UInt64 {
        let number = try unsigned(what())
        guard number <= maxCounter else { throw failure("\(what()) is above the largest counter allowed, \(maxCounter)") }
        return number
    }

    private func replica(_ text: String) throws(JSONReadFailure) -> ReplicaID {
        guard let replica = ReplicaID(text) else { throw failure("\"\(text)\" is not a replica id (a UUID)") }
        return replica
    }

    /// A string; `what` names it in refusals.
    mutating func text(_ what: @autoclosure () -> String) throws(JSONReadFailure) -> String {
        guard try peek() == UInt8(ascii: "\"") else { throw failure("\(what()) must be a string") }
        return try string()
    }
}
