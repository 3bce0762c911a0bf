extension Schema {
    /// Checks every operation of a change set against its record type's schema, before
    /// anything is applied.
    public func validate(_ change: ChangeSet) throws(SyncError) {
        var record: RecordSchema?
        for (index, operation) in change.operations.enumerated() {
            do {
                if record?.recordType != operation.entity.type { record = try requireRecord(operation.entity.type) }
                try record!.validate(operation)
            } catch {
                throw .invalidOperation(change: change.dot, index: index, error)
            }
        }
    }
}

extension RecordSchema {
    /// Checks that an operation fits this record type: a known field, the right kind
    /// of operation for it, a valid value.
    public func validate(_ operation: ChangeSet.Operation) throws(ValidationError) {
        switch operation {
        case .set(_, let field, let value):
            // Declared fields are checked in place: copying a spec costs more than the check.
            if let position = index[field] {
                try Self.checkSet(field, value, fields[position])
            } else {
                try Self.checkSet(field, value, try requireSpec(for: field))
            }
        case .add(_, let field, let element), .remove(_, let field, let element):
            if let position = index[field] {
                try Self.checkElement(field, element, fields[position])
            } else {
                try Self.checkElement(field, element, try requireSpec(for: field))
            }
        case .delete, .restore, .approve:
            // A record whose values were all removed gives a deletion or an approval
            // nothing to depend on, so it may arrive before the record itself.
            break
        }
    }

    private static func checkSet(_ field: String, _ value: FieldValue, _ spec: borrowing FieldSpec) throws(ValidationError) {
        guard !spec.isSet else {
            throw ValidationError(field: field, ValidationMessage.setChangedWithSet.localized())
        }
        try spec.validate(value)
    }

    private static func checkElement(_ field: String, _ element: FieldValue, _ spec: borrowing FieldSpec) throws(ValidationError) {
        guard spec.isSet else {
            throw ValidationError(field: field, ValidationMessage.notASet.localized())
        }
        guard element != .null else { throw ValidationError(field: field, ValidationMessage.setHoldsNoNull.localized()) }
        try spec.validate(element)
    }
}
