/// An agency a company is referred to (橋渡し先) when the visiting organisation cannot
/// help alone, or when a question needs an expert (staff give no tax or legal advice).
public enum ReferralAgency: String, CodedEnumeration {
    /// The business succession and transfer support centre (事業承継・引継ぎ支援センター).
    case successionSupportCentre
    /// The prefecture's general business support base (よろず支援拠点).
    case yorozuSupportBase
    /// The SME revitalisation council, for turnaround (中小企業活性化協議会).
    case revitalisationCouncil
    /// A society or chamber of commerce and industry (商工会・商工会議所).
    case chamberOfCommerce
    /// A financial institution (金融機関).
    case financialInstitution
    /// A tax accountant, lawyer or other professional (税理士等の専門家).
    case professional
    /// A local government (自治体).
    case localGovernment
    /// Any other agency.
    case other

    /// The label shown to people, in Japanese.
    public var japaneseLabel: String {
        switch self {
        case .successionSupportCentre: "事業承継・引継ぎ支援センター"
        case .yorozuSupportBase: "よろず支援拠点"
        case .revitalisationCouncil: "中小企業活性化協議会"
        case .chamberOfCommerce: "商工会・商工会議所"
        case .financialInstitution: "金融機関"
        case .professional: "税理士等の専門家"
        case .localGovernment: "自治体"
        case .other: "その他"
        }
    }
}
