import FieldVisitCore
import FieldVisitSQLite
import Foundation
import GRDB

/// Reads and packs records' registers (``EntityState``), kept in the `registers`
/// column of their view rows (``PackedRegisters``), and numbers the replicas they name.
struct RecordRegisters {
    let db: Database
    /// Replica numbers already looked up in this transaction.
    private var replicaNumbers = ReplicaNumbers()

    init(_ db: Database) { self.db = db }

    /// Knowing the number of the store's own replica, which nearly every register names.
    init(_ db: Database, own replica: ReplicaID, numbered number: Int64) {
        self.db = db
        replicaNumbers = ReplicaNumbers(known: [replica: number])
    }

    /// The small number standing for `replica` in this store, made on first use.
    mutating func number(of replica: ReplicaID) throws -> Int64 {
        try replicaNumbers.number(of: replica, in: db)
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
        try replicaNumbers.pack(state, in: db)
    }

    private mutating func unpack(_ registers: Data?) throws -> EntityState {
        guard let registers else { throw StoreError.damaged(path: db.description, detail: StoreMessage.registersMissing.text()) }
        return try replicaNumbers.unpack(registers, in: db)
    }

    // MARK: Values

    static func json<T: Encodable>(_ value: T) throws -> String {
        String(decoding: try CanonicalJSON.encode(value), as: UTF8.self)
    }
}
