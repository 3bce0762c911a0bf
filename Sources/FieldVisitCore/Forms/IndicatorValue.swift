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
    /// How the value was computed when it departs from the formula's usual inputs, said
    /// with the value: `役員を含む` for the labour productivity of a firm without employees.
    public let note: String?

    /// Rounds `exact` for display in `unit`; throws when the scaled value does not fit.
    public init(exact: ExactRatio, unit: IndicatorUnit, note: String? = nil) throws(ExactArithmeticError) {
        self.exact = exact
        self.unit = unit
        self.note = note
        displaySteps = try exact.roundedHalfAwayFromZero(scaledBy: unit.displayScale)
    }

    /// The value as staff read it: `20.0%`, `1.5ヶ月`, `3.2倍`, `4,000千円`, and its note
    /// when it has one (`4,000千円（役員を含む）`).
    public var displayText: String { unit.format(displaySteps: displaySteps) + (note.map { "（\($0)）" } ?? "") }

    /// The display text.
    public var description: String { displayText }
}
