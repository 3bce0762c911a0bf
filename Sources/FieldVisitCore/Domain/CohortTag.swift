/// A follow-up programme a company belongs to; reports count companies and visits per tag.
///
/// A company may carry several tags at once, so they are an add-wins set.
public enum CohortTag: String, CodedEnumeration {
    /// Hit by a disaster, with its pre-disaster debt bought out by a recovery body (債権買取).
    case disasterAffectedDebtBuyOut
    /// Hit by a disaster, without a debt buy-out.
    case disasterAffectedOther
    /// Took out a founding loan (創業資金) and is followed up after founding.
    case foundingLoanUser
    /// Took out a COVID-era zero-interest, zero-guarantee-fee loan (ゼロゼロ融資).
    case covidZeroInterestLoan
    /// Behind with repayments (延滞).
    case overdue

    /// The label shown to people, in Japanese.
    public var japaneseLabel: String {
        switch self {
        case .disasterAffectedDebtBuyOut: "被災企業（債権買取）"
        case .disasterAffectedOther: "被災企業（その他）"
        case .foundingLoanUser: "創業資金利用"
        case .covidZeroInterestLoan: "ゼロゼロ融資"
        case .overdue: "延滞"
        }
    }
}
