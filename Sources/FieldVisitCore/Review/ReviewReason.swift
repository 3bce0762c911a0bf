/// Why a record waits in a manager's review queue (``ReviewStatus/reasons``).
///
/// The raw values are what storage keeps and what the console shows in its filters.
public enum ReviewReason: String, CaseIterable, Sendable, Hashable, Codable {
    /// A reviewed record, not deleted, handed in and waiting for approval or return.
    case submitted
    /// A reviewed record, not deleted, whose content changed after its approval.
    case changed
    /// A record of any type (companies included) with a field holding concurrent values.
    case conflict
    /// A record edited while deleted, or deleted and restored at once.
    case deleted
}
