import Foundation

extension AuditEvent {
    /// The columns of the audit trail as exported (`audit --format csv`, the console's CSV).
    public static let tableHeader = ["seq", "time", "event", "user", "device", "address", "detail"]

    /// The entry as a row under ``tableHeader``, its time in ISO 8601 in `timeZone`.
    public func tableRow(timeZone: TimeZone) -> [String] {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = timeZone
        return [String(sequence), formatter.string(from: time), kind.rawValue, user ?? "", device ?? "", address ?? "", detail]
    }
}
