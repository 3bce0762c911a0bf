/// The unit an indicator is shown in, and how it is rounded for display.
public enum IndicatorUnit: String, Sendable, Hashable, Codable, CaseIterable {
    /// A ratio shown as a percentage to one decimal: 1/5 → `20.0%`.
    case percent
    /// A number of months to one decimal: `1.5ヶ月`.
    case months
    /// A multiple to one decimal: `3.2倍`.
    case times
    /// Yen per person, shown in whole thousands of yen: 4,000,000 → `4,000千円`.
    case yenPerPerson

    /// The unit as printed after the number.
    public var japaneseLabel: String {
        switch self {
        case .percent: "%"
        case .months: "ヶ月"
        case .times: "倍"
        case .yenPerPerson: "千円"
        }
    }

    /// What the exact value is multiplied by before rounding to a whole number of display
    /// steps (tenths of a percent, tenths, thousands of yen).
    public var displayScale: ExactRatio {
        switch self {
        case .percent: 1000
        case .months, .times: 10
        // 1/1000 cannot fail: the denominator is not zero.
        case .yenPerPerson: (try? ExactRatio(1, 1000)) ?? .zero
        }
    }

    /// The number of decimals shown.
    public var decimalPlaces: Int {
        switch self {
        case .percent, .months, .times: 1
        case .yenPerPerson: 0
        }
    }

    /// Prints a rounded number of display steps: 200 tenths of a percent → `20.0%`,
    /// with thousands separators in the whole part (`1,234.5%`).
    public func format(displaySteps: Int64) -> String {
        let sign = displaySteps < 0 ? "-" : ""
        let magnitude = displaySteps.magnitude
        let text: String
        if decimalPlaces == 1 {
            text = "\(Self.grouped(magnitude / 10)).\(magnitude % 10)"
        } else {
            text = Self.grouped(magnitude)
        }
        return sign + text + japaneseLabel
    }

    /// Prints a change between two values in display steps, signed: `+2.5ポイント` for
    /// percentages (a change of a rate is in points, not percent), `-0.3ヶ月` for the others.
    public func formatChange(displaySteps: Int64) -> String {
        var text = format(displaySteps: displaySteps)
        if self == .percent { text = String(text.dropLast(japaneseLabel.count)) + "ポイント" }
        return (displaySteps > 0 ? "+" : "") + text
    }

    private static func grouped(_ number: UInt64) -> String {
        let digits = Array(String(number))
        var result = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { result.append(",") }
            result.append(digit)
        }
        return result
    }
}
