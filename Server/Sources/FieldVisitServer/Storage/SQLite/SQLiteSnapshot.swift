import FieldVisitCore
import FieldVisitProtocol
import FieldVisitSQLite
import Foundation
import GRDB
import Synchronization

/// A snapshot of the SQLite store being read (``SnapshotReading``): the records' row
/// ids in key order, read when it was opened, and their registers read a page at a
/// time from the same read transaction.
final class SQLiteSnapshot: SnapshotReading {
    let cursor: Int64
    var count: Int { rows.count }
    private let view: DatabaseSnapshot
    private let rows: [Int64]
    private let numbers: ReplicaNumbers
    /// The position of the next page in `rows`.
    private let next = Mutex(0)

    init(view: DatabaseSnapshot, cursor: Int64, rows: [Int64], numbers: ReplicaNumbers) {
        self.view = view
        self.cursor = cursor
        self.rows = rows
        self.numbers = numbers
    }

    func nextPage(limit: Int) async throws -> [Snapshot.Record]? {
        let range: Range<Int>? = next.withLock { start in
            guard start < rows.count else { return nil }
            let end = min(rows.count, start + max(1, limit))
            defer { start = end }
            return start..<end
        }
        guard let range else { return nil }
        let page = Array(rows[range])
        return try await view.read { db in
            var found: [Int64: Snapshot.Record] = [:]
            let cursor = try Row.fetchCursor(db, sql: "SELECT rowid, type, id, state FROM record WHERE rowid IN (\(page.map(String.init).joined(separator: ",")))")
            while let row = try cursor.next() {
                found[row[0]] = Snapshot.Record(type: RecordType(rawValue: row[1]), id: RecordID(rawValue: row[2]), state: try numbers.unpack(row[3]))
            }
            return page.compactMap { found[$0] }
        }
    }
}
