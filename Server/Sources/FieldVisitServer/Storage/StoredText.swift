/// Text as every backend can store it and read it back: without the character U+0000,
/// which PostgreSQL's `text` cannot hold and SQLite's is read back cut at (GRDB reads
/// C strings). Text from outside may hold one: a user name tried at login, which the
/// audit trail records.
enum StoredText {
    /// Whether `text` holds U+0000.
    static func holdsNUL(_ text: String) -> Bool { text.utf8.contains(0) }

    /// `text` with every U+0000 replaced by U+FFFD, the replacement character.
    static func replacingNUL(_ text: String) -> String {
        guard holdsNUL(text) else { return text }
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars { scalars.append(scalar == "\u{0}" ? "\u{FFFD}" : scalar) }
        return String(scalars)
    }
}

extension AuditEvent {
    /// The entry as a backend records it, and hashes it: U+0000 in its text replaced by
    /// U+FFFD, so that what is read back hashes as it did when written. The trail
    /// records what it is given rather than refuse it.
    var storable: AuditEvent {
        var event = self
        event.user = user.map(StoredText.replacingNUL)
        event.device = device.map(StoredText.replacingNUL)
        event.address = address.map(StoredText.replacingNUL)
        event.detail = StoredText.replacingNUL(detail)
        return event
    }
}
