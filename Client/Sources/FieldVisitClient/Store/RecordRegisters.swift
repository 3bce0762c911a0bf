import FieldVisitCore
import FieldVisitSQLite
import Foundation
import GRDB

/// Reads and packs records' registers (``EntityState``), kept in the `registers`
/// column of their view rows (``PackedRegisters``), and numbers the replicas they name.
struct RecordRegisters {
    let db: Database
    /// Replica numbers already looked up in this transaction.
    private var replicaNumbers: [ReplicaID: Int64] = [:]
    private var replicaIDs: [Int64: ReplicaID] = [:]

    init(_ db: Database) { self.db = db }

    /// Knowing the number of the store's own replica, which nearly every register names.
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

    // MARK: Loading and packing

    /// The number and registers of a record, or `nil` when the store does not hold it.
    mutating func load(_ key: EntityKey) throws -> StoredRecord? {
        guard let row = try db.cachedStatement(sql: "SELECT no, registers FROM record_view WHERE type = ? AND id = ?")
            .firstRow(binding: .text(key.type.rawValue), .text(key.id.rawValue), read: { ($0.integer(0), $0.isNull(1) ? nil : $0.blob(1)) })
        else { return nil }
        return StoredRecord(number: row.0, state: try unpack(row.1))
    }

    /// The bytes `state` is kept as in its view row.
    mutating func pack(_ state: EntityState) throws -> Data {
        try PackedRegisters.pack(state) { replica in try number(of: replica) }
    }

    private mutating func unpack(_ registers: Data?) throws -> EntityState {
        guard let registers else { throw StoreError.damaged(path: db.description, detail: "a record's registers are missing; rebuild the store from its log") }
        do {
            return try PackedRegisters.unpack(registers) { number in try replica(numbered: number) }
        } catch let error as PackedRegistersError {
            throw StoreError.damaged(path: db.description, detail: error.detail)
        }
    }

    // MARK: Values

    static func json<T: Encodable>(_ value: T) throws -> String {
        String(decoding: try CanonicalJSON.encode(value), as: UTF8.self)
    }
}
