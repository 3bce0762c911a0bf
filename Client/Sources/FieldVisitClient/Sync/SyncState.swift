/// How far this laptop has synced, as the store records it after every page, so that
/// a sync interrupted at any moment continues where it stopped.
public struct SyncState: Sendable, Hashable, Codable {
    /// The server the positions below belong to; `nil` before the first login.
    public var server: String?
    /// Every change set of this laptop up to this counter is on the server.
    public var pushedCounter: UInt64
    /// The server sequence number pulled up to; `nil` when this laptop never pulled.
    public var pullCursor: Int64?
    /// When the last sync finished, in milliseconds since 1970.
    public var lastSync: Int64?

    public init(server: String? = nil, pushedCounter: UInt64 = 0, pullCursor: Int64? = nil, lastSync: Int64? = nil) {
        self.server = server
        self.pushedCounter = pushedCounter
        self.pullCursor = pullCursor
        self.lastSync = lastSync
    }
}
