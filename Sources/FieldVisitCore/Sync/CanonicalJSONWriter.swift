import Foundation

/// Writes change sets and field values in the canonical JSON form directly, byte by
/// byte: the same bytes as ``CanonicalJSON/encode(_:)``, several times faster, since
/// every change set is encoded once when stored and again when sent.
///
/// Keys are written in sorted order by construction; strings are escaped exactly as
/// the canonical form does (`"`, `\`, and control characters; everything else as UTF-8).
public struct CanonicalJSONWriter {
    /// The bytes written so far.
    public private(set) var bytes: [UInt8] = []

    /// A writer with room for a change set or a record's registers: most are about a kilobyte.
    public init() { bytes.reserveCapacity(2048) }

    /// A writer with room for `capacity` bytes, for a whole page of change sets.
    public init(capacity: Int) { bytes.reserveCapacity(capacity) }

    /// Change sets as a JSON array, in order: the `changeSets` of a push or a page.
    public mutating func write(_ changes: [ChangeSet]) {
        array(changes) { writer, change in writer.write(change) }
    }

    /// Bytes spelled in code, such as an envelope's keys, copied as they are.
    public mutating func writeRaw(_ text: StaticString) {
        bytes.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    /// JSON written elsewhere, copied as it is.
    public mutating func writeRaw(_ json: Data) {
        bytes.append(contentsOf: json)
    }

    /// A change set's canonical JSON.
    public static func encode(_ change: ChangeSet) -> Data {
        var writer = CanonicalJSONWriter()
        writer.write(change)
        return Data(writer.bytes)
    }

    /// Field values by name, canonically (keys sorted).
    public static func encode(_ values: [String: FieldValue]) -> Data {
        var writer = CanonicalJSONWriter()
        writer.object(values.sorted { $0.key < $1.key }) { writer, value in writer.write(value) }
        return Data(writer.bytes)
    }

    /// Set elements by field name, canonically.
    public static func encode(_ sets: [String: [FieldValue]]) -> Data {
        var writer = CanonicalJSONWriter()
        writer.object(sets.sorted { $0.key < $1.key }) { writer, elements in
            writer.array(elements) { writer, element in writer.write(element) }
        }
        return Data(writer.bytes)
    }

    /// A record's registers, canonically: the bytes of `CanonicalJSON.encode(state)`.
    public static func encode(_ state: EntityState) -> Data {
        var writer = CanonicalJSONWriter()
        writer.write(state)
        return Data(writer.bytes)
    }

    // MARK: Model types

    /// A record's registers: `{"approval","fields","sets","tombstone"}`, each sibling
    /// `{"author","dot","timestamp","value"}`.
    public mutating func write(_ state: EntityState) {
        byte(0x7B)
        fixedKey("approval"); array(state.approval.siblings) { writer, sibling in writer.write(sibling) { writer, clock in writer.write(clock) } }; byte(0x2C)
        fixedKey("fields")
        object(state.fields.sorted { $0.key < $1.key }) { writer, register in
            writer.array(register.siblings) { writer, sibling in writer.write(sibling) { writer, value in writer.write(value) } }
        }
        byte(0x2C)
        fixedKey("sets")
        object(state.sets.sorted { $0.key < $1.key }) { writer, set in
            writer.array(set.elements) { writer, element in
                writer.byte(0x7B)
                writer.fixedKey("dots"); writer.array(set.dots(of: element)) { writer, dot in writer.write(dot) }; writer.byte(0x2C)
                writer.fixedKey("element"); writer.write(element)
                writer.byte(0x7D)
            }
        }
        byte(0x2C)
        fixedKey("tombstone")
        array(state.tombstone.siblings) { writer, sibling in
            writer.write(sibling) { writer, tombstone in
                writer.byte(0x7B)
                writer.fixedKey("deleted"); writer.bytes.append(contentsOf: tombstone.isDeleted ? Array("true".utf8) : Array("false".utf8)); writer.byte(0x2C)
                writer.fixedKey("version"); writer.write(tombstone.version)
                writer.byte(0x7D)
            }
        }
        byte(0x7D)
    }

    mutating func write<Value>(_ sibling: Sibling<Value>, _ writeValue: (inout CanonicalJSONWriter, Value) -> Void) {
        byte(0x7B)
        fixedKey("author"); string(sibling.author); byte(0x2C)
        fixedKey("dot"); write(sibling.dot); byte(0x2C)
        fixedKey("timestamp"); write(sibling.timestamp); byte(0x2C)
        fixedKey("value"); writeValue(&self, sibling.value)
        byte(0x7D)
    }

    /// `{"author","dependencies","dot","operations","timestamp"}`.
    public mutating func write(_ change: ChangeSet) {
        byte(0x7B)
        fixedKey("author"); string(change.author); byte(0x2C)
        fixedKey("dependencies"); write(change.dependencies); byte(0x2C)
        fixedKey("dot"); write(change.dot); byte(0x2C)
        fixedKey("operations"); array(change.operations) { writer, operation in writer.write(operation) }; byte(0x2C)
        fixedKey("timestamp"); write(change.timestamp)
        byte(0x7D)
    }

    /// `{"counter","replica"}`.
    public mutating func write(_ dot: Dot) {
        byte(0x7B)
        fixedKey("counter"); unsigned(dot.counter); byte(0x2C)
        fixedKey("replica"); byte(0x22); replica(dot.replica); byte(0x22)
        byte(0x7D)
    }

    mutating func write(_ clock: VectorClock) {
        // Entries are sorted by replica, which is the order of their lowercase UUID strings.
        byte(0x7B)
        for (index, entry) in clock.entries.enumerated() {
            if index > 0 { byte(0x2C) }
            byte(0x22); replica(entry.replica); byte(0x22); byte(0x3A)
            unsigned(entry.counter)
        }
        byte(0x7D)
    }

    mutating func write(_ timestamp: HybridTimestamp) {
        byte(0x7B)
        fixedKey("logical"); unsigned(UInt64(timestamp.logical)); byte(0x2C)
        fixedKey("time"); signed(timestamp.time)
        byte(0x7D)
    }

    /// Keys in sorted order: element, field, id, op, type, value, version.
    mutating func write(_ operation: ChangeSet.Operation) {
        byte(0x7B)
        let entity = operation.entity
        switch operation {
        case .set(_, let field, let value):
            fixedKey("field"); string(field); byte(0x2C)
            fixedKey("id"); string(entity.id.rawValue); byte(0x2C)
            fixedKey("op"); fixedString("set"); byte(0x2C)
            fixedKey("type"); string(entity.type.rawValue); byte(0x2C)
            fixedKey("value"); write(value)
        case .add(_, let field, let element), .remove(_, let field, let element):
            fixedKey("element"); write(element); byte(0x2C)
            fixedKey("field"); string(field); byte(0x2C)
            fixedKey("id"); string(entity.id.rawValue); byte(0x2C)
            fixedKey("op"); string(operation.kind); byte(0x2C)
            fixedKey("type"); string(entity.type.rawValue)
        case .delete(_, let version), .approve(_, let version):
            fixedKey("id"); string(entity.id.rawValue); byte(0x2C)
            fixedKey("op"); string(operation.kind); byte(0x2C)
            fixedKey("type"); string(entity.type.rawValue); byte(0x2C)
            fixedKey("version"); write(version)
        case .restore:
            fixedKey("id"); string(entity.id.rawValue); byte(0x2C)
            fixedKey("op"); fixedString("restore"); byte(0x2C)
            fixedKey("type"); string(entity.type.rawValue)
        }
        byte(0x7D)
    }

    mutating func write(_ value: FieldValue) {
        switch value {
        case .null: bytes.append(contentsOf: [0x6E, 0x75, 0x6C, 0x6C])
        case .bool(let flag): bytes.append(contentsOf: flag ? Array("true".utf8) : Array("false".utf8))
        case .integer(let number): signed(number)
        case .text(let text): string(text)
        }
    }

    // MARK: JSON pieces

    mutating func object<Value>(_ members: [(key: String, value: Value)], _ writeValue: (inout CanonicalJSONWriter, Value) -> Void) {
        byte(0x7B)
        for (index, member) in members.enumerated() {
            if index > 0 { byte(0x2C) }
            key(member.key)
            writeValue(&self, member.value)
        }
        byte(0x7D)
    }

    mutating func array<Element>(_ elements: [Element], _ writeElement: (inout CanonicalJSONWriter, Element) -> Void) {
        byte(0x5B)
        for (index, element) in elements.enumerated() {
            if index > 0 { byte(0x2C) }
            writeElement(&self, element)
        }
        byte(0x5D)
    }

    @inline(__always) mutating func byte(_ value: UInt8) { bytes.append(value) }

    mutating func key(_ name: String) {
        string(name)
        byte(0x3A)
    }

    /// A key spelled in this file: ASCII with nothing to escape, copied as it is.
    @inline(__always) mutating func fixedKey(_ name: StaticString) {
        fixedString(name)
        byte(0x3A)
    }

    /// A string spelled in this file: ASCII with nothing to escape, copied as it is.
    @inline(__always) mutating func fixedString(_ text: StaticString) {
        byte(0x22)
        bytes.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
        byte(0x22)
    }

    /// A replica id's lowercase UUID, without quotes.
    @inline(__always) mutating func replica(_ id: ReplicaID) {
        id.forEachTextByte { byte($0) }
    }

    /// Decimal digits written in place, lowest first then reversed: no `String` made per number.
    mutating func unsigned(_ number: UInt64) {
        let start = bytes.count
        var rest = number
        repeat {
            bytes.append(0x30 + UInt8(truncatingIfNeeded: rest % 10))
            rest /= 10
        } while rest > 0
        bytes[start...].reverse()
    }

    /// A whole number in decimal.
    public mutating func signed(_ number: Int64) {
        if number < 0 { byte(0x2D) }
        unsigned(number.magnitude)
    }

    /// A JSON string, escaped as the canonical form escapes.
    public mutating func string(_ text: String) {
        byte(0x22)
        // Most strings need no escape: copy their UTF-8 in one go instead of byte by byte.
        let copied = text.utf8.withContiguousStorageIfAvailable { units -> Bool in
            guard PlainTextScan.plainRun(UnsafeRawBufferPointer(units), from: 0).end == units.count else { return false }
            bytes.append(contentsOf: units)
            return true
        }
        if copied == true {
            byte(0x22)
            return
        }
        for unit in text.utf8 {
            switch unit {
            case 0x22: bytes.append(contentsOf: [0x5C, 0x22])
            case 0x5C: bytes.append(contentsOf: [0x5C, 0x5C])
            case 0x0A: bytes.append(contentsOf: [0x5C, 0x6E])
            case 0x0D: bytes.append(contentsOf: [0x5C, 0x72])
            case 0x09: bytes.append(contentsOf: [0x5C, 0x74])
            case 0x08: bytes.append(contentsOf: [0x5C, 0x62])
            case 0x0C: bytes.append(contentsOf: [0x5C, 0x66])
            case 0x00..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                bytes.append(contentsOf: [0x5C, 0x75, 0x30, 0x30, hex[Int(unit >> 4)], hex[Int(unit & 0xF)]])
            default: bytes.append(unit)
            }
        }
        byte(0x22)
    }
}
