import Foundation
import Testing
@testable import FieldVisitCore

@Suite("Form catalog and definitions")
struct FormCatalogTests {
    @Test("both built-in forms load, once each, in versions 1 and 2")
    func builtInFormsLoad() throws {
        let catalog = try FormTestFixtures.catalog()
        #expect(catalog.formIDs == ["hearing-sheet", "succession-diagnosis"])
        #expect(catalog.versions(of: "hearing-sheet") == [1, 2])
        #expect(catalog.versions(of: "succession-diagnosis") == [1, 2])
        #expect(try catalog.latest(id: "hearing-sheet").title == "ヒアリングシート（ローカルベンチマーク）")
        #expect(try catalog.definition(id: "succession-diagnosis", version: 1).title == "事業承継診断")
        #expect(try catalog.latest(id: "succession-diagnosis").title == "事業承継診断（相対型）")
        #expect(FormCatalog.builtIn.formIDs == catalog.formIDs)
    }

    @Test("built-in forms are self-consistent, every version", arguments: [("hearing-sheet", 1), ("hearing-sheet", 2), ("succession-diagnosis", 1), ("succession-diagnosis", 2)])
    func builtInFormIsSelfConsistent(formID: String, version: Int) throws {
        let form = try FormTestFixtures.catalog().definition(id: formID, version: version)
        #expect(form.consistencyProblems == [])

        // Checked here independently of consistencyProblems.
        let ids = form.questions.map(\.id)
        #expect(Set(ids).count == ids.count, "question ids are unique")
        #expect(Set(form.sections.map(\.id)).count == form.sections.count, "section ids are unique")
        for (position, question) in form.questions.enumerated() {
            #expect(question.id.first?.isLowercase == true && question.id.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) })
            #expect(!question.label.isEmpty)
            let earlier = Set(ids[..<position])
            for referenced in question.when?.referencedQuestions ?? [] {
                #expect(earlier.contains(referenced), "\(question.id) reads \(referenced), which must be asked before it")
            }
            let codes = question.answerType.choices.map(\.code)
            #expect(Set(codes).count == codes.count, "choice codes of \(question.id) are unique")
        }
        let outcomeCodes = form.outcomes.map(\.code)
        #expect(Set(outcomeCodes).count == outcomeCodes.count)
        for outcome in form.outcomes {
            for referenced in outcome.when?.referencedQuestions ?? [] { #expect(ids.contains(referenced)) }
        }
    }

    @Test("the hearing sheet asks every local-benchmark input as a number")
    func hearingSheetAsksEveryBenchmarkInput() throws {
        let sheet = try FormTestFixtures.catalog().latest(id: FormRecordType.hearingSheet.formID)
        for input in LocalBenchmarkInput.allCases {
            let question = try #require(sheet.question(input.rawValue), "no question \(input.rawValue)")
            switch question.answerType {
            case .yen, .integer: break
            default: Issue.record("\(input.rawValue) must be a yen or integer question")
            }
        }
        #expect(sheet.question("fiscalPeriodEnd")?.answerType == .date)
        #expect(sheet.question("trialBalanceFrequency")?.answerType.choices.map(\.label) == ["毎月", "四半期毎", "半期毎", "作成していない"])
        #expect(sheet.question("businessTrend")?.answerType.choices.map(\.label) == ["上向き", "横ばい", "下向き"])
        #expect(sheet.sections.map(\.title).contains("内部管理体制"))
    }

    @Test("an unknown form or version is a clear error")
    func unknownFormOrVersion() throws {
        let catalog = try FormTestFixtures.catalog()
        #expect(throws: FormCatalogError.unknownForm(id: "tax-return", known: ["hearing-sheet", "succession-diagnosis"])) {
            try catalog.latest(id: "tax-return")
        }
        do {
            _ = try catalog.definition(id: "hearing-sheet", version: 7)
            Issue.record("version 7 must not exist")
        } catch {
            #expect(error == .unknownVersion(id: "hearing-sheet", version: 7, known: [1, 2]))
            #expect(error.description.contains("has no version 7"))
            #expect(error.description.contains("update the application"))
        }
        // Through validation, the problem is reported on the answers' version field.
        let answers = FormAnswers(formID: "hearing-sheet", formVersion: 7)
        #expect(throws: ValidationErrors.self) { try catalog.validate(answers) }
        do {
            try catalog.validate(answers)
        } catch {
            #expect(error.errors.map(\.field) == ["formVersion"])
        }
    }

