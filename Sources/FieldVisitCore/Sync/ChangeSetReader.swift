import Foundation

/// Reads change sets from JSON directly from the bytes, several times faster than
/// `JSONDecoder`, for the paths that read many: rebuilding a store from its log and
/// receiving a sync page.
///
/// Accepts any valid JSON for a change set (keys in any order, whitespace, `\u`
/// escapes), checks what the `Codable` form checks (record ids, replica ids, counters,
/// operation kinds), and refuses anything else with ``ChangeSetReader/Failure``; it
/// never traps on hostile input.
public struct ChangeSetReader {
    /// Why bytes are not a change set, with the byte offset where reading stopped.
    public struct Failure: Error, Sendable, Hashable, CustomStringConvertible {
        /// What is wrong.
        public var reason: String
        /// Where, in bytes from the start.
        public var offset: Int
        public var description: String { "not a valid change set at byte \(offset): \(reason)" }

        public init(reason: String, offset: Int) {
            self.reason = reason
            self.offset = offset
        }
    }

    /// Reads one change set.
    public static func read(_ data: Data) throws(Failure) -> ChangeSet {
        let bytes = [UInt8](data)
        var reader = ChangeSetReader(bytes: bytes)
        let value = try reader.parseDocument()
        return try reader.changeSet(from: value)
    }

    /// A JSON object holding a list of change sets under `changeSets` beside plain
    /// numbers and flags: a push body or a pull page.
    public struct Envelope: Sendable {
        /// The change sets, in order.
        public var changeSets: [ChangeSet]
        /// The whole-number members (a page's `cursor`).
        public var integers: [String: Int64]
        /// The true/false members (a page's `more`).
        public var flags: [String: Bool]
    }

    /// Reads an object with a `changeSets` array and other members that are whole
    /// numbers or true/false; anything else is refused.
    public static func readEnvelope(_ data: Data) throws(Failure) -> Envelope {
        var reader = ChangeSetReader(bytes: [UInt8](data))
        reader.envelope = Envelope(changeSets: [], integers: [:], flags: [:])
        let document = try reader.parseDocument()
        let members = try reader.members(document, "the body")
        guard case .array? = members["changeSets"] else { throw reader.failure("the body must have a \"changeSets\" array") }
        if let itemFailure = reader.itemFailure { throw itemFailure }
        var envelope = reader.envelope!
        for (key, value) in members.pairs where key != "changeSets" {
            switch value {
            case .integer(let number): envelope.integers[key] = number
            case .bool(let flag): envelope.flags[key] = flag
            default: throw reader.failure("\"\(key)\" must be a whole number or true/false")
            }
        }
        return envelope
    }

    /// Reads an object of field values as ``CanonicalJSONWriter`` writes a record's visible
    /// values: the local store's view rows hold them.
    public static func readValues(_ data: Data) throws(Failure) -> [String: FieldValue] {
        var reader = ChangeSetReader(bytes: [UInt8](data))
        let document = try reader.parseDocument()
        let members = try reader.members(document, "the values")
        var values: [String: FieldValue] = [:]
        values.reserveCapacity(members.pairs.count)
        for (field, value) in members.pairs { values[field] = try reader.fieldValue(value, field) }
        return values
    }

    // MARK: JSON values

    /// A parsed JSON value; objects keep their members in order.
    indirect enum Value {
        case null
        case bool(Bool)
        case integer(Int64)
        case unsigned(UInt64)
        case other(String)   // a number that is not a whole number in range
        case string(String)
        case array([Value])
        case object([(String, Value)])
    }

    private let bytes: [UInt8]
    private var position = 0
    private var depth = 0
    /// While reading an envelope: the change sets of its `changeSets` array, each
    /// converted as soon as it is read so that only one parse tree is alive at a time,
    /// and the first refusal among them (reported after the JSON itself is judged, as if
    /// the whole document had been parsed first).
    private var envelope: Envelope?
    private var itemFailure: Failure?
    /// Whether the envelope's `changeSets` array was met.
    private var changeSetsMet = false

    private init(bytes: [UInt8]) { self.bytes = bytes }

    private func failure(_ reason: String) -> Failure { Failure(reason: reason, offset: position) }

    private mutating func parseDocument() throws(Failure) -> Value {
        let value = try parseValue()
        skipWhitespace()
        guard position == bytes.count else { throw failure("unexpected bytes after the JSON value") }
        return value
    }

