import FieldVisitCore
import FieldVisitSQLite
import Foundation
import GRDB

/// The materialised current view of one record: the columns listing, searching and
/// reports read, derived from its registers after every change.
struct RecordView {
    var key: EntityKey
    var companyID: String?
    var date: String?
    var name: String?
    var searchKey: String?
    var purpose: String?
    var reviewState: String?
    var nextVisitDate: String?
    var deleted: Bool
    var conflicts: Int
    var changedSinceApproval: [String]?
    var values: [String: FieldValue]
    var sets: [String: [FieldValue]]

    init(key: EntityKey, state: EntityState, schema: RecordSchema) {
        self.key = key
        let values = state.visibleValues
        self.values = values
        sets = state.visibleSets
        // The review's columns come from the one derivation the server's queue uses too.
        let review = ReviewStatus(key, state: state, record: schema)
        deleted = review.isDeleted
        conflicts = review.conflictCount
        changedSinceApproval = review.changedSinceApproval
        date = review.date
        reviewState = review.reviewState
        companyID = review.companyID?.rawValue
        func text(_ field: some FieldName) -> String? { values[field.rawValue]?.textValue }
        purpose = text(Visit.Field.purpose)
        nextVisitDate = text(Visit.Field.nextVisitDate)
        if key.type == .company {
            name = text(Company.Field.name)
            searchKey = CompanySearch.key(name: name, kana: text(Company.Field.nameKana), corporateNumber: text(Company.Field.corporateNumber))
        }
    }

    /// The set fields of a visit whose elements `visit_set_element` holds for the reports
    /// (a later change to the list needs a migration that refills the table).
    static let reportedVisitSets = [Visit.Field.staff, .accompanyingOrganisations, .supportActions, .referrals, .issues].map(\.rawValue)

    /// Writes the view row of the record numbered `number`, or of a new record when it
    /// has no number yet, with the record's packed `registers`, and gives its number. A
    /// new row's `created_seq` is `seq`.
    func save(in db: Database, seq: Int64, number: Int64?, registers: Data) throws -> Int64 {
        let columns: [BoundValue] = [
            .text(companyID), .text(date), .text(name), .text(searchKey), .text(purpose), .text(reviewState), .text(nextVisitDate),
            .bool(deleted), .integer(Int64(conflicts)), .text(try changedSinceApproval.map(RecordRegisters.json)), .integer(seq),
            .text(String(decoding: CanonicalJSONWriter.encode(values), as: UTF8.self)),
            .text(String(decoding: CanonicalJSONWriter.encode(sets), as: UTF8.self)), .blob(registers),
        ]
        let saved: Int64
        if let number {
            if key.type == .visit { try deleteVisitSetElements(number, in: db) }
            try db.cachedStatement(sql: """
                UPDATE record_view SET company_id = ?, date = ?, name = ?, search_key = ?, purpose = ?, review_state = ?,
                    next_visit_date = ?, deleted = ?, conflicts = ?, changed_since_approval = ?, updated_seq = ?,
                    field_values = ?, set_values = ?, registers = ?
                WHERE no = ?
                """).execute(binding: columns + [.integer(number)])
            saved = number
        } else {
            try db.cachedStatement(sql: """
                INSERT INTO record_view (type, id, company_id, date, name, search_key, purpose, review_state, next_visit_date,
                    deleted, conflicts, changed_since_approval, updated_seq, field_values, set_values, registers, created_seq)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """).execute(binding: [.text(key.type.rawValue), .text(key.id.rawValue)] + columns + [.integer(seq)])
            saved = db.lastInsertedRowID
        }
        if key.type == .visit, !deleted { try insertVisitSetElements(saved, in: db) }
        return saved
    }
}

extension RecordView {
    /// Removes the visit's rows of `visit_set_element`, those of its view row as it is
    /// (read before the row is overwritten).
    private func deleteVisitSetElements(_ number: Int64, in db: Database) throws {
        try db.cachedStatement(sql: """
            DELETE FROM visit_set_element WHERE (field, element, record_no) IN (
                SELECT f.key, e.value, v.no FROM record_view v, json_each(v.set_values) f, json_each(f.value) e WHERE v.no = ?)
            """).execute(binding: .integer(number))
    }

    /// Writes the rows of `visit_set_element` of the visit's current sets.
    private func insertVisitSetElements(_ number: Int64, in db: Database) throws {
        let insert = try db.cachedStatement(sql: """
            INSERT INTO visit_set_element (field, element, record_no, date, purpose, company_id) VALUES (?, ?, ?, ?, ?, ?)
            """)
        for field in Self.reportedVisitSets {
            for case .text(let element) in sets[field] ?? [] {
                try insert.execute(binding: .text(field), .text(element), .integer(number), .text(date), .text(purpose), .text(companyID))
            }
        }
    }
}
