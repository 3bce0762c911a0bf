/// The broad industry of a company, in the statistics classes a credit guarantee
/// association reports by (製造業, 建設業 …).
///
/// Deliberately coarse: staff pick it on site, and reports group by it.
public enum Industry: String, CodedEnumeration {
    /// Manufacturing.
    case manufacturing
    /// Agriculture, forestry and fisheries.
    case agricultureForestryFisheries
    /// Mining and quarrying.
    case mining
    /// Construction.
    case construction
    /// Wholesale trade.
    case wholesale
    /// Retail trade.
    case retail
    /// Restaurants, food service and accommodation.
    case foodServiceAndAccommodation
    /// Transport and warehousing.
    case transportAndWarehousing
    /// Information and communications.
    case informationAndCommunications
    /// Services not classed elsewhere.
    case services
    /// Medical care and welfare.
    case medicalAndWelfare
    /// Real estate.
    case realEstate
    /// Any other industry.
    case other

    /// The label shown to people, in Japanese.
    public var japaneseLabel: String {
        switch self {
        case .manufacturing: "製造業"
        case .agricultureForestryFisheries: "農林漁業"
        case .mining: "鉱業"
        case .construction: "建設業"
        case .wholesale: "卸売業"
        case .retail: "小売業"
        case .foodServiceAndAccommodation: "飲食業・宿泊業"
        case .transportAndWarehousing: "運輸業・倉庫業"
        case .informationAndCommunications: "情報通信業"
        case .services: "サービス業"
        case .medicalAndWelfare: "医療・福祉"
        case .realEstate: "不動産業"
        case .other: "その他"
        }
    }
}
