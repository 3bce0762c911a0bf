/// A computed indicator: its exact value and its display, rounded half away from zero
/// from the exact value (never through floating point).
public struct IndicatorValue: Sendable, Hashable, CustomStringConvertible {
    /// The exact value as a ratio (1/5 for a 20% growth; yen per person for productivity).
    public let exact: ExactRatio
    /// The unit it is shown in.
    public let unit: IndicatorUnit
    /// The value rounded to whole display steps of ``unit`` (tenths of a percent, tenths
    /// of a month or multiple, thousands of yen): 200 for 20.0%.
    public let displaySteps: Int64

    /// Rounds `exact` for display in `unit`; throws when the scaled value does not fit.
    public init(exact: ExactRatio, unit: IndicatorUnit) throws(ExactArithmeticError) {
        self.exact = exact
        self.unit = unit
        displaySteps = try exact.roundedHalfAwayFromZero(scaledBy: unit.displayScale)
    }

    /// The value as staff read it: `20.0%`, `1.5ヶ月`, `3.2倍`, `4,000千円`.
    public var displayText: String { unit.format(displaySteps: displaySteps) }

    /// The display text.
    public var description: String { displayText }
}
