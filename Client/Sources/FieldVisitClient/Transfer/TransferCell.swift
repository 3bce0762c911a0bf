import FieldVisitCore

/// How a field's value is written in one CSV cell and read back. Export and import both
/// use it, so that importing an export gives back exactly the records exported.
enum TransferCell {
    /// Separates the elements of a set in one cell: codes (`cashFlow;noSuccessor`) and
    /// staff names. A comma would do for codes, but staff names may hold one.
    static let setSeparator: Character = ";"

    /// What separates set elements when a file is read: `;` as exported, and for code
    /// sets typed in Excel also the full-width `；`, `、` and commas. No code or label
    /// contains any of them.
    static func elements(of cell: String, isCodeSet: Bool) -> [String] {
        let separators: Set<Character> = isCodeSet ? [";", "；", "、", ",", "，"] : [";", "；"]
        return cell.split(whereSeparator: { separators.contains($0) })
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
    }

    /// One value as cell text: text as it is, numbers in plain digits (`-1500`, no
    /// separators), yes/no as `true`/`false`.
    static func text(of value: FieldValue) -> String {
        switch value {
        case .null: ""
        case .bool(let flag): flag ? "true" : "false"
        case .integer(let number): String(number)
        case .text(let text): text
        }
    }

    // MARK: Excel formulas

    /// Free text as written to the file: text Excel would run as a formula (`=HYPERLINK(…)`,
    /// `- 後継者なし`) gets a leading `'`, so opening an export never runs what someone
    /// typed and shows the text as typed. Text already starting with `'` gets one too,
    /// which makes ``unguarded(_:)`` its exact inverse.
    static func guarded(_ text: String) -> String {
        needsGuard(text) ? "'" + text : text
    }

    /// Free text as read from a file: the `'` that ``guarded(_:)`` added is removed. A
    /// leading `'` before ordinary text (`'abc`) is someone's text and stays.
    static func unguarded(_ cell: String) -> String {
        guard cell.hasPrefix("'") else { return cell }
        let rest = String(cell.dropFirst())
        return needsGuard(rest) ? rest : cell
    }

    private static func needsGuard(_ text: String) -> Bool {
        text.hasPrefix("'") || CSVWriter.looksLikeFormula(text)
    }
}

extension FieldSpec {
    /// Whether the field is typed freely by people, so that its cells may need
    /// ``TransferCell/guarded(_:)``.
    var isFreeText: Bool {
        switch kind {
        case .text, .textSet: true
        default: false
        }
    }

    /// Whether the field is a form's answer (`answer.<questionID>`), of whatever kind its question gives.
    var isFormAnswer: Bool {
        if case .formAnswer = kind { return true }
        return false
    }

    /// Whether the field holds codes of a code list, typed in a file as the code or its
    /// Japanese label.
    var codeList: CodeList? {
        switch kind {
        case .code(let list), .codeSet(let list): list
        default: nil
        }
    }
}
