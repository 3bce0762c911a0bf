/// Why a corporation's register was closed (登記記録の閉鎖等の事由), as the National Tax
/// Agency's corporate-number download gives it (column 20 of 基本3情報): the
/// ``Company/closeCause`` of a company whose register is closed.
public enum CloseCause: String, CodedEnumeration {
    /// Liquidation completed (清算の結了等), NTA code 01.
    case liquidated
    /// Dissolved by a merger (合併による解散等), NTA code 11.
    case merged
    /// Closed by the registrar (登記官による閉鎖), NTA code 21.
    case closedByRegistrar
    /// Other completed liquidation (その他の清算の結了等), NTA code 31.
    case otherLiquidation

    /// The label shown to people, in Japanese.
    public var japaneseLabel: String {
        switch self {
        case .liquidated: "清算の結了等"
        case .merged: "合併による解散等"
        case .closedByRegistrar: "登記官による閉鎖"
        case .otherLiquidation: "その他の清算の結了等"
        }
    }

    /// The two-digit code the National Tax Agency uses for the cause.
    public var ntaCode: String {
        switch self {
        case .liquidated: "01"
        case .merged: "11"
        case .closedByRegistrar: "21"
        case .otherLiquidation: "31"
        }
    }

    /// The cause with the National Tax Agency's two-digit code `ntaCode`, or `nil`.
    public init?(ntaCode: String) {
        guard let cause = Self.allCases.first(where: { $0.ntaCode == ntaCode }) else { return nil }
        self = cause
    }
}