    @Test("a definition survives a JSON round trip unchanged")
    func jsonRoundTrip() throws {
        let catalog = try FormTestFixtures.catalog()
        for id in catalog.formIDs {
            for version in catalog.versions(of: id) {
            let form = try catalog.definition(id: id, version: version)
            let json = try JSONEncoder().encode(form)
            #expect(try FormCatalog.decodeDefinition(json) == form)
            }
        }
        let answers = FormTestFixtures.completeHearingSheet
        #expect(try JSONDecoder().decode(FormAnswers.self, from: JSONEncoder().encode(answers)) == answers)
    }

    @Test("a misspelt or unknown member in a form file is refused, not ignored")
    func strictDecoding() {
        let misspelt = #"{"id":"f","version":1,"title":"t","sections":[{"id":"s","title":"t","questions":[{"id":"q","label":"l","type":"boolean","requierd":true}]}]}"#
        #expect(throws: FormCatalogError.self) { try FormCatalog.decodeDefinition(Data(misspelt.utf8)) }
        do {
            _ = try FormCatalog.decodeDefinition(Data(misspelt.utf8), source: "f.v1.json")
        } catch {
            #expect(error.description.contains("f.v1.json"))
            #expect(error.description.contains("requierd"))
        }
        let unknownType = #"{"id":"f","version":1,"title":"t","sections":[{"id":"s","title":"t","questions":[{"id":"q","label":"l","type":"money"}]}]}"#
        #expect(throws: FormCatalogError.self) { try FormCatalog.decodeDefinition(Data(unknownType.utf8)) }
        let misplacedBound = #"{"id":"f","version":1,"title":"t","sections":[{"id":"s","title":"t","questions":[{"id":"q","label":"l","type":"boolean","max":3}]}]}"#
        #expect(throws: FormCatalogError.self) { try FormCatalog.decodeDefinition(Data(misplacedBound.utf8)) }
        let badCondition = #"{"id":"f","version":1,"title":"t","sections":[{"id":"s","title":"t","questions":[{"id":"q","label":"l","type":"boolean","when":{"question":"x"}}]}]}"#
        #expect(throws: FormCatalogError.self) { try FormCatalog.decodeDefinition(Data(badCondition.utf8)) }
    }

