import FieldVisitClient
import FieldVisitCore

// What the record commands share (`company`, `visit`, `hearing`, `succession`, `agenda`):
// showing, changing and submitting one record, and listing visits.

/// Applies a requested change to an existing record, or says there was nothing to do.
func commitEdit(_ change: RecordChange, in store: LocalStore) throws {
    guard let current = try store.state(of: change.key) else {
        throw StoreError.recordNotFound(type: change.key.type.rawValue, id: change.key.id.rawValue)
    }
    let edits = try change.edits(current: current, schema: try store.schema.requireRecord(change.key.type))
    if edits.isEmpty {
        print(RecordMessage.nothingChanged.text())
        return
    }
    let committed = try store.commit(edits)
    print(RecordMessage.changesRecorded.text(["id": change.key.id.rawValue, "count": String(committed.operations.count)]))
}

/// Prints a record field by field (or as JSON).
func showRecord(_ key: EntityKey, in store: LocalStore, json: Bool) throws {
    guard let summary = try store.summary(of: key) else {
        throw StoreError.recordNotFound(type: key.type.rawValue, id: key.id.rawValue)
    }
    if json { return try Output.json(RecordJSON(summary: summary)) }
    Output.record(summary, state: try store.state(of: key), schema: try store.schema.requireRecord(key.type), companyNames: try store.companyNames())
}

/// `visit|hearing|succession submit ID`: hands a record in for review.
func submitRecord(_ type: RecordType, id: String, store: LocalStore) throws {
    let key = EntityKey(type, try store.resolve(id, type: type))
    if try store.submit(key) == nil {
        print(RecordMessage.alreadySubmitted.text(["id": key.id.rawValue]))
    } else {
        print(RecordMessage.submitted.text(["id": key.id.rawValue]))
    }
}

/// Prints visits as a table (or as JSON); `dueColumn` adds their next-visit dates.
func printVisits(_ visits: [RecordSummary], store: LocalStore, json: Bool, dueColumn: Bool = false) throws {
    if json { return try Output.json(visits.map(RecordJSON.init)) }
    let names = try store.companyNames()
    var header = ["ID", "訪問日", "企業", "目的", "担当者", "状態"]
    if dueColumn { header.insert("次回予定", at: 1) }
    Output.table(header, visits.map { visit in
        var row = [
            Output.shortID(visit.key.id), visit.text(Visit.Field.date) ?? "",
            (visit.conflictCount > 0 ? "⚠ " : "") + (visit.text(Visit.Field.company).flatMap { names[RecordID(rawValue: $0)] } ?? "?"),
            visit.display(Visit.Field.purpose, schema: .visit), visit.display(Visit.Field.staff, schema: .visit),
            visit.display(Visit.Field.reviewState, schema: .visit),
        ]
        if dueColumn { row.insert(visit.text(Visit.Field.nextVisitDate) ?? "", at: 1) }
        return row
    })
}
