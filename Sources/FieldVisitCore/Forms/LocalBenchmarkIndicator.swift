/// One of the six financial indicators of the local benchmark (ローカルベンチマーク), with
/// its stable code, Japanese name, unit and the inputs its formula needs.
public enum LocalBenchmarkIndicator: String, CodedEnumeration {
    /// 売上高増加率 = sales / previous sales − 1 (percent).
    case salesGrowthRate
    /// 営業利益率 = operating profit / sales (percent).
    case operatingProfitMargin
    /// 労働生産性 = operating profit / employees (yen per person, shown in thousands).
    case laborProductivity
    /// EBITDA有利子負債倍率 = (borrowings − cash and deposits) / (operating profit +
    /// depreciation) (times). A negative EBITDA gives a negative multiple: the debt
    /// cannot be repaid from earnings, which staff should read as worse, not better.
    case ebitdaDebtMultiple
    /// 営業運転資本回転期間 = (receivables + inventory − payables) / (sales / 12) (months).
    case workingCapitalMonths
    /// 自己資本比率 = net assets / total assets (percent).
    case equityRatio

    /// The indicator's Japanese name, as on the local benchmark sheet.
    public var japaneseLabel: String {
        switch self {
        case .salesGrowthRate: "売上高増加率"
        case .operatingProfitMargin: "営業利益率"
        case .laborProductivity: "労働生産性"
        case .ebitdaDebtMultiple: "EBITDA有利子負債倍率"
        case .workingCapitalMonths: "営業運転資本回転期間"
        case .equityRatio: "自己資本比率"
        }
    }

    /// The unit the indicator is shown in.
    public var unit: IndicatorUnit {
        switch self {
        case .salesGrowthRate, .operatingProfitMargin, .equityRatio: .percent
        case .laborProductivity: .yenPerPerson
        case .ebitdaDebtMultiple: .times
        case .workingCapitalMonths: .months
        }
    }

    /// Whether a smaller value is the better one: the debt multiple (years of earnings to
    /// repay) and the working-capital period (months of sales tied up). For the others,
    /// larger is better.
    public var isBetterWhenLower: Bool {
        self == .ebitdaDebtMultiple || self == .workingCapitalMonths
    }

    /// The inputs of the numerator and of the denominator of the formula.
    public var formulaInputs: (numerator: [LocalBenchmarkInput], denominator: [LocalBenchmarkInput]) {
        switch self {
        case .salesGrowthRate: ([.sales], [.previousSales])
        case .operatingProfitMargin: ([.operatingProfit], [.sales])
        case .laborProductivity: ([.operatingProfit], [.employees])
        case .ebitdaDebtMultiple: ([.borrowings, .cashAndDeposits], [.operatingProfit, .depreciation])
        case .workingCapitalMonths: ([.receivables, .inventory, .payables], [.sales])
        case .equityRatio: ([.netAssets], [.totalAssets])
        }
    }

    /// Every input the formula needs, numerator first.
    public var inputs: [LocalBenchmarkInput] {
        let (numerator, denominator) = formulaInputs
        return numerator + denominator.filter { !numerator.contains($0) }
    }
}
