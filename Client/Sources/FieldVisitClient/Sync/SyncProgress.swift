/// What a sync is doing, reported as it goes so that a terminal can show it.
public enum SyncProgress: Sendable, Hashable {
    /// `sent` of `total` change sets of this laptop are on the server.
    case pushed(sent: Int, total: Int)
    /// The first pull is fetching a snapshot of every visible record.
    case fetchingSnapshot
    /// `received` bytes of the snapshot's `total` are here, of a snapshot of `records`
    /// records (when the server said); `resumed` when this answer continues one a
    /// dropped link cut.
    case receivingSnapshot(received: Int, total: Int?, records: Int?, resumed: Bool)
    /// The snapshot's records are in the store.
    case loadedSnapshot(records: Int)
    /// `count` change sets pulled so far; the server's position is `cursor`.
    case pulled(count: Int, cursor: Int64)
    /// A request failed for a passing reason and will be tried again.
    case retrying(RetryPolicy.Notice)
}
