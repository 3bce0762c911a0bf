/// One record of a CSV file: its fields, and the line of the file where it starts, so
/// that an import can say `line 7: …` about it. A record whose quoted fields hold line
/// breaks spans several lines; the next record's line counts them all.
public struct CSVRecord: Sendable, Hashable {
    /// The 1-based line of the file on which the record starts.
    public var line: Int
    /// The fields, unquoted, in file order.
    public var fields: [String]

    /// A record starting on `line`.
    public init(line: Int, fields: [String]) {
        self.line = line
        self.fields = fields
    }

    /// The field at `index`, or `nil` when the record is shorter.
    public subscript(index: Int) -> String? {
        fields.indices.contains(index) ? fields[index] : nil
    }
}
