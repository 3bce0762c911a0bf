/// A hybrid logical clock reading: wall-clock milliseconds plus a logical counter.
///
/// It orders changes for display and breaks ties for ``MergePolicy/lastWriterWins``
/// fields. It never decides what replaces what: causality does that, so a laptop whose
/// clock is a year ahead cannot make a later edit lose.
public struct HybridTimestamp: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// Milliseconds since 1970-01-01T00:00:00Z, as the writer's clock saw it (or later).
    public var time: Int64
    /// Distinguishes readings within one millisecond.
    public var logical: UInt32

    public init(time: Int64, logical: UInt32 = 0) {
        self.time = time
        self.logical = logical
    }

    public static func < (lhs: HybridTimestamp, rhs: HybridTimestamp) -> Bool {
        (lhs.time, lhs.logical) < (rhs.time, rhs.logical)
    }

    public var description: String { "\(time).\(logical)" }
}

/// A replica's hybrid logical clock (Kulkarni et al.): monotonic even when the wall
/// clock steps back, and never behind any timestamp the replica has seen.
public struct HybridLogicalClock: Sendable, Hashable {
    /// The last reading given out or observed.
    public private(set) var last: HybridTimestamp

    public init(last: HybridTimestamp = HybridTimestamp(time: 0)) { self.last = last }

    /// A new reading for a local change, given the wall clock in milliseconds.
    public mutating func tick(now: Int64) -> HybridTimestamp {
        if now > last.time {
            last = HybridTimestamp(time: now)
        } else {
            last.logical &+= 1
        }
        return last
    }

    /// Moves the clock past a timestamp received from another replica.
    public mutating func observe(_ remote: HybridTimestamp) {
        if remote > last { last = remote }
    }

    /// Moves the clock past a timestamp received from another replica, unless that
    /// timestamp is more than ``plausibleLead`` ahead of this replica's wall clock
    /// `now`: a laptop whose clock is wrong must not drag everyone's clocks with it.
    /// Timestamps never decide what replaces what, so ignoring one costs nothing but
    /// the order of display against that one change.
    public mutating func observe(_ remote: HybridTimestamp, now: Int64) {
        guard remote.time <= now &+ Self.plausibleLead else { return }
        observe(remote)
    }

    /// How far ahead of the local wall clock a received timestamp is still followed,
    /// in milliseconds: a day, more than any honest clock drifts between syncs.
    public static let plausibleLead: Int64 = 24 * 60 * 60 * 1000
}
