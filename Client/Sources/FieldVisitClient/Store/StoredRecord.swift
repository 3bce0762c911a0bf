import FieldVisitCore

/// A record as this store holds it: its number (the `no` of its view row, which its
/// history rows are kept under) and its registers.
struct StoredRecord {
    let number: Int64
    var state: EntityState
}
