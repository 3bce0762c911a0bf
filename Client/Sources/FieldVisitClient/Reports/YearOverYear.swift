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

    /// Amounts in yen as thousands of yen (千円), rounded half away from zero, as the
    /// associations publish them.
    public var inThousands: YearOverYear {
        func thousands(_ yen: Int) -> Int { yen >= 0 ? (yen / 2 + 250) / 500 : -((-(yen / 2) + 250) / 500) }
        return YearOverYear(current: thousands(current), previous: thousands(previous))
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
