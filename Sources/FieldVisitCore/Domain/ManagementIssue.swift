/// A management issue (経営課題) found in a visit: the shared vocabulary of banks and
/// support agencies for what a company is struggling with.
public enum ManagementIssue: String, CodedEnumeration {
    /// Sales are falling or stagnant.
    case fallingSales
    /// Profitability is weak.
    case profitability
    /// Cash flow is tight.
    case cashFlow
    /// Scheduled repayments exceed what the business earns.
    case repaymentBurden
    /// Excessive debt carried since the COVID-era loans.
    case excessDebtAfterCovidLoans
    /// Not enough staff.
    case labourShortage
    /// No successor for the owner.
    case noSuccessor
    /// Rising costs cannot be passed on in prices (価格転嫁).
    case pricePassThrough
    /// Digitalisation and DX.
    case digitalTransformation
    /// Decarbonisation.
    case decarbonisation
    /// Disaster resilience and business continuity planning (BCP).
    case businessContinuity
    /// The owner wants to sell or transfer the business.
    case wantsToSellBusiness
    /// The owner wants to close the business.
    case wantsToCloseBusiness
    /// Any other issue.
    case other

    /// The label shown to people, in Japanese.
    public var japaneseLabel: String {
        switch self {
        case .fallingSales: "売上の減少"
        case .profitability: "収益力の低下"
        case .cashFlow: "資金繰り"
        case .repaymentBurden: "返済負担（約定返済が収入を上回る）"
        case .excessDebtAfterCovidLoans: "コロナ関連融資後の過大な債務"
        case .labourShortage: "人手不足"
        case .noSuccessor: "後継者不在"
        case .pricePassThrough: "価格転嫁"
        case .digitalTransformation: "DX・デジタル化"
        case .decarbonisation: "脱炭素"
        case .businessContinuity: "防災・BCP"
        case .wantsToSellBusiness: "事業譲渡の希望"
        case .wantsToCloseBusiness: "廃業の希望"
        case .other: "その他"
        }
    }
}
