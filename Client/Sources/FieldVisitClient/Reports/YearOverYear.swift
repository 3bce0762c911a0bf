/// A count for the fiscal year asked for with the year before, printed as published
/// reports print it: `16 (35)`.
public struct YearOverYear: Sendable, Hashable, Codable {
    /// The count in the fiscal year asked for.
    public var current: Int
    /// The count in the fiscal year before.
    public var previous: Int

    /// A pair of counts.
    public init(current: Int = 0, previous: Int = 0) {
        self.current = current
        self.previous = previous
    }

    /// `16 (35)`, thousands grouped: `1,870 (1,933)`.
    public var displayText: String { "\(Self.grouped(current)) (\(Self.grouped(previous)))" }

    /// Amounts in yen in a larger unit, rounded half away from zero, as the associations
    /// publish them: `divisor` 1,000 for 千円, 1,000,000 for 百万円.
    public func inUnits(of divisor: Int) -> YearOverYear {
        func rounded(_ yen: Int) -> Int {
            let (quotient, remainder) = yen.quotientAndRemainder(dividingBy: divisor)
            return quotient + (remainder.magnitude >= UInt(divisor / 2 + divisor % 2) ? (yen < 0 ? -1 : 1) : 0)
        }
        return YearOverYear(current: rounded(current), previous: rounded(previous))
    }

    /// The number with thousands separators.
    public static func grouped(_ number: Int) -> String {
        let digits = String(number.magnitude)
        var result = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { result.append(",") }
            result.append(digit)
        }
        return (number < 0 ? "-" : "") + result
    }
}
