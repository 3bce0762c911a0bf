import FieldVisitCore
import Foundation
import GRDB

/// The small numbers standing for replicas in records' packed registers
/// (``PackedRegisters``), as the `replica` table gives them.
///
/// The table holds a row per laptop that ever wrote, so it is read whole once per
/// transaction; a replica met for the first time gets the next number.
struct ReplicaNumbers {
    private var numbers: [ReplicaID: Int64] = [:]
    private var replicas: [Int64: ReplicaID] = [:]
    private let path: String

    /// Every number the store has given.
    init(_ db: Database) throws {
        path = db.description
        let rows = try Row.fetchCursor(db, sql: "SELECT no, uuid FROM replica")
        while let row = try rows.next() {
            guard let replica = ReplicaID(row[1] as String) else { throw StorageError.damaged(path: path, detail: "replica \(row[0] as Int64) is not a replica id") }
            numbers[replica] = row[0]
            replicas[row[0]] = replica
        }
    }

    /// Gives a number to every replica `state` names that has none yet.
    mutating func numberReplicas(of state: EntityState, in db: Database) throws {
        for dot in state.fields.values.lazy.flatMap({ $0.siblings.map(\.dot) }) { try number(dot.replica, in: db) }
        for dot in state.sets.values.lazy.flatMap(\.allDots) { try number(dot.replica, in: db) }
        for sibling in state.tombstone.siblings {
            try number(sibling.dot.replica, in: db)
            for entry in sibling.value.version.entries { try number(entry.replica, in: db) }
        }
        for sibling in state.approval.siblings {
            try number(sibling.dot.replica, in: db)
            for entry in sibling.value.entries { try number(entry.replica, in: db) }
        }
    }

    private mutating func number(_ replica: ReplicaID, in db: Database) throws {
        guard numbers[replica] == nil else { return }
        try db.execute(sql: "INSERT INTO replica (uuid) VALUES (?)", arguments: [replica.description])
        numbers[replica] = db.lastInsertedRowID
        replicas[db.lastInsertedRowID] = replica
    }

    /// The bytes of `state`, whose replicas ``numberReplicas(of:in:)`` numbered.
    func pack(_ state: EntityState) throws -> Data {
        try PackedRegisters.pack(state) { replica in
            guard let number = numbers[replica] else { throw StorageError.damaged(path: path, detail: "replica \(replica) has no number") }
            return number
        }
    }

    /// The registers packed in `bytes`.
    func unpack(_ bytes: Data) throws -> EntityState {
        do {
            return try PackedRegisters.unpack(bytes) { number in
                guard let replica = replicas[number] else { throw PackedRegistersError(detail: "replica \(number) is missing") }
                return replica
            }
        } catch let error as PackedRegistersError {
            throw StorageError.damaged(path: path, detail: "a record's registers: \(error.detail)")
        }
    }
}
