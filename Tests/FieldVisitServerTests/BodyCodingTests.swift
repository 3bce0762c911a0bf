import FieldVisitCompression
import Foundation
import Testing

@Suite("Body coding: gzip negotiated, decoded within its limit")
struct BodyCodingTests {
    @Test("Accept-Encoding: gzip when listed with a weight above zero, or *")
    func negotiation() {
        for header in ["gzip", "deflate, gzip", "GZIP;q=0.5", "*", "br, x-gzip"] { #expect(BodyCoding.accepted(by: header) == .gzip, "\(header)") }
        for header in [nil, "", "identity", "gzip;q=0", "br", "deflate", "gzip;q=0.0"] as [String?] {
            #expect(BodyCoding.accepted(by: header) == .identity, "\(header ?? "none")")
        }
        #expect(BodyCoding(contentEncoding: nil) == .identity && BodyCoding(contentEncoding: " GZip ") == .gzip)
        #expect(BodyCoding(contentEncoding: "br") == nil && BodyCoding(contentEncoding: "gzip, gzip") == nil)
    }

    @Test("Japanese JSON round-trips exactly; a stream written in parts reads as the whole")
    func roundTrip() throws {
        let json = Data(#"{"notes":"代表者と面談。受注は前年並み。","items":[1,2,3]}"#.utf8)
        #expect(try BodyCoding.gzip.decode(BodyCoding.gzip.encode(json), limit: json.count) == json)
        #expect(try BodyCoding.identity.encode(json) == json)
        let stream = try GzipStream()
        var parts = Data()
        for _ in 0..<100 { parts.append(try stream.compress(json)) }
        parts.append(try stream.finish())
        #expect(try BodyCoding.gzip.decode(parts, limit: 1 << 20) == Array(repeating: json, count: 100).reduce(Data(), +))
    }

    @Test("a body that would pass its limit is refused part way; corrupt or cut data is refused")
    func limits() throws {
        let zeros = try BodyCoding.gzip.encode(Data(count: 16 << 20))
        #expect(zeros.count < 64 << 10)
        #expect(throws: BodyCodingError.tooLarge(limit: 1 << 20)) { try BodyCoding.gzip.decode(zeros, limit: 1 << 20) }
        #expect(throws: BodyCodingError.tooLarge(limit: 10)) { try BodyCoding.identity.decode(Data(count: 11), limit: 10) }
        #expect(throws: BodyCodingError.corrupt) { try BodyCoding.gzip.decode(Data("plain text".utf8), limit: 1 << 20) }
        let cut = try BodyCoding.gzip.encode(Data(repeating: 7, count: 100_000)).dropLast(20)
        #expect(throws: BodyCodingError.self) { try BodyCoding.gzip.decode(Data(cut), limit: 1 << 20) }
    }
}
