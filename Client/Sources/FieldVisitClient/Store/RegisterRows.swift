import FieldVisitCore
import FieldVisitSQLite
import Foundation
import GRDB

/// Reads and writes a record's registers (``EntityState``) as rows of `field_value`,
/// `set_element` and `record_mark`, under the record's number in this store.
///
/// Values keep their kind in a column of their own, so `true` and `1` never mix up.
struct RegisterRows {
    let db: Database
    /// Replica numbers already looked up in this transaction.
    private var replicaNumbers: [ReplicaID: Int64] = [:]
    private var replicaIDs: [Int64: ReplicaID] = [:]

    init(_ db: Database) { self.db = db }

    /// Knowing the number of the store's own replica, which nearly every row names.
    init(_ db: Database, own replica: ReplicaID, numbered number: Int64) {
        self.db = db
        replicaNumbers[replica] = number
        replicaIDs[number] = replica
    }

    // MARK: Replicas

    /// The small number standing for `replica` in this store, made on first use.
    mutating func number(of replica: ReplicaID) throws -> Int64 {
        if let known = replicaNumbers[replica] { return known }
        let uuid = replica.description
        let number: Int64
        if let found = try Int64.fetchOne(db.cachedStatement(sql: "SELECT no FROM replica WHERE uuid = ?"), arguments: [uuid]) {
            number = found
        } else {
            try db.cachedStatement(sql: "INSERT INTO replica (uuid) VALUES (?)").execute(arguments: [uuid])
            number = db.lastInsertedRowID
        }
        replicaNumbers[replica] = number
        replicaIDs[number] = replica
        return number
    }

    /// The replica a number stands for.
    mutating func replica(numbered number: Int64) throws -> ReplicaID {
        if let known = replicaIDs[number] { return known }
        guard let uuid = try String.fetchOne(db.cachedStatement(sql: "SELECT uuid FROM replica WHERE no = ?"), arguments: [number]),
              let replica = ReplicaID(uuid)
        else { throw StoreError.damaged(path: db.description, detail: "replica \(number) is missing") }
        replicaIDs[number] = replica
        replicaNumbers[replica] = number
        return replica
    }

    // MARK: Loading

    /// The number and registers of a record, or `nil` when the store does not hold it.
    mutating func load(_ key: EntityKey) throws -> StoredRecord? {
        guard let number = try Int64.fetchOne(db.cachedStatement(sql: "SELECT no FROM record_view WHERE type = ? AND id = ?"),
                                              arguments: [key.type.rawValue, key.id.rawValue])
        else { return nil }
        return StoredRecord(number: number, state: try load(number: number))
    }

    /// The registers of the record numbered `number`.
    mutating func load(number: Int64) throws -> EntityState {
        var state = EntityState()
        let arguments: StatementArguments = [number]
        let values = try Row.fetchCursor(db.cachedStatement(sql: """
            SELECT field, replica_no, counter, value_kind, value, time, logical, author FROM field_value WHERE record_no = ?
            """), arguments: arguments)
        while let row = try values.next() {
            let dot = Dot(replica: try replica(numbered: row[1]), counter: UInt64(row[2] as Int64))
            let sibling = Sibling(
                dot: dot, value: try Self.fieldValue(kind: row[3], value: row[4]),
                timestamp: HybridTimestamp(time: row[5], logical: UInt32(row[6] as Int64)), author: row[7]
            )
            state.restore(sibling, field: row[0])
        }
        let elements = try Row.fetchCursor(db.cachedStatement(sql: """
            SELECT field, element_kind, element, replica_no, counter FROM set_element WHERE record_no = ?
            """), arguments: arguments)
        while let row = try elements.next() {
            let dot = Dot(replica: try replica(numbered: row[3]), counter: UInt64(row[4] as Int64))
            state.restore(element: try Self.fieldValue(kind: row[1], value: row[2]), dot: dot, field: row[0])
        }
        let marks = try Row.fetchCursor(db.cachedStatement(sql: """
            SELECT mark, replica_no, counter, deleted, version, time, logical, author FROM record_mark WHERE record_no = ?
            """), arguments: arguments)
        while let row = try marks.next() {
            let dot = Dot(replica: try replica(numbered: row[1]), counter: UInt64(row[2] as Int64))
            let version = try CanonicalJSON.decode(VectorClock.self, from: Data((row[4] as String).utf8))
            let timestamp = HybridTimestamp(time: row[5], logical: UInt32(row[6] as Int64))
            let author: String = row[7]
            if (row[0] as String) == "approval" {
                state.restoreApproval(Sibling(dot: dot, value: version, timestamp: timestamp, author: author))
            } else {
                state.restoreTombstone(Sibling(dot: dot, value: Tombstone(isDeleted: row[3], version: version), timestamp: timestamp, author: author))
            }
        }
        return state
    }

