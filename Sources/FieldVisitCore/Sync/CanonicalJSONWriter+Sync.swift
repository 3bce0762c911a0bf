import Foundation

/// The sync model's values in the canonical form: change sets, clocks, dots, field
/// values and a record's registers.
extension CanonicalJSONWriter {
    /// Change sets as a JSON array, in order: the `changeSets` of a push or a page.
    public mutating func write(_ changes: [ChangeSet]) {
        array(changes) { writer, change in writer.write(change) }
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
                writer.fixedKey("deleted"); writer.bool(tombstone.isDeleted); writer.byte(0x2C)
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
        case .null: null()
        case .bool(let flag): bool(flag)
        case .integer(let number): signed(number)
        case .text(let text): string(text)
        }
    }
}
