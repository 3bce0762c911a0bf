/// The names of the fields every reviewed record has (visit, hearing sheet, succession
/// diagnosis): the company it is about, its date, the staff who took it, and where it
/// stands in review. For code that reads them on a record of any of these types.
///
/// Each type's own `Field` enumeration names them too; the schema takes the review's
/// two fields from here, and the tests hold every reviewed type to all five.
public enum ReviewedRecordField: String, CaseIterable, Sendable, FieldName {
    /// The company the record is about.
    case company
    /// The date of the visit, or the date the form was taken.
    case date
    /// The staff who took the record.
    case staff
    /// Where the record stands in review (``ReviewState``).
    case reviewState
    /// The reviewer's comment, such as why the record was returned.
    case reviewComment
}
