/// Where a company stands in its life: the stage that decides which support fits,
/// from founding support to turnaround or succession.
public enum LifeStage: String, CodedEnumeration {
    /// Founded within the last five years (創業).
    case founding
    /// Growing (成長).
    case growth
    /// Stable (安定).
    case stable
    /// Needs its management improved (経営改善が必要).
    case needsImprovement
    /// Needs a fundamental turnaround (事業再生が必要).
    case needsTurnaround
    /// Facing business succession (事業承継).
    case succession

    /// The label shown to people, in Japanese.
    public var japaneseLabel: String {
        switch self {
        case .founding: "創業"
        case .growth: "成長"
        case .stable: "安定"
        case .needsImprovement: "経営改善が必要"
        case .needsTurnaround: "事業再生が必要"
        case .succession: "事業承継"
        }
    }
}
