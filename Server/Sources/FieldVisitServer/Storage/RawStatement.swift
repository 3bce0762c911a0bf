import Foundation
import GRDB
import GRDBSQLite

/// A statement prepared once per push and run for many rows with its values bound
/// straight to SQLite: GRDB's `StatementArguments` box every value and check them on
/// every call, which cost more than many of the push's statements themselves.
///
/// Only inside a transaction GRDB opened on the same connection, and only while that
/// transaction runs; an SQLite error is thrown as GRDB's `DatabaseError`, and the
/// caller's transaction is rolled back as for any other.
struct RawStatement {
    private let statement: Statement
    private var handle: OpaquePointer { statement.sqliteStatement }

    /// Prepares `sql`; its parameters are numbered from 1 in the order they appear.
    init(_ db: Database, sql: String) throws {
        statement = try db.makeStatement(sql: sql)
    }

    /// A value bound to a parameter.
    enum Value {
        case integer(Int64)
        case text(String)
        case blob(Data)
        case null
    }

    /// Runs a statement that returns no rows (an insert) with `values` bound in order.
    func execute(_ values: Value...) throws {
        try bind(values)
        let code = sqlite3_step(handle)
        guard code == SQLITE_DONE else { throw failure(code) }
    }

    /// Runs a query with `values` bound in order and reads its first row, if any.
    func firstRow<Result>(_ values: Value..., read: (Columns) throws -> Result) throws -> Result? {
        try bind(values)
        switch sqlite3_step(handle) {
        case SQLITE_ROW:
            // Reset once read: a query left running would hold its read open.
            defer { sqlite3_reset(handle) }
            return try read(Columns(handle: handle))
        case SQLITE_DONE: return nil
        case let code: throw failure(code)
        }
    }

    /// The columns of the current row, read while it is current.
    struct Columns {
        fileprivate let handle: OpaquePointer

        /// Column `index` (from 0) as text; SQL NULL reads as empty.
        func text(_ index: CInt) -> String {
            guard let bytes = sqlite3_column_text(handle, index) else { return "" }
            return String(decoding: UnsafeBufferPointer(start: bytes, count: Int(sqlite3_column_bytes(handle, index))), as: UTF8.self)
        }

        /// Column `index` (from 0) as bytes.
        func blob(_ index: CInt) -> Data {
            guard let bytes = sqlite3_column_blob(handle, index) else { return Data() }
            return Data(bytes: bytes, count: Int(sqlite3_column_bytes(handle, index)))
        }

        /// Column `index` (from 0) as a whole number.
        func integer(_ index: CInt) -> Int64 { sqlite3_column_int64(handle, index) }
    }

    private func bind(_ values: [Value]) throws {
        // Resetting ends the previous run (and its row) but keeps nothing bound that
        // matters: every parameter is bound again below.
        sqlite3_reset(handle)
        for (index, value) in values.enumerated() {
            let position = CInt(index + 1)
            let code: CInt
            switch value {
            case .integer(let number):
                code = sqlite3_bind_int64(handle, position, number)
            case .text(var text):
                code = text.withUTF8 { utf8 in
                    // An empty string still needs an address, or SQLite stores NULL.
                    guard let base = utf8.baseAddress, !utf8.isEmpty else { return sqlite3_bind_text(handle, position, "", 0, Self.transient) }
                    return sqlite3_bind_text(handle, position, UnsafeRawPointer(base).assumingMemoryBound(to: CChar.self), CInt(utf8.count), Self.transient)
                }
            case .blob(let data):
                code = data.withUnsafeBytes { bytes in
                    // An empty blob still needs an address, or SQLite stores NULL.
                    sqlite3_bind_blob(handle, position, bytes.baseAddress ?? UnsafeRawPointer(bitPattern: 1), CInt(bytes.count), Self.transient)
                }
            case .null:
                code = sqlite3_bind_null(handle, position)
            }
            guard code == SQLITE_OK else { throw failure(code) }
        }
    }

    private func failure(_ code: CInt) -> DatabaseError {
        // A failed step leaves the statement needing a reset before it runs again.
        let message = String(cString: sqlite3_errmsg(sqlite3_db_handle(handle)))
        sqlite3_reset(handle)
        return DatabaseError(resultCode: ResultCode(rawValue: code), message: message, sql: statement.sql)
    }

    /// SQLite copies the value before the call returns (`SQLITE_TRANSIENT`).
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
}
