@testable import FieldVisitCore

/// A record type with one field of each merge policy, for the sync engine's tests.
enum SyncTestSchema {
    static let note = RecordType(rawValue: "note")
    static let tags = CodeList(name: "Tag", entries: ["a", "b", "c"].map { .init(code: $0, label: $0) })

    static let schema = Schema([
        RecordSchema(note, label: "メモ", fields: [
            FieldSpec("title", label: "件名", kind: .text(maxLength: 100)),
            FieldSpec("body", label: "本文", kind: .text(maxLength: 4000)),
            FieldSpec("amount", label: "金額", kind: .yen),
            FieldSpec("colour", label: "色", kind: .text(maxLength: 20), policy: .lastWriterWins),
            FieldSpec("tags", label: "タグ", kind: .codeSet(tags)),
            FieldSpec("reviewState", label: "状態", kind: .text(maxLength: 20), workflow: true),
        ])
    ])

    /// Field names written with `set`, and the policy each merges by.
    static let registerFields: [(name: String, policy: MergePolicy)] = [
        ("title", .review), ("body", .review), ("amount", .review), ("colour", .lastWriterWins), ("reviewState", .review),
    ]

    static func key(_ index: Int) -> EntityKey { EntityKey(note, RecordID(rawValue: "note-\(index)")) }
}
