/// The six financial indicators of the local benchmark (ローカルベンチマーク), computed
/// exactly from the figures of the hearing sheet.
///
/// Each indicator is either a value or ``NotComputableReason``: a missing input (named),
/// a zero denominator, or an overflow. Nothing here traps or produces infinity or NaN.
///
/// ```swift
/// let benchmark = LocalBenchmark(inputs: [.sales: 120_000_000, .previousSales: 100_000_000])
/// benchmark.result(for: .salesGrowthRate).displayText   // "20.0%"
/// ```
public struct LocalBenchmark: Sendable, Hashable {
    /// The figures, by input. An absent input is "not entered", never zero.
    public var inputs: [LocalBenchmarkInput: Int64]

    /// A benchmark over the given figures.
    public init(inputs: [LocalBenchmarkInput: Int64]) {
        self.inputs = inputs
    }

    /// A benchmark over answers keyed by question id, for one accounting period of the
    /// sheet (the latest unless told, whose question ids are the input codes); answers
    /// that are not whole numbers are treated as not entered.
    public init(answers: [String: FieldValue], period: LocalBenchmarkPeriod = .latest) {
        var inputs: [LocalBenchmarkInput: Int64] = [:]
        for input in LocalBenchmarkInput.allCases {
            if let question = period.questionID(for: input), let number = answers[question]?.integerValue { inputs[input] = number }
        }
        self.init(inputs: inputs)
    }

    /// A benchmark over a hearing sheet, read against the form version it names. Only
    /// answers that count are used (valid, to questions that apply); an incomplete sheet
    /// gives the indicators its figures allow. Throws for answers that are not a hearing
    /// sheet or name a version the catalog lacks.
    public init(hearingSheet answers: FormAnswers, catalog: FormCatalog = .builtIn) throws(ValidationErrors) {
        self.init(answers: try Self.counted(hearingSheet: answers, catalog: catalog))
    }

    /// The accounting periods of a hearing sheet whose last day is answered, oldest
    /// first, each with its indicators: up to three from v2, the latest alone from v1.
    /// Throws as ``init(hearingSheet:catalog:)``.
    public static func periods(hearingSheet answers: FormAnswers, catalog: FormCatalog = .builtIn) throws(ValidationErrors) -> [AccountingPeriod] {
        let counted = try counted(hearingSheet: answers, catalog: catalog)
        return LocalBenchmarkPeriod.allCases.reversed().compactMap { period in
            guard let text = counted[period.periodEndQuestion]?.textValue, let end = try? CalendarDate(text) else { return nil }
            return AccountingPeriod(period: period, end: end, benchmark: LocalBenchmark(answers: counted, period: period))
        }
    }

    /// The answers of a hearing sheet that count (valid, to questions that apply).
    private static func counted(hearingSheet answers: FormAnswers, catalog: FormCatalog) throws(ValidationErrors) -> [String: FieldValue] {
        guard answers.formID == FormRecordType.hearingSheet.formID else {
            throw ValidationErrors([ValidationError(
                field: "formID",
                ValidationMessage.notHearingSheet.localized(["expected": FormRecordType.hearingSheet.formID, "form": answers.formID])
            )])
        }
        return try catalog.resolvedEvaluator(for: answers).effectiveAnswers(answers.answers)
    }

    /// The note of a labour productivity computed per officer, the firm having no employees.
    public static let officersNote = "役員を含む"

    /// Every indicator with its result, in the benchmark's order.
    public var results: [(indicator: LocalBenchmarkIndicator, result: IndicatorResult)] {
        LocalBenchmarkIndicator.allCases.map { ($0, result(for: $0)) }
    }

    /// The result of one indicator.
    public func result(for indicator: LocalBenchmarkIndicator) -> IndicatorResult {
        let missing = indicator.inputs.filter { inputs[$0] == nil }
        guard missing.isEmpty else { return .notComputable(.missingInputs(missing)) }
        do {
            // The debt multiple names its two states instead of a misleading number:
            // no net debt (the best), and no earnings to repay from (the worst).
            if indicator == .ebitdaDebtMultiple {
                if try numerator(of: indicator).isPositive == false { return .notComputable(.noNetDebt) }
                if try denominator(of: indicator).isPositive == false { return .notComputable(.noEarnings) }
            }
            // A firm without employees (an owner working alone, common among small
            // firms) is measured per officer, and says so with the value.
            if indicator == .laborProductivity, inputs[.employees] == 0, let officers = inputs[.officers], officers > 0 {
                let value = try figure(.operatingProfit).divided(by: ExactRatio(officers))
                return .computed(try IndicatorValue(exact: value, unit: indicator.unit, note: Self.officersNote))
            }
            // The denominator first: a zero there is the reason to report, whatever the numerator.
            let denominator = try self.denominator(of: indicator)
            guard !denominator.isZero else { return .notComputable(.zeroDenominator(indicator.formulaInputs.denominator)) }
            let numerator = try self.numerator(of: indicator)
            var value = try numerator.divided(by: denominator)
            if indicator == .salesGrowthRate { value = try value.subtracting(.one) }
            return .computed(try IndicatorValue(exact: value, unit: indicator.unit))
        } catch {
            // Division by zero was ruled out above, so only an overflow can be left.
            return .notComputable(error == .divisionByZero ? .zeroDenominator(indicator.formulaInputs.denominator) : .arithmeticOverflow)
        }
    }

    /// The numerator of the formula (before the "− 1" of the growth rate).
    private func numerator(of indicator: LocalBenchmarkIndicator) throws(ExactArithmeticError) -> ExactRatio {
        switch indicator {
        case .salesGrowthRate: return figure(.sales)
        case .operatingProfitMargin, .laborProductivity: return figure(.operatingProfit)
        case .ebitdaDebtMultiple: return try figure(.borrowings).subtracting(figure(.cashAndDeposits))
        case .workingCapitalMonths:
            return try figure(.receivables).adding(figure(.inventory)).subtracting(figure(.payables))
        case .equityRatio: return figure(.netAssets)
        }
    }

    /// The denominator of the formula. Monthly sales are `sales / 12`, kept exact.
    private func denominator(of indicator: LocalBenchmarkIndicator) throws(ExactArithmeticError) -> ExactRatio {
        switch indicator {
        case .salesGrowthRate: return figure(.previousSales)
        case .operatingProfitMargin: return figure(.sales)
        case .laborProductivity: return figure(.employees)
        case .ebitdaDebtMultiple: return try figure(.operatingProfit).adding(figure(.depreciation))
        case .workingCapitalMonths: return try figure(.sales).divided(by: 12)
        case .equityRatio: return figure(.totalAssets)
        }
    }

    private func figure(_ input: LocalBenchmarkInput) -> ExactRatio {
        ExactRatio(inputs[input] ?? 0)
    }
}
