/// The names of the fields every form record (hearing sheet, succession diagnosis) has
/// besides those of ``ReviewedRecordField``: the visit it was taken during and the form
/// answered. For code that reads them on a form record of either type.
///
/// The schema takes them from here; each type's own `Field` enumeration names them too.
public enum FormRecordField: String, CaseIterable, Sendable, FieldName {
    /// The visit during which the form was taken.
    case visit
    /// The id of the form answered.
    case formID
    /// The version of the form answered.
    case formVersion
}
