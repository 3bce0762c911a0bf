import Foundation

/// A record's registers (``EntityState``) packed into bytes, as both stores keep them:
/// one column of the record's row rather than a row per value, or JSON.
///
/// The format is compact and quick to read: variable-length integers, replicas by
/// their number in the store, and everything in a fixed order (fields and elements
/// sorted, dots and siblings as the registers keep them), so the same state always
/// packs to the same bytes and a store rebuilt from its log equals the live one byte
/// for byte. Unlike the JSON of ``EntityState`` (snapshots), it is a storage format,
/// never sent.
///
/// ```swift
/// let numbers: [ReplicaID: Int64] = [laptop: 1]
/// let bytes = try PackedRegisters.pack(state) { numbers[$0]! }
/// let same = try PackedRegisters.unpack(bytes) { _ in laptop }   // == state
/// ```
///
/// ```
/// version 1
/// fields:    count, then per field (by name): name, sibling count, siblings
/// sets:      count, then per field (by name): name, element count,
///            per element (sorted): value, dot count, dots
/// tombstone: sibling count, siblings (value: deleted flag, version clock)
/// approval:  sibling count, siblings (value: the approved version clock)
/// sibling:   dot, value, time (zigzag), logical, author
/// dot:       replica number, counter        clock: dot count, dots
/// value:     0 null, 1 false, 2 true, 3 integer (zigzag), 4 text
/// text:      UTF-8 byte count, bytes
/// ```
public enum PackedRegisters {
    /// The format's version, its first byte.
    public static let version: UInt8 = 1

    /// The bytes of `state`; `number` gives a replica's number in this store.
    public static func pack(_ state: EntityState, number: (ReplicaID) throws -> Int64) throws -> Data {
        try withoutActuallyEscaping(number) { number in try pack(state, writer: Writer(number: number)) }
    }

    private static func pack(_ state: EntityState, writer: Writer) throws -> Data {
        var writer = writer
        writer.bytes.append(version)
        let fields = state.fields.sorted { $0.key < $1.key }
        writer.unsigned(fields.count)
        for (name, register) in fields {
            writer.text(name)
            try writer.siblings(register.siblings) { writer, value in writer.value(value) }
        }
        let sets = state.sets.sorted { $0.key < $1.key }
        writer.unsigned(sets.count)
        for (name, set) in sets {
            writer.text(name)
            let elements = set.adds.sorted { $0.key < $1.key }
            writer.unsigned(elements.count)
            for (element, dots) in elements {
                writer.value(element)
                writer.unsigned(dots.count)
                for dot in dots { try writer.dot(dot) }
            }
        }
        try writer.siblings(state.tombstone.siblings) { writer, tombstone in
            writer.bytes.append(tombstone.isDeleted ? 1 : 0)
            try writer.clock(tombstone.version)
        }
        try writer.siblings(state.approval.siblings) { writer, version in try writer.clock(version) }
        return Data(writer.bytes)
    }

    /// The registers packed in `data`; `replica` gives the replica a number stands for.
    ///
    /// - Throws: ``PackedRegistersError`` when the bytes are not registers this version
    ///   packed, and whatever `replica` throws.
    public static func unpack(_ data: Data, replica: (Int64) throws -> ReplicaID) throws -> EntityState {
        try withoutActuallyEscaping(replica) { replica in try data.withUnsafeBytes { buffer in
            var reader = Reader(bytes: buffer, replica: replica)
            guard try reader.byte() == version else { throw Reader.damaged("registers packed in an unknown format") }
            var state = EntityState()
            for _ in 0..<(try reader.count()) {
                let name = try reader.text()
                for _ in 0..<(try reader.count()) {
                    state.restore(try reader.sibling { reader in try reader.value() }, field: name)
                }
            }
            for _ in 0..<(try reader.count()) {
                let name = try reader.text()
                for _ in 0..<(try reader.count()) {
                    let element = try reader.value()
                    for _ in 0..<(try reader.count()) { state.restore(element: element, dot: try reader.dot(), field: name) }
                }
            }
            for _ in 0..<(try reader.count()) {
                state.restoreTombstone(try reader.sibling { reader in
                    let deleted = try reader.byte()
                    guard deleted <= 1 else { throw Reader.damaged("a deletion flag of \(deleted)") }
                    return Tombstone(isDeleted: deleted == 1, version: try reader.clock())
                })
            }
            for _ in 0..<(try reader.count()) {
                state.restoreApproval(try reader.sibling { reader in try reader.clock() })
            }
            guard reader.position == buffer.count else { throw Reader.damaged("registers followed by \(buffer.count - reader.position) stray bytes") }
            return state
        } }
    }
}

extension PackedRegisters {
    private struct Writer {
        var bytes: [UInt8] = []
        let number: (ReplicaID) throws -> Int64

        init(number: @escaping (ReplicaID) throws -> Int64) {
            self.number = number
            bytes.reserveCapacity(512)
        }

