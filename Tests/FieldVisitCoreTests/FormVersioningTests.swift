import Testing
@testable import FieldVisitCore

/// A new version of a form must not break answers recorded with an older one.
@Suite("Form versions")
struct FormVersioningTests {
    /// A later version of the succession diagnosis made from v1 for these tests (version
    /// 3, since the built-in v2 exists): the successor's relation splits
    /// `employeeOrOfficer` into `employee` and `officer`, and a required question about a
    /// written succession plan is added for owners who told their candidate.
    static func successionV2(from v1: FormDefinition) throws -> FormDefinition {
        var v2 = v1
        v2.version = 3
        let successor = try #require(v2.sections.firstIndex { $0.id == "successor" })
        let relation = try #require(v2.sections[successor].questions.firstIndex { $0.id == "successorRelation" })
        v2.sections[successor].questions[relation].answerType = .choice([
            .init(code: "family", label: "親族"),
            .init(code: "employee", label: "従業員"),
            .init(code: "officer", label: "役員"),
            .init(code: "thirdParty", label: "社外の第三者"),
        ])
        let preparation = try #require(v2.sections.firstIndex { $0.id == "preparation" })
        v2.sections[preparation].questions.append(FormQuestion(
            id: "hasWrittenSuccessionPlan", label: "事業承継計画を書面にしていますか", answerType: .boolean,
            required: true, when: .equals(question: "successorInformed", value: true)
        ))
        return v2
    }

    @Test("v1 answers are read with v1 and v2 answers with v2 once v2 exists")
    func answersReadWithTheirOwnVersion() throws {
        let builtIn = try FormTestFixtures.catalog()
        let v1 = try builtIn.definition(id: "succession-diagnosis", version: 1)
        let catalog = try builtIn.adding(Self.successionV2(from: v1))
        #expect(catalog.versions(of: "succession-diagnosis") == [1, 2, 3])
        #expect(try catalog.latest(id: "succession-diagnosis").version == 3)

        // A v1 answer with a code that v2 no longer has, and without v2's new question.
        let oldAnswers = FormTestFixtures.preparedSuccession.setting("successorRelation", to: "employeeOrOfficer")
        #expect(try catalog.evaluator(for: oldAnswers).definition.version == 1)
        try catalog.validate(oldAnswers)
        let oldResult = try SuccessionDiagnosisResult(answers: oldAnswers, catalog: catalog)
        #expect(oldResult.code == "successionPrepared")

        // The same answers read with v2 would be refused: the code is gone and the new
        // question is missing. This is exactly what reading by the named version avoids.
        let v2Problems = try FormEvaluator(catalog.definition(id: "succession-diagnosis", version: 3))
            .problems(in: FormAnswers(formID: "succession-diagnosis", formVersion: 3, answers: oldAnswers.answers))
        #expect(Set(v2Problems.map(\.questionID)) == ["successorRelation", "hasWrittenSuccessionPlan"])

        // v2 answers use v2's choices and need its new question.
        var newAnswers = FormAnswers(formID: "succession-diagnosis", formVersion: 3, answers: oldAnswers.answers)
        newAnswers["successorRelation"] = "officer"
        #expect(throws: ValidationErrors.self) { try catalog.validate(newAnswers) }
        newAnswers["hasWrittenSuccessionPlan"] = true
        try catalog.validate(newAnswers)
        #expect(try SuccessionDiagnosisResult(answers: newAnswers, catalog: catalog).code == "successionPrepared")

        // And v2's new code is refused in v1 answers.
        let v1WithV2Code = oldAnswers.setting("successorRelation", to: "officer")
        do {
            try catalog.validate(v1WithV2Code)
            Issue.record("v1 must refuse the v2 code")
        } catch {
            #expect(error.errors.map(\.field) == ["successorRelation"])
            #expect(error.errors[0].reason.contains("employeeOrOfficer"))
        }
    }

    @Test("answers naming a version nobody has are refused, not read with another version")
    func unknownVersionIsNotGuessed() throws {
        let catalog = try FormTestFixtures.catalog()
        var answers = FormTestFixtures.preparedSuccession
        answers.formVersion = 3
        do {
            _ = try SuccessionDiagnosisResult(answers: answers, catalog: catalog)
            Issue.record("v3 does not exist")
        } catch {
            #expect(error.errors.map(\.field) == ["formVersion"])
        }
    }

    @Test("an evaluator refuses answers given to another form or version")
    func evaluatorChecksFormAndVersion() throws {
        let catalog = try FormTestFixtures.catalog()
        let evaluator = FormEvaluator(try catalog.definition(id: "hearing-sheet", version: 1))
        let problems = evaluator.problems(in: FormTestFixtures.preparedSuccession)
        #expect(problems.map(\.kind) == [.wrongForm(expected: "hearing-sheet v1", got: "succession-diagnosis v1")])
        let v2 = FormEvaluator(try catalog.definition(id: "hearing-sheet", version: 2))
        #expect(v2.problems(in: FormTestFixtures.completeHearingSheet).map(\.kind) == [.wrongForm(expected: "hearing-sheet v2", got: "hearing-sheet v1")])
    }
}
