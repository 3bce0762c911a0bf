import FieldVisitClient
import FieldVisitCore
import Foundation

/// Printing tables, records, lines and JSON.
///
/// Everything printed from the store or the server (notes, names, comments, the server's
/// messages) goes through ``TerminalText``: tables neutralise their cells, ``line(_:terminator:)``
/// the values interpolated into a line, ``error(_:)`` a whole message. No one's text can
/// then send escape sequences to the terminal of the person reading it.
enum Output {
    /// Prints a line to standard output: its literal text as written, each interpolated
    /// value neutralised on one line (``TerminalText``).
    static func line(_ text: TerminalText = "", terminator: String = "\n") {
        print(text.description, terminator: terminator)
    }

    /// Writes `message` to standard error, neutralised; its line breaks are kept.
    static func error(_ message: String) {
        FileHandle.standardError.write(Data(TerminalText.neutralised(message, lineBreaks: .kept).utf8))
    }

    /// Prints an aligned table in which Japanese (double-width) text lines up.
    static func table(_ header: [String], _ rows: [[String]], rightAligned: Set<Int> = []) {
        if rows.isEmpty {
            print(StatusMessage.statusNone.text())
            return
        }
        print(TextTable(header: header, rows: rows, rightAligned: rightAligned, maxColumnWidth: 40).render())
    }

    /// Prints values as pretty JSON with sorted keys.
    static func json<T: Encodable>(_ value: T) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        // Text from other people stays inert on a terminal, and reads back the same.
        print(TerminalText.escapingJSON(String(decoding: try encoder.encode(value), as: UTF8.self)))
    }

    /// The short form of an id shown in tables: enough characters to be unique in practice.
    static func shortID(_ id: RecordID) -> String { String(id.rawValue.prefix(8)) }

    /// A hybrid timestamp as local date and time.
    static func time(_ timestamp: HybridTimestamp) -> String {
        let formatter = DateFormatter()
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        return formatter.string(from: Date(timeIntervalSince1970: Double(timestamp.time) / 1000))
    }

    /// Prints one record field by field, with Japanese labels, flagging conflicts.
    static func record(_ summary: RecordSummary, state: EntityState?, schema: RecordSchema, companyNames: [RecordID: String] = [:]) {
        var rows: [[String]] = [["id", summary.key.id.rawValue]]
        let conflicts = state?.conflicts(of: summary.key, schema: schema) ?? []
        let conflicted = Dictionary(conflicts.filter { $0.kind == .concurrentValues }.map { ($0.fields[0], $0) }, uniquingKeysWith: { a, _ in a })
        var names = schema.fields.map(\.name)
        names += summary.values.keys.filter { schema.spec(for: $0) != nil && !names.contains($0) }.sorted()
        for name in names where summary.values[name] != nil || summary.sets[name] != nil || conflicted[name] != nil {
            let label = schema.spec(for: name)?.label ?? name
            if let conflict = conflicted[name] {
                let options = conflict.siblings.enumerated().map { index, sibling in
                    "[\(index + 1)] \(RecordSummary.display(sibling.value, spec: schema.spec(for: name))) (\(sibling.author))"
                }
                rows.append([label, "⚠ 競合: " + options.joined(separator: " / ")])
            } else if case .reference(.company)? = schema.spec(for: name)?.kind, let id = summary.text(name),
                      let company = companyNames[RecordID(rawValue: id)] {
                rows.append([label, "\(company) (\(shortID(RecordID(rawValue: id))))"])
            } else {
                rows.append([label, summary.display(name, schema: schema)])
            }
        }
        if summary.isDeleted { rows.append(["状態", "削除済み"]) }
        for conflict in conflicts where conflict.kind != .concurrentValues {
            rows.append(["⚠ 競合", conflict.kind == .editedWhileDeleted ? "削除と同時に編集: \(conflict.fields.joined(separator: ", "))" : "削除と復元が同時に行われた"])
        }
        if let changed = summary.changedSinceApproval, !changed.isEmpty {
            rows.append(["⚠ 承認後に変更", changed.map { schema.spec(for: $0)?.label ?? $0 }.joined(separator: "、")])
        }
        print(TextTable(header: ["項目", "内容"], rows: rows).render())
    }
}

/// A record as JSON: its id and type, its fields by name (sets as arrays) and its state.
struct RecordJSON: Encodable {
    var summary: RecordSummary

    struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(_ string: String) { stringValue = string }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        try container.encode(summary.key.id, forKey: Key("id"))
        try container.encode(summary.key.type, forKey: Key("type"))
        for (field, value) in summary.values { try container.encode(value, forKey: Key(field)) }
        for (field, elements) in summary.sets { try container.encode(elements, forKey: Key(field)) }
        if summary.isDeleted { try container.encode(true, forKey: Key("deleted")) }
        if summary.conflictCount > 0 { try container.encode(summary.conflictCount, forKey: Key("conflicts")) }
        if let changed = summary.changedSinceApproval { try container.encode(changed, forKey: Key("changedSinceApproval")) }
    }
}
