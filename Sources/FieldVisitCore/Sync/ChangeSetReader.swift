import Foundation

/// Reads change sets from JSON directly from the bytes, several times faster than
/// `JSONDecoder`, for the paths that read many: rebuilding a store from its log and
/// receiving a sync page.
///
/// Accepts any valid JSON for a change set (keys in any order, whitespace, `\u`
/// escapes), checks what the `Codable` form checks (record ids, replica ids, counters,
/// operation kinds), and refuses anything else with ``ChangeSetReader/Failure``; it
/// never traps on hostile input. A change set in exactly the canonical form, which is
/// what clients and servers send, is read straight into its value; any other spelling
/// goes through a tree of JSON values first.
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
        if let change = reader.canonicalChangeSet(), reader.position == bytes.count { return change }
        reader.position = 0
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
        /// With `keepingCanonicalBodies`, one entry per change set: the bytes it was
        /// received as when they are exactly its canonical JSON
        /// (`CanonicalJSONWriter.encode`), `nil` when they are not; otherwise empty.
        public var canonicalBodies: [Data?] = []
    }

    /// Reads an object with a `changeSets` array; of its other members, whole numbers
    /// and true/false are kept and the rest ignored.
    ///
    /// - Parameter keepingCanonicalBodies: also keep each change set's bytes when they
    ///   are its canonical form, so that a store can keep them as they are instead of
    ///   encoding the change set again.
    public static func readEnvelope(_ data: Data, keepingCanonicalBodies: Bool = false) throws(Failure) -> Envelope {
        var reader = ChangeSetReader(bytes: [UInt8](data))
        reader.envelope = Envelope(changeSets: [], integers: [:], flags: [:])
        reader.judgesCanonicalForm = keepingCanonicalBodies
        let document = try reader.parseDocument()
        let members = try reader.members(document, "the body")
        guard case .array? = members["changeSets"] else { throw reader.failure("the body must have a \"changeSets\" array") }
        if let itemFailure = reader.itemFailure { throw itemFailure }
        var envelope = reader.envelope!
        // Other members are ignored, as the contract says of unknown keys; only whole
        // numbers and flags are kept, for the readers that know them.
        for (key, value) in members.pairs where key != "changeSets" {
            switch value {
            case .integer(let number): envelope.integers[key] = number
            case .bool(let flag): envelope.flags[key] = flag
            default: break
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
    enum Value {
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
    /// Whether to tell, for each change set of an envelope, if its bytes are canonical.
    private var judgesCanonicalForm = false
    /// While `judgesCanonicalForm`: whether the change set being read has kept the
    /// canonical form so far (no whitespace, keys in ascending byte order, only the
    /// escapes the canonical writer makes). Anything in doubt clears it: that only
    /// costs encoding the change set again.
    private var lexicallyCanonical = true

    private init(bytes: [UInt8]) { self.bytes = bytes }

    private func failure(_ reason: String) -> Failure { Failure(reason: reason, offset: position) }

    private mutating func parseDocument() throws(Failure) -> Value {
        let value = try parseValue()
        skipWhitespace()
        guard position == bytes.count else { throw failure("unexpected bytes after the JSON value") }
        return value
    }

    private mutating func skipWhitespace() {
        let start = position
        while position < bytes.count, [0x20, 0x0A, 0x0D, 0x09].contains(bytes[position]) { position += 1 }
        if position != start { lexicallyCanonical = false }
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
        // Objects of change sets have at most a handful of members: one allocation, not four.
        members.reserveCapacity(8)
        skipWhitespace()
        if position < bytes.count, bytes[position] == UInt8(ascii: "}") {
            position += 1
            return .object(members)
        }
        var previousKey: Range<Int>?
        while true {
            skipWhitespace()
            guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else { throw failure("expected a key") }
            let keyStart = position + 1
            let key = try parseString()
            if judgesCanonicalForm {
                // The canonical form sorts keys; with no escapes (else already not
                // canonical), comparing the bytes between the quotes is comparing the keys.
                let keyBytes = keyStart..<position - 1
                if let previousKey, !bytes[previousKey].lexicographicallyPrecedes(bytes[keyBytes]) { lexicallyCanonical = false }
                previousKey = keyBytes
            }
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
        if !convertingChangeSets { elements.reserveCapacity(8) }
        skipWhitespace()
        if position < bytes.count, bytes[position] == UInt8(ascii: "]") {
            position += 1
            return .array(elements)
        }
        var index = 0
        while true {
            skipWhitespace()
            let start = position
            if convertingChangeSets, itemFailure == nil {
                if let change = canonicalChangeSet() {
                    envelope!.changeSets.append(change)
                    if judgesCanonicalForm { envelope!.canonicalBodies.append(Data(bytes[start..<position])) }
                    index += 1
                    skipWhitespace()
                    guard position < bytes.count else { throw failure("the array is not closed") }
                    if bytes[position] == UInt8(ascii: ",") { position += 1; continue }
                    if bytes[position] == UInt8(ascii: "]") { position += 1; return .array(elements) }
                    throw failure("expected ',' or ']'")
                }
                position = start
            }
            // Judged per change set: arrays inside one (its operations) leave it as it is.
            if convertingChangeSets { lexicallyCanonical = true }
            let element = try parseValue()
            if !convertingChangeSets {
                elements.append(element)
            } else if itemFailure == nil {
                do {
                    let change = try changeSet(from: element)
                    envelope!.changeSets.append(change)
                    if judgesCanonicalForm {
                        let isCanonical = lexicallyCanonical && Self.hasCanonicalShape(element, change)
                        envelope!.canonicalBodies.append(isCanonical ? Data(bytes[start..<position]) : nil)
                    }
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
        let (end, hasNonASCII) = bytes.withUnsafeBytes { PlainTextScan.plainRun($0, from: start) }
        position = end
        guard position < bytes.count else { throw failure("the string is not closed") }
        guard bytes[position] >= 0x20 else { throw failure("a control character in a string") }
        var scalars = bytes[start..<position]
        if bytes[position] == UInt8(ascii: "\"") {
            position += 1
            if !hasNonASCII {
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
            if judgesCanonicalForm, !Self.isCanonicalEscape(bytes[(position - 1)...].prefix(5)) { lexicallyCanonical = false }
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
        // "-0" reads as 0, which is written "0".
        if bytes[start] == UInt8(ascii: "-"), position - start == 2, bytes[start + 1] == UInt8(ascii: "0") { lexicallyCanonical = false }
        if isWhole, position - digitsStart <= 19 {
            // At most 19 digits fit in a UInt64 without overflow: no String made for them.
            var magnitude: UInt64 = 0
            for digit in bytes[digitsStart..<position] { magnitude = magnitude * 10 + UInt64(digit &- 0x30) }
            if digitsStart == start {
                return magnitude <= UInt64(Int64.max) ? .integer(Int64(magnitude)) : .unsigned(magnitude)
            }
            if magnitude <= UInt64(Int64.max) { return .integer(-Int64(magnitude)) }
        }
        let text = String(decoding: bytes[start..<position], as: UTF8.self)
        if isWhole {
            if let number = Int64(text) { return .integer(number) }
            if let number = UInt64(text) { return .unsigned(number) }
        }
        return .other(text)
    }

    // MARK: Canonical form, read directly

    /// Reads a change set written exactly in the canonical form, straight into its
    /// value: no tree of JSON values, no lookups of members by name. Returns `nil` at
    /// the first byte that departs from that form (whitespace, another member order, an
    /// escape the canonical writer does not make, anything invalid), leaving the caller
    /// to read the element again from its start the general way, which accepts any
    /// valid spelling and words every refusal. What it returns is what the general way
    /// returns for the same bytes, and those bytes are the change set's canonical JSON.
    private mutating func canonicalChangeSet() -> ChangeSet? {
        guard literal(#"{"author":"#), let author = canonicalString(),
              literal(#","dependencies":"#), let dependencies = canonicalClock(),
              literal(#","dot":{"counter":"#), let counter = canonicalUnsigned(), counter <= ChangeSetLimits.maxCounter,
              literal(#","replica":"#), let replica = canonicalReplica(), literal(#"}"#),
              literal(#","operations":["#)
        else { return nil }
        var operations: [ChangeSet.Operation] = []
        if !literal("]") {
            while true {
                guard let operation = canonicalOperation() else { return nil }
                operations.append(operation)
                if literal(",") { continue }
                guard literal("]") else { return nil }
                break
            }
        }
        guard literal(#","timestamp":{"logical":"#), let logical = canonicalUnsigned(), logical <= UInt64(UInt32.max),
              literal(#","time":"#), let time = canonicalSigned(), (0...ChangeSetLimits.latestTime).contains(time), literal("}}")
        else { return nil }
        return ChangeSet(dot: Dot(replica: replica, counter: counter), author: author, timestamp: HybridTimestamp(time: time, logical: UInt32(logical)),
                         dependencies: dependencies, operations: operations)
    }

    /// One operation, its members in the canonical (sorted) order of its kind.
    private mutating func canonicalOperation() -> ChangeSet.Operation? {
        guard literal(#"{""#) else { return nil }
        if literal(#"element":"#) {
            guard let element = canonicalValue(), literal(#","field":"#), let field = canonicalString(),
                  literal(#","id":"#), let id = canonicalRecordID(), literal(#","op":""#)
            else { return nil }
            let isAdd = literal(#"add""#)
            guard isAdd || literal(#"remove""#), literal(#","type":"#), let type = canonicalString(), literal("}") else { return nil }
            let key = EntityKey(RecordType(rawValue: type), id)
            return isAdd ? .add(key, field: field, element: element) : .remove(key, field: field, element: element)
        }
        if literal(#"field":"#) {
            guard let field = canonicalString(), literal(#","id":"#), let id = canonicalRecordID(), literal(#","op":"set","type":"#),
                  let type = canonicalString(), literal(#","value":"#), let value = canonicalValue(), literal("}")
            else { return nil }
            return .set(EntityKey(RecordType(rawValue: type), id), field: field, value: value)
        }
        guard literal(#"id":"#), let id = canonicalRecordID(), literal(#","op":""#) else { return nil }
        let kind = literal(#"delete""#) ? 0 : literal(#"approve""#) ? 1 : literal(#"restore""#) ? 2 : -1
        guard kind >= 0, literal(#","type":"#), let type = canonicalString() else { return nil }
        let key = EntityKey(RecordType(rawValue: type), id)
        if kind == 2 { return literal("}") ? .restore(key) : nil }
        guard literal(#","version":"#), let version = canonicalClock(), literal("}") else { return nil }
        return kind == 0 ? .delete(key, version: version) : .approve(key, version: version)
    }

    // MARK: Registers in the canonical form

    /// Reads records' registers from a server's snapshot as ``CanonicalJSONWriter``
    /// writes it, `{"cursor":…,"records":[{"id":…,"state":{…},"type":…},…]}`,
    /// straight into values; `nil` at the first byte that departs from that form, and
    /// the caller reads the bytes the general way (`JSONDecoder`), which words every
    /// refusal. What it returns is what the general way returns for the same bytes.
    public static func readCanonicalSnapshot(_ data: Data) -> (records: [(key: EntityKey, state: EntityState)], cursor: Int64)? {
        var reader = ChangeSetReader(bytes: [UInt8](data))
        guard reader.literal(#"{"cursor":"#), let cursor = reader.canonicalSigned(), reader.literal(#","records":["#) else { return nil }
        var records: [(key: EntityKey, state: EntityState)] = []
        if !reader.literal("]") {
            while true {
                guard reader.literal(#"{"id":"#), let id = reader.canonicalRecordID(), reader.literal(#","state":"#),
                      let state = reader.canonicalState(), reader.literal(#","type":"#), let type = reader.canonicalString(), reader.literal("}")
                else { return nil }
                records.append((EntityKey(RecordType(rawValue: type), id), state))
                if reader.literal(",") { continue }
                guard reader.literal("]") else { return nil }
                break
            }
        }
        guard reader.literal("}"), reader.position == reader.bytes.count else { return nil }
        return (records, cursor)
    }

    /// `{"approval":[…],"fields":{…},"sets":{…},"tombstone":[…]}`.
    private mutating func canonicalState() -> EntityState? {
        var state = EntityState()
        guard literal(#"{"approval":"#),
              canonicalArray({ reader in reader.canonicalSibling { $0.canonicalClock() }.map { state.restoreApproval($0) } }),
              literal(#","fields":"#),
              canonicalObject({ reader, field in
                  reader.canonicalArray { reader in reader.canonicalSibling { $0.canonicalValue() }.map { state.restore($0, field: field) } }
              }),
              literal(#","sets":"#),
              canonicalObject({ reader, field in
                  reader.canonicalArray { reader in
                      guard reader.literal(#"{"dots":"#) else { return nil }
                      var dots: [Dot] = []
                      guard reader.canonicalArray({ reader in reader.canonicalDot().map { dots.append($0) } }),
                            reader.literal(#","element":"#), let element = reader.canonicalValue(), reader.literal("}")
                      else { return nil }
                      for dot in dots { state.restore(element: element, dot: dot, field: field) }
                      return ()
                  }
              }),
              literal(#","tombstone":"#),
              canonicalArray({ reader in
                  reader.canonicalSibling { reader -> Tombstone? in
                      guard reader.literal(#"{"deleted":"#) else { return nil }
                      let deleted = reader.literal("true")
                      guard deleted || reader.literal("false"), reader.literal(#","version":"#), let version = reader.canonicalClock(), reader.literal("}")
                      else { return nil }
                      return Tombstone(isDeleted: deleted, version: version)
                  }.map { state.restoreTombstone($0) }
              }),
              literal("}")
        else { return nil }
        return state
    }

    /// `[element,…]`, each read by `element` (`nil`: not canonical).
    private mutating func canonicalArray(_ element: (inout ChangeSetReader) -> Void?) -> Bool {
        guard literal("[") else { return false }
        if literal("]") { return true }
        while true {
            guard element(&self) != nil else { return false }
            if literal(",") { continue }
            return literal("]")
        }
    }

    /// `{"key":value,…}`, keys in ascending order as the canonical form sorts them, each
    /// value read by `member` (`nil`: not canonical).
    private mutating func canonicalObject(_ member: (inout ChangeSetReader, String) -> Void?) -> Bool {
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

    /// `{"counter":…,"replica":…}`.
    private mutating func canonicalDot() -> Dot? {
        guard literal(#"{"counter":"#), let counter = canonicalUnsigned(), literal(#","replica":"#), let replica = canonicalReplica(), literal("}")
        else { return nil }
        return Dot(replica: replica, counter: counter)
    }

    /// `{"author":…,"dot":…,"timestamp":…,"value":…}`, the value read by `value`.
    private mutating func canonicalSibling<Value>(_ value: (inout ChangeSetReader) -> Value?) -> Sibling<Value>? {
        guard literal(#"{"author":"#), let author = canonicalString(), literal(#","dot":"#), let dot = canonicalDot(),
              literal(#","timestamp":{"logical":"#), let logical = canonicalUnsigned(), logical <= UInt64(UInt32.max),
              literal(#","time":"#), let time = canonicalSigned(), literal(#"},"value":"#), let read = value(&self), literal("}")
        else { return nil }
        return Sibling(dot: dot, value: read, timestamp: HybridTimestamp(time: time, logical: UInt32(logical)), author: author)
    }

    /// Consumes `text` if the bytes at the position spell it.
    private mutating func literal(_ text: StaticString) -> Bool {
        let count = text.utf8CodeUnitCount
        guard position + count <= bytes.count else { return false }
        let start = text.utf8Start
        for index in 0..<count where bytes[position + index] != start[index] { return false }
        position += count
        return true
    }

    /// A string with only the escapes the canonical writer makes.
    private mutating func canonicalString() -> String? {
        guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else { return nil }
        let start = position + 1
        let (end, hasNonASCII) = bytes.withUnsafeBytes { PlainTextScan.plainRun($0, from: start) }
        guard end < bytes.count else { return nil }
        if bytes[end] == UInt8(ascii: "\"") {
            position = end + 1
            if !hasNonASCII { return bytes.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[start..<end]), as: UTF8.self) } }
            return String(validating: bytes[start..<end], as: UTF8.self)
        }
        var buffer = Array(bytes[start..<end])
        var index = end
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                position = index + 1
                return String(validating: buffer, as: UTF8.self)
            }
            guard byte >= 0x20 else { return nil }
            guard byte == UInt8(ascii: "\\") else {
                buffer.append(byte)
                index += 1
                continue
            }
            guard index + 1 < bytes.count, Self.isCanonicalEscape(bytes[(index + 1)...].prefix(5)) else { return nil }
            switch bytes[index + 1] {
            case UInt8(ascii: "\""): buffer.append(0x22)
            case UInt8(ascii: "\\"): buffer.append(0x5C)
            case UInt8(ascii: "n"): buffer.append(0x0A)
            case UInt8(ascii: "r"): buffer.append(0x0D)
            case UInt8(ascii: "t"): buffer.append(0x09)
            case UInt8(ascii: "b"): buffer.append(0x08)
            case UInt8(ascii: "f"): buffer.append(0x0C)
            default:
                // `\u00xx`, lowercase, a control character (checked above).
                let high = bytes[index + 4] == UInt8(ascii: "1") ? 16 : 0
                let low = bytes[index + 5]
                buffer.append(UInt8(high) + (low <= UInt8(ascii: "9") ? low - 0x30 : low - 0x57))
                index += 4
            }
            index += 2
        }
        return nil
    }

    /// A record id that ``RecordID/isWellFormed(_:)`` accepts.
    private mutating func canonicalRecordID() -> RecordID? {
        guard let text = canonicalString(), RecordID.isWellFormed(text) else { return nil }
        return RecordID(rawValue: text)
    }

    /// Digits without a leading zero, in the range of `UInt64`.
    private mutating func canonicalUnsigned() -> UInt64? {
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
        if position < bytes.count, [UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E")].contains(bytes[position]) { return nil }
        return number
    }

    /// A whole number in the range of `Int64` (not `-0`).
    private mutating func canonicalSigned() -> Int64? {
        let negative = position < bytes.count && bytes[position] == UInt8(ascii: "-")
        if negative { position += 1 }
        guard let magnitude = canonicalUnsigned() else { return nil }
        if negative {
            guard magnitude != 0, magnitude <= UInt64(Int64.max) + 1 else { return nil }
            return magnitude == UInt64(Int64.max) + 1 ? .min : -Int64(magnitude)
        }
        return magnitude <= UInt64(Int64.max) ? Int64(magnitude) : nil
    }

    /// A field value: null, true, false, a whole number or a string.
    private mutating func canonicalValue() -> FieldValue? {
        guard position < bytes.count else { return nil }
        switch bytes[position] {
        case UInt8(ascii: "\""): return canonicalString().map(FieldValue.text)
        case UInt8(ascii: "n"): return literal("null") ? .null : nil
        case UInt8(ascii: "t"): return literal("true") ? .bool(true) : nil
        case UInt8(ascii: "f"): return literal("false") ? .bool(false) : nil
        default: return canonicalSigned().map(FieldValue.integer)
        }
    }

    /// A replica id as the canonical form writes it: a quoted lowercase UUID.
    private mutating func canonicalReplica() -> ReplicaID? {
        guard position + 38 <= bytes.count, bytes[position] == UInt8(ascii: "\""), bytes[position + 37] == UInt8(ascii: "\""),
              // Uppercase is read elsewhere, but it is not the canonical spelling.
              let replica = ReplicaID.scan(bytes[position + 1..<position + 37], uppercase: false)
        else { return nil }
        position += 38
        return replica
    }

    /// A clock: entries in ascending replica order, counters from 1.
    private mutating func canonicalClock() -> VectorClock? {
        guard literal("{") else { return nil }
        if literal("}") { return VectorClock() }
        var entries: [VectorClock.Entry] = []
        while true {
            guard entries.count < ChangeSetLimits.maxClockEntries, let replica = canonicalReplica(), literal(":"),
                  let counter = canonicalUnsigned(), (1...ChangeSetLimits.maxCounter).contains(counter)
            else { return nil }
            if let previous = entries.last?.replica, !(previous < replica) { return nil }
            entries.append(VectorClock.Entry(replica: replica, counter: counter))
            if literal(",") { continue }
            // Ascending and checked already: the clock takes them as they are.
            return literal("}") ? VectorClock(ascendingEntries: entries) : nil
        }
    }

    // MARK: Canonical form

    /// Whether an escape (the bytes after the backslash) is one the canonical writer
    /// makes: `\"`, `\\`, `\n`, `\r`, `\t`, `\b`, `\f`, and `\u00xx` in lowercase hex
    /// for the other control characters. `\/` or `\u0041` read the same but are written otherwise.
    private static func isCanonicalEscape(_ escape: ArraySlice<UInt8>) -> Bool {
        guard let first = escape.first else { return false }
        switch first {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"), UInt8(ascii: "b"), UInt8(ascii: "f"):
            return true
        case UInt8(ascii: "u"):
            let digits = Array(escape.dropFirst())
            guard digits.count == 4, digits[0] == 0x30, digits[1] == 0x30 else { return false }
            let lowHex = Array("0123456789abcdef".utf8)
            guard (digits[2] == 0x30 || digits[2] == 0x31), let low = lowHex.firstIndex(of: digits[3]) else { return false }
            let code = (digits[2] == 0x31 ? 16 : 0) + low
            // These have short escapes, which the writer uses instead.
            return ![0x08, 0x09, 0x0A, 0x0C, 0x0D].contains(code)
        default:
            return false
        }
    }

    /// Whether the parsed change set's objects hold exactly the members its canonical
    /// form writes (nothing the conversion ignored), replica ids in lowercase, and
    /// clocks with one member per entry in entry order. With ``lexicallyCanonical``, the
    /// bytes read are then those ``CanonicalJSONWriter`` writes for `change`.
    private static func hasCanonicalShape(_ value: Value, _ change: ChangeSet) -> Bool {
        guard case .object(let members) = value, members.count == 5,
              case .object(let dot)? = members.first(where: { $0.0 == "dot" })?.1, dot.count == 2,
              case .string(let replica)? = dot.first(where: { $0.0 == "replica" })?.1, isCanonicalText(replica, of: change.dot.replica),
              case .object(let timestamp)? = members.first(where: { $0.0 == "timestamp" })?.1, timestamp.count == 2,
              case .object(let dependencies)? = members.first(where: { $0.0 == "dependencies" })?.1,
              hasCanonicalShape(dependencies, change.dependencies),
              case .array(let operations)? = members.first(where: { $0.0 == "operations" })?.1, operations.count == change.operations.count
        else { return false }
        for (element, operation) in zip(operations, change.operations) {
            guard case .object(let fields) = element else { return false }
            switch operation {
            case .set, .add, .remove:
                guard fields.count == 5 else { return false }
            case .restore:
                guard fields.count == 3 else { return false }
            case .delete(_, let version), .approve(_, let version):
                guard fields.count == 4, case .object(let clock)? = fields.first(where: { $0.0 == "version" })?.1,
                      hasCanonicalShape(clock, version)
                else { return false }
            }
        }
        return true
    }

    /// A clock's members are its entries, one each, in order, keyed by lowercase ids:
    /// two spellings of one replica would have been merged into one entry.
    private static func hasCanonicalShape(_ members: [(String, Value)], _ clock: VectorClock) -> Bool {
        guard members.count == clock.entries.count else { return false }
        for (member, entry) in zip(members, clock.entries) where !isCanonicalText(member.0, of: entry.replica) { return false }
        return true
    }

    /// Whether `text` is the lowercase form of `id` (`UUID(uuidString:)` also reads uppercase).
    private static func isCanonicalText(_ text: String, of id: ReplicaID) -> Bool {
        var utf8 = text.utf8.makeIterator()
        var equal = true
        id.forEachTextByte { byte in if utf8.next() != byte { equal = false } }
        return equal && utf8.next() == nil
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
        if pairs.count <= 8 {
            for index in pairs.indices {
                for earlier in 0..<index where pairs[earlier].0 == pairs[index].0 {
                    throw failure("\(what) has \"\(pairs[index].0)\" twice")
                }
            }
        } else {
            // A hostile object may have thousands of members: no pairwise comparison.
            var seen: Set<String> = []
            for (key, _) in pairs where !seen.insert(key).inserted { throw failure("\(what) has \"\(key)\" twice") }
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

    /// A counter: a whole number from 0 to ``ChangeSetLimits/maxCounter``.
    private func counter(_ value: Value?, _ what: String) throws(Failure) -> UInt64 {
        let number = try unsigned(value, what)
        guard number <= ChangeSetLimits.maxCounter else { throw failure("\(what) is above the largest counter allowed, \(ChangeSetLimits.maxCounter)") }
        return number
    }

    private func replica(_ text: String) throws(Failure) -> ReplicaID {
        guard let replica = ReplicaID(text) else { throw failure("\"\(text)\" is not a replica id (a UUID)") }
        return replica
    }

    private func clock(_ value: Value?, _ what: String) throws(Failure) -> VectorClock {
        guard case .object(let pairs)? = value else { throw failure("\(what) must be an object") }
        guard pairs.count <= ChangeSetLimits.maxClockEntries else {
            throw failure("\(what) names \(pairs.count) replicas; at most \(ChangeSetLimits.maxClockEntries) are allowed")
        }
        var entries: [VectorClock.Entry] = []
        entries.reserveCapacity(pairs.count)
        var seen: Set<String> = []
        for (key, member) in pairs {
            guard seen.insert(key).inserted else { throw failure("\(what) has \"\(key)\" twice") }
            let counter = try self.counter(member, "counter of \(key)")
            guard counter >= 1 else { throw failure("counter of \(key) must be at least 1") }
            entries.append(VectorClock.Entry(replica: try replica(key), counter: counter))
        }
        return VectorClock(entries: entries)
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
        let dot = Dot(replica: try replica(try string(dotObject["replica"], "dot.replica")), counter: try counter(dotObject["counter"], "dot.counter"))
        let timeObject = try members(object["timestamp"] ?? .null, "timestamp")
        guard case .integer(let time)? = timeObject["time"], (0...ChangeSetLimits.latestTime).contains(time) else {
            throw failure("timestamp.time must be milliseconds since 1970, from 0 to \(ChangeSetLimits.latestTime) (the year 9999)")
        }
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
