/// An organisation whose people joined a visit (同行訪問): the bank joining an expert
/// dispatch, an agency on a joint visit.
public enum AccompanyingOrganisation: String, CodedEnumeration {
    /// A financial institution, such as the company's bank (金融機関).
    case financialInstitution
    /// The credit guarantee association (信用保証協会).
    case creditGuaranteeAssociation
    /// A dispatched expert (専門家).
    case expert
    /// A society or chamber of commerce and industry (商工会・商工会議所).
    case chamberOfCommerce
    /// The business succession and transfer support centre (事業承継・引継ぎ支援センター).
    case successionSupportCentre
    /// The prefecture's general business support base (よろず支援拠点).
    case yorozuSupportBase
    /// The SME revitalisation council (中小企業活性化協議会).
    case revitalisationCouncil
    /// A local government (自治体).
    case localGovernment
    /// Any other organisation.
    case other

    /// The label shown to people, in Japanese.
    public var japaneseLabel: String {
        switch self {
        case .financialInstitution: "金融機関"
        case .creditGuaranteeAssociation: "信用保証協会"
        case .expert: "専門家"
        case .chamberOfCommerce: "商工会・商工会議所"
        case .successionSupportCentre: "事業承継・引継ぎ支援センター"
        case .yorozuSupportBase: "よろず支援拠点"
        case .revitalisationCouncil: "中小企業活性化協議会"
        case .localGovernment: "自治体"
        case .other: "その他"
        }
    }
}
