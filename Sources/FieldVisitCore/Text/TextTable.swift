/// A plain-text table for the terminal in which Japanese and ASCII line up: lists of
/// companies, visits and agendas on the command line.
///
/// Columns are padded by display width (see ``DisplayWidth``) and separated by two
/// spaces; the header is underlined with a rule as wide as each column. Lines never end
/// in spaces, and the same table always renders to the same text.
///
/// ```swift
/// var table = TextTable(columns: [.init("会社名"), .init("訪問回数", alignment: .right), .init("次回")])
/// table.append(["株式会社カワムラ", "12", "2024-06-01"])
/// table.append(["ABC Foods", "3", "2024-05-20"])
/// print(table.render())
/// // 会社名            訪問回数  次回
/// // ────────────────  ────────  ──────────
/// // 株式会社カワムラ        12  2024-06-01
/// // ABC Foods                3  2024-05-20
/// ```
///
/// Cells are one line and safe to print: each goes through ``TerminalText``, so line
/// breaks and tabs (notes often have them) become a space and control characters and
/// escape sequences become visible, inert characters. A cell can neither break the
/// layout nor send escape sequences to the terminal.
public struct TextTable: Sendable, Hashable {
    /// One column: its title, how its cells sit, and how wide it may grow.
    public struct Column: Sendable, Hashable {
        /// The title shown in the header.
        public var title: String
        /// How the title and the cells sit in the column: ``DisplayWidth/Alignment/right``
        /// for amounts and counts.
        public var alignment: DisplayWidth.Alignment
        /// The widest the column may be, in terminal columns; longer cells are cut and end
        /// with "…". `nil` lets the column be as wide as its widest cell.
        public var maxWidth: Int?

        /// A column titled `title`; left-aligned and as wide as its widest cell unless told otherwise.
        public init(_ title: String, alignment: DisplayWidth.Alignment = .left, maxWidth: Int? = nil) {
            self.title = title
            self.alignment = alignment
            self.maxWidth = maxWidth
        }
    }

    /// The columns. A row with more cells than there are columns gets untitled columns
    /// for the rest, so that nothing is silently left out; a shorter row is filled with
    /// empty cells.
    public var columns: [Column]
    /// The rows of cells, in display order.
    public var rows: [[String]]
    /// Whether the titles and the rule under them are shown.
    public var showsHeader: Bool
    /// The character the header is underlined with. A character two columns wide in the
    /// chosen ``measure`` (─ where ambiguous characters are wide) is replaced with `-`, so
    /// that the rule stays as wide as the column.
    public var ruleCharacter: Character
    /// How widths are measured.
    public var measure: DisplayWidth

    /// The text between two columns.
    public static let columnSeparator = "  "

    /// A table with the given columns and rows.
    public init(
        columns: [Column], rows: [[String]] = [], showsHeader: Bool = true, ruleCharacter: Character = "─",
        measure: DisplayWidth = .standard
    ) {
        self.columns = columns
        self.rows = rows
        self.showsHeader = showsHeader
        self.ruleCharacter = ruleCharacter
        self.measure = measure
    }

    /// A table from a header and rows: `rightAligned` holds the indices of the columns to
    /// right-align (numbers), and `maxColumnWidth` caps every column.
    public init(header: [String], rows: [[String]], rightAligned: Set<Int> = [], maxColumnWidth: Int? = nil) {
        let columns = header.enumerated().map { index, title in
            Column(title, alignment: rightAligned.contains(index) ? .right : .left, maxWidth: maxColumnWidth)
        }
        self.init(columns: columns, rows: rows)
    }

    /// Adds a row at the bottom.
    public mutating func append(_ row: [String]) {
        rows.append(row)
    }

    /// The table's lines: the header and its rule (when shown), then one line a row.
    public func lines() -> [String] {
        let columnCount = max(columns.count, rows.map(\.count).max() ?? 0)
        guard columnCount > 0 else { return [] }
        let columns = (0..<columnCount).map { $0 < self.columns.count ? self.columns[$0] : Column("") }

        // Cells neutralised onto one line, then cut to the columns' maximum widths.
        func prepared(_ text: String, _ column: Column) -> String {
            let line = TerminalText.neutralised(text)
            guard let maxWidth = column.maxWidth else { return line }
            return measure.truncate(line, toWidth: max(maxWidth, 1))
        }
        let header = columns.map { prepared($0.title, $0) }
        let body = rows.map { row in
            columns.indices.map { index in prepared(index < row.count ? row[index] : "", columns[index]) }
        }

        var widths = columns.indices.map { index in
            max(showsHeader ? measure.width(of: header[index]) : 0, body.map { measure.width(of: $0[index]) }.max() ?? 0)
        }
        widths = widths.map { max($0, 1) }

        func render(_ cells: [String]) -> String {
            var line = ""
            for (index, cell) in cells.enumerated() {
                if index > 0 { line += Self.columnSeparator }
                line += measure.pad(cell, to: widths[index], alignment: columns[index].alignment)
            }
            // No trailing spaces: from left-aligned last cells, or empty trailing cells.
            while line.unicodeScalars.last == " " { line.unicodeScalars.removeLast() }
            return line
        }

        var lines: [String] = []
        lines.reserveCapacity(body.count + 2)
        if showsHeader {
            lines.append(render(header))
            let rule = measure.width(of: ruleCharacter) == 1 ? ruleCharacter : "-"
            lines.append(widths.map { String(repeating: rule, count: $0) }.joined(separator: Self.columnSeparator))
        }
        for cells in body { lines.append(render(cells)) }
        return lines
    }

    /// The table as text: its lines joined with newlines, without a newline at the end
    /// (`print` adds one). An empty string when there are no columns.
    public func render() -> String {
        lines().joined(separator: "\n")
    }
}
