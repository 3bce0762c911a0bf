import FieldVisitCore
import Foundation
import GRDB

/// Filters for listing visits.
public struct VisitFilter: Sendable {
    /// Only visits of this company.
    public var company: RecordID?
    /// Only visits on or after this date.
    public var from: CalendarDate?
    /// Only visits on or before this date.
    public var to: CalendarDate?
    /// Only visits of this purpose code.
    public var purpose: String?
    /// Only visits this staff member attended.
    public var staff: String?
    /// Only visits in this review state code.
    public var reviewState: String?

    public init(company: RecordID? = nil, from: CalendarDate? = nil, to: CalendarDate? = nil, purpose: String? = nil, staff: String? = nil, reviewState: String? = nil) {
        self.company = company
        self.from = from
        self.to = to
        self.purpose = purpose
        self.staff = staff
        self.reviewState = reviewState
    }
}

extension LocalStore {
    /// Every record of `type` not deleted, in the order people expect: companies in
    /// reading order (五十音順, ``inReadingOrder(_:)``), other records by date then creation.
    public func list(_ type: RecordType, includeDeleted: Bool = false) throws -> [RecordSummary] {
        let rows = try summaries(where: "type = ?\(includeDeleted ? "" : " AND deleted = 0")", [type.rawValue], order: type == .company ? "id" : "date, created_seq")
        return type == .company ? Self.inReadingOrder(rows) : rows
    }

    /// Every record of `type`, deleted ones included, in no particular order: for
    /// indexes built over all of them (an import's), which need no sorting.
    func unorderedList(_ type: RecordType) throws -> [RecordSummary] {
        try summaries(where: "type = ?", [type.rawValue], order: "id")
    }

    /// Companies in reading order (五十音順): by their kana, else their name, folded to
    /// hiragana whatever the width or script typed (ｶﾜﾑﾗ, カワムラ and かわむら sort
    /// together) and without their legal form (``JapaneseSearchKey/readingKey(_:)``),
    /// then by name and id.
    static func inReadingOrder(_ companies: [RecordSummary]) -> [RecordSummary] {
        companies.map { company -> (key: String, name: String, company: RecordSummary) in
            let name = company.text(Company.Field.name) ?? ""
            return (JapaneseSearchKey.readingKey(company.text(Company.Field.nameKana) ?? name), name, company)
        }
        .sorted { ($0.key, $0.name, $0.company.key.id.rawValue) < ($1.key, $1.name, $1.company.key.id.rawValue) }
        .map(\.company)
    }

    /// Companies whose name, kana or corporate number contains `query`, regardless of
    /// full-width/half-width and hiragana/katakana.
    public func searchCompanies(_ query: String) throws -> [RecordSummary] {
        let terms = CompanySearch.terms(of: query)
        guard !terms.isEmpty else { return try list(.company) }
        let conditions = terms.map { _ in " AND instr(search_key, ?) > 0" }.joined()
        return Self.inReadingOrder(try summaries(where: "type = 'company' AND deleted = 0" + conditions, StatementArguments(terms), order: "id"))
    }

    /// Visits matching `filter`, oldest first.
    public func visits(_ filter: VisitFilter) throws -> [RecordSummary] {
        var clause = "type = 'visit' AND deleted = 0"
        var arguments: StatementArguments = []
        if let company = filter.company { clause += " AND company_id = ?"; arguments += [company.rawValue] }
        if let from = filter.from { clause += " AND date >= ?"; arguments += [from.description] }
        if let to = filter.to { clause += " AND date <= ?"; arguments += [to.description] }
        if let purpose = filter.purpose { clause += " AND purpose = ?"; arguments += [purpose] }
        if let state = filter.reviewState {
            clause += " AND coalesce(review_state, 'draft') = ?"
            arguments += [state]
        }
        if let staff = filter.staff {
            clause += " AND EXISTS (SELECT 1 FROM json_each(set_values, '$.staff') WHERE value = ?)"
            arguments += [staff]
        }
        return try summaries(where: clause, arguments, order: "date, created_seq")
    }

    /// Follow-ups due on `today`: each company's latest visit whose next-visit date has
    /// been reached or passed, oldest due date first.
    public func agenda(on today: CalendarDate) throws -> [RecordSummary] {
        try summaries(where: """
            type = 'visit' AND deleted = 0 AND next_visit_date IS NOT NULL AND next_visit_date <= ?
            AND NOT EXISTS (
                SELECT 1 FROM record_view later
                WHERE later.type = 'visit' AND later.deleted = 0 AND later.company_id = record_view.company_id
                AND (later.date > record_view.date OR (later.date = record_view.date AND later.created_seq > record_view.created_seq))
            )
            """, [today.description], order: "next_visit_date, date")
    }

    /// The records of `type` belonging to a company (visits, hearing sheets, diagnoses).
    public func records(_ type: RecordType, ofCompany company: RecordID) throws -> [RecordSummary] {
        try summaries(where: "type = ? AND company_id = ? AND deleted = 0", [type.rawValue, company.rawValue], order: "date, created_seq")
    }

    /// One record's current view, or `nil` when it is unknown here.
    public func summary(of key: EntityKey) throws -> RecordSummary? {
        try summaries(where: "type = ? AND id = ?", [key.type.rawValue, key.id.rawValue], order: "id").first
    }

    /// Company names by id, for tables of visits.
    public func companyNames() throws -> [RecordID: String] {
        try read { db in
            var names: [RecordID: String] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT id, name FROM record_view WHERE type = 'company'") {
                names[RecordID(rawValue: row[0])] = row[1]
            }
            return names
        }
    }

    private func summaries(where clause: String, _ arguments: StatementArguments, order: String) throws -> [RecordSummary] {
        try read { db in
            let rows = try Row.fetchCursor(db, sql: """
                SELECT type, id, field_values, set_values, deleted, conflicts, changed_since_approval
                FROM record_view WHERE \(clause) ORDER BY \(order)
                """, arguments: arguments)
            var result: [RecordSummary] = []
            while let row = try rows.next() {
                let approval: String? = row[6]
                result.append(RecordSummary(
                    key: EntityKey(RecordType(rawValue: row[0]), RecordID(rawValue: row[1])),
                    values: try CanonicalJSON.decode([String: FieldValue].self, from: Data((row[2] as String).utf8)),
                    sets: try CanonicalJSON.decode([String: [FieldValue]].self, from: Data((row[3] as String).utf8)),
                    isDeleted: row[4], conflictCount: row[5],
                    changedSinceApproval: try approval.map { try CanonicalJSON.decode([String].self, from: Data($0.utf8)) }
                ))
            }
            return result
        }
    }
}
