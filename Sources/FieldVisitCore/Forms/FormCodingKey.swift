/// A coding key for any JSON member name, used to refuse members a form file does not
/// define: a misspelt `"requierd"` must be an error, not a silently optional question.
struct FormCodingKey: CodingKey, Hashable {
    var stringValue: String
    var intValue: Int? { nil }

    init(_ name: String) { stringValue = name }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }

    /// Throws when the object decoded by `decoder` has a member outside `allowed`.
    static func refuseUnknownMembers(in decoder: any Decoder, allowed: Set<String>, what: String) throws {
        let container = try decoder.container(keyedBy: FormCodingKey.self)
        let unknown = container.allKeys.map(\.stringValue).filter { !allowed.contains($0) }.sorted()
        guard unknown.isEmpty else {
            throw DecodingError.dataCorrupted(.init(
                codingPath: decoder.codingPath,
                debugDescription: "\(what) has unknown member(s) \(unknown.joined(separator: ", ")); "
                    + "the members allowed are \(allowed.sorted().joined(separator: ", ")) (check the spelling)"
            ))
        }
    }
}
