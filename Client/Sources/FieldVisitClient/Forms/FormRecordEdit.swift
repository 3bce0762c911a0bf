import FieldVisitCore

extension LocalStore {
    /// Corrects answers of a stored form record (a hearing sheet, a diagnosis): `changes`
    /// (question id → answer; null clears it) over the stored answers, checked whole
    /// against the form version the record was filled with.
    ///
    /// Only the answers that change are written, so two people correcting different
    /// answers of one sheet offline merge without a conflict.
    ///
    /// - Returns: the edits committed (empty when nothing changed).
    /// - Throws: ``ValidationErrors`` naming each question that keeps the answers from
    ///   being recorded; the store is then unchanged.
    @discardableResult
    public func editForm(_ kind: FormRecordType, id: RecordID, changes: [String: FieldValue], catalog: FormCatalog = .builtIn) throws -> [Edit] {
        let key = EntityKey(kind.recordType, id)
        guard let state = try state(of: key), !state.isDeleted else {
            throw StoreError.recordNotFound(type: kind.recordType.rawValue, id: id.rawValue)
        }
        let values = state.visibleValues
        func text(_ field: some FieldName) -> String? { values[field.rawValue]?.textValue }
        guard let formID = text(FormRecordField.formID), let version = values[FormRecordField.formVersion.rawValue]?.integerValue,
              let company = text(ReviewedRecordField.company), let dateText = text(ReviewedRecordField.date)
        else { throw StoreError.damaged(path: home.storePath, detail: StoreMessage.formRecordIncomplete.text(["record": key.description])) }
        let date = try CalendarDate(dateText)
        var answers = FormAnswers(formID: formID, formVersion: Int(version), answers: kind.answers(inFields: values))
        let definition = try catalog.definition(id: formID, version: Int(version))
        for (questionID, value) in try definition.readingTypedDates(changes) { answers.answers[questionID] = value == .null ? nil : value }
        let draft = FormRecordDraft(
            kind: kind, definition: definition, company: RecordID(rawValue: company),
            visit: text(FormRecordField.visit).map { RecordID(rawValue: $0) }, date: date, defaultDate: date, staff: user, catalog: catalog
        )
        // The record as it would be filled in now; of it, only the answers and what
        // follows from them (its type's own fields: a diagnosis's age and consent) are compared and written.
        var wanted: [String: FieldValue] = [:]
        for case .set(_, let field, let value) in try draft.edits(id: id, answers: answers) { wanted[field] = value }
        let derived = Set(kind.ownFields.map(\.name))
        let isAnswer = { (field: String) in field.hasPrefix(FormRecord.answerPrefix) || derived.contains(field) }
        var edits: [Edit] = []
        for field in Set(wanted.keys).union(values.keys).filter(isAnswer).sorted() {
            let value = wanted[field] ?? .null
            if (values[field] ?? .null) != value { edits.append(.set(key, field: field, value: value)) }
        }
        if !edits.isEmpty { try commit(edits) }
        return edits
    }
}
