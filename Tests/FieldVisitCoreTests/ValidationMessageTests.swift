import Foundation
import Testing
@testable import FieldVisitCore

/// Refusals in both languages: the Japanese names the field by its label and says what to
/// do, the English stays as scripts and staff have read it.
@Suite("Messages: refusals in Japanese and English")
struct ValidationMessageTests {
    let schema = RecordSchema.company

    func refusal(_ field: String, _ value: FieldValue) throws -> ValidationError {
        let spec = try #require(schema.spec(for: field))
        do { try spec.validate(value) } catch { return error }
        Issue.record("\(field) accepted \(value)")
        return ValidationError(field: field, reason: "")
    }

    @Test("a code not in the list: the field by its label and the codes with their labels, in each language")
    func codeRefusal() throws {
        let error = try refusal("industry", .text("xyz"))
        #expect(error.label == "業種")
        #expect(error.description(in: .english).hasPrefix("industry: 「業種」: \"xyz\" is not one of its codes; use one of: manufacturing (製造業)"))
        #expect(error.description(in: .japanese).hasPrefix("「業種」: 「xyz」はこの項目のコードにありません。次のどれかを使ってください: manufacturing (製造業)"))
    }

    @Test("a wrong kind of value, a number out of range, text too long: the kind of value named in the language")
    func kindsAndBounds() throws {
        let yen = try refusal("annualSales", .text("100万円"))
        #expect(yen.description(in: .english) == "annualSales: takes a whole number of yen (no decimals, no separators), got text 100万円")
        #expect(yen.description(in: .japanese) == "「年商（円）」: 円の整数（小数や区切り記号なし）で入れてください。渡された値は文字列 100万円 です")
        let name = try refusal("name", .text(String(repeating: "あ", count: 201)))
        #expect(name.description(in: .japanese).hasSuffix("201 文字あります。200 文字以内にしてください"))
    }

    @Test("a required field left blank names its label once in Japanese")
    func required() throws {
        let error = try refusal("name", .null)
        #expect(error.description(in: .english) == "name: is required (企業名（商号・屋号）)")
        #expect(error.description(in: .japanese) == "「企業名（商号・屋号）」は必須です")
    }

    @Test("a value typed on the command line is refused naming its field by its label")
    func typedValues() throws {
        let employees = try #require(schema.spec(for: "employees"))
        #expect(throws: ValidationError.self) { try employees.parse("abc") }
        do { _ = try employees.parse("abc") } catch {
            #expect(error.description(in: .japanese) == "「従業員数」: 「abc」は整数として読めません")
            #expect(error.description(in: .english) == "employees: \"abc\" is not a whole number")
        }
        let number = try #require(schema.spec(for: "corporateNumber"))
        do { _ = try number.parse("1180301018772") } catch {
            #expect(error.description(in: .japanese).hasPrefix("「法人番号」: 1180301018772 はチェックデジットが合いません"))
        }
    }

    @Test("dates and years as typed: era mistakes explained in Japanese")
    func typedDates() {
        #expect(throws: ValidationError.self) { try CalendarDate(typed: "平成31年5月1日", field: "visitedOn") }
        do {
            _ = try CalendarDate(typed: "平成31年5月1日", field: "visitedOn")
        } catch {
            #expect(error.message.english == "「平成31年5月1日」: is after 平成 ended on 2019-04-30; use 令和")
            #expect(error.message.japanese == "「平成31年5月1日」は平成の終わり（2019-04-30）より後です。令和を使ってください")
        }
        do {
            _ = try CalendarDate(typed: "R6.2.30", field: "visitedOn")
        } catch {
            #expect(error.message.japanese == "「R6.2.30」: 2024-02-30 という日付はありません")
        }
        do {
            _ = try CorporateNumber("1180301018772", field: "corporateNumber")
        } catch {
            #expect(error.message.japanese.contains("チェックデジットが合いません"))
        }
    }

    @Test("a form answer's problem names the question by its label in both languages")
    func formAnswerProblem() {
        let problem = FormAnswerProblem(questionID: "employees", questionLabel: "従業員数", kind: .outOfRange(value: -1, min: 0, max: 100_000))
        #expect(problem.message.english == "「従業員数」: -1 is out of range; it must be between 0 and 100000")
        #expect(problem.message.japanese == "「従業員数」: -1 は範囲外です。0 以上 100000 以下にしてください")
        #expect(problem.validationError.description(in: .japanese) == "「従業員数」: -1 は範囲外です。0 以上 100000 以下にしてください")
        let missing = FormAnswerProblem(questionID: "x", questionLabel: nil, kind: .missingRequired)
        #expect(missing.message.japanese.hasPrefix("この回答は必須ですが"))
    }
}
