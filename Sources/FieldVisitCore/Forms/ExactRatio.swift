/// Why an exact computation could not produce a number.
public enum ExactArithmeticError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A division by zero was asked for.
    case divisionByZero
    /// A numerator or denominator no longer fits in 64 bits.
    case overflow

    /// The error in plain words, for messages and logs.
    public var description: String {
        switch self {
        case .divisionByZero: "division by zero"
        case .overflow: "the numbers are too large to compute exactly (64-bit overflow)"
        }
    }
}

/// An exact rational number `numerator / denominator` over 64-bit integers, used for the
/// local-benchmark indicators so that a ratio of yen amounts is never rounded before it
/// is shown, and a zero denominator or an overflow is an error rather than infinity or NaN.
///
/// Always in lowest terms with a positive denominator (the sign is on the numerator), so
/// two equal numbers are equal values and hash alike. Every operation checks for
/// overflow and throws ``ExactArithmeticError`` instead of trapping.
///
/// ```swift
/// let growth = try ExactRatio(120_000_000, 100_000_000).subtracting(1)   // 1/5
/// try growth.roundedHalfAwayFromZero(scaledBy: 1000)                     // 200 (tenths of a percent)
/// ```
public struct ExactRatio: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The numerator; carries the sign.
    public let numerator: Int64
    /// The denominator; always positive.
    public let denominator: Int64

    /// Zero.
    public static let zero = ExactRatio(reducedNumerator: 0, denominator: 1)
    /// One.
    public static let one = ExactRatio(reducedNumerator: 1, denominator: 1)

    /// The whole number `value`.
    public init(_ value: Int64) {
        self.init(reducedNumerator: value, denominator: 1)
    }

    /// `numerator / denominator`, reduced; throws for a zero denominator or when the
    /// reduced fraction does not fit (`Int64.min / -1`).
    public init(_ numerator: Int64, _ denominator: Int64) throws(ExactArithmeticError) {
        guard denominator != 0 else { throw .divisionByZero }
        let isNegative = (numerator < 0) != (denominator < 0)
        // Work on magnitudes so that Int64.min can be reduced without trapping.
        try self.init(magnitudeNumerator: numerator.magnitude, magnitudeDenominator: denominator.magnitude, isNegative: isNegative)
    }

    private init(reducedNumerator: Int64, denominator: Int64) {
        numerator = reducedNumerator
        self.denominator = denominator
    }

    private init(magnitudeNumerator: UInt64, magnitudeDenominator: UInt64, isNegative: Bool) throws(ExactArithmeticError) {
        guard magnitudeDenominator != 0 else { throw .divisionByZero }
        guard magnitudeNumerator != 0 else {
            self.init(reducedNumerator: 0, denominator: 1)
            return
        }
        let divisor = Self.greatestCommonDivisor(magnitudeNumerator, magnitudeDenominator)
        let reducedNumerator = magnitudeNumerator / divisor
        let reducedDenominator = magnitudeDenominator / divisor
        guard reducedDenominator <= UInt64(Int64.max) else { throw .overflow }
        let signedNumerator: Int64
        if isNegative {
            // The magnitude of Int64.min is one more than Int64.max.
            guard reducedNumerator <= UInt64(Int64.max) + 1 else { throw .overflow }
            signedNumerator = reducedNumerator == UInt64(Int64.max) + 1 ? Int64.min : -Int64(reducedNumerator)
        } else {
            guard reducedNumerator <= UInt64(Int64.max) else { throw .overflow }
            signedNumerator = Int64(reducedNumerator)
        }
        self.init(reducedNumerator: signedNumerator, denominator: Int64(reducedDenominator))
    }

    /// Whether the number is zero.
    public var isZero: Bool { numerator == 0 }

    /// Whether the number is below zero.
    public var isNegative: Bool { numerator < 0 }

    /// Whether the number is above zero.
    public var isPositive: Bool { numerator > 0 }

    /// `self + other`.
    public func adding(_ other: ExactRatio) throws(ExactArithmeticError) -> ExactRatio {
        try combined(with: other, subtracting: false)
    }

    /// `self − other`.
    public func subtracting(_ other: ExactRatio) throws(ExactArithmeticError) -> ExactRatio {
        try combined(with: other, subtracting: true)
    }

    /// `self × other`.
    public func multiplied(by other: ExactRatio) throws(ExactArithmeticError) -> ExactRatio {
        // Cross-reduce first so that products of already reduced fractions overflow only
        // when the result itself does not fit.
        let leftDivisor = Int64(Self.greatestCommonDivisor(numerator.magnitude, other.denominator.magnitude))
        let rightDivisor = Int64(Self.greatestCommonDivisor(other.numerator.magnitude, denominator.magnitude))
        let newNumerator = try Self.checkedProduct(numerator / leftDivisor, other.numerator / rightDivisor)
        let newDenominator = try Self.checkedProduct(denominator / rightDivisor, other.denominator / leftDivisor)
        return try ExactRatio(newNumerator, newDenominator)
    }

    /// `self ÷ other`; throws ``ExactArithmeticError/divisionByZero`` when `other` is zero.
    public func divided(by other: ExactRatio) throws(ExactArithmeticError) -> ExactRatio {
        guard !other.isZero else { throw .divisionByZero }
        let reciprocal = try ExactRatio(
            magnitudeNumerator: other.denominator.magnitude,
            magnitudeDenominator: other.numerator.magnitude,
            isNegative: other.isNegative
        )
        return try multiplied(by: reciprocal)
    }

    /// The nearest whole number to `self × factor`, halves rounded away from zero
    /// (0.5 → 1, −0.5 → −1), computed without leaving exact arithmetic.
    ///
    /// Use the factor to choose the precision: 1000 gives tenths of a percent, 10 gives
    /// tenths, `1/1000` gives thousands.
    public func roundedHalfAwayFromZero(scaledBy factor: ExactRatio = .one) throws(ExactArithmeticError) -> Int64 {
        let scaled = try multiplied(by: factor)
        // Swift's division truncates toward zero, so the remainder has the numerator's sign.
        let quotient = scaled.numerator / scaled.denominator
        let remainder = scaled.numerator % scaled.denominator
        let remainderMagnitude = remainder.magnitude
        // 2·|r| ≥ d, written so that it cannot overflow (|r| < d).
        guard remainderMagnitude >= scaled.denominator.magnitude - remainderMagnitude, remainder != 0 else { return quotient }
        // |quotient| < Int64.max here because |r| > 0, so the step away from zero fits.
        return scaled.numerator < 0 ? quotient - 1 : quotient + 1
    }

    /// `n/d`, or just `n` for a whole number.
    public var description: String { denominator == 1 ? "\(numerator)" : "\(numerator)/\(denominator)" }

    /// Orders by value, exactly (no rounding, no overflow).
    public static func < (lhs: ExactRatio, rhs: ExactRatio) -> Bool {
        // Compare a/b < c/d as a·d < c·b in 128 bits: denominators are positive.
        let left = lhs.numerator.multipliedFullWidth(by: rhs.denominator)
        let right = rhs.numerator.multipliedFullWidth(by: lhs.denominator)
        return (left.high, left.low) < (right.high, right.low)
    }

    private func combined(with other: ExactRatio, subtracting: Bool) throws(ExactArithmeticError) -> ExactRatio {
        // a/b ± c/d = (a·(d/g) ± c·(b/g)) / (b/g·d) with g = gcd(b, d): the smallest
        // common denominator keeps intermediate values small.
        let divisor = Int64(Self.greatestCommonDivisor(denominator.magnitude, other.denominator.magnitude))
        let left = try Self.checkedProduct(numerator, other.denominator / divisor)
        let right = try Self.checkedProduct(other.numerator, denominator / divisor)
        let (sum, overflow) = subtracting ? left.subtractingReportingOverflow(right) : left.addingReportingOverflow(right)
        guard !overflow else { throw .overflow }
        let commonDenominator = try Self.checkedProduct(denominator / divisor, other.denominator)
        return try ExactRatio(sum, commonDenominator)
    }

    private static func checkedProduct(_ left: Int64, _ right: Int64) throws(ExactArithmeticError) -> Int64 {
        let (product, overflow) = left.multipliedReportingOverflow(by: right)
        guard !overflow else { throw .overflow }
        return product
    }

    private static func greatestCommonDivisor(_ first: UInt64, _ second: UInt64) -> UInt64 {
        var (a, b) = (first, second)
        while b != 0 { (a, b) = (b, a % b) }
        return a
    }
}

extension ExactRatio: ExpressibleByIntegerLiteral {
    /// A whole number written as a literal: `let twelve: ExactRatio = 12`.
    public init(integerLiteral value: Int64) { self.init(value) }
}
