/// Why a visit took place: the programme it counts towards in activity reports.
public enum VisitPurpose: String, CodedEnumeration {
    /// A general company visit (企業訪問).
    case companyVisit
    /// A push-type interview to find needs the owner has not raised (プッシュ型面談).
    case pushTypeInterview
    /// Follow-up of a disaster-affected company (被災企業フォロー).
    case disasterFollowUp
    /// Follow-up after founding (創業後フォローアップ).
    case founderFollowUp
    /// Accompanying an expert dispatched to the company (専門家派遣).
    case expertDispatch
    /// Mid-term management: overdue, deteriorating or unpaid fees (期中管理).
    case midTermManagement
    /// A business-succession interview (事業承継).
    case succession
    /// Collection (回収).
    case collection
    /// Any other purpose.
    case other

    /// The label shown to people, in Japanese.
    public var japaneseLabel: String {
        switch self {
        case .companyVisit: "企業訪問"
        case .pushTypeInterview: "プッシュ型面談"
        case .disasterFollowUp: "被災企業フォロー"
        case .founderFollowUp: "創業後フォローアップ"
        case .expertDispatch: "専門家派遣"
        case .midTermManagement: "期中管理"
        case .succession: "事業承継"
        case .collection: "回収"
        case .other: "その他"
        }
    }
}
