import Foundation
import Testing
@testable import FieldVisitCore

@Suite("Domain: enumerations")
struct DomainEnumerationTests {
    static let codeLists: [CodeList] = [
        Industry.codeList, LegalForm.codeList, BankType.codeList, LifeStage.codeList, CohortTag.codeList,
        VisitPurpose.codeList, VisitMode.codeList, AttendeeRole.codeList, ManagementIssue.codeList,
        SupportAction.codeList, ReferralAgency.codeList, AccompanyingOrganisation.codeList, ReviewState.codeList,
        AnnualSalesBand.codeList, EmployeeBand.codeList,
    ]

    @Test(arguments: codeLists)
    func codesAreUniqueLowerCamelCaseAndLabelsAreJapanese(list: CodeList) {
        #expect(!list.entries.isEmpty)
        #expect(Set(list.entries.map(\.code)).count == list.entries.count, "duplicate code in \(list.name)")
        #expect(Set(list.entries.map(\.label)).count == list.entries.count, "duplicate label in \(list.name)")
        for entry in list.entries {
            let scalars = Array(entry.code.unicodeScalars)
            #expect(scalars.first.map { ("a"..."z").contains($0) } == true, "\(list.name).\(entry.code) must start lowercase")
            #expect(scalars.allSatisfy { $0.isASCII && CharacterSet.alphanumerics.contains($0) }, "\(list.name).\(entry.code)")
            #expect(!entry.label.trimmingCharacters(in: .whitespaces).isEmpty, "\(list.name).\(entry.code) has no label")
            // Every label has at least one Japanese character (kana or kanji).
            #expect(entry.label.unicodeScalars.contains { (0x3040...0x9FFF).contains($0.value) }, "\(list.name).\(entry.code): \(entry.label)")
        }
    }

    @Test func theSeedVocabularyIsPresent() {
        #expect(Industry.codeList.label(of: "manufacturing") == "製造業")
        #expect(BankType.allCases.map(\.japaneseLabel) == ["都市銀行", "地方銀行", "第二地方銀行", "信用金庫", "信用組合", "政府系金融機関", "農業協同組合", "その他"])
        #expect(LifeStage.allCases.map(\.japaneseLabel) == ["創業", "成長", "安定", "経営改善が必要", "事業再生が必要", "事業承継"])
        #expect(VisitMode.allCases.map(\.japaneseLabel) == ["訪問", "来訪", "オンライン", "電話"])
        #expect(ReviewState.allCases.map(\.japaneseLabel) == ["下書き", "提出済み", "差戻し", "承認済み"])
        #expect(ReferralAgency.successionSupportCentre.japaneseLabel == "事業承継・引継ぎ支援センター")
        #expect(ManagementIssue.pricePassThrough.japaneseLabel == "価格転嫁")
        #expect(SupportAction.changeOfTerms.japaneseLabel == "条件変更")
    }

    @Test func enumerationsEncodeAsTheirCodes() throws {
        let data = try JSONEncoder().encode([VisitPurpose.pushTypeInterview])
        #expect(String(decoding: data, as: UTF8.self) == #"["pushTypeInterview"]"#)
        #expect(try JSONDecoder().decode([CohortTag].self, from: Data(#"["covidZeroInterestLoan"]"#.utf8)) == [.covidZeroInterestLoan])
    }

    @Test func onlySoleProprietorsAreNotCorporations() {
        #expect(LegalForm.allCases.filter { !$0.isCorporation } == [.soleProprietor])
    }

    @Test func salesAndEmployeeBandsFollowTheSurveyBoundaries() {
        #expect(AnnualSalesBand(yen: 9_999_999) == .under10Million)
        #expect(AnnualSalesBand(yen: 10_000_000) == .from10To30Million)
        #expect(AnnualSalesBand(yen: 49_999_999) == .from30To50Million)
        #expect(AnnualSalesBand(yen: 99_999_999) == .from50To100Million)
        #expect(AnnualSalesBand(yen: 100_000_000) == .atLeast100Million)
        #expect(EmployeeBand(employees: 0) == .zero)
        #expect(EmployeeBand(employees: 5) == .from1To5)
        #expect(EmployeeBand(employees: 6) == .from6To20)
        #expect(EmployeeBand(employees: 50) == .from21To50)
        #expect(EmployeeBand(employees: 100) == .from51To100)
        #expect(EmployeeBand(employees: 101) == .over100)
    }
}