    private mutating func skipWhitespace() {
        while position < bytes.count, [0x20, 0x0A, 0x0D, 0x09].contains(bytes[position]) { position += 1 }
    }

    private mutating func parseValue() throws(Failure) -> Value {
        skipWhitespace()
        guard position < bytes.count else { throw failure("the JSON ends too early") }
        switch bytes[position] {
        case UInt8(ascii: "{"): return try parseObject()
        case UInt8(ascii: "["): return try parseArray()
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"): try expect("true"); return .bool(true)
        case UInt8(ascii: "f"): try expect("false"); return .bool(false)
        case UInt8(ascii: "n"): try expect("null"); return .null
        default: return try parseNumber()
        }
    }

    private mutating func expect(_ word: String) throws(Failure) {
        for byte in word.utf8 {
            guard position < bytes.count, bytes[position] == byte else { throw failure("expected \(word)") }
            position += 1
        }
    }

    private mutating func nest() throws(Failure) {
        depth += 1
        // Change sets are shallow; a deep nesting is hostile, not data.
        guard depth <= 32 else { throw failure("nested too deeply") }
    }

    private mutating func parseObject() throws(Failure) -> Value {
        try nest()
        defer { depth -= 1 }
        position += 1
        var members: [(String, Value)] = []
        skipWhitespace()
        if position < bytes.count, bytes[position] == UInt8(ascii: "}") {
            position += 1
            return .object(members)
        }
        while true {
            skipWhitespace()
            guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else { throw failure("expected a key") }
            let key = try parseString()
            skipWhitespace()
            guard position < bytes.count, bytes[position] == UInt8(ascii: ":") else { throw failure("expected ':'") }
            position += 1
            skipWhitespace()
            if depth == 1, envelope != nil, !changeSetsMet, key == "changeSets", position < bytes.count, bytes[position] == UInt8(ascii: "[") {
                changeSetsMet = true
                members.append((key, try parseArray(convertingChangeSets: true)))
            } else {
                members.append((key, try parseValue()))
            }
            skipWhitespace()
            guard position < bytes.count else { throw failure("the object is not closed") }
            if bytes[position] == UInt8(ascii: ",") { position += 1; continue }
            if bytes[position] == UInt8(ascii: "}") { position += 1; return .object(members) }
            throw failure("expected ',' or '}'")
        }
    }

    /// Reads an array; with `convertingChangeSets` (an envelope's `changeSets`), each
    /// element is converted into ``envelope`` once read, not kept, and after the first
    /// refusal the rest are only parsed.
    private mutating func parseArray(convertingChangeSets: Bool = false) throws(Failure) -> Value {
        try nest()
        defer { depth -= 1 }
        position += 1
        var elements: [Value] = []
        skipWhitespace()
        if position < bytes.count, bytes[position] == UInt8(ascii: "]") {
            position += 1
            return .array(elements)
        }
        var index = 0
        while true {
            let element = try parseValue()
            if !convertingChangeSets {
                elements.append(element)
            } else if itemFailure == nil {
                do {
                    envelope!.changeSets.append(try changeSet(from: element))
                } catch {
                    itemFailure = Failure(reason: "changeSets[\(index)]: \(error.reason)", offset: error.offset)
                }
            }
            index += 1
            skipWhitespace()
            guard position < bytes.count else { throw failure("the array is not closed") }
            if bytes[position] == UInt8(ascii: ",") { position += 1; continue }
            if bytes[position] == UInt8(ascii: "]") { position += 1; return .array(elements) }
            throw failure("expected ',' or ']'")
        }
    }

