/// An indicator's outcome: a value, or an explicit reason why it cannot be computed.
public enum IndicatorResult: Sendable, Hashable, CustomStringConvertible {
    /// The indicator was computed.
    case computed(IndicatorValue)
    /// The indicator cannot be computed from these figures; the reason says which.
    case notComputable(NotComputableReason)

    /// The value, or `nil` when not computable.
    public var value: IndicatorValue? {
        if case .computed(let value) = self { return value }
        return nil
    }

    /// The reason, or `nil` when computed.
    public var notComputableReason: NotComputableReason? {
        if case .notComputable(let reason) = self { return reason }
        return nil
    }

    /// What staff see: the value (`20.0%`) or why it is missing (`算出不可（前期売上高が未入力）`).
    public var displayText: String {
        switch self {
        case .computed(let value): value.displayText
        case .notComputable(let reason): reason.japaneseLabel
        }
    }

    /// The value, or `not computable: reason`, for logs and the command line.
    public var description: String {
        switch self {
        case .computed(let value): value.displayText
        case .notComputable(let reason): "not computable: \(reason)"
        }
    }
}

/// Why an indicator cannot be computed.
public enum NotComputableReason: Sendable, Hashable, CustomStringConvertible {
    /// These inputs have no figure.
    case missingInputs([LocalBenchmarkInput])
    /// The denominator, made of these inputs, is zero.
    case zeroDenominator([LocalBenchmarkInput])
    /// The figures are too large to compute or round exactly in 64 bits.
    case arithmeticOverflow
    /// The EBITDA-to-debt multiple of a firm whose cash covers its borrowings: net debt
    /// zero or below (実質無借金), the best state, not a number of years.
    case noNetDebt
    /// The EBITDA-to-debt multiple of a firm whose EBITDA is zero or below: nothing to
    /// repay from, the worst state, not a negative number of years.
    case noEarnings

    /// The reason in Japanese, for display next to the indicator.
    public var japaneseLabel: String {
        switch self {
        case .missingInputs(let inputs):
            "算出不可（\(inputs.map(\.japaneseLabel).joined(separator: "・"))が未入力）"
        case .zeroDenominator(let inputs):
            "算出不可（\(inputs.map(\.japaneseLabel).joined(separator: "＋"))が0）"
        case .arithmeticOverflow:
            "算出不可（数値が大きすぎます。入力値の桁を確認してください）"
        case .noNetDebt:
            "実質無借金"
        case .noEarnings:
            "EBITDAが0以下（返済原資なし）"
        }
    }

    /// The reason in plain words, saying what to do.
    public var description: String {
        switch self {
        case .missingInputs(let inputs):
            "missing \(inputs.map(\.rawValue).joined(separator: ", ")); enter them on the hearing sheet"
        case .zeroDenominator(let inputs):
            "the denominator \(inputs.map(\.rawValue).joined(separator: " + ")) is zero"
        case .arithmeticOverflow:
            "the figures are too large to compute exactly; check them for extra digits"
        case .noNetDebt:
            "no net debt: cash and deposits cover the borrowings"
        case .noEarnings:
            "EBITDA is zero or below: nothing to repay the debt from"
        }
    }
}
