/// The type of a financial institution, such as a company's main bank, in the classes
/// guarantee statistics are reported by.
public enum BankType: String, CodedEnumeration {
    /// A city bank (都市銀行).
    case cityBank
    /// A regional bank (地方銀行).
    case regionalBank
    /// A second-tier regional bank (第二地方銀行).
    case secondRegionalBank
    /// A shinkin bank (信用金庫).
    case shinkinBank
    /// A credit cooperative (信用組合).
    case creditCooperative
    /// A government-affiliated financial institution (日本政策金融公庫, 商工中金 …).
    case governmentFinancialInstitution
    /// An agricultural cooperative (農業協同組合).
    case agriculturalCooperative
    /// Any other institution.
    case other

    /// The label shown to people, in Japanese.
    public var japaneseLabel: String {
        switch self {
        case .cityBank: "都市銀行"
        case .regionalBank: "地方銀行"
        case .secondRegionalBank: "第二地方銀行"
        case .shinkinBank: "信用金庫"
        case .creditCooperative: "信用組合"
        case .governmentFinancialInstitution: "政府系金融機関"
        case .agriculturalCooperative: "農業協同組合"
        case .other: "その他"
        }
    }
}
