import GRDB
import GRDBSQLite

extension Statement {
    /// Runs a statement that returns no rows (an INSERT, UPDATE or DELETE) with `values`
    /// bound to its parameters in order.
    ///
    /// It speaks to SQLite directly, so use it only inside a transaction that GRDB
    /// opened on the same connection (`pool.write`), where no statement-level
    /// observation is needed. An SQLite error is thrown as GRDB's `DatabaseError`, and
    /// the statement can run again.
    public func execute(binding values: BoundValue...) throws { try execute(binding: values) }

    /// Runs a statement that returns no rows with `values` bound to its parameters.
    public func execute(binding values: [BoundValue]) throws {
        try bind(values)
        let code = sqlite3_step(sqliteStatement)
        guard code == SQLITE_DONE else { throw failure(code) }
        sqlite3_reset(sqliteStatement)
    }

    /// Runs a query with `values` bound to its parameters and reads its first row, if any.
    public func firstRow<Result>(binding values: BoundValue..., read: (BoundRow) throws -> Result) throws -> Result? {
        try bind(values)
        // Reset once read: a query left running would hold its read open.
        defer { sqlite3_reset(sqliteStatement) }
        switch sqlite3_step(sqliteStatement) {
        case SQLITE_ROW: return try read(BoundRow(handle: sqliteStatement))
        case SQLITE_DONE: return nil
        case let code: throw failure(code)
        }
    }

    private func bind(_ values: [BoundValue]) throws {
        let handle = sqliteStatement
        // Every parameter is bound again below; the reset ends any previous run.
        sqlite3_reset(handle)
        for (offset, value) in values.enumerated() {
            let index = CInt(offset + 1)
            let code: CInt = switch value {
            case .null: sqlite3_bind_null(handle, index)
            case .integer(let number): sqlite3_bind_int64(handle, index, number)
            case .text(var text):
                // An empty string has no buffer, and a null pointer would bind NULL, not ''.
                text.isEmpty
                    ? sqlite3_bind_text(handle, index, "", 0, Self.transient)
                    : text.withUTF8 { bytes in
                        bytes.withMemoryRebound(to: CChar.self) { sqlite3_bind_text(handle, index, $0.baseAddress, CInt($0.count), Self.transient) }
                    }
            case .blob(let data):
                data.withUnsafeBytes { bytes in
                    // An empty blob still needs an address, or SQLite stores NULL.
                    sqlite3_bind_blob(handle, index, bytes.baseAddress ?? UnsafeRawPointer(bitPattern: 1), CInt(bytes.count), Self.transient)
                }
            }
            guard code == SQLITE_OK else { throw failure(code) }
        }
    }

    /// The error of a failed call; the statement is reset so that it can run again.
    private func failure(_ code: CInt) -> DatabaseError {
        let error = DatabaseError(
            resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(sqlite3_db_handle(sqliteStatement))), sql: sql)
        sqlite3_reset(sqliteStatement)
        return error
    }

    /// SQLite copies the value before the call returns.
    private static let transient = unsafeBitCast(OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self)
}
