/// Numbers: the formats hold whole numbers only, read without making a `String` for them.
extension JSONScanner {
    /// A JSON number as the formats take it.
    public enum Number: Sendable, Hashable {
        /// A whole number in the range of `Int64` (`-0` reads as 0).
        case integer(Int64)
        /// A whole number above `Int64.max` that fits in `UInt64`.
        case unsigned(UInt64)
        /// A fraction, an exponent, or a whole number out of range: valid JSON, not a value here.
        case other
    }

    /// A number in any valid JSON spelling.
    public mutating func number() throws(JSONReadFailure) -> Number {
        _ = try peek()
        let start = position
        if bytes[position] == UInt8(ascii: "-") { position += 1 }
        let digitsStart = position
        while position < bytes.count, bytes[position] &- 0x30 < 10 { position += 1 }
        guard position > digitsStart else { throw failure("expected a value") }
        guard bytes[digitsStart] != UInt8(ascii: "0") || position - digitsStart == 1 else { throw failure("a number with a leading zero") }
        var isWhole = true
        if position < bytes.count, bytes[position] == UInt8(ascii: ".") {
            isWhole = false
            position += 1
            let fraction = position
            while position < bytes.count, bytes[position] &- 0x30 < 10 { position += 1 }
            guard position > fraction else { throw failure("a number without digits after '.'") }
        }
        if position < bytes.count, bytes[position] == UInt8(ascii: "e") || bytes[position] == UInt8(ascii: "E") {
            isWhole = false
            position += 1
            if position < bytes.count, bytes[position] == UInt8(ascii: "+") || bytes[position] == UInt8(ascii: "-") { position += 1 }
            let exponent = position
            while position < bytes.count, bytes[position] &- 0x30 < 10 { position += 1 }
            guard position > exponent else { throw failure("a number without an exponent") }
        }
        // At most 20 digits can fit in a UInt64; the sum is checked for overflow.
        guard isWhole, position - digitsStart <= 20 else { return .other }
        var magnitude: UInt64 = 0
        for digit in bytes[digitsStart..<position] {
            let (times, overflow) = magnitude.multipliedReportingOverflow(by: 10)
            let (sum, carry) = times.addingReportingOverflow(UInt64(digit &- 0x30))
            guard !overflow, !carry else { return .other }
            magnitude = sum
        }
        if digitsStart == start {
            return magnitude <= UInt64(Int64.max) ? .integer(Int64(magnitude)) : .unsigned(magnitude)
        }
        if magnitude <= UInt64(Int64.max) + 1 { return .integer(magnitude == UInt64(Int64.max) + 1 ? .min : -Int64(magnitude)) }
        return .other
    }

    /// The number that comes next; `nil`, consuming nothing, when a value of another kind does.
    public mutating func numberIfAny() throws(JSONReadFailure) -> Number? {
        let next = try peek()
        guard next == UInt8(ascii: "-") || next &- 0x30 < 10 else { return nil }
        return try number()
    }

    /// A whole number in the range of `Int64`; `what` names it in refusals.
    public mutating func integer(_ what: @autoclosure () -> String) throws(JSONReadFailure) -> Int64 {
        guard case .integer(let number)? = try numberIfAny() else { throw failure("\(what()) must be a whole number") }
        return number
    }

    /// A whole number, 0 or more, in the range of `UInt64`; `what` names it in refusals.
    public mutating func unsigned(_ what: @autoclosure () -> String) throws(JSONReadFailure) -> UInt64 {
        switch try numberIfAny() {
        case .integer(let number)? where number >= 0: return UInt64(number)
        case .unsigned(let number)?: return number
        default: throw failure("\(what()) must be a whole number, 0 or more")
        }
    }

    /// Digits without a leading zero, in the range of `UInt64`, as the canonical writer
    /// writes a whole number; `nil` otherwise.
    public mutating func canonicalUnsigned() -> UInt64? {
        let start = position
        var number: UInt64 = 0
        while position < bytes.count, case let digit = bytes[position] &- 0x30, digit < 10 {
            let (times, overflow) = number.multipliedReportingOverflow(by: 10)
            let (sum, carry) = times.addingReportingOverflow(UInt64(digit))
            guard !overflow, !carry else { return nil }
            number = sum
            position += 1
        }
        guard position > start, bytes[start] != 0x30 || position - start == 1 else { return nil }
        // A fraction or an exponent: not a whole number as the canonical form writes one.
        if position < bytes.count, bytes[position] == UInt8(ascii: ".") || bytes[position] | 0x20 == UInt8(ascii: "e") { return nil }
        return number
    }

    /// A whole number in the range of `Int64` as the canonical writer writes it (not `-0`).
    public mutating func canonicalSigned() -> Int64? {
        let negative = position < bytes.count && bytes[position] == UInt8(ascii: "-")
        if negative { position += 1 }
        guard let magnitude = canonicalUnsigned() else { return nil }
        if negative {
            guard magnitude != 0, magnitude <= UInt64(Int64.max) + 1 else { return nil }
            return magnitude == UInt64(Int64.max) + 1 ? .min : -Int64(magnitude)
        }
        return magnitude <= UInt64(Int64.max) ? Int64(magnitude) : nil
    }
}
