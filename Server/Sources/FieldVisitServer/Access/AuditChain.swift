import Crypto
import FieldVisitCore
import Foundation

/// The audit trail's tamper evidence: each entry carries a SHA-256 hash of its own
/// content and of the entry before it, so changing, removing or reordering any entry
/// breaks every hash from there on. `fieldvisit-server audit verify` walks the chain
/// and names the first entry that does not follow.
///
/// The chain proves the trail whole up to its last entry; the last entries could be
/// cut off without a trace, which is why `verify` prints the head (sequence and hash)
/// for the office to write down, and checks a head written down before
/// (`--expect-head`).
public enum AuditChain {
    /// The hash before the first entry.
    public static let genesis = Data(repeating: 0, count: 32)

    /// The hash of `event` (with its sequence number set) following `previous`.
    ///
    /// Every field goes in with its length, so no two entries hash alike by moving text
    /// from one field to the next; a missing field differs from an empty one.
    public static func hash(_ event: AuditEvent, previous: Data) -> Data {
        var hasher = SHA256()
        hasher.update(data: previous)
        var numbers = [UInt64(bitPattern: event.sequence), UInt64(bitPattern: StoredTime.millis(event.time))].map(\.bigEndian)
        numbers.withUnsafeMutableBytes { hasher.update(bufferPointer: UnsafeRawBufferPointer($0)) }
        for field in [event.kind.rawValue, event.user, event.device, event.address, event.detail] as [String?] {
            guard var text = field else {
                hasher.update(data: Data([0xFF, 0xFF, 0xFF, 0xFF]))
                continue
            }
            var length = UInt32(truncatingIfNeeded: text.utf8.count).bigEndian
            withUnsafeBytes(of: &length) { hasher.update(bufferPointer: $0) }
            text.withUTF8 { hasher.update(bufferPointer: UnsafeRawBufferPointer($0)) }
        }
        return Data(hasher.finalize())
    }

    /// What a walk of the chain found.
    public struct Verdict: Sendable, CustomStringConvertible {
        /// The number of entries that follow the chain.
        public var verified: Int
        /// The last entry that follows: its sequence and hash; `nil` for an empty trail.
        public var head: (sequence: Int64, hash: Data)?
        /// The first entry that does not follow, and why; `nil` when all do.
        public var broken: (sequence: Int64, reason: LocalizedText)?

        /// The head as `verify` prints it and `--expect-head` takes it: `SEQ:HEX`.
        public var headText: String? {
            head.map { "\($0.sequence):" + $0.hash.map { String(format: "%02x", $0) }.joined() }
        }

        public var description: String {
            if let broken { return "entry \(broken.sequence) does not follow the chain: \(broken.reason.english)" }
            guard let headText else { return "the audit trail is empty" }
            return "\(verified) entries follow the chain; head: \(headText)"
        }
    }

    /// Walks entries in sequence order, each with its stored hash.
    public static func verify<S: Sequence>(_ entries: S) -> Verdict where S.Element == (event: AuditEvent, hash: Data?) {
        var previous = genesis
        var lastSequence: Int64 = 0
        var verdict = Verdict(verified: 0, head: nil, broken: nil)
        for (event, stored) in entries {
            guard event.sequence == lastSequence + 1 else {
                verdict.broken = (event.sequence, event.sequence > lastSequence + 1
                    ? AdminMessage.auditEntriesMissing.localized(["first": String(lastSequence + 1), "last": String(event.sequence - 1)])
                    : AdminMessage.auditReordered.localized(["sequence": String(lastSequence)]))
                return verdict
            }
            let expected = hash(event, previous: previous)
            guard let stored, stored == expected else {
                verdict.broken = (event.sequence, (stored == nil ? AdminMessage.auditNoHash : .auditChanged).localized())
                return verdict
            }
            previous = expected
            lastSequence = event.sequence
            verdict.verified += 1
            verdict.head = (event.sequence, expected)
        }
        return verdict
    }
}
