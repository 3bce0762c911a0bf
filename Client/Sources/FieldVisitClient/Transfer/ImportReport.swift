import FieldVisitCore

/// What an import did, or with `--dry-run` would do: one entry per row of the file.
public struct ImportReport: Sendable, Hashable {
    /// What became of one row.
    public enum Outcome: String, Sendable, Hashable, CaseIterable {
        /// A record that was not in the store.
        case new
        /// A record already in the store, some of whose fields the row changes.
        case updated
        /// A record already in the store exactly as the row has it: nothing is written.
        case unchanged
    }

    /// One row of the file and the record it became.
    public struct Row: Sendable, Hashable {
        /// The line of the file on which the row starts.
        public var line: Int
        /// The record.
        public var key: EntityKey
        /// Whether the record is new, updated or unchanged.
        public var outcome: Outcome
        /// The fields the row writes (none when unchanged), by stable name.
        public var changedFields: [String]
        /// A few words naming the record for people: the company's name, or the visit's
        /// date and company.
        public var title: String

        /// A row on `line` that made `key` `outcome`.
        public init(line: Int, key: EntityKey, outcome: Outcome, changedFields: [String], title: String) {
            self.line = line
            self.key = key
            self.outcome = outcome
            self.changedFields = changedFields
            self.title = title
        }
    }

    /// The kind of records imported.
    public var type: TransferType
    /// The rows, in file order (rows whose cells are all empty are not listed).
    public var rows: [Row]
    /// The encoding the file was found to be in.
    public var encoding: CSVEncoding?
    /// Whether the records were written; `false` for a dry run.
    public var isApplied: Bool

    /// A report of `rows` of a file of `type`.
    public init(type: TransferType, rows: [Row], encoding: CSVEncoding?, isApplied: Bool) {
        self.type = type
        self.rows = rows
        self.encoding = encoding
        self.isApplied = isApplied
    }

    /// How many rows had `outcome`.
    public func count(_ outcome: Outcome) -> Int { rows.count(where: { $0.outcome == outcome }) }

    /// `2 new, 1 updated, 5 unchanged`.
    public var summary: String {
        TransferMessage.importSummary.text(["new": String(count(.new)), "updated": String(count(.updated)), "unchanged": String(count(.unchanged))])
    }
}

/// One problem found in an imported file, with the line and the column it concerns:
/// `line 7: corporateNumber: 1180301018772 has a wrong check digit …`.
public struct ImportProblem: Sendable, Hashable, CustomStringConvertible {
    /// The 1-based line of the file, when the problem is on one.
    public var line: Int?
    /// The column as the file names it, when the problem is in one.
    public var column: String?
    /// What is wrong and what to do, in plain words.
    public var reason: String

    /// A problem on `line` in `column`.
    public init(line: Int?, column: String?, reason: String) {
        self.line = line
        self.column = column
        self.reason = reason
    }

    /// `line 7: column: reason` (`7 行目、列：理由`), leaving out what is not known.
    public var description: String {
        switch (line, column) {
        case (let line?, let column?): TransferMessage.problemLineColumn.text(["line": String(line), "column": column, "reason": reason])
        case (let line?, nil): TextFileMessage.onLine.text(["line": String(line), "reason": reason])
        case (nil, let column?): TransferMessage.problemColumn.text(["column": column, "reason": reason])
        case (nil, nil): reason
        }
    }
}

/// Why a file was not imported: every problem found in it, in file order. Nothing was
/// written.
public struct ImportFailure: Error, Sendable, Hashable, CustomStringConvertible {
    /// The problems, in file order.
    public var problems: [ImportProblem]

    /// A failure listing `problems`.
    public init(_ problems: [ImportProblem]) { self.problems = problems }

    /// The lines with problems, without repeats: what a person goes through to fix.
    public var lines: [Int] {
        var seen: Set<Int> = []
        return problems.compactMap(\.line).filter { seen.insert($0).inserted }
    }

    /// One problem per line of text.
    public var description: String { problems.map(\.description).joined(separator: "\n") }
}
