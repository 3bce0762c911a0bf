import FieldVisitCore
import Foundation

/// Reads the cells of imported files into field values, accepting what people type in
/// Excel besides what ``RecordExport`` writes:
///
/// - codes as the code or its Japanese label, in any width (`製造業`, `manufacturing`);
/// - dates as `2024-05-14`, `2024/5/14` (what Excel writes for a date cell) or
///   `2024年5月14日`;
/// - yen with `¥`, `￥` or `円` and thousands separators (`¥10,000,000`), years with `年`;
/// - sets as elements separated by `;` (code sets also by `、` or commas).
enum ImportCells {
    /// The value of a single-valued field's cell; an empty cell clears the field.
    static func value(_ cell: String, spec: FieldSpec) throws(ValidationError) -> FieldValue {
        let trimmed = cell.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.isEmpty { return try spec.parse("") }
        if let list = spec.codeList { return try spec.parse(try code(trimmed, in: list, spec: spec)) }
        switch spec.kind {
        case .text:
            return try spec.parse(TransferCell.unguarded(cell))
        case .date:
            return try spec.parse(isoDate(trimmed) ?? trimmed)
        case .yen:
            return try spec.parse(withoutUnit(trimmed, prefixes: ["¥", "￥", "\\"], suffixes: ["円"]))
        case .year:
            return try spec.parse(withoutUnit(trimmed, prefixes: [], suffixes: ["年"]))
        case .corporateNumber:
            do {
                return try spec.parse(trimmed)
            } catch where trimmed.uppercased().contains("E+") {
                throw ValidationError(
                    field: spec.name,
                    reason: TransferMessage.excelShortenedNumber.text(["text": trimmed])
                )
            }
        default:
            return try spec.parse(trimmed)
        }
    }

    /// The elements of a set field's cell, in cell order without repeats; an empty cell
    /// is the empty set.
    static func elements(_ cell: String, spec: FieldSpec) throws(ValidationError) -> [FieldValue] {
        let list = spec.codeList
        var elements: [FieldValue] = []
        for text in TransferCell.elements(of: TransferCell.unguarded(cell), isCodeSet: list != nil) {
            let typed = if let list { try code(text, in: list, spec: spec) } else { text }
            let element = try spec.parse(typed)
            if !elements.contains(element) { elements.append(element) }
        }
        return elements
    }

    /// The code of `text`: a code of `list`, or the label of one, compared as
    /// ``JapaneseSearchKey`` folds them (width, kana, case, spaces, middle dots).
    static func code(_ text: String, in list: CodeList, spec: FieldSpec) throws(ValidationError) -> String {
        if list.contains(text) { return text }
        let key = JapaneseSearchKey.fold(text)
        let matches = list.entries.filter { JapaneseSearchKey.fold($0.code) == key || JapaneseSearchKey.fold($0.label) == key }
        if matches.count == 1 { return matches[0].code }
        throw ValidationError(field: spec.name, reason: TransferMessage.notACode.text(["text": text, "label": spec.label, "choices": list.choicesDescription]))
    }

    /// `YYYY-MM-DD` for a date written `2024/5/14`, `2024-5-14`, `2024.5.14` or
    /// `2024年5月14日` (full-width digits too); `nil` when `text` is none of these, so
    /// that the field's own message explains the expected form.
    static func isoDate(_ text: String) -> String? {
        var normalized = text.precomposedStringWithCompatibilityMapping
        if normalized.hasSuffix("日") { normalized.removeLast() }
        let parts = normalized.split(omittingEmptySubsequences: false, whereSeparator: { "-/.年月".contains($0) })
        guard parts.count == 3, parts[0].count == 4, (1...2).contains(parts[1].count), (1...2).contains(parts[2].count),
              parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } })
        else { return nil }
        let pad = { (part: Substring) in part.count == 1 ? "0" + part : String(part) }
        return "\(parts[0])-\(pad(parts[1]))-\(pad(parts[2]))"
    }

    /// `text` without one of the currency signs or units around the number.
    private static func withoutUnit(_ text: String, prefixes: [String], suffixes: [String]) -> String {
        var text = text
        for prefix in prefixes where text.hasPrefix(prefix) { text.removeFirst(prefix.count) }
        for suffix in suffixes where text.hasSuffix(suffix) { text.removeLast(suffix.count) }
        return text.trimmingCharacters(in: .whitespaces)
    }
}