    private mutating func parseString() throws(Failure) -> String {
        position += 1
        let start = position
        // Fast path: no escapes.
        var union: UInt8 = 0
        while position < bytes.count, bytes[position] != UInt8(ascii: "\""), bytes[position] != UInt8(ascii: "\\") {
            guard bytes[position] >= 0x20 else { throw failure("a control character in a string") }
            union |= bytes[position]
            position += 1
        }
        guard position < bytes.count else { throw failure("the string is not closed") }
        var scalars = bytes[start..<position]
        if bytes[position] == UInt8(ascii: "\"") {
            position += 1
            if union < 0x80 {
                // ASCII is valid UTF-8: no need for the (generic, slower) validating initialiser.
                return bytes.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[start..<position - 1]), as: UTF8.self) }
            }
            guard let text = String(validating: scalars, as: UTF8.self) else { throw failure("a string is not valid UTF-8") }
            return text
        }
        var buffer = Array(scalars)
        scalars = []
        while position < bytes.count {
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") {
                position += 1
                guard let text = String(validating: buffer, as: UTF8.self) else { throw failure("a string is not valid UTF-8") }
                return text
            }
            guard byte >= 0x20 else { throw failure("a control character in a string") }
            if byte != UInt8(ascii: "\\") {
                buffer.append(byte)
                position += 1
                continue
            }
            position += 1
            guard position < bytes.count else { break }
            let escape = bytes[position]
            position += 1
            switch escape {
            case UInt8(ascii: "\""): buffer.append(0x22)
            case UInt8(ascii: "\\"): buffer.append(0x5C)
            case UInt8(ascii: "/"): buffer.append(0x2F)
            case UInt8(ascii: "b"): buffer.append(0x08)
            case UInt8(ascii: "f"): buffer.append(0x0C)
            case UInt8(ascii: "n"): buffer.append(0x0A)
            case UInt8(ascii: "r"): buffer.append(0x0D)
            case UInt8(ascii: "t"): buffer.append(0x09)
            case UInt8(ascii: "u"):
                var code = try parseHex4()
                if (0xD800..<0xDC00).contains(code) {
                    // A high surrogate must be followed by a low one.
                    guard position + 1 < bytes.count, bytes[position] == UInt8(ascii: "\\"), bytes[position + 1] == UInt8(ascii: "u") else {
                        throw failure("a lone surrogate in a string")
                    }
                    position += 2
                    let low = try parseHex4()
                    guard (0xDC00..<0xE000).contains(low) else { throw failure("a lone surrogate in a string") }
                    code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                } else if (0xDC00..<0xE000).contains(code) {
                    throw failure("a lone surrogate in a string")
                }
                guard let scalar = Unicode.Scalar(code) else { throw failure("an invalid \\u escape") }
                buffer.append(contentsOf: String(Character(scalar)).utf8)
            default:
                throw failure("an invalid escape in a string")
            }
        }
        throw failure("the string is not closed")
    }

    private mutating func parseHex4() throws(Failure) -> UInt32 {
        guard position + 4 <= bytes.count else { throw failure("a short \\u escape") }
        var code: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[position]
            let digit: UInt32
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(byte - UInt8(ascii: "A") + 10)
            default: throw failure("an invalid \\u escape")
            }
            code = code << 4 | digit
            position += 1
        }
        return code
    }

    private mutating func parseNumber() throws(Failure) -> Value {
        let start = position
        if position < bytes.count, bytes[position] == UInt8(ascii: "-") { position += 1 }
        let digitsStart = position
        while position < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[position]) { position += 1 }
        guard position > digitsStart else { throw failure("expected a value") }
        guard bytes[digitsStart] != UInt8(ascii: "0") || position - digitsStart == 1 else { throw failure("a number with a leading zero") }
        var isWhole = true
        if position < bytes.count, bytes[position] == UInt8(ascii: ".") {
            isWhole = false
            position += 1
            let fraction = position
            while position < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[position]) { position += 1 }
            guard position > fraction else { throw failure("a number without digits after '.'") }
        }
        if position < bytes.count, bytes[position] == UInt8(ascii: "e") || bytes[position] == UInt8(ascii: "E") {
            isWhole = false
            position += 1
            if position < bytes.count, bytes[position] == UInt8(ascii: "+") || bytes[position] == UInt8(ascii: "-") { position += 1 }
            let exponent = position
            while position < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[position]) { position += 1 }
            guard position > exponent else { throw failure("a number without an exponent") }
        }
        let text = String(decoding: bytes[start..<position], as: UTF8.self)
        if isWhole {
            if let number = Int64(text) { return .integer(number) }
            if let number = UInt64(text) { return .unsigned(number) }
        }
        return .other(text)
    }

    // MARK: Change sets

    /// An object's members, looked up by a linear search: change-set objects have a
    /// handful of keys, and a dictionary per object cost more than the search.
    private struct Members {
        let pairs: [(String, Value)]

        subscript(key: String) -> Value? {
            for (name, value) in pairs where name == key { return value }
            return nil
        }
    }

    private func members(_ value: Value, _ what: String) throws(Failure) -> Members {
        guard case .object(let pairs) = value else { throw failure("\(what) must be an object") }
        for index in pairs.indices {
            for earlier in 0..<index where pairs[earlier].0 == pairs[index].0 {
                throw failure("\(what) has \"\(pairs[index].0)\" twice")
            }
        }
        return Members(pairs: pairs)
    }

    private func string(_ value: Value?, _ what: String) throws(Failure) -> String {
        guard case .string(let text)? = value else { throw failure("\(what) must be a string") }
        return text
    }

    private func unsigned(_ value: Value?, _ what: String) throws(Failure) -> UInt64 {
        switch value {
        case .integer(let number)? where number >= 0: return UInt64(number)
        case .unsigned(let number)?: return number
        default: throw failure("\(what) must be a whole number, 0 or more")
        }
    }

    private func replica(_ text: String) throws(Failure) -> ReplicaID {
        guard let replica = ReplicaID(text) else { throw failure("\"\(text)\" is not a replica id (a UUID)") }
        return replica
    }

    private func clock(_ value: Value?, _ what: String) throws(Failure) -> VectorClock {
        guard case .object(let pairs)? = value else { throw failure("\(what) must be an object") }
        var clock = VectorClock()
        var seen: Set<String> = []
        for (key, member) in pairs {
            guard seen.insert(key).inserted else { throw failure("\(what) has \"\(key)\" twice") }
            let counter = try unsigned(member, "a counter")
            guard counter >= 1 else { throw failure("counter of \(key) must be at least 1") }
            clock.include(Dot(replica: try replica(key), counter: counter))
        }
        return clock
    }

    private func fieldValue(_ value: Value?, _ what: String) throws(Failure) -> FieldValue {
        switch value {
        case .null?: return .null
        case .bool(let flag)?: return .bool(flag)
        case .integer(let number)?: return .integer(number)
        case .string(let text)?: return .text(text)
        case nil: throw failure("\(what) is missing")
        default: throw failure("\(what) must be null, true/false, a whole number or a string")
        }
    }

    private func changeSet(from value: Value) throws(Failure) -> ChangeSet {
        let object = try members(value, "a change set")
        let dotObject = try members(object["dot"] ?? .null, "dot")
        let dot = Dot(replica: try replica(try string(dotObject["replica"], "dot.replica")), counter: try unsigned(dotObject["counter"], "dot.counter"))
        let timeObject = try members(object["timestamp"] ?? .null, "timestamp")
        guard case .integer(let time)? = timeObject["time"] else { throw failure("timestamp.time must be a whole number") }
        let logical = try unsigned(timeObject["logical"], "timestamp.logical")
        guard logical <= UInt64(UInt32.max) else { throw failure("timestamp.logical is too large") }
        guard case .array(let list)? = object["operations"] else { throw failure("operations must be an array") }
        var operations: [ChangeSet.Operation] = []
        operations.reserveCapacity(list.count)
        for element in list { operations.append(try operation(from: element)) }
        return ChangeSet(
            dot: dot, author: try string(object["author"], "author"), timestamp: HybridTimestamp(time: time, logical: UInt32(logical)),
            dependencies: try clock(object["dependencies"], "dependencies"), operations: operations
        )
    }

    private func operation(from value: Value) throws(Failure) -> ChangeSet.Operation {
        let object = try members(value, "an operation")
        let idText = try string(object["id"], "id")
        guard RecordID.isWellFormed(idText) else { throw failure("\"\(idText)\" is not a record id") }
        let key = EntityKey(RecordType(rawValue: try string(object["type"], "type")), RecordID(rawValue: idText))
        switch try string(object["op"], "op") {
        case "set":
            return .set(key, field: try string(object["field"], "field"), value: try fieldValue(object["value"], "a set operation's value (null clears the field)"))
        case "add":
            return .add(key, field: try string(object["field"], "field"), element: try fieldValue(object["element"], "element"))
        case "remove":
            return .remove(key, field: try string(object["field"], "field"), element: try fieldValue(object["element"], "element"))
        case "delete":
            return .delete(key, version: try clock(object["version"], "version"))
        case "restore":
            return .restore(key)
        case "approve":
            return .approve(key, version: try clock(object["version"], "version"))
        case let other:
            throw failure("\"\(other)\" is not an operation; use set, add, remove, delete, restore or approve")
        }
    }
}
