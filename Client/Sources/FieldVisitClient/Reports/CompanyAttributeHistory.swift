import FieldVisitCore
import Foundation
import GRDB

/// What a company's attributes were on a past day, read from the store's log: the
/// reports count a visit with the branch, industry and representative the company had
/// at the visit, so that a successor recorded today does not take the firm out of last
/// year's "owners 65 or over", nor a move to another branch rewrite last year's table.
///
/// The value on a day is the one last written on or before that day (by the day of the
/// change that wrote it); for a day before any value was written, the first value
/// written, since it is the best knowledge of that time. Only the companies whose
/// attribute took more than one value are kept: for the others the current value is the
/// value of every day.
public struct CompanyAttributeHistory: Sendable {
    /// The attributes followed.
    public static let fields: [Company.Field] = [.representativeBirthYear, .representativeBirthDate, .branch, .industry]

    /// For each company whose attribute changed, the values in log order with the day
    /// each was written (`nil`: the value was cleared).
    private var timelines: [String: [Company.Field: [(day: CalendarDate, value: FieldValue?)]]]

    /// Reads the attributes' changes from `store`'s log, dating them in `timeZone`.
    public init(store: LocalStore, timeZone: TimeZone = .current) throws {
        timelines = try store.read { db in
            var timelines: [String: [Company.Field: [(day: CalendarDate, value: FieldValue?)]]] = [:]
            let names = Set(Self.fields.map(\.rawValue))
            let rows = try Row.fetchCursor(db, sql: ReportSQL.companyChanges(writing: Self.fields.map(\.rawValue)))
            while let row = try rows.next() {
                let id: String = row[0]
                guard let written = CalendarDate(milliseconds: row[1], in: timeZone) else { continue }
                let key = EntityKey(.company, RecordID(rawValue: id))
                let change = try ChangeSetReader.read(Data((row[2] as String).utf8))
                for operation in change.operations where operation.entity == key {
                    guard case .set(_, let field, let value) = operation, names.contains(field), let name = Company.Field(rawValue: field) else { continue }
                    timelines[id, default: [:]][name, default: []].append((written, value == .null ? nil : value))
                }
            }
            // Only what changed is kept.
            return timelines.compactMapValues { byField in
                let changed = byField.filter { Set($0.value.map(\.value)).count > 1 }
                return changed.isEmpty ? nil : changed
            }
        }
    }

    /// The value of `field` of `company` on `day`, or `current` when it never changed.
    public func value(_ field: Company.Field, of company: String, on day: CalendarDate, current: FieldValue?) -> FieldValue? {
        guard let timeline = timelines[company]?[field], let first = timeline.first else { return current }
        if let written = timeline.last(where: { $0.day <= day }) { return written.value }
        return first.value
    }

    /// Whether `field` of `company` took more than one value.
    public func changed(_ field: Company.Field, of company: String) -> Bool { timelines[company]?[field] != nil }

    /// The companies whose `field` took more than one value.
    public func companies(withChanged field: Company.Field) -> [String] {
        timelines.compactMap { $0.value[field] == nil ? nil : $0.key }
    }
}
