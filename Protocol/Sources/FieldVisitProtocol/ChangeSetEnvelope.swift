import FieldVisitCore
import Foundation

/// The JSON object around a list of change sets, `{"changeSets":[…],…}`: a push body
/// and a pull page. Read here once for both, with the rules the contract gives every
/// body: members in any order, unknown members ignored, a member given twice refused.
struct ChangeSetEnvelope {
    /// The change sets, in order.
    var changeSets: [ChangeSet] = []
    /// With `keepingCanonicalBodies`, one entry per change set: the bytes it came as
    /// when they are exactly its canonical JSON, `nil` when not; otherwise empty.
    var canonicalBodies: [Data?] = []
    /// A page's `cursor`, when it is a whole number.
    var cursor: Int64?
    /// A page's `more`, when it is true or false.
    var more: Bool?

    /// Reads an envelope from `data`, which is to be `subject` ("a valid push body").
    ///
    /// A change set that is valid JSON but not a valid change set is reported after the
    /// whole body is read, as `changeSets[i]: …` for the first one, so that broken JSON
    /// anywhere is what is wrong first; the change sets after it are only checked to
    /// be JSON.
    ///
    /// - Parameter keepingCanonicalBodies: also keep each change set's bytes when they
    ///   are its canonical form, so that a store can keep them as they are instead of
    ///   encoding the change set again.
    static func read(_ data: Data, subject: String, keepingCanonicalBodies: Bool) throws(JSONReadFailure) -> ChangeSetEnvelope {
        var scanner = JSONScanner(data, subject: subject)
        var envelope = ChangeSetEnvelope()
        var hasChangeSets = false
        var firstRefusal: JSONReadFailure?
        try scanner.object("the body") { scanner, key throws(JSONReadFailure) in
            switch key {
            case "changeSets":
                guard try scanner.peek() == UInt8(ascii: "[") else { throw scanner.failure("the body must have a \"changeSets\" array") }
                hasChangeSets = true
                try scanner.array("changeSets") { scanner, index throws(JSONReadFailure) in
                    let start = scanner.position
                    if firstRefusal == nil {
                        if let change = scanner.canonicalChangeSet() {
                            envelope.changeSets.append(change)
                            if keepingCanonicalBodies { envelope.canonicalBodies.append(Data(scanner.bytes[start..<scanner.position])) }
                            return
                        }
                        scanner.position = start
                        do throws(JSONReadFailure) {
                            envelope.changeSets.append(try scanner.changeSet())
                            // Not canonical: the canonical reader reads every canonical spelling.
                            if keepingCanonicalBodies { envelope.canonicalBodies.append(nil) }
                            return
                        } catch {
                            firstRefusal = JSONReadFailure(subject: subject, reason: "changeSets[\(index)]: \(error.reason)", offset: error.offset)
                            scanner.position = start
                        }
                    }
                    try scanner.skipValue()
                }
            case "cursor":
                if case .integer(let number)? = try scanner.numberIfAny() { envelope.cursor = number } else { try scanner.skipValue() }
            case "more":
                if let flag = try scanner.bool() { envelope.more = flag } else { try scanner.skipValue() }
            default:
                try scanner.skipValue()
            }
        }
        try scanner.expectEnd()
        guard hasChangeSets else { throw scanner.failure("the body must have a \"changeSets\" array") }
        if let firstRefusal { throw firstRefusal }
        return envelope
    }
}
