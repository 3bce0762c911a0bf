import FieldVisitCompression
import FieldVisitProtocol
import Foundation

/// The snapshots handed to new laptops, each written whole to a file before it is sent,
/// so that a laptop whose link drops asks for the rest (`GET /v1/snapshot?id=…` with
/// `Range: bytes=N-`) instead of starting again: one consistent view, however many
/// requests it takes to arrive.
///
/// A file belongs to the device it was made for, in the coding that device asked for,
/// and is kept for ``keptFor``; another device, or a server that did not write it (one of
/// several behind a load balancer), answers 404 and the laptop starts again.
public actor SnapshotFiles {
    /// One snapshot written for a device.
    public struct File: Sendable {
        /// Its id, 32 hexadecimal digits.
        public var id: String
        /// Where it is.
        public var url: URL
        /// Its length, as sent.
        public var length: Int
        /// How it is coded.
        public var coding: BodyCoding
        /// How many records it holds, when it was just written (not kept beside the file).
        public var records: Int?
    }

    /// How long a snapshot is kept for its laptop to finish it.
    public static let keptFor: TimeInterval = 3600

    private let directory: URL

    /// Snapshots kept in `directory`, made when first needed.
    public init(directory: URL) {
        self.directory = directory
    }

    /// Writes a snapshot for `device`, coded as `coding`, with `write`, which is given a
    /// sink for the parts of the JSON; removes the snapshots past ``keptFor``, and the
    /// device's earlier one: a device has one snapshot kept, however often it asks.
    public func create(for device: String, coding: BodyCoding, records: Int,
                       write: (_ sink: (Data) async throws -> Void) async throws -> Void) async throws -> File {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        removeExpired(orOf: device)
        let id = (0..<16).map { _ in String(format: "%02x", UInt8.random(in: 0...255)) }.joined()
        let url = location(id: id, device: device, coding: coding)
        let partial = url.appendingPathExtension("part")
        guard FileManager.default.createFile(atPath: partial.path, contents: nil) else {
            throw Problem(.unavailable, status: 503, title: "Snapshot not written", detail: ProblemMessage.snapshotNotWritten.localized())
        }
        let handle = try FileHandle(forWritingTo: partial)
        do {
            let stream = coding == .gzip ? try GzipStream() : nil
            try await write { part in try handle.write(contentsOf: try stream?.compress(part) ?? part) }
            if let stream { try handle.write(contentsOf: try stream.finish()) }
            try handle.close()
            try FileManager.default.moveItem(at: partial, to: url)
        } catch {
            try? handle.close()
            try? FileManager.default.removeItem(at: partial)
            throw error
        }
        let length = (try FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int) ?? 0
        return File(id: id, url: url, length: length, coding: coding, records: records)
    }

    /// The snapshot `id` written for `device`, or `nil` when it is not kept here.
    public func file(id: String, device: String) -> File? {
        guard Self.isWellFormed(id) else { return nil }
        for coding in BodyCoding.allCases {
            let url = location(id: id, device: device, coding: coding)
            if let length = try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int {
                return File(id: id, url: url, length: length, coding: coding)
            }
        }
        return nil
    }

    /// Whether `id` is the form ids take: 32 lowercase hexadecimal digits.
    public static func isWellFormed(_ id: String) -> Bool {
        id.utf8.count == 32 && id.utf8.allSatisfy { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains($0) }
    }

    private func location(id: String, device: String, coding: BodyCoding) -> URL {
        directory.appendingPathComponent("\(Self.prefix(of: device))\(id).\(coding.rawValue)")
    }

    /// How the names of a device's files begin. The device's id is the server's own (a
    /// UUID); its bytes are kept to safe ones all the same.
    private static func prefix(of device: String) -> String {
        String(device.unicodeScalars.filter { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "-") }) + "_"
    }

    private func removeExpired(orOf device: String) {
        let limit = Date().addingTimeInterval(-Self.keptFor)
        let prefix = Self.prefix(of: device)
        for url in (try? FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: [.contentModificationDateKey])) ?? [] {
            let modified = try? url.resourceValues(forKeys: [.contentModificationDateKey]).contentModificationDate
            if url.lastPathComponent.hasPrefix(prefix) || (modified.map { $0 < limit } ?? false) {
                try? FileManager.default.removeItem(at: url)
            }
        }
    }
}
