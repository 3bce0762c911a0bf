import FieldVisitCore
import Foundation

/// Push results on the wire: written canonically, read directly from the bytes, several
/// times faster than `JSONDecoder` (a laptop reads a result for every change set it
/// pushes). Reads what the `Codable` form reads: members in any order, whitespace,
/// escapes, `null` for an absent optional, unknown members ignored; anything else is
/// refused with a ``JSONReadFailure``, never a trap.
extension PushResponse {
    /// What push results are to be, in refusals.
    public static let subject = "valid push results"

    /// Reads a push response body.
    public static func read(_ data: Data) throws(JSONReadFailure) -> PushResponse {
        var scanner = JSONScanner(data, subject: subject)
        var results: [PushResult]?
        try scanner.object("the body") { scanner, key throws(JSONReadFailure) in
            guard key == "results" else { return try scanner.skipValue() }
            var list: [PushResult] = []
            try scanner.array("results") { scanner, _ throws(JSONReadFailure) in
                list.append(try PushResult.read(from: &scanner))
            }
            results = list
        }
        try scanner.expectEnd()
        guard let results else { throw scanner.failure("the body has no \"results\"") }
        return PushResponse(results: results)
    }

    /// The canonical JSON of the results, written directly for the common results
    /// (accepted, duplicate): the same bytes as `CanonicalJSON.encode(self)`.
    public func encoded() throws -> Data {
        var writer = CanonicalJSONWriter(capacity: 32 + results.count * 112)
        writer.writeRaw(#"{"results":["#)
        for (index, result) in results.enumerated() {
            if index > 0 { writer.writeRaw(",") }
            if result.code == nil, result.reason == nil, result.missing == nil, let sequence = result.sequence, result.status != .refused {
                writer.writeRaw(#"{"dot":"#)
                writer.write(result.dot)
                writer.writeRaw(#","sequence":"#)
                writer.signed(sequence)
                writer.writeRaw(result.status == .accepted ? #","status":"accepted"}"# : #","status":"duplicate"}"#)
            } else {
                writer.writeRaw(try CanonicalJSON.encode(result))
            }
        }
        writer.writeRaw("]}")
        return Data(writer.bytes)
    }
}

extension PushResult {
    /// One result, `{"dot","status","sequence"?,"code"?,"reason"?,"missing"?}`. A
    /// refusal names the dot it was sent, whatever its counter.
    fileprivate static func read(from scanner: inout JSONScanner) throws(JSONReadFailure) -> PushResult {
        var dot: Dot?
        var status: Status?
        var sequence: Int64?
        var code: ProblemCode?
        var reason: String?
        var missing: [Dot]?
        try scanner.object("a result") { scanner, key throws(JSONReadFailure) in
            switch key {
            case "dot": dot = try scanner.dot("dot", maxCounter: .max)
            case "status":
                let text = try scanner.string()
                guard let known = Status(rawValue: text) else { throw scanner.failure("\"\(text)\" is not a push status") }
                status = known
            case "sequence": sequence = try scanner.null() ? nil : scanner.integer("sequence")
            case "code":
                guard !(try scanner.null()) else { return }
                let text = try scanner.string()
                guard let known = ProblemCode(rawValue: text) else { throw scanner.failure("\"\(text)\" is not a problem code") }
                code = known
            case "reason": reason = try scanner.null() ? nil : scanner.string()
            case "missing":
                guard !(try scanner.null()) else { return }
                var dots: [Dot] = []
                try scanner.array("missing") { scanner, _ throws(JSONReadFailure) in dots.append(try scanner.dot("a missing dot", maxCounter: .max)) }
                missing = dots
            default: try scanner.skipValue()
            }
        }
        guard let dot else { throw scanner.failure("a result has no \"dot\"") }
        guard let status else { throw scanner.failure("a result has no \"status\"") }
        return PushResult(dot: dot, status: status, sequence: sequence, code: code, reason: reason, missing: missing)
    }
}
