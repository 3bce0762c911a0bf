import FieldVisitCore

/// The kinds of record that travel as files: companies and visits, exported for Excel and
/// imported from it.
public enum TransferType: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// Companies (企業).
    case companies
    /// Visits (訪問記録).
    case visits

    /// The record type of the records in the file.
    public var recordType: RecordType {
        switch self {
        case .companies: .company
        case .visits: .visit
        }
    }

    /// The schema that names the file's columns and validates its cells.
    public var schema: RecordSchema {
        switch self {
        case .companies: .company
        case .visits: .visit
        }
    }

    /// `companies` or `visits`, as typed on the command line.
    public var description: String { rawValue }

    /// The singular noun, for messages about one record (`company`, `visit`; 企業, 訪問記録).
    var singular: String {
        switch self {
        case .companies: TransferMessage.nounCompany.text()
        case .visits: TransferMessage.nounVisit.text()
        }
    }

    /// `1 company`, `3 visits` (企業 1 件, 訪問記録 3 件).
    public func count(_ number: Int) -> String {
        TransferMessage.recordCount.text(["count": String(number), "noun": number == 1 ? singular : plural])
    }

    /// The plural noun (`companies`, `visits`).
    private var plural: String {
        switch self {
        case .companies: TransferMessage.nounCompanies.text()
        case .visits: TransferMessage.nounVisits.text()
        }
    }
}
