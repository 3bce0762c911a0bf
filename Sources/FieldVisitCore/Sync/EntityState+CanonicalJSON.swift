/// A record's registers read straight from their canonical JSON, as a server's snapshot
/// holds them (`CanonicalJSONWriter.write(_ state:)` writes them). Registers hold what
/// the log admitted, so their dots are not held to the bounds of a change set read from
/// a client.
extension JSONScanner {
    /// `{"approval":[…],"fields":{…},"sets":{…},"tombstone":[…]}`; `nil` at the first
    /// byte that departs from the canonical form, and the caller reads the bytes the
    /// general way (`Codable`), which words every refusal. What it returns is what the
    /// general way returns for the same bytes.
    public mutating func canonicalState() -> EntityState? {
        var state = EntityState()
        guard literal(#"{"approval":"#),
              canonicalArray({ scanner in scanner.canonicalSibling { $0.canonicalClock() }.map { state.restoreApproval($0) } }),
              literal(#","fields":"#),
              canonicalObject({ scanner, field in
                  scanner.canonicalArray { scanner in scanner.canonicalSibling { $0.canonicalFieldValue() }.map { state.restore($0, field: field) } }
              }),
              literal(#","sets":"#),
              canonicalObject({ scanner, field in
                  scanner.canonicalArray { scanner in
                      guard scanner.literal(#"{"dots":"#) else { return nil }
                      var dots: [Dot] = []
                      guard scanner.canonicalArray({ scanner in scanner.canonicalDot(maxCounter: .max).map { dots.append($0) } }),
                            scanner.literal(#","element":"#), let element = scanner.canonicalFieldValue(), scanner.literal("}")
                      else { return nil }
                      for dot in dots { state.restore(element: element, dot: dot, field: field) }
                      return ()
                  }
              }),
              literal(#","tombstone":"#),
              canonicalArray({ scanner in
                  scanner.canonicalSibling { scanner -> Tombstone? in
                      guard scanner.literal(#"{"deleted":"#) else { return nil }
                      let deleted = scanner.literal("true")
                      guard deleted || scanner.literal("false"), scanner.literal(#","version":"#), let version = scanner.canonicalClock(), scanner.literal("}")
                      else { return nil }
                      return Tombstone(isDeleted: deleted, version: version)
                  }.map { state.restoreTombstone($0) }
              }),
              literal("}")
        else { return nil }
        return state
    }

    /// `{"author":…,"dot":…,"timestamp":…,"value":…}`, the value read by `value`.
    private mutating func canonicalSibling<Value>(_ value: (inout JSONScanner) -> Value?) -> Sibling<Value>? {
        guard literal(#"{"author":"#), let author = canonicalString(), literal(#","dot":"#), let dot = canonicalDot(maxCounter: .max),
              literal(#","timestamp":"#), let timestamp = canonicalTimestamp(), literal(#","value":"#), let read = value(&self), literal("}")
        else { return nil }
        return Sibling(dot: dot, value: read, timestamp: timestamp, author: author)
    }
}
