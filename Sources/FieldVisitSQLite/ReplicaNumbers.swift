import FieldVisitCore
import Foundation
import GRDB

/// The small numbers standing for replicas in records' packed registers
/// (``PackedRegisters``), as a store's `replica (no, uuid)` table gives them: the
/// same table on a laptop and on the server.
///
/// A laptop looks numbers up as it meets them (``number(of:in:)``); the server, whose
/// table holds a row per laptop that ever wrote, reads it whole once per transaction
/// (``init(readingAll:)``) and packs on other threads with what it read.
public struct ReplicaNumbers: Sendable {
    private var numbers: [ReplicaID: Int64] = [:]
    private var replicas: [Int64: ReplicaID] = [:]

    /// No number known yet: each is looked up when first needed.
    public init() {}

    /// Knowing `known` already.
    public init(known: [ReplicaID: Int64]) {
        for (replica, number) in known { remember(replica, number) }
    }

    /// Every number the store has given.
    public init(readingAll db: Database) throws {
        let rows = try Row.fetchCursor(db, sql: "SELECT no, uuid FROM replica")
        while let row = try rows.next() {
            guard let replica = ReplicaID(row[1] as String) else { throw StoreDatabase.Refusal.damaged(detail: "replica \(row[0] as Int64) is not a replica id") }
            remember(replica, row[0])
        }
    }

    private mutating func remember(_ replica: ReplicaID, _ number: Int64) {
        numbers[replica] = number
        replicas[number] = replica
    }

    /// The number standing for `replica`, given now if it has none yet.
    public mutating func number(of replica: ReplicaID, in db: Database) throws -> Int64 {
        if let known = numbers[replica] { return known }
        let uuid = replica.description
        let number: Int64
        if let found = try Int64.fetchOne(db.cachedStatement(sql: "SELECT no FROM replica WHERE uuid = ?"), arguments: [uuid]) {
            number = found
        } else {
            try db.cachedStatement(sql: "INSERT INTO replica (uuid) VALUES (?)").execute(arguments: [uuid])
            number = db.lastInsertedRowID
        }
        remember(replica, number)
        return number
    }

    /// The replica `number` stands for.
    public mutating func replica(numbered number: Int64, in db: Database) throws -> ReplicaID {
        if let known = replicas[number] { return known }
        guard let uuid = try String.fetchOne(db.cachedStatement(sql: "SELECT uuid FROM replica WHERE no = ?"), arguments: [number]),
              let replica = ReplicaID(uuid)
        else { throw StoreDatabase.Refusal.damaged(detail: "replica \(number) is missing") }
        remember(replica, number)
        return replica
    }

    /// Gives a number to every replica `state` names that has none yet, so that
    /// ``pack(_:)`` needs no database.
    public mutating func numberReplicas(of state: EntityState, in db: Database) throws {
        for dot in state.fields.values.lazy.flatMap({ $0.siblings.map(\.dot) }) { _ = try number(of: dot.replica, in: db) }
        for dot in state.sets.values.lazy.flatMap(\.allDots) { _ = try number(of: dot.replica, in: db) }
        for sibling in state.tombstone.siblings {
            _ = try number(of: sibling.dot.replica, in: db)
            for entry in sibling.value.version.entries { _ = try number(of: entry.replica, in: db) }
        }
        for sibling in state.approval.siblings {
            _ = try number(of: sibling.dot.replica, in: db)
            for entry in sibling.value.entries { _ = try number(of: entry.replica, in: db) }
        }
    }

    /// The bytes of `state`, all of whose replicas are numbered already.
    public func pack(_ state: EntityState) throws -> Data {
        try PackedRegisters.pack(state) { replica in
            guard let number = numbers[replica] else { throw StoreDatabase.Refusal.damaged(detail: "replica \(replica) has no number") }
            return number
        }
    }

    /// The bytes of `state`, numbering replicas met for the first time.
    public mutating func pack(_ state: EntityState, in db: Database) throws -> Data {
        try PackedRegisters.pack(state) { replica in try number(of: replica, in: db) }
    }

    /// The registers packed in `bytes`, all of whose numbers are known already.
    public func unpack(_ bytes: Data) throws -> EntityState {
        do {
            return try PackedRegisters.unpack(bytes) { number in
                guard let replica = replicas[number] else { throw PackedRegistersError(detail: "replica \(number) is missing") }
                return replica
            }
        } catch let error as PackedRegistersError {
            throw StoreDatabase.Refusal.damaged(detail: "a record's registers: \(error.detail)")
        }
    }

    /// The registers packed in `bytes`, looking up numbers not met yet.
    public mutating func unpack(_ bytes: Data, in db: Database) throws -> EntityState {
        do {
            return try PackedRegisters.unpack(bytes) { number in try replica(numbered: number, in: db) }
        } catch let error as PackedRegistersError {
            throw StoreDatabase.Refusal.damaged(detail: "a record's registers: \(error.detail)")
        }
    }
}
