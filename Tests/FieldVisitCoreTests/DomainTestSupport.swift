import Testing
@testable import FieldVisitCore

/// The problems `body` reports, or none when it succeeds. Any other error fails the test.
func validationErrors(sourceLocation: SourceLocation = #_sourceLocation, _ body: () throws -> Void) -> [ValidationError] {
    do {
        try body()
        return []
    } catch let errors as ValidationErrors {
        return errors.errors
    } catch {
        Issue.record("expected ValidationErrors, got \(error)", sourceLocation: sourceLocation)
        return []
    }
}

/// The problem `body` reports, or `nil` when it succeeds. Any other error fails the test.
func validationError(sourceLocation: SourceLocation = #_sourceLocation, _ body: () throws -> Void) -> ValidationError? {
    do {
        try body()
        return nil
    } catch let error as ValidationError {
        return error
    } catch {
        Issue.record("expected a ValidationError, got \(error)", sourceLocation: sourceLocation)
        return nil
    }
}

/// Fixtures shared by the domain tests.
enum DomainFixture {
    static let companyID = RecordID(rawValue: "c0ffee00-0000-4000-8000-000000000001")
    static let visitID = RecordID(rawValue: "v-2024-0001")

    /// The smallest valid field values of each record type.
    static let minimalValues: [(RecordSchema, [String: FieldValue], [String: [FieldValue]])] = [
        (.company, ["name": "株式会社八戸水産"], [:]),
        (.visit, ["company": .text(companyID.rawValue), "date": "2024-02-29", "mode": "onSite", "purpose": "companyVisit"], ["staff": ["佐藤"]]),
        (.hearingSheet, ["company": .text(companyID.rawValue), "date": "2024-03-01", "formID": "hearing-sheet", "formVersion": 1], [:]),
        (.successionDiagnosis, ["company": .text(companyID.rawValue), "date": "2024-03-01", "formID": "succession-diagnosis", "formVersion": 1], [:]),
    ]
}
