import GRDB
import GRDBSQLite

/// A value bound to a statement parameter by ``GRDB/Statement/execute(binding:)``.
///
/// The store writes a dozen rows for every change set; binding plain values straight to
/// SQLite costs a fraction of building `StatementArguments` from existentials.
enum BoundValue {
    case null
    case integer(Int64)
    case text(String)

    /// `nil` as `.null`.
    static func text(_ text: String?) -> BoundValue { text.map { .text($0) } ?? .null }

    /// A boolean as 0 or 1, as GRDB stores it.
    static func bool(_ flag: Bool) -> BoundValue { .integer(flag ? 1 : 0) }
}

extension Statement {
    /// Runs a statement that returns no rows (an INSERT, UPDATE or DELETE) with `values`
    /// bound to its parameters in order.
    ///
    /// It speaks to SQLite directly, so use it only for writes inside a transaction that
    /// GRDB opened (`pool.write`), where no statement-level observation is needed.
    func execute(binding values: BoundValue...) throws { try execute(binding: values) }

    /// Runs a statement that returns no rows with `values` bound to its parameters.
    func execute(binding values: [BoundValue]) throws {
        let handle = sqliteStatement
        let transient = unsafeBitCast(OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self)
        sqlite3_reset(handle)
        for (offset, value) in values.enumerated() {
            let index = CInt(offset + 1)
            let code: CInt = switch value {
            case .null: sqlite3_bind_null(handle, index)
            case .integer(let number): sqlite3_bind_int64(handle, index, number)
            case .text(var text):
                // SQLITE_TRANSIENT: SQLite copies the bytes before this returns. An empty
                // string has no buffer, and a null pointer would bind NULL, not ''.
                text.isEmpty
                    ? sqlite3_bind_text(handle, index, "", 0, transient)
                    : text.withUTF8 { bytes in
                        bytes.withMemoryRebound(to: CChar.self) { sqlite3_bind_text(handle, index, $0.baseAddress, CInt($0.count), transient) }
                    }
            }
            guard code == SQLITE_OK else { throw failure(code) }
        }
        let code = sqlite3_step(handle)
        guard code == SQLITE_DONE else {
            let error = failure(code)
            sqlite3_reset(handle)
            throw error
        }
        sqlite3_reset(handle)
    }

    private func failure(_ code: CInt) -> DatabaseError {
        DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(sqlite3_db_handle(sqliteStatement))), sql: sql)
    }
}
