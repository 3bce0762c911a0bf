import Foundation

/// The one writer of the canonical JSON form (``CanonicalJSON``), byte by byte: the
/// same bytes as ``CanonicalJSON/encode(_:)``, several times faster, since every change
/// set is encoded once when stored and again when sent.
///
/// This file holds the JSON pieces: strings escaped exactly as the canonical form
/// escapes (`"`, `\`, and control characters; everything else as UTF-8), numbers,
/// objects and arrays. The sync model's values are written by the extension in
/// `Sync/CanonicalJSONWriter+Sync.swift`, keys in sorted order by construction; the
/// wire formats around them by `FieldVisitProtocol`.
public struct CanonicalJSONWriter {
    /// The bytes written so far.
    public internal(set) var bytes: [UInt8] = []

    /// A writer with room for a change set or a record's registers: most are about a kilobyte.
    public init() { bytes.reserveCapacity(2048) }

    /// A writer with room for `capacity` bytes, for a whole page of change sets.
    public init(capacity: Int) { bytes.reserveCapacity(capacity) }

    /// Bytes spelled in code, such as an envelope's keys, copied as they are.
    public mutating func writeRaw(_ text: StaticString) {
        bytes.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    /// JSON written elsewhere, copied as it is, in one copy of its bytes (a page's
    /// stored change sets run to megabytes).
    public mutating func writeRaw(_ json: Data) {
        json.withUnsafeBytes { bytes.append(contentsOf: $0) }
    }

    /// `true` or `false`.
    public mutating func bool(_ flag: Bool) { writeRaw(flag ? "true" : "false") }

    /// `null`.
    public mutating func null() { writeRaw("null") }

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
