/// How a meeting with a company took place.
public enum VisitMode: String, CodedEnumeration {
    /// Staff went to the company (訪問).
    case onSite
    /// The owner came to the office (来訪).
    case atOffice
    /// An online meeting (オンライン).
    case online
    /// A telephone call (電話).
    case telephone

    /// The label shown to people, in Japanese.
    public var japaneseLabel: String {
        switch self {
        case .onSite: "訪問"
        case .atOffice: "来訪"
        case .online: "オンライン"
        case .telephone: "電話"
        }
    }
}
