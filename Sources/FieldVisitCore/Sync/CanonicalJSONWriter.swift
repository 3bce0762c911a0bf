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

    public init() { bytes.reserveCapacity(512) }

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

    /// `{"approval","fields","sets","tombstone"}`, each sibling `{"author","dot","timestamp","value"}`.
    mutating func write(_ state: EntityState) {
        byte(0x7B)
        key("approval"); array(state.approval.siblings) { writer, sibling in writer.write(sibling) { writer, clock in writer.write(clock) } }; byte(0x2C)
        key("fields")
        object(state.fields.sorted { $0.key < $1.key }) { writer, register in
            writer.array(register.siblings) { writer, sibling in writer.write(sibling) { writer, value in writer.write(value) } }
        }
        byte(0x2C)
        key("sets")
        object(state.sets.sorted { $0.key < $1.key }) { writer, set in
            writer.array(set.elements) { writer, element in
                writer.byte(0x7B)
                writer.key("dots"); writer.array(set.dots(of: element)) { writer, dot in writer.write(dot) }; writer.byte(0x2C)
                writer.key("element"); writer.write(element)
                writer.byte(0x7D)
            }
        }
        byte(0x2C)
        key("tombstone")
        array(state.tombstone.siblings) { writer, sibling in
            writer.write(sibling) { writer, tombstone in
                writer.byte(0x7B)
                writer.key("deleted"); writer.bytes.append(contentsOf: tombstone.isDeleted ? Array("true".utf8) : Array("false".utf8)); writer.byte(0x2C)
                writer.key("version"); writer.write(tombstone.version)
                writer.byte(0x7D)
            }
        }
        byte(0x7D)
    }

    mutating func write<Value>(_ sibling: Sibling<Value>, _ writeValue: (inout CanonicalJSONWriter, Value) -> Void) {
        byte(0x7B)
        key("author"); string(sibling.author); byte(0x2C)
        key("dot"); write(sibling.dot); byte(0x2C)
        key("timestamp"); write(sibling.timestamp); byte(0x2C)
        key("value"); writeValue(&self, sibling.value)
        byte(0x7D)
    }

    /// `{"author","dependencies","dot","operations","timestamp"}`.
    public mutating func write(_ change: ChangeSet) {
        byte(0x7B)
        key("author"); string(change.author); byte(0x2C)
        key("dependencies"); write(change.dependencies); byte(0x2C)
        key("dot"); write(change.dot); byte(0x2C)
        key("operations"); array(change.operations) { writer, operation in writer.write(operation) }; byte(0x2C)
        key("timestamp"); write(change.timestamp)
        byte(0x7D)
    }

    mutating func write(_ dot: Dot) {
        byte(0x7B)
        key("counter"); unsigned(dot.counter); byte(0x2C)
        key("replica"); string(dot.replica.description)
        byte(0x7D)
    }

    mutating func write(_ clock: VectorClock) {
        // Entries are sorted by replica, which is the order of their lowercase UUID strings.
        byte(0x7B)
        for (index, entry) in clock.entries.enumerated() {
            if index > 0 { byte(0x2C) }
            key(entry.replica.description)
            unsigned(entry.counter)
        }
        byte(0x7D)
    }

    mutating func write(_ timestamp: HybridTimestamp) {
        byte(0x7B)
        key("logical"); unsigned(UInt64(timestamp.logical)); byte(0x2C)
        key("time"); signed(timestamp.time)
        byte(0x7D)
    }

    /// Keys in sorted order: element, field, id, op, type, value, version.
    mutating func write(_ operation: ChangeSet.Operation) {
        byte(0x7B)
        let entity = operation.entity
        switch operation {
        case .set(_, let field, let value):
            key("field"); string(field); byte(0x2C)
            key("id"); string(entity.id.rawValue); byte(0x2C)
            key("op"); string("set"); byte(0x2C)
            key("type"); string(entity.type.rawValue); byte(0x2C)
            key("value"); write(value)
        case .add(_, let field, let element), .remove(_, let field, let element):
            key("element"); write(element); byte(0x2C)
            key("field"); string(field); byte(0x2C)
            key("id"); string(entity.id.rawValue); byte(0x2C)
            key("op"); string(operation.kind); byte(0x2C)
            key("type"); string(entity.type.rawValue)
        case .delete(_, let version), .approve(_, let version):
            key("id"); string(entity.id.rawValue); byte(0x2C)
            key("op"); string(operation.kind); byte(0x2C)
            key("type"); string(entity.type.rawValue); byte(0x2C)
            key("version"); write(version)
        case .restore:
            key("id"); string(entity.id.rawValue); byte(0x2C)
            key("op"); string("restore"); byte(0x2C)
            key("type"); string(entity.type.rawValue)
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

    mutating func unsigned(_ number: UInt64) { bytes.append(contentsOf: String(number).utf8) }

    mutating func signed(_ number: Int64) { bytes.append(contentsOf: String(number).utf8) }

    mutating func string(_ text: String) {
        byte(0x22)
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
