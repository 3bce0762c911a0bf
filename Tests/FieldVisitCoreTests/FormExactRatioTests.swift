import Testing
@testable import FieldVisitCore

@Suite("Exact ratios")
struct FormExactRatioTests {
    @Test("fractions are reduced, with the sign on the numerator")
    func reduction() throws {
        let ratio = try ExactRatio(6, -4)
        #expect(ratio.numerator == -3 && ratio.denominator == 2)
        #expect(try ExactRatio(-6, -4) == ExactRatio(3, 2))
        #expect(try ExactRatio(0, -7) == .zero)
        #expect(try ExactRatio(2, 4) == ExactRatio(1, 2))
        #expect(try ExactRatio(Int64.min, Int64.min) == .one)
        #expect(try ExactRatio(Int64.min, 2).numerator == Int64.min / 2)
        #expect(try ExactRatio(1, 3).description == "1/3")
    }

    @Test("division by zero and overflow are errors, never a trap")
    func errors() {
        #expect(throws: ExactArithmeticError.divisionByZero) { try ExactRatio(1, 0) }
        #expect(throws: ExactArithmeticError.divisionByZero) { try ExactRatio(5).divided(by: .zero) }
        #expect(throws: ExactArithmeticError.overflow) { try ExactRatio(Int64.min, -1) }
        #expect(throws: ExactArithmeticError.overflow) { try ExactRatio(1, Int64.min) }
        #expect(throws: ExactArithmeticError.overflow) { try ExactRatio(Int64.max).adding(1) }
        #expect(throws: ExactArithmeticError.overflow) { try ExactRatio(Int64.min).subtracting(1) }
        #expect(throws: ExactArithmeticError.overflow) { try ExactRatio(Int64.max).multiplied(by: 2) }
        #expect(throws: ExactArithmeticError.overflow) { try ExactRatio(1).divided(by: ExactRatio(Int64.min)) }
        #expect(throws: ExactArithmeticError.overflow) {
            try ExactRatio(1, Int64.max).adding(ExactRatio(1, Int64.max - 1))
        }
    }

    @Test("arithmetic is exact")
    func arithmetic() throws {
        let third = try ExactRatio(1, 3), sixth = try ExactRatio(1, 6)
        #expect(try third.adding(sixth) == ExactRatio(1, 2))
        #expect(try sixth.subtracting(third) == ExactRatio(-1, 6))
        #expect(try third.multiplied(by: ExactRatio(3, 4)) == ExactRatio(1, 4))
        #expect(try third.divided(by: ExactRatio(-2, 3)) == ExactRatio(-1, 2))
        // Cross-reduction keeps large but representable products representable.
        #expect(try ExactRatio(Int64.max, 3).multiplied(by: ExactRatio(3, Int64.max)) == .one)
        #expect(try ExactRatio(1, 3) < ExactRatio(1, 2))
        #expect(try ExactRatio(-1, 2) < .zero)
        #expect(try ExactRatio(Int64.max - 1, Int64.max) < .one)
    }

    /// (numerator, denominator, the nearest whole number with halves away from zero)
    static let roundings: [(Int64, Int64, Int64)] = [
        (5, 2, 3), (-5, 2, -3), (7, 3, 2), (-7, 3, -2), (1, 2, 1), (-1, 2, -1),
        (1, 3, 0), (-1, 3, 0), (0, 1, 0), (Int64.max, 1, Int64.max), (Int64.min, 1, Int64.min),
        (Int64.max, 2, Int64.max / 2 + 1), (Int64.min, 3, Int64.min / 3 - 1),
    ]

    @Test("rounding is half away from zero", arguments: roundings)
    func rounding(numerator: Int64, denominator: Int64, expected: Int64) throws {
        #expect(try ExactRatio(numerator, denominator).roundedHalfAwayFromZero() == expected)
    }

    @Test("rounding at a scale: tenths of a percent and thousands")
    func scaledRounding() throws {
        #expect(try ExactRatio(1, 3).roundedHalfAwayFromZero(scaledBy: 1000) == 333)
        #expect(try ExactRatio(2, 3).roundedHalfAwayFromZero(scaledBy: 1000) == 667)
        #expect(try ExactRatio(1, 2000).roundedHalfAwayFromZero(scaledBy: 1000) == 1)
        #expect(try ExactRatio(-1, 2000).roundedHalfAwayFromZero(scaledBy: 1000) == -1)
        #expect(try ExactRatio(1_234_500).roundedHalfAwayFromZero(scaledBy: ExactRatio(1, 1000)) == 1235)
        #expect(throws: ExactArithmeticError.overflow) { try ExactRatio(Int64.max).roundedHalfAwayFromZero(scaledBy: 1000) }
    }
}