        mutating func unsigned(_ value: UInt64) {
            var value = value
            while value >= 0x80 {
                bytes.append(UInt8(truncatingIfNeeded: value) | 0x80)
                value >>= 7
            }
            bytes.append(UInt8(value))
        }

        mutating func unsigned(_ value: Int) { unsigned(UInt64(value)) }

        mutating func signed(_ value: Int64) { unsigned(UInt64(bitPattern: (value << 1) ^ (value >> 63))) }

        mutating func text(_ text: String) {
            var text = text
            text.withUTF8 { utf8 in
                unsigned(utf8.count)
                bytes.append(contentsOf: utf8)
            }
        }

        mutating func value(_ value: FieldValue) {
            switch value {
            case .null: bytes.append(0)
            case .bool(let flag): bytes.append(flag ? 2 : 1)
            case .integer(let number):
                bytes.append(3)
                signed(number)
            case .text(let string):
                bytes.append(4)
                text(string)
            }
        }

        mutating func dot(_ dot: Dot) throws {
            unsigned(UInt64(try number(dot.replica)))
            unsigned(dot.counter)
        }

        mutating func clock(_ clock: VectorClock) throws {
            unsigned(clock.entries.count)
            for entry in clock.entries { try dot(Dot(replica: entry.replica, counter: entry.counter)) }
        }

        mutating func siblings<Value>(_ siblings: [Sibling<Value>], _ writeValue: (inout Writer, Value) throws -> Void) throws {
            unsigned(siblings.count)
            for sibling in siblings {
                try dot(sibling.dot)
                try writeValue(&self, sibling.value)
                signed(sibling.timestamp.time)
                unsigned(UInt64(sibling.timestamp.logical))
                text(sibling.author)
            }
        }
    }

    private struct Reader {
        let bytes: UnsafeRawBufferPointer
        let replica: (Int64) throws -> ReplicaID
        var position = 0

        static func damaged(_ detail: String) -> PackedRegistersError { PackedRegistersError(detail: detail) }

        mutating func byte() throws -> UInt8 {
            guard position < bytes.count else { throw Self.damaged("registers cut short") }
            defer { position += 1 }
            return bytes[position]
        }

        mutating func unsigned() throws -> UInt64 {
            var value: UInt64 = 0
            var shift: UInt64 = 0
            while true {
                let next = try byte()
                guard shift < 64 else { throw Self.damaged("a number in the registers is too long") }
                value |= UInt64(next & 0x7F) << shift
                if next < 0x80 { return value }
                shift += 7
            }
        }

        /// A count, which cannot exceed the bytes left (each item takes at least one).
        mutating func count() throws -> Int {
            let count = try unsigned()
            guard count <= UInt64(bytes.count - position) else { throw Self.damaged("a count of \(count) in the registers") }
            return Int(count)
        }

        mutating func signed() throws -> Int64 {
            let raw = try unsigned()
            return Int64(bitPattern: raw >> 1) ^ -Int64(bitPattern: raw & 1)
        }

        mutating func text() throws -> String {
            let length = try count()
            defer { position += length }
            return String(decoding: UnsafeRawBufferPointer(rebasing: bytes[position..<position + length]), as: UTF8.self)
        }

        mutating func value() throws -> FieldValue {
            switch try byte() {
            case 0: .null
            case 1: .bool(false)
            case 2: .bool(true)
            case 3: .integer(try signed())
            case 4: .text(try text())
            case let kind: throw Self.damaged("a value of kind \(kind) in the registers")
            }
        }

        mutating func dot() throws -> Dot {
            let number = try unsigned()
            guard number <= UInt64(Int64.max) else { throw Self.damaged("replica number \(number) in the registers") }
            return Dot(replica: try replica(Int64(number)), counter: try unsigned())
        }

        mutating func clock() throws -> VectorClock {
            var dots: [Dot] = []
            for _ in 0..<(try count()) { dots.append(try dot()) }
            return VectorClock(covering: dots)
        }

        mutating func sibling<Value>(_ readValue: (inout Reader) throws -> Value) throws -> Sibling<Value> {
            let dot = try dot()
            let value = try readValue(&self)
            let time = try signed()
            let logical = try unsigned()
            guard logical <= UInt64(UInt32.max) else { throw Self.damaged("a logical time of \(logical) in the registers") }
            return Sibling(dot: dot, value: value, timestamp: HybridTimestamp(time: time, logical: UInt32(logical)), author: try text())
        }
    }
}

/// Bytes that are not registers ``PackedRegisters`` packed: a damaged store.
public struct PackedRegistersError: Error, Sendable, CustomStringConvertible {
    /// What was wrong, such as "registers cut short".
    public let detail: String

    /// An error saying what was wrong with the bytes.
    public init(detail: String) { self.detail = detail }

    public var description: String { detail }
}
