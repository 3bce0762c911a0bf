/// The identity of one change set: the replica that made it and that replica's counter,
/// dense from 1.
///
/// Every value a field holds remembers the dot of the change that wrote it, which is how
/// a later writer says exactly which values it saw and replaces.
public struct Dot: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// The replica that made the change.
    public var replica: ReplicaID
    /// Its position in that replica's sequence of changes, from 1.
    public var counter: UInt64

    public init(replica: ReplicaID, counter: UInt64) {
        self.replica = replica
        self.counter = counter
    }

    /// Orders by replica, then counter: a fixed order every replica agrees on.
    public static func < (lhs: Dot, rhs: Dot) -> Bool {
        lhs.replica != rhs.replica ? lhs.replica < rhs.replica : lhs.counter < rhs.counter
    }

    /// `replica:counter`, as shown in histories and error messages.
    public var description: String { "\(replica):\(counter)" }
}
