/// A Swift type that a record field stores as a ``FieldValue``: the one place where
/// typed record properties and schema values are converted into each other.
protocol FieldValueConvertible {
    /// Reads the value of `field`, refusing a value of the wrong kind.
    init(fieldValue: FieldValue, field: String) throws(ValidationError)
    /// The value as stored in a field.
    var fieldValue: FieldValue { get }
}

extension FieldValue {
    /// The error for a value that is not of the kind a typed property expects.
    fileprivate func mismatch(_ field: String, expected: LocalizedText) -> ValidationError {
        ValidationError(field: field, ValidationMessage.takesKind.localized(["value": "\(self)"], parts: ["expected": expected, "kind": kindText]))
    }
}

extension String: FieldValueConvertible {
    init(fieldValue: FieldValue, field: String) throws(ValidationError) {
        guard let text = fieldValue.textValue else { throw fieldValue.mismatch(field, expected: ValidationMessage.kindText.localized()) }
        self = text
    }

    var fieldValue: FieldValue { .text(self) }
}

extension Int64: FieldValueConvertible {
    init(fieldValue: FieldValue, field: String) throws(ValidationError) {
        guard let number = fieldValue.integerValue else { throw fieldValue.mismatch(field, expected: FormAnswerMessage.typeInteger.localized()) }
        self = number
    }

    var fieldValue: FieldValue { .integer(self) }
}

extension Int: FieldValueConvertible {
    init(fieldValue: FieldValue, field: String) throws(ValidationError) {
        guard let number = fieldValue.integerValue else { throw fieldValue.mismatch(field, expected: FormAnswerMessage.typeInteger.localized()) }
        // Only reachable on 32-bit platforms; schema ranges keep counts and years small.
        guard let exact = Int(exactly: number) else {
            throw ValidationError(field: field, ValidationMessage.tooLargeForPlatform.localized(["number": "\(number)"]))
        }
        self = exact
    }

    var fieldValue: FieldValue { .integer(Int64(self)) }
}

extension Bool: FieldValueConvertible {
    init(fieldValue: FieldValue, field: String) throws(ValidationError) {
        guard let answer = fieldValue.boolValue else { throw fieldValue.mismatch(field, expected: ValidationMessage.expectTrueOrFalse.localized()) }
        self = answer
    }

    var fieldValue: FieldValue { .bool(self) }
}

extension CalendarDate: FieldValueConvertible {
    init(fieldValue: FieldValue, field: String) throws(ValidationError) {
        try self.init(try String(fieldValue: fieldValue, field: field), field: field)
    }

    var fieldValue: FieldValue { .text(description) }
}

extension CorporateNumber: FieldValueConvertible {
    init(fieldValue: FieldValue, field: String) throws(ValidationError) {
        try self.init(try String(fieldValue: fieldValue, field: field), field: field)
    }

    var fieldValue: FieldValue { .text(digits) }
}

extension RecordID: FieldValueConvertible {
    init(fieldValue: FieldValue, field: String) throws(ValidationError) {
        let text = try String(fieldValue: fieldValue, field: field)
        guard RecordID.isWellFormed(text) else {
            throw ValidationError(field: field, ValidationMessage.notRecordID.localized(["text": text]))
        }
        self.init(rawValue: text)
    }

    var fieldValue: FieldValue { .text(rawValue) }
}

/// Every coded enumeration is stored as its code.
extension FieldValueConvertible where Self: CodedEnumeration {
    init(fieldValue: FieldValue, field: String) throws(ValidationError) {
        let code = try String(fieldValue: fieldValue, field: field)
        guard let value = Self(rawValue: code) else {
            throw ValidationError(field: field, Self.codeList.refusal(of: code, label: nil))
        }
        self = value
    }

    var fieldValue: FieldValue { .text(rawValue) }
}

// The enumerations that record fields hold. A new one used by a record must be listed
// here; the compiler says so.
extension Industry: FieldValueConvertible {}
extension LegalForm: FieldValueConvertible {}
extension BankType: FieldValueConvertible {}
extension LifeStage: FieldValueConvertible {}
extension CloseCause: FieldValueConvertible {}
extension CohortTag: FieldValueConvertible {}
extension VisitPurpose: FieldValueConvertible {}
extension VisitMode: FieldValueConvertible {}
extension AttendeeRole: FieldValueConvertible {}
extension AccompanyingOrganisation: FieldValueConvertible {}
extension ManagementIssue: FieldValueConvertible {}
extension SupportAction: FieldValueConvertible {}
extension ReferralAgency: FieldValueConvertible {}
extension ReferralStatus: FieldValueConvertible {}
extension ReviewState: FieldValueConvertible {}
