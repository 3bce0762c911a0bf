/// One figure from the firm's accounts that the local benchmark (ローカルベンチマーク)
/// indicators are computed from. Its code is also the id of the hearing-sheet question
/// that asks for it.
public enum LocalBenchmarkInput: String, CodedEnumeration {
    /// 売上高 of the latest period, in yen.
    case sales
    /// 売上高 of the period before, in yen.
    case previousSales
    /// 営業利益 of the latest period, in yen (negative for a loss).
    case operatingProfit
    /// 減価償却費 of the latest period, in yen.
    case depreciation
    /// 従業員数, in persons.
    case employees
    /// 役員数, in persons: counted in labour productivity when the firm has no employees.
    case officers
    /// 借入金 (interest-bearing debt), in yen.
    case borrowings
    /// 現預金, in yen.
    case cashAndDeposits
    /// 売上債権 (accounts and notes receivable), in yen.
    case receivables
    /// 棚卸資産, in yen.
    case inventory
    /// 買入債務 (accounts and notes payable), in yen.
    case payables
    /// 純資産, in yen (negative for negative equity).
    case netAssets
    /// 総資産, in yen.
    case totalAssets

    /// The figure's Japanese name, as in the accounts.
    public var japaneseLabel: String {
        switch self {
        case .sales: "売上高"
        case .previousSales: "前期売上高"
        case .operatingProfit: "営業利益"
        case .depreciation: "減価償却費"
        case .employees: "従業員数"
        case .officers: "役員数"
        case .borrowings: "借入金"
        case .cashAndDeposits: "現預金"
        case .receivables: "売上債権"
        case .inventory: "棚卸資産"
        case .payables: "買入債務"
        case .netAssets: "純資産"
        case .totalAssets: "総資産"
        }
    }
}
