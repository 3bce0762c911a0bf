import Testing
@testable import FieldVisitCore

@Suite("Domain: dates")
struct DomainCalendarDateTests {
    @Test(arguments: ["2024-02-29", "2000-02-29", "2023-12-31", "1900-01-01", "2024-04-30"])
    func existingDatesAreAccepted(text: String) throws {
        #expect(try CalendarDate(text).description == text)
    }

    @Test(arguments: ["2023-02-29", "1900-02-29", "2024-04-31", "2024-13-01", "2024-00-10", "2024-01-00"])
    func datesThatDoNotExistAreRefused(text: String) {
        let error = validationError { _ = try CalendarDate(text, field: "nextVisitDate") }
        #expect(error?.field == "nextVisitDate")
    }

    @Test(arguments: ["2024-2-29", "2024/02/29", "20240229", "", "２０２４-02-29", "2024-02-29T00:00", "+024-02-29", "2024-02-2９", "令和6年2月29日"])
    func malformedDatesAreRefusedWithTheExpectedForm(text: String) {
        let error = validationError { _ = try CalendarDate(text) }
        #expect(error?.reason.contains("YYYY-MM-DD") == true)
    }

    @Test func aVisitOnANonexistentDateIsRefusedNamingTheField() {
        var values = DomainFixture.minimalValues[1].1
        values["date"] = "2023-02-29"
        let errors = validationErrors { _ = try Visit(id: DomainFixture.visitID, values: values, sets: ["staff": ["佐藤"]]) }
        #expect(errors.map(\.field) == ["date"])
        #expect(errors.first?.reason.contains("2023-02-29 does not exist") == true)
    }

    @Test func datesSortChronologically() throws {
        let dates = try ["2024-03-01", "2023-12-31", "2024-02-29"].map { try CalendarDate($0) }
        #expect(dates.sorted().map(\.description) == ["2023-12-31", "2024-02-29", "2024-03-01"])
    }
}
