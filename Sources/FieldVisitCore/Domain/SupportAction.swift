/// Support given or arranged for a company as a result of a visit.
public enum SupportAction: String, CodedEnumeration {
    /// A guarantee was proposed (保証提案).
    case guaranteeProposal
    /// A new guarantee was granted (新規保証).
    case newGuarantee
    /// The terms of existing loans were changed, such as eased repayments (条件変更).
    case changeOfTerms
    /// An expert was dispatched (専門家派遣).
    case expertDispatch
    /// Help drawing up a business or improvement plan (計画策定支援).
    case businessPlanSupport
    /// The organisation's own support, beyond the programmes above (独自支援).
    case ownSupport
    /// The company was introduced to a financial institution (金融機関紹介).
    case financingIntroduction
    /// The company was referred to another support agency (橋渡し).
    case referral
    /// Information on schemes, subsidies or seminars was given (情報提供).
    case informationProvision
    /// Any other support.
    case other

    /// The label shown to people, in Japanese.
    public var japaneseLabel: String {
        switch self {
        case .guaranteeProposal: "保証提案"
        case .newGuarantee: "新規保証"
        case .changeOfTerms: "条件変更"
        case .expertDispatch: "専門家派遣"
        case .businessPlanSupport: "計画策定支援"
        case .ownSupport: "独自支援"
        case .financingIntroduction: "金融機関紹介"
        case .referral: "他機関への橋渡し"
        case .informationProvision: "情報提供"
        case .other: "その他"
        }
    }
}
