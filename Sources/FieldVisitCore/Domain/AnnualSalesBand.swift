/// A band of annual sales, as surveys of small firms report them. Derived from the
/// stored yen amount, never stored itself, so that the bands can change without
/// touching records.
public enum AnnualSalesBand: String, CodedEnumeration {
    /// Under ¥10 million.
    case under10Million
    /// ¥10 million to under ¥30 million.
    case from10To30Million
    /// ¥30 million to under ¥50 million.
    case from30To50Million
    /// ¥50 million to under ¥100 million.
    case from50To100Million
    /// ¥100 million or more.
    case atLeast100Million

    /// The label shown to people, in Japanese.
    public var japaneseLabel: String {
        switch self {
        case .under10Million: "1,000万円未満"
        case .from10To30Million: "1,000万円以上3,000万円未満"
        case .from30To50Million: "3,000万円以上5,000万円未満"
        case .from50To100Million: "5,000万円以上1億円未満"
        case .atLeast100Million: "1億円以上"
        }
    }

    /// The band that `yen` of annual sales falls in.
    public init(yen: Int64) {
        switch yen {
        case ..<10_000_000: self = .under10Million
        case ..<30_000_000: self = .from10To30Million
        case ..<50_000_000: self = .from30To50Million
        case ..<100_000_000: self = .from50To100Million
        default: self = .atLeast100Million
        }
    }
}
