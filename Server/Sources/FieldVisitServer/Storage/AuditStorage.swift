import Foundation

/// The append-only audit trail: who logged in, pushed, pulled and administered what,
/// each entry chained to the one before by a hash (``AuditChain``).
public protocol AuditStorage: Sendable {
    /// Appends to the audit trail.
    func audit(_ event: AuditEvent) async throws
    /// The audit trail from `since`, optionally for one user, oldest first. Throws
    /// ``StorageError/unknownAuditEvent(sequence:kind:)`` for an entry of a kind this
    /// server does not know.
    func auditTrail(since: Date, user: String?) async throws -> [AuditEvent]
    /// Walks the trail's hash chain (``AuditChain``), up to entry `last` or to its end.
    func verifyAudit(upTo last: Int64) async throws -> AuditChain.Verdict
}

extension AuditStorage {
    /// Walks the whole trail's hash chain.
    public func verifyAudit() async throws -> AuditChain.Verdict {
        try await verifyAudit(upTo: .max)
    }
}