    // MARK: Saving

    /// Stores the registers of the record numbered `number`, replacing those stored
    /// before when `replacing`.
    mutating func save(_ state: EntityState, number: Int64, replacing: Bool) throws {
        let record = BoundValue.integer(number)
        if replacing {
            for table in ["field_value", "set_element", "record_mark"] {
                try db.cachedStatement(sql: "DELETE FROM \(table) WHERE record_no = ?").execute(binding: record)
            }
        }
        let insertValue = try db.cachedStatement(sql: """
            INSERT INTO field_value (record_no, field, replica_no, counter, value_kind, value, time, logical, author)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        for (field, register) in state.fields {
            for sibling in register.siblings {
                let (kind, value) = Self.columns(of: sibling.value)
                try insertValue.execute(binding:
                    record, .text(field), .integer(try self.number(of: sibling.dot.replica)), .integer(Int64(sibling.dot.counter)),
                    kind, value, .integer(sibling.timestamp.time), .integer(Int64(sibling.timestamp.logical)), .text(sibling.author))
            }
        }
        let insertElement = try db.cachedStatement(sql: """
            INSERT INTO set_element (record_no, field, element_kind, element, replica_no, counter) VALUES (?, ?, ?, ?, ?, ?)
            """)
        for (field, set) in state.sets {
            for (element, dots) in set.adds {
                let (kind, value) = Self.columns(of: element)
                for dot in dots {
                    try insertElement.execute(binding: record, .text(field), kind, value, .integer(try self.number(of: dot.replica)), .integer(Int64(dot.counter)))
                }
            }
        }
        let insertMark = try db.cachedStatement(sql: """
            INSERT INTO record_mark (record_no, mark, replica_no, counter, deleted, version, time, logical, author)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        for sibling in state.tombstone.siblings {
            try insertMark.execute(binding:
                record, .text("tombstone"), .integer(try self.number(of: sibling.dot.replica)), .integer(Int64(sibling.dot.counter)),
                .bool(sibling.value.isDeleted), .text(try Self.json(sibling.value.version)),
                .integer(sibling.timestamp.time), .integer(Int64(sibling.timestamp.logical)), .text(sibling.author))
        }
        for sibling in state.approval.siblings {
            try insertMark.execute(binding:
                record, .text("approval"), .integer(try self.number(of: sibling.dot.replica)), .integer(Int64(sibling.dot.counter)),
                .bool(false), .text(try Self.json(sibling.value)),
                .integer(sibling.timestamp.time), .integer(Int64(sibling.timestamp.logical)), .text(sibling.author))
        }
    }

    // MARK: Values

    /// A value as its `value_kind` and value columns.
    static func columns(of value: FieldValue) -> (kind: BoundValue, value: BoundValue) {
        switch value {
        case .null: (.integer(0), .null)
        case .bool(let flag): (.integer(1), .bool(flag))
        case .integer(let number): (.integer(2), .integer(number))
        case .text(let text): (.integer(3), .text(text))
        }
    }

    static func fieldValue(kind: Int64, value: DatabaseValue) throws -> FieldValue {
        switch (kind, value.storage) {
        case (0, _): return .null
        case (1, .int64(let flag)): return .bool(flag != 0)
        case (2, .int64(let number)): return .integer(number)
        case (3, .string(let text)): return .text(text)
        default: throw StoreError.damaged(path: "store", detail: "a stored value of kind \(kind) is \(value)")
        }
    }

    static func json<T: Encodable>(_ value: T) throws -> String {
        String(decoding: try CanonicalJSON.encode(value), as: UTF8.self)
    }
}
