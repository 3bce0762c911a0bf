import Foundation

/// A value bound to a statement parameter by ``GRDB/Statement/execute(binding:)-(BoundValue...)``
/// and ``GRDB/Statement/firstRow(binding:read:)``.
///
/// The stores write a dozen rows for every change set; binding plain values straight
/// to SQLite costs a fraction of building GRDB's `StatementArguments` from existentials.
public enum BoundValue: Sendable {
    case null
    case integer(Int64)
    case text(String)
    case blob(Data)

    /// `nil` as `.null`.
    public static func text(_ text: String?) -> BoundValue { text.map { .text($0) } ?? .null }

    /// A boolean as 0 or 1, as GRDB stores it.
    public static func bool(_ flag: Bool) -> BoundValue { .integer(flag ? 1 : 0) }
}
