/// The wire form of a record's registers, used by snapshots: a new laptop receives the
/// state of each record with every sibling's dot, so it merges later changes exactly as
/// a laptop that replayed the whole log would.
///
/// ```json
/// {"approval":[],"fields":{"notes":[{"author":"tanaka","dot":{…},"timestamp":{…},"value":"社長と面談"}]},
///  "sets":{"issues":[{"dots":[{…}],"element":"cashFlow"}]},"tombstone":[]}
/// ```
extension EntityState: Codable {
    private enum CodingKeys: String, CodingKey { case fields, sets, tombstone, approval }

    private struct Element: Codable {
        var element: FieldValue
        var dots: [Dot]
    }

    public init(from decoder: any Decoder) throws {
        self.init()
        let container = try decoder.container(keyedBy: CodingKeys.self)
        for (field, siblings) in try container.decode([String: [Sibling<FieldValue>]].self, forKey: .fields) {
            for sibling in siblings { restore(sibling, field: field) }
        }
        for (field, elements) in try container.decode([String: [Element]].self, forKey: .sets) {
            for element in elements {
                for dot in element.dots { restore(element: element.element, dot: dot, field: field) }
            }
        }
        for sibling in try container.decode([Sibling<Tombstone>].self, forKey: .tombstone) { restoreTombstone(sibling) }
        for sibling in try container.decode([Sibling<VectorClock>].self, forKey: .approval) { restoreApproval(sibling) }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(fields.mapValues(\.siblings), forKey: .fields)
        try container.encode(
            sets.mapValues { set in set.elements.map { Element(element: $0, dots: set.dots(of: $0)) } },
            forKey: .sets
        )
        try container.encode(tombstone.siblings, forKey: .tombstone)
        try container.encode(approval.siblings, forKey: .approval)
    }
}
