/// How far a referral got (橋渡し後の状況), updated by field staff and managers on the
/// visit that made the referral (`fieldvisit visit edit ID --referral-status …`) as news
/// comes back: referred → the centre met the firm → an expert dispatched, a plan made or
/// the succession completed; or declined.
public enum ReferralStatus: String, CodedEnumeration {
    /// Referred; no news yet.
    case referred
    /// The agency met the firm (相談対応).
    case agencyMet
    /// An expert was dispatched (専門家派遣).
    case expertDispatched
    /// A plan was made (計画策定).
    case planMade
    /// The succession was completed (承継完了).
    case successionCompleted
    /// The firm declined.
    case declined

    /// The label shown to people, in Japanese.
    public var japaneseLabel: String {
        switch self {
        case .referred: "橋渡し済み"
        case .agencyMet: "相談対応"
        case .expertDispatched: "専門家派遣"
        case .planMade: "計画策定"
        case .successionCompleted: "承継完了"
        case .declined: "辞退"
        }
    }

    /// How far along the chain the status is: each stage includes those before it, so a
    /// firm with an expert dispatched also counts as met. Declined is off the chain.
    public var stage: Int {
        switch self {
        case .referred: 0
        case .agencyMet: 1
        case .expertDispatched: 2
        case .planMade: 3
        case .successionCompleted: 4
        case .declined: -1
        }
    }
}
