import FieldVisitCore

/// What applying one pulled page, or a snapshot, did to the store.
public struct PullOutcome: Sendable, Hashable {
    /// Change sets (or snapshot records) applied.
    public var applied: Int
    /// Change sets already here: this laptop's own, or pulled before.
    public var duplicates: Int
    /// Records of this user that a manager returned for correction in what was applied.
    public var returnedForCorrection: [EntityKey]
    /// The cursor recorded with the page.
    public var cursor: Int64

    public init(applied: Int = 0, duplicates: Int = 0, returnedForCorrection: [EntityKey] = [], cursor: Int64) {
        self.applied = applied
        self.duplicates = duplicates
        self.returnedForCorrection = returnedForCorrection
        self.cursor = cursor
    }
}
