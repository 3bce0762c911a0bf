/// The kind of a record: company, visit, hearing sheet, succession diagnosis.
///
/// Its raw value is the stable code used on the wire and in storage.
public struct RecordType: RawRepresentable, Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    public let rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }

    /// A company (企業) the staff visit.
    public static let company = RecordType(rawValue: "company")
    /// One visit or meeting (訪問記録).
    public static let visit = RecordType(rawValue: "visit")
    /// A hearing sheet built on the local benchmark (ヒアリングシート).
    public static let hearingSheet = RecordType(rawValue: "hearingSheet")
    /// A business-succession diagnosis (事業承継診断).
    public static let successionDiagnosis = RecordType(rawValue: "successionDiagnosis")

    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    public static func < (lhs: RecordType, rhs: RecordType) -> Bool { lhs.rawValue < rhs.rawValue }

    public var description: String { rawValue }
}
