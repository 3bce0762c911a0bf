import FieldVisitSQLite
import Foundation
import GRDB
import Testing

@Suite struct BoundValueTests {
    @Test("values bound straight to SQLite read back exactly: Japanese text, an empty string (not NULL), NULL, integers")
    func roundTrip() throws {
        let queue = try DatabaseQueue()
        let rows = try queue.write { db in
            try db.execute(sql: "CREATE TABLE t (a TEXT, b TEXT, c TEXT, d INTEGER)")
            let insert = try db.cachedStatement(sql: "INSERT INTO t VALUES (?, ?, ?, ?)")
            try insert.execute(binding: .text("株式会社カワムラ　ｶﾜﾑﾗ 🏭"), .text(""), .text(nil as String?), .integer(-9_007_199_254_740_993))
            try insert.execute(binding: .text("二行目\n"), .text("x"), .null, .bool(true))
            return try Row.fetchAll(db, sql: "SELECT a, b, c, d, typeof(b), typeof(c) FROM t ORDER BY rowid")
        }
        #expect(rows.count == 2)
        #expect(rows[0][0] == "株式会社カワムラ　ｶﾜﾑﾗ 🏭")
        #expect(rows[0][1] == "" && rows[0][4] == "text")
        #expect(rows[0][5] == "null")
        #expect(rows[0][3] == Int64(-9_007_199_254_740_993))
        #expect(rows[1][0] == "二行目\n" && rows[1][3] == 1)
    }

    @Test("a refused write throws SQLite's error and leaves the statement usable")
    func refusal() throws {
        let queue = try DatabaseQueue()
        let count = try queue.write { db in
            try db.execute(sql: "CREATE TABLE t (id TEXT PRIMARY KEY NOT NULL)")
            let insert = try db.cachedStatement(sql: "INSERT INTO t VALUES (?)")
            try insert.execute(binding: .text("a"))
            #expect { try insert.execute(binding: .text("a")) } throws: { error in
                (error as? DatabaseError)?.resultCode == .SQLITE_CONSTRAINT && "\(error)".contains("UNIQUE")
            }
            #expect(throws: DatabaseError.self) { try insert.execute(binding: .null) }
            try insert.execute(binding: .text("b"))
            return try Int.fetchOne(db, sql: "SELECT count(*) FROM t")
        }
        #expect(count == 2)
    }
}