    @Test("conditions decode in every documented shape")
    func conditionShapes() throws {
        let json = #"{"any": [{"question": "a", "equals": true}, {"question": "b", "in": ["x", "y"]}, {"not": {"question": "c", "answered": true}}, {"all": []}]}"#
        let condition = try JSONDecoder().decode(FormCondition.self, from: Data(json.utf8))
        #expect(condition == .any([
            .equals(question: "a", value: true),
            .isIn(question: "b", values: ["x", "y"]),
            .not(.answered(question: "c", true)),
            .all([]),
        ]))
        #expect(condition.referencedQuestions == ["a", "b", "c"])
        #expect(condition.holds(for: [:]), "c unanswered and the empty all both hold")
        #expect(!FormCondition.any([]).holds(for: ["a": true]))
        #expect(FormCondition.isIn(question: "b", values: ["x", "y"]).holds(for: ["b": "y"]))
        #expect(!FormCondition.equals(question: "a", value: true).holds(for: ["a": .null]))
    }

    @Test("inconsistent definitions are refused with the reason")
    func inconsistentDefinitionsRefused() throws {
        func form(_ questions: [FormQuestion], outcomes: [FormOutcome] = []) -> FormDefinition {
            FormDefinition(id: "test-form", version: 1, title: "テスト", sections: [FormSection(id: "main", title: "本体", questions: questions)], outcomes: outcomes)
        }
        let yesNo = FormQuestion(id: "first", label: "一", answerType: .boolean, required: true)
        let cases: [(FormDefinition, String)] = [
            (form([FormQuestion(id: "second", label: "二", answerType: .boolean, when: .equals(question: "first", value: true)), yesNo]),
             "not known here"),
            (form([yesNo, yesNo]), "used twice"),
            (form([FormQuestion(id: "Bad-ID", label: "x", answerType: .boolean)]), "lowerCamelCase"),
            (form([FormQuestion(id: "pick", label: "選択", answerType: .choice([.init(code: "a", label: "A"), .init(code: "a", label: "A2")]))]),
             "listed twice"),
            (form([yesNo, FormQuestion(id: "second", label: "二", answerType: .boolean, when: .equals(question: "first", value: "yes"))]),
             "can never have"),
            (form([FormQuestion(id: "count", label: "数", answerType: .integer(min: 5, max: 1))]), "above max"),
            (form([yesNo], outcomes: [FormOutcome(code: "all", label: "全部", nextStep: "なし"), FormOutcome(code: "late", label: "後", nextStep: "なし")]),
             "only the last outcome"),
            (form([yesNo], outcomes: [FormOutcome(code: "only", label: "一", nextStep: "なし", when: .equals(question: "first", value: true))]),
             "must have no \"when\""),
            (form([yesNo], outcomes: [FormOutcome(code: "ghost", label: "一", nextStep: "なし", when: .equals(question: "ghost", value: true)),
                                      FormOutcome(code: "rest", label: "他", nextStep: "なし")]),
             "no such question"),
            (FormDefinition(id: "test-form", version: 1, title: "テスト", sections: [FormSection(id: "main", title: "本体", questions: [yesNo])],
                            ownerAgeThresholds: [65, 60]), "ascending order"),
            (FormDefinition(id: "test-form", version: 1, title: "テスト", sections: [FormSection(id: "main", title: "本体", questions: [yesNo])],
                            ownerAgeThresholds: [0, 65]), "from 1 to 120"),
        ]
        for (definition, expected) in cases {
            #expect(!definition.consistencyProblems.isEmpty)
            do {
                _ = try FormCatalog([definition])
                Issue.record("accepted: \(definition)")
            } catch {
                #expect(error.description.contains(expected), "\(error.description)")
            }
        }
        // The same refusal for a Japanese-speaking author of form files.
        do {
            _ = try FormCatalog([form([yesNo, yesNo])])
        } catch {
            #expect(error.message.japanese.hasPrefix("フォーム test-form v1 は使えません。定義を直してください:\n  - test-form v1 の質問 first: id が二度使われています"),
                    "\(error.message.japanese)")
        }
    }

    @Test("a form version can be added once only")
    func duplicateVersionRefused() throws {
        let catalog = try FormTestFixtures.catalog()
        let sheet = try catalog.latest(id: "hearing-sheet")
        #expect(throws: FormCatalogError.duplicateVersion(id: "hearing-sheet", version: 2)) { try catalog.adding(sheet) }
    }

    @Test("the example in docs/forms.md is a valid form with working rules")
    func documentedExample() throws {
        let json = #"""
        {
          "id": "succession-diagnosis",
          "version": 1,
          "title": "事業承継診断",
          "sections": [
            {
              "id": "successor",
              "title": "後継者",
              "questions": [
                {"id": "hasSuccessorCandidate", "label": "後継者の候補はいますか", "type": "boolean", "required": true},
                {"id": "successorRelation", "label": "後継者候補はどなたですか", "type": "choice", "required": true,
                 "when": {"question": "hasSuccessorCandidate", "equals": true},
                 "choices": [{"code": "family", "label": "親族"}, {"code": "thirdParty", "label": "社外の第三者"}]}
              ]
            }
          ],
          "outcomes": [
            {"code": "hasCandidate", "label": "後継者候補あり", "nextStep": "承継計画づくりを勧める",
             "referralAgency": null, "when": {"question": "hasSuccessorCandidate", "equals": true}},
            {"code": "other", "label": "後継者候補なし", "nextStep": "支援センターを案内する",
             "referralAgency": "successionSupportCentre"}
          ]
        }
        """#
        let form = try FormCatalog.decodeDefinition(Data(json.utf8))
        let catalog = try FormCatalog([form])
        let evaluator = try catalog.evaluator(for: FormAnswers(for: form))
        let yes = FormAnswers(for: form).setting("hasSuccessorCandidate", to: true).setting("successorRelation", to: "family")
        #expect(try evaluator.outcome(for: yes)?.code == "hasCandidate")
        let no = FormAnswers(for: form).setting("hasSuccessorCandidate", to: false)
        #expect(try evaluator.outcome(for: no)?.code == "other")
        #expect(try evaluator.outcome(for: no)?.referralAgency == "successionSupportCentre")
    }
}
