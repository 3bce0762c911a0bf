/// A band of employee numbers, as surveys of small firms report them. Derived from the
/// stored count, never stored itself.
public enum EmployeeBand: String, CodedEnumeration {
    /// No employees.
    case zero
    /// 1 to 5 employees.
    case from1To5
    /// 6 to 20 employees.
    case from6To20
    /// 21 to 50 employees.
    case from21To50
    /// 51 to 100 employees.
    case from51To100
    /// 101 employees or more.
    case over100

    /// The label shown to people, in Japanese.
    public var japaneseLabel: String {
        switch self {
        case .zero: "0人"
        case .from1To5: "1～5人"
        case .from6To20: "6～20人"
        case .from21To50: "21～50人"
        case .from51To100: "51～100人"
        case .over100: "101人以上"
        }
    }

    /// The band that `employees` falls in.
    public init(employees: Int) {
        switch employees {
        case ...0: self = .zero
        case ...5: self = .from1To5
        case ...20: self = .from6To20
        case ...50: self = .from21To50
        case ...100: self = .from51To100
        default: self = .over100
        }
    }
}
