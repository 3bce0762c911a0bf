import CompressNIO
import Foundation
import NIOCore

/// How a body of the sync protocol travels: gzip-compressed, or as it is (`identity`).
/// A request says how its body is coded with `Content-Encoding`; an answer is compressed
/// when the request's `Accept-Encoding` accepts gzip, and says so the same way.
///
/// JSON change sets compress about fivefold (their field names and ids repeat), which is
/// what a laptop on a phone's tethering feels. Every limit on a body applies to it once
/// decoded: a small compressed body that would expand beyond its limit is refused part
/// way, never expanded whole (``decode(_:limit:)``).
///
/// ```swift
/// let coding = BodyCoding.accepted(by: "gzip, deflate")   // .gzip
/// let sent = try coding.encode(json)
/// let read = try coding.decode(sent, limit: 32 << 20)     // json again
/// ```
public enum BodyCoding: String, Sendable, Hashable, CaseIterable {
    /// gzip (RFC 1952), by zlib.
    case gzip
    /// Not coded.
    case identity

    /// The coding of an answer to a request whose `Accept-Encoding` is `header`: gzip when
    /// the header lists it (or `*`) with a weight above zero, else none.
    public static func accepted(by header: String?) -> BodyCoding {
        for item in (header ?? "").split(separator: ",") {
            let parts = item.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            guard let name = parts.first, name == "gzip" || name == "x-gzip" || name == "*" else { continue }
            let weight = parts.dropFirst().first { $0.hasPrefix("q=") }.flatMap { Double($0.dropFirst(2)) } ?? 1
            if weight > 0 { return .gzip }
        }
        return .identity
    }

    /// The coding a `Content-Encoding` header names; `nil` for one this protocol does not
    /// speak. No header is `identity`.
    public init?(contentEncoding header: String?) {
        switch header?.trimmingCharacters(in: .whitespaces).lowercased() {
        case nil, "", "identity": self = .identity
        case "gzip", "x-gzip": self = .gzip
        default: return nil
        }
    }

    /// The `Content-Encoding` value of a coded body, `nil` when not coded.
    public var headerValue: String? { self == .gzip ? "gzip" : nil }

    /// `data` coded.
    public func encode(_ data: Data) throws -> Data {
        guard self == .gzip else { return data }
        var buffer = ByteBuffer(bytes: data)
        return Data(try buffer.compress(with: .gzip()).readableBytesView)
    }

    /// `data` decoded, read through a fixed window so that no more than `limit` bytes
    /// (and one window) are ever held.
    ///
    /// - Throws: ``BodyCodingError/tooLarge(limit:)`` as soon as the decoded body passes
    ///   `limit`; ``BodyCodingError/corrupt`` for data that is not gzip or ends early.
    public func decode(_ data: Data, limit: Int) throws(BodyCodingError) -> Data {
        guard self == .gzip else {
            guard data.count <= limit else { throw .tooLarge(limit: limit) }
            return data
        }
        let decompressor = CompressionAlgorithm.gzip().decompressor
        decompressor.window = ByteBufferAllocator().buffer(capacity: 64 << 10)
        var input = ByteBuffer(bytes: data)
        var output = Data()
        do {
            try decompressor.startStream()
            defer { try? decompressor.finishStream() }
            try input.decompressStream(with: decompressor) { chunk in
                guard output.count + chunk.readableBytes <= limit else { throw BodyCodingError.tooLarge(limit: limit) }
                output.append(contentsOf: chunk.readableBytesView)
            }
        } catch let error as BodyCodingError {
            throw error
        } catch {
            throw .corrupt
        }
        // zlib checks the CRC when it reaches the end; a body cut short never does. The
        // last four bytes are the length decoded (mod 2³²): a cut body does not match.
        let trailer = data.suffix(4)
        guard trailer.count == 4,
              trailer.reversed().reduce(0, { $0 << 8 | UInt32($1) }) == UInt32(truncatingIfNeeded: output.count)
        else { throw .corrupt }
        return output
    }
}

/// Why a coded body could not be read.
public enum BodyCodingError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Decoded, the body would pass its limit.
    case tooLarge(limit: Int)
    /// The body is not what its `Content-Encoding` says, or ends early.
    case corrupt

    public var description: String {
        switch self {
        case .tooLarge(let limit): "the body, decompressed, is larger than \(limit) bytes; send less in one request"
        case .corrupt: "the body is not valid gzip; send it compressed whole, or without Content-Encoding"
        }
    }
}

/// A gzip stream written part by part, for answers sent as they are read (the snapshot):
/// each part comes out compressed as far as it can be, and ``finish()`` ends the stream.
public final class GzipStream {
    private let compressor = CompressionAlgorithm.gzip().compressor

    /// A stream ready for its first part.
    public init() throws {
        try compressor.startStream()
    }

    /// `part`, compressed and flushed, so the reader can decode everything so far.
    public func compress(_ part: Data) throws -> Data {
        var buffer = ByteBuffer(bytes: part)
        return Data(try buffer.compressStream(with: compressor, flush: .sync, allocator: ByteBufferAllocator()).readableBytesView)
    }

    /// The end of the stream.
    public func finish() throws -> Data {
        var empty = ByteBuffer()
        let end = try empty.compressStream(with: compressor, flush: .finish, allocator: ByteBufferAllocator())
        try compressor.finishStream()
        return Data(end.readableBytesView)
    }
}
