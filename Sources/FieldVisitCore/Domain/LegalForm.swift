/// The legal form of a business: a kind of corporation (法人) or a sole proprietor (個人).
public enum LegalForm: String, CodedEnumeration {
    /// A stock company (株式会社).
    case stockCompany
    /// A special limited company (特例有限会社), still common among older firms.
    case limitedCompany
    /// A limited liability company (合同会社).
    case limitedLiabilityCompany
    /// A general partnership company (合名会社).
    case generalPartnershipCompany
    /// A limited partnership company (合資会社).
    case limitedPartnershipCompany
    /// A sole proprietor (個人事業主): a person, with no corporate number.
    case soleProprietor
    /// A medical corporation (医療法人).
    case medicalCorporation
    /// A specified non-profit corporation (NPO法人).
    case nonProfitCorporation
    /// A cooperative (事業協同組合・企業組合 …).
    case cooperative
    /// Any other kind of corporation.
    case other

    /// The label shown to people, in Japanese.
    public var japaneseLabel: String {
        switch self {
        case .stockCompany: "株式会社"
        case .limitedCompany: "有限会社"
        case .limitedLiabilityCompany: "合同会社"
        case .generalPartnershipCompany: "合名会社"
        case .limitedPartnershipCompany: "合資会社"
        case .soleProprietor: "個人事業主"
        case .medicalCorporation: "医療法人"
        case .nonProfitCorporation: "NPO法人"
        case .cooperative: "組合"
        case .other: "その他の法人"
        }
    }

    /// Whether the business is a corporation (法人) rather than a sole proprietor (個人):
    /// the split surveys and reports use, and whether a corporate number can exist.
    public var isCorporation: Bool { self != .soleProprietor }
}
