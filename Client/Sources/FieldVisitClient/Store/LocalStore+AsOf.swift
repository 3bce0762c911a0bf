import FieldVisitCore
import Foundation
import GRDB

extension LocalStore {
    /// Runs `body` on this store as it stood at `instant` (milliseconds since 1970): a
    /// copy holding only the change sets this laptop had recorded or received by then,
    /// rebuilt from its log. A report run on it prints what it would have printed at that
    /// moment (`fieldvisit report … --as-of`), whatever was edited, deleted or restored
    /// since. The copy is made in a temporary directory and removed afterwards.
    ///
    /// - Throws: ``StoreError/beforeSnapshot(loadedAt:)`` when the laptop received its
    ///   records as one snapshot after `instant`: what the snapshot replaced is not here.
    public func reading<T>(asOf instant: Int64, _ body: (LocalStore) throws -> T) throws -> T {
        if let loaded = try snapshotLoadedAt(), loaded > instant { throw StoreError.beforeSnapshot(loadedAt: loaded) }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("fieldvisit-as-of-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
        defer { try? FileManager.default.removeItem(at: directory) }
        let copy = StoreHome(option: directory.path)
        // VACUUM INTO writes a consistent copy while the store stays usable.
        try pool.writeWithoutTransaction { db in try db.execute(sql: "VACUUM INTO ?", arguments: [copy.storePath]) }
        let past = try LocalStore.open(home: copy, schema: schema)
        try past.write { db in
            try db.execute(sql: "DELETE FROM change_record")
            try db.execute(sql: "DELETE FROM change_set WHERE applied_at > ?", arguments: [instant])
        }
        try past.rebuildFromLog()
        return try body(past)
    }

    /// When the store received a snapshot, or `nil` when it never did. Stores that took a
    /// snapshot before the time was kept give the time the first change set after it was
    /// applied (the snapshot came before), or now when none came yet.
    func snapshotLoadedAt() throws -> Int64? {
        try pool.read { db in
            if let time = try String.fetchOne(db, sql: "SELECT value FROM store_info WHERE key = 'snapshot_at'").flatMap({ Int64($0) }) {
                return time
            }
            guard let base = try Int64.fetchOne(db, sql: "SELECT max(base_seq) FROM snapshot_record") else { return nil }
            return try Int64.fetchOne(db, sql: "SELECT min(applied_at) FROM change_set WHERE seq > ?", arguments: [base]) ?? Self.now()
        }
    }
}
