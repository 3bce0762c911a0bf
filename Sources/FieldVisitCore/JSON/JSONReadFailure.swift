/// Why bytes are not what a reader of JSON expected, with the byte offset where
/// reading stopped: every reader of the wire and of the stores refuses with this.
public struct JSONReadFailure: Error, Sendable, Hashable, CustomStringConvertible {
    /// What the bytes were to be, as in "not *a valid change set*".
    public var subject: String
    /// What is wrong.
    public var reason: String
    /// Where, in bytes from the start.
    public var offset: Int

    public var description: String { "not \(subject) at byte \(offset): \(reason)" }

    /// A failure to read `subject` at `offset`.
    public init(subject: String, reason: String, offset: Int) {
        self.subject = subject
        self.reason = reason
        self.offset = offset
    }
}
