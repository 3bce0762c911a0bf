import Foundation
import GRDBSQLite

/// The current row of a query run by ``GRDB/Statement/firstRow(binding:read:)``,
/// read while it is current.
public struct BoundRow {
    let handle: OpaquePointer

    /// Column `index` (from 0) as text; SQL NULL reads as empty.
    public func text(_ index: CInt) -> String {
        guard let bytes = sqlite3_column_text(handle, index) else { return "" }
        return String(decoding: UnsafeBufferPointer(start: bytes, count: Int(sqlite3_column_bytes(handle, index))), as: UTF8.self)
    }

    /// Column `index` (from 0) as bytes.
    public func blob(_ index: CInt) -> Data {
        guard let bytes = sqlite3_column_blob(handle, index) else { return Data() }
        return Data(bytes: bytes, count: Int(sqlite3_column_bytes(handle, index)))
    }

    /// Whether column `index` (from 0) is SQL NULL.
    public func isNull(_ index: CInt) -> Bool { sqlite3_column_type(handle, index) == SQLITE_NULL }

    /// Column `index` (from 0) as a whole number.
    public func integer(_ index: CInt) -> Int64 { sqlite3_column_int64(handle, index) }
}
