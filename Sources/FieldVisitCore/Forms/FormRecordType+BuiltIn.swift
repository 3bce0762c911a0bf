/// The form types built into FieldVisit: one declaration each.
extension FormRecordType {
    /// A hearing sheet built on the local benchmark (ヒアリングシート).
    public static let hearingSheet = FormRecordType(
        recordType: .hearingSheet, formID: "hearing-sheet", label: "ヒアリングシート", command: "hearing",
        formFiles: [FormFile(name: "hearing-sheet.v1.json", bytes: PackageResources.hearing_sheet_v1_json),
                    FormFile(name: "hearing-sheet.v2.json", bytes: PackageResources.hearing_sheet_v2_json)]
    )

    /// A business-succession diagnosis (事業承継診断), with the owner's age at diagnosis
    /// and the owner's consent to pass the result to the succession support centre.
    ///
    /// Consent is a field of its own rather than an answer because sharing personal data
    /// with a third party depends on it, whatever the questionnaire's version.
    public static let successionDiagnosis = FormRecordType(
        recordType: .successionDiagnosis, formID: "succession-diagnosis", label: "事業承継診断", command: "succession",
        ownFields: [
            FieldSpec(SuccessionDiagnosisField.ownerAge.rawValue, label: "診断時の経営者の年齢", kind: .integer(15...120)),
            FieldSpec(SuccessionDiagnosisField.consentToShareWithCentre.rawValue, label: "事業承継・引継ぎ支援センターへの情報提供の同意", kind: .boolean),
        ],
        formFiles: [FormFile(name: "succession-diagnosis.v1.json", bytes: PackageResources.succession_diagnosis_v1_json),
                    FormFile(name: "succession-diagnosis.v2.json", bytes: PackageResources.succession_diagnosis_v2_json)]
    )

    /// Every form type built in, in the order they are listed.
    public static let builtIn: [FormRecordType] = [.hearingSheet, .successionDiagnosis]
}

/// The fields of a succession diagnosis besides those every form record has.
public enum SuccessionDiagnosisField: String, CaseIterable, Sendable {
    /// The owner's age at the diagnosis.
    case ownerAge
    /// Whether the owner agreed to the result being passed to the business succession
    /// and transfer support centre; absent when not yet asked. Only `true` allows it.
    case consentToShareWithCentre
}
