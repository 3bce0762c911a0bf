/// Objects, arrays and the literals, read the general way, and the canonical way for
/// objects and arrays whose members the caller reads.
extension JSONScanner {
    /// Reads an object, calling `member` with each key to read that member's value; a
    /// key given twice is refused. `what` names the object in refusals ("dot must be an
    /// object", "the body has "changeSets" twice").
    public mutating func object(_ what: String, _ member: (inout JSONScanner, String) throws(JSONReadFailure) -> Void) throws(JSONReadFailure) {
        try object(what, refusingDuplicates: true, member)
    }

    private mutating func object(_ what: String, refusingDuplicates: Bool, _ member: (inout JSONScanner, String) throws(JSONReadFailure) -> Void) throws(JSONReadFailure) {
        guard try peek() == UInt8(ascii: "{") else { throw failure("\(what) must be an object") }
        try nest()
        defer { depth -= 1 }
        position += 1
        skipWhitespace()
        if position < bytes.count, bytes[position] == UInt8(ascii: "}") {
            position += 1
            return
        }
        // Objects of the formats have a handful of members, searched in a list; a hostile
        // one may have thousands, which go to a set instead of being compared pairwise.
        var keys: [String] = []
        var manyKeys: Set<String> = []
        while true {
            skipWhitespace()
            guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else { throw failure("expected a key") }
            let key = try string()
            if refusingDuplicates {
                if keys.count < 8 {
                    guard !keys.contains(key) else { throw failure("\(what) has \"\(key)\" twice") }
                    keys.append(key)
                } else {
                    if manyKeys.isEmpty { manyKeys = Set(keys) }
                    guard manyKeys.insert(key).inserted else { throw failure("\(what) has \"\(key)\" twice") }
                }
            }
            skipWhitespace()
            guard position < bytes.count, bytes[position] == UInt8(ascii: ":") else { throw failure("expected ':'") }
            position += 1
            skipWhitespace()
            try member(&self, key)
            skipWhitespace()
            guard position < bytes.count else { throw failure("the object is not closed") }
            if bytes[position] == UInt8(ascii: ",") { position += 1; continue }
            if bytes[position] == UInt8(ascii: "}") { position += 1; return }
            throw failure("expected ',' or '}'")
        }
    }

    /// Reads an array, calling `element` with each index to read that element, which
    /// starts at the position (whitespace before it skipped).
    public mutating func array(_ what: String, _ element: (inout JSONScanner, Int) throws(JSONReadFailure) -> Void) throws(JSONReadFailure) {
        guard try peek() == UInt8(ascii: "[") else { throw failure("\(what) must be an array") }
        try nest()
        defer { depth -= 1 }
        position += 1
        skipWhitespace()
        if position < bytes.count, bytes[position] == UInt8(ascii: "]") {
            position += 1
            return
        }
        var index = 0
        while true {
            skipWhitespace()
            try element(&self, index)
            index += 1
            skipWhitespace()
            guard position < bytes.count else { throw failure("the array is not closed") }
            if bytes[position] == UInt8(ascii: ",") { position += 1; continue }
            if bytes[position] == UInt8(ascii: "]") { position += 1; return }
            throw failure("expected ',' or ']'")
        }
    }

    /// Reads past a value of any kind, checking that it is JSON: members a reader does
    /// not know, which the formats ignore.
    public mutating func skipValue() throws(JSONReadFailure) {
        switch try peek() {
        case UInt8(ascii: "{"): try object("a value", refusingDuplicates: false) { scanner, _ throws(JSONReadFailure) in try scanner.skipValue() }
        case UInt8(ascii: "["): try array("a value") { scanner, _ throws(JSONReadFailure) in try scanner.skipValue() }
        case UInt8(ascii: "\""): _ = try string()
        case UInt8(ascii: "t"): try expect("true")
        case UInt8(ascii: "f"): try expect("false")
        case UInt8(ascii: "n"): try expect("null")
        default: _ = try number()
        }
    }

    /// Consumes a `null` if one comes next.
    public mutating func null() throws(JSONReadFailure) -> Bool {
        guard try peek() == UInt8(ascii: "n") else { return false }
        try expect("null")
        return true
    }

    /// `true` or `false`; `nil`, consuming nothing, when a value of another kind comes next.
    public mutating func bool() throws(JSONReadFailure) -> Bool? {
        switch try peek() {
        case UInt8(ascii: "t"): try expect("true"); return true
        case UInt8(ascii: "f"): try expect("false"); return false
        default: return nil
        }
    }

    /// `[element,…]` exactly as the canonical writer writes it, each element read by
    /// `element` (`nil`: not canonical); `false` at the first departure.
    public mutating func canonicalArray(_ element: (inout JSONScanner) -> Void?) -> Bool {
        guard literal("[") else { return false }
        if literal("]") { return true }
        while true {
            guard element(&self) != nil else { return false }
            if literal(",") { continue }
            return literal("]")
        }
    }

    /// `{"key":value,…}` exactly as the canonical writer writes it, keys ascending, each
    /// value read by `member` (`nil`: not canonical); `false` at the first departure.
    public mutating func canonicalObject(_ member: (inout JSONScanner, String) -> Void?) -> Bool {
        guard literal("{") else { return false }
        if literal("}") { return true }
        var previous: String?
        while true {
            guard let key = canonicalString(), previous.map({ $0 < key }) ?? true, literal(":"), member(&self, key) != nil else { return false }
            previous = key
            if literal(",") { continue }
            return literal("}")
        }
    }
}
