import FieldVisitSQLite
import Foundation
import GRDB
import Testing

@Suite struct WALCheckpointerTests {
    @Test("the log is copied back on another thread and starts over instead of growing; every committed row stays")
    func logStartsOver() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("wal-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("store.sqlite").path
        let checkpointer = WALCheckpointer(path: path, pages: 40)
        var configuration = Configuration()
        configuration.prepareDatabase { db in
            if let connection = db.sqliteConnection { checkpointer.attach(to: connection) }
        }
        let pool = try DatabasePool(path: path, configuration: configuration)
        try pool.write { db in try db.execute(sql: "CREATE TABLE note (id INTEGER PRIMARY KEY, body TEXT)") }
        var largestLog = 0
        var catchUps = 0
        for round in 0..<30 {
            try pool.writeWithoutTransaction { db in
                if checkpointer.takeCatchUp() {
                    catchUps += 1
                    try db.checkpoint(.passive)
                }
                try db.inTransaction {
                    let insert = try db.makeStatement(sql: "INSERT INTO note (body) VALUES (?)")
                    for index in 0..<20 {
                        try insert.execute(binding: .text("面談記録 \(round)-\(index) " + String(repeating: "あ", count: 400)))
                    }
                    return .commit
                }
            }
            largestLog = max(largestLog, (try FileManager.default.attributesOfItem(atPath: path + "-wal")[.size] as? Int) ?? 0)
            // Time for the background checkpoint, as the next visit's typing would leave.
            Thread.sleep(forTimeInterval: 0.02)
        }
        #expect(catchUps > 0)
        #expect(try pool.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM note") } == 600)
        // 30 rounds append some 300 pages; without checkpoints the log would hold them all.
        #expect(largestLog < 6 * 40 * 4_120)
        #expect((try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int ?? 0) > 600 * 1_200)
        try pool.close()
        // A fresh connection, with no log left to replay, reads every row.
        let reopened = try DatabaseQueue(path: path)
        #expect(try reopened.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM note") } == 600)
    }
}
