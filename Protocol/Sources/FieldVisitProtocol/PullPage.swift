import Foundation
import FieldVisitCore

/// `GET /v1/changes?after=N&limit=M`: the change sets after a cursor that the user may
/// see, in the server's sequence order, which is causal.
public struct PullPage: Sendable, Hashable, Codable {
    /// The change sets, in sequence order.
    public var changeSets: [ChangeSet]
    /// The cursor to ask after next time: the sequence number of the last change set
    /// examined (it may be past the last one returned, when the rest were not visible).
    public var cursor: Int64
    /// Whether more change sets are waiting after `cursor`.
    public var more: Bool

    public init(changeSets: [ChangeSet], cursor: Int64, more: Bool) {
        self.changeSets = changeSets
        self.cursor = cursor
        self.more = more
    }
}
