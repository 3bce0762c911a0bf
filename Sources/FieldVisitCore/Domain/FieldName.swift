/// A field's name, typed: `Visit.Field.notes` rather than the string `"notes"`, so that
/// a misspelt name does not compile.
///
/// Every record type's `Field` enumeration is one. ``ReviewedRecordField`` and
/// ``FormRecordField`` name the fields that records of several types share, for code
/// that reads them on a record of any of those types.
public protocol FieldName: RawRepresentable<String>, Hashable, Sendable {}
