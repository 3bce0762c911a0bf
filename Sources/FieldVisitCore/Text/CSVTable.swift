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
                TextFileMessage.emptyFile.localized(parts: ["columns": Self.listing(requiredColumns, .needs)])
            )
        }
        let columns = header.fields.map { $0.trimmingCharacters(in: .whitespaces) }
        var positions: [String: Int] = [:]
        for (index, name) in columns.enumerated() {
            if name.isEmpty {
                throw CSVError(
                    .emptyColumnName, line: header.line,
                    TextFileMessage.unnamedColumn.localized(["column": "\(index + 1)"])
                )
            }
            if let earlier = positions[name] {
                throw CSVError(
                    .duplicateColumnName, line: header.line,
                    TextFileMessage.duplicateColumn.localized(["name": name, "first": "\(earlier + 1)", "second": "\(index + 1)"])
                )
            }
            positions[name] = index
        }
        let missing = requiredColumns.filter { positions[$0] == nil }
        if !missing.isEmpty {
            let names = missing.map { "“\($0)”" }.joined(separator: ", ")
            throw CSVError(
                .missingColumn, line: header.line,
                (missing.count == 1 ? TextFileMessage.missingColumn : .missingColumns).localized(["names": names], parts: ["columns": Self.listing(columns, .itHas)])
            )
        }

        var rows: [Row] = []
        rows.reserveCapacity(records.count - 1)
        for record in records.dropFirst() {
            guard record.fields.count == columns.count else {
                throw CSVError(
                    .wrongFieldCount, line: record.line,
                    (record.fields.count == 1 ? TextFileMessage.oneField : .wrongFieldCount).localized(["count": "\(record.fields.count)", "columns": "\(columns.count)"])
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

    /// The columns in parentheses, after a refusal: nothing when there are none.
    private static func listing(_ names: [String], _ message: TextFileMessage) -> LocalizedText {
        names.isEmpty ? LocalizedText(verbatim: "") : message.localized(["names": names.joined(separator: ", ")])
    }
}
