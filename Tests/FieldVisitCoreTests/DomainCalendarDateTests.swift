import Testing
@testable import FieldVisitCore

@Suite("Domain: dates")
struct DomainCalendarDateTests {
    @Test(arguments: [
        ("2024-04-01", "2024-04-01"), ("2024/4/1", "2024-04-01"), ("2024.4.1", "2024-04-01"), ("2024年4月1日", "2024-04-01"),
        ("令和6年4月1日", "2024-04-01"), ("R6.4.1", "2024-04-01"), ("R6/4/1", "2024-04-01"), ("r6-4-1", "2024-04-01"),
        ("Ｒ６．４．１", "2024-04-01"), ("令和６年４月１日", "2024-04-01"), ("令和元年5月1日", "2019-05-01"), ("R元.5.1", "2019-05-01"),
        ("H30/4/1", "2018-04-01"), ("平成31年4月30日", "2019-04-30"), ("昭和64年1月7日", "1989-01-07"), ("平成元年1月8日", "1989-01-08"),
        ("S33.10.5", "1958-10-05"), (" 2024-04-01 ", "2024-04-01"),
    ])
    func datesAsPeopleTypeThem(typed: String, iso: String) throws {
        #expect(try CalendarDate(typed: typed).description == iso)
    }

    @Test(arguments: [
        ("R6.2.30", "does not exist"), ("平成31年5月1日", "after 平成 ended on 2019-04-30; use 令和"), ("令和1年4月30日", "before 令和 began on 2019-05-01"),
        ("昭和64年1月8日", "after 昭和 ended"), ("6.4.1", "no era"), ("R6.4", "is not a date"), ("2024-04-01T10:00", "is not a date"),
        ("昨日", "is not a date"), ("X6.4.1", "is not a date"), ("", "is not a date"),
    ])
    func impossibleOrAmbiguousDatesAreRefusedNamingTheField(typed: String, reason: String) {
        #expect {
            try CalendarDate(typed: typed, field: "visitDate")
        } throws: { error in
            let message = "\(error)"
            return message.contains("visitDate") && message.contains(reason)
        }
    }

    @Test func storedDatesAreExactlyTenASCIICharacters() throws {
        #expect(try CalendarDate("2024-04-01") == CalendarDate(year: 2024, month: 4, day: 1))
        #expect(try CalendarDate("1900-01-01").description == "1900-01-01")
        for text in ["2024-4-01", "2024-04-1", "２０２４-04-01", "2024-04-01 ", " 2024-04-01", "2024/04/01", "+024-04-01", "2024-04-0１",
                     "2024-02-30", "2024-13-01", "2024-00-10", "0000-01-01", "2024-04-01\u{0}", "", "2024-04-011"] {
            #expect(throws: ValidationError.self, "\(text)") { try CalendarDate(text) }
        }
    }

    @Test func hostileDatesAndYearsAreRefusedWithoutTrapping() {
        let hostile = [String(repeating: "9", count: 10_000), "R" + String(repeating: "9", count: 30) + ".4.1",
                       "2024-04-0000001", "9999999-1-1", "令和\u{0}6年4月1日", "2024\u{1B}[2J-04-01", "R-1.4.1", "R元元.4.1",
                       String(repeating: "令和", count: 1_000), "\u{202E}2024-04-01"]
        for text in hostile {
            #expect(throws: ValidationError.self, "\(text.prefix(20))") { try CalendarDate(typed: text) }
            #expect(throws: ValidationError.self, "\(text.prefix(20))") { try CalendarDate.typedYear(text) }
        }
    }

    @Test func yearsAsPeopleTypeThem() throws {
        for (typed, year) in [("1958", 1958), ("1958年", 1958), ("昭和33年", 1958), ("S33", 1958), ("令和元年", 2019), ("R5", 2023),
                              ("令和5", 2023), ("令和5年度", 2023), ("平成31年", 2019), ("１９５８", 1958), ("明治33年", 1900)] {
            #expect(try CalendarDate.typedYear(typed) == year, "\(typed)")
        }
        for typed in ["平成32年", "昭和65年", "R0", "58", "令和", "19580", "S-1"] {
            #expect(throws: ValidationError.self, "\(typed)") { try CalendarDate.typedYear(typed) }
        }
    }

    @Test func monthsAndDaysMoveByTheCalendar() throws {
        // 31 March less one month is the end of February, in leap years too.
        #expect(try CalendarDate("2025-03-31").adding(months: -1) == (try CalendarDate("2025-02-28")))
        #expect(try CalendarDate("2024-03-31").adding(months: -1) == (try CalendarDate("2024-02-29")))
        #expect(try CalendarDate("2025-06-15").adding(months: -36) == (try CalendarDate("2022-06-15")))
        #expect(try CalendarDate("2025-01-15").adding(months: -1) == (try CalendarDate("2024-12-15")))
        #expect(try CalendarDate("2024-11-30").adding(months: 3) == (try CalendarDate("2025-02-28")))
        #expect(try CalendarDate("2025-03-01").adding(days: -1) == (try CalendarDate("2025-02-28")))
        #expect(try CalendarDate("2024-12-31").adding(days: 1) == (try CalendarDate("2025-01-01")))
        #expect(try CalendarDate("2025-04-01").days(to: try CalendarDate("2025-06-15")) == 75)
        #expect(try CalendarDate("2000-03-01").days(to: try CalendarDate("2000-02-28")) == -2)
        // Every day from 1900 to 2200, one after another, each the next of the one before.
        let first = try CalendarDate("1900-01-01"), last = try CalendarDate("2200-12-31")
        var day = first, steps = 0
        while day < last {
            let next = day.adding(days: 1)
            #expect(next > day && day.days(to: next) == 1)
            if next <= day { break }
            day = next
            steps += 1
        }
        #expect(first.days(to: last) == steps)
        #expect(first.days(to: try CalendarDate("2000-01-01")) == 36_524)
        // Out of the years a date may take: the date stays.
        #expect(try CalendarDate("2200-12-31").adding(days: 1) == (try CalendarDate("2200-12-31")))
    }

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
