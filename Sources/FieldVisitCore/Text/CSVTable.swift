import Foundation

/// The rows of a CSV file whose first record names the columns, each row keyed by those
/// names: what an import of companies or visits works from.
///
/// The header is checked before any row is used: every column has a name (spaces
/// around it, ASCII or ideographic, are ignored), no name appears twice, and the
/// columns the import needs are there. Every row has exactly as many fields as the
/// header. Each problem is reported with its line.
public struct CSVTable: Sendable, Hashable {
    /// One row, with the line of the file where it starts.
    public struct Row: Sendable, Hashable {
        /// The 1-based line of the file on which the row starts.
        public var line: Int
        /// The row's fields keyed by column name.
        public var values: [String: String]

        /// A row starting on `line`.
        public init(line: Int, values: [String: String]) {
            self.line = line
            self.values = values
        }

        /// The field of the column named `column`, or `nil` when there is no such column.
        public subscript(column: String) -> String? { values[column] }
    }

    /// The column names, in file order.
    public var columns: [String]
    /// The line of the header (after skipped empty lines, not always 1).
    public var headerLine: Int
    /// The rows after the header, in file order.
    public var rows: [Row]
    /// The encoding the file was found to be in, when it was read from bytes.
    public var encoding: CSVEncoding?

    /// Checks the header (the first record) and maps the other records by column name.
    public init(records: [CSVRecord], requiredColumns: [String] = [], encoding: CSVEncoding? = nil) throws(CSVError) {
        guard let header = records.first else {
            throw CSVError(
                .missingHeader, line: nil,
                reason: "the file is empty; its first line must name the columns\(Self.listing(requiredColumns, prefix: " (", suffix: ")"))"
            )
        }
        let columns = header.fields.map { $0.trimmingCharacters(in: .whitespaces) }
        var positions: [String: Int] = [:]
        for (index, name) in columns.enumerated() {
            if name.isEmpty {
                throw CSVError(
                    .emptyColumnName, line: header.line,
                    reason: "column \(index + 1) of the header has no name; name it or delete the column"
                )
            }
            if let earlier = positions[name] {
                throw CSVError(
                    .duplicateColumnName, line: header.line,
                    reason: "the column name “\(name)” appears twice in the header (columns \(earlier + 1) and \(index + 1)); rename or delete one of them"
                )
            }
            positions[name] = index
        }
        let missing = requiredColumns.filter { positions[$0] == nil }
        if !missing.isEmpty {
            let names = missing.map { "“\($0)”" }.joined(separator: ", ")
            throw CSVError(
                .missingColumn, line: header.line,
                reason: "the header has no column \(names)\(Self.listing(columns, prefix: " (it has: ", suffix: ")")); add \(missing.count == 1 ? "the column" : "the columns") or correct the spelling"
            )
        }

        var rows: [Row] = []
        rows.reserveCapacity(records.count - 1)
        for record in records.dropFirst() {
            guard record.fields.count == columns.count else {
                throw CSVError(
                    .wrongFieldCount, line: record.line,
                    reason: "this row has \(record.fields.count) \(record.fields.count == 1 ? "field" : "fields") but the header has \(columns.count); check for a missing comma, or a comma in a value that is not in quotes"
                )
            }
            var values: [String: String] = [:]
            values.reserveCapacity(columns.count)
            for (name, value) in zip(columns, record.fields) { values[name] = value }
            rows.append(Row(line: record.line, values: values))
        }
        self.columns = columns
        self.headerLine = header.line
        self.rows = rows
        self.encoding = encoding
    }

    private static func listing(_ names: [String], prefix: String, suffix: String) -> String {
        names.isEmpty ? "" : prefix + names.joined(separator: ", ") + suffix
    }
}
