import Testing
@testable import FieldVisitCore

@Suite("Form evaluation: branching, completeness, validation")
struct FormEvaluatorTests {
    let evaluator: FormEvaluator

    init() throws {
        evaluator = FormEvaluator(try FormTestFixtures.catalog().definition(id: "hearing-sheet", version: 1))
    }

    private func applicableIDs(_ answers: [String: FieldValue]) -> [String] {
        evaluator.applicableQuestions(answers).map(\.id)
    }

    /// The questions shown only under a condition.
    private static let branchQuestions: Set<String> = [
        "previousSales", "wantsSuccessionDiagnosis", "declineReason", "itUsage",
        "sharesFinancialsWithBank", "wantsBookkeepingSupport", "businessPlanYears",
    ]

    @Test("with no answers only the unconditional questions apply, in form order")
    func unconditionalQuestions() {
        let ids = applicableIDs([:])
        let all = evaluator.definition.questions.map(\.id)
        #expect(ids == all.filter { !Self.branchQuestions.contains($0) })
        #expect(ids.first == "fiscalPeriodEnd")
    }

    /// (trigger question, an answer that opens the branch, one that keeps it closed, the branch question)
    static let branches: [(String, FieldValue, FieldValue, String)] = [
        ("hasPreviousPeriod", .bool(true), .bool(false), "previousSales"),
        ("successorStatus", .text("none"), .text("decided"), "wantsSuccessionDiagnosis"),
        ("successorStatus", .text("candidate"), .text("notYetNeeded"), "wantsSuccessionDiagnosis"),
        ("businessTrend", .text("down"), .text("up"), "declineReason"),
        ("usesIT", .bool(true), .bool(false), "itUsage"),
        ("mainBankType", .text("shinkinBank"), .text("none"), "sharesFinancialsWithBank"),
        ("trialBalanceFrequency", .text("notPrepared"), .text("quarterly"), "wantsBookkeepingSupport"),
        ("hasBusinessPlan", .bool(true), .bool(false), "businessPlanYears"),
    ]

    @Test("each branch opens on its answer and stays closed otherwise", arguments: branches)
    func branchOpens(trigger: String, opening: FieldValue, closing: FieldValue, question: String) {
        #expect(evaluator.applies(question, given: [trigger: opening]))
        #expect(!evaluator.applies(question, given: [trigger: closing]))
        #expect(!evaluator.applies(question, given: [:]), "a branch stays closed until its trigger is answered")
        // The opened question appears right after its trigger's position in form order.
        let ids = applicableIDs([trigger: opening])
        let all = evaluator.definition.questions.map(\.id)
        #expect(ids == all.filter { ids.contains($0) })
    }

    @Test("a refused answer opens no branch")
    func refusedAnswerOpensNothing() {
        #expect(!evaluator.applies("declineReason", given: ["businessTrend": "DOWN"]))
        #expect(!evaluator.applies("previousSales", given: ["hasPreviousPeriod": "yes"]))
    }

    @Test("the next question follows the answers, and a refused answer is asked again")
    func nextQuestion() {
        #expect(evaluator.nextUnansweredQuestion([:])?.id == "fiscalPeriodEnd")
        #expect(evaluator.nextUnansweredQuestion(["fiscalPeriodEnd": "2024-03-31", "sales": 1])?.id == "hasPreviousPeriod")
        let withPrevious: [String: FieldValue] = ["fiscalPeriodEnd": "2024-03-31", "sales": 1, "hasPreviousPeriod": true]
        #expect(evaluator.nextUnansweredQuestion(withPrevious)?.id == "previousSales")
        var withoutPrevious = withPrevious
        withoutPrevious["hasPreviousPeriod"] = false
        #expect(evaluator.nextUnansweredQuestion(withoutPrevious)?.id == "operatingProfit")
        #expect(evaluator.nextUnansweredQuestion(["fiscalPeriodEnd": "2024-02-30"])?.id == "fiscalPeriodEnd")
        #expect(evaluator.nextUnansweredQuestion(["fiscalPeriodEnd": .null])?.id == "fiscalPeriodEnd")
        // Optional questions are asked too, once everything before them is answered.
        var answers = FormTestFixtures.completeHearingSheet.answers
        #expect(evaluator.nextUnansweredQuestion(answers)?.id == "managementVision")
        for question in evaluator.definition.questions where !question.isRequired {
            answers[question.id] = question.answerType == .integer(min: 1, max: 10) ? 3 : "メモ"
        }
        #expect(evaluator.nextUnansweredQuestion(answers)?.id == nil)
    }

    @Test("the complete fixture is complete and valid")
    func completeSheet() throws {
        let answers = FormTestFixtures.completeHearingSheet
        #expect(evaluator.isComplete(answers.answers))
        #expect(evaluator.problems(in: answers) == [])
        try evaluator.validate(answers)
    }

    @Test("completeness: required answers of applicable questions only")
    func completeness() {
        var answers = FormTestFixtures.completeHearingSheet.answers
        answers["managementVision"] = nil
        #expect(evaluator.isComplete(answers), "an optional question may stay empty")

        answers["mainProducts"] = "   "
        #expect(!evaluator.isComplete(answers), "blank text is no answer")
        #expect(evaluator.missingRequiredQuestions(answers).map(\.id) == ["mainProducts"])
        answers["mainProducts"] = "金型"

        answers["businessTrend"] = "down"
        #expect(evaluator.missingRequiredQuestions(answers).map(\.id) == ["declineReason"], "a branch's required question counts once open")
        answers["businessTrend"] = "up"
        #expect(evaluator.isComplete(answers))

        #expect(evaluator.missingRequiredQuestions([:]).count == evaluator.applicableQuestions([:]).filter(\.isRequired).count)
    }

    @Test("a missing required answer is refused as incomplete, naming the question and its label")
    func missingRequiredRefused() throws {
        var answers = FormTestFixtures.completeHearingSheet
        answers["totalAssets"] = nil
        do {
            try evaluator.validate(answers)
            Issue.record("an incomplete sheet was accepted")
        } catch {
            let problem = try #require(error.errors.about("totalAssets"))
            #expect(problem.reason.contains("「総資産」"))
            #expect(problem.reason.contains("incomplete"))
            #expect(error.errors.count == 1)
        }
    }

    @Test("invalid answers are refused, each naming its question", arguments: [
        ("sales", FieldValue.text("1,000"), "takes a whole number of yen"),
        ("employees", FieldValue.integer(-1), "between 0 and 1000000"),
        ("employees", FieldValue.integer(1_000_001), "between 0 and 1000000"),
        // previousSales depends on it and is answered: not reported as well (no cascade).
        ("hasPreviousPeriod", FieldValue.text("yes"), "yes or no"),
        ("businessTrend", FieldValue.text("sideways"), "use one of: up, flat, down"),
        ("businessTrend", FieldValue.integer(1), "one of its choice codes"),
        ("fiscalPeriodEnd", FieldValue.text("2023-02-29"), "does not exist"),
        ("fiscalPeriodEnd", FieldValue.text("2024/03/31"), "YYYY-MM-DD"),
        ("depreciation", FieldValue.integer(-1), "at least 0"),
        ("ownerBirthYear", FieldValue.integer(1850), "between 1900 and 2200"),
        ("ownerBirthYear", FieldValue.text("昭和32年"), "a year such as 1958"),
        ("mainProducts", FieldValue.text(String(repeating: "部", count: 401)), "at most 400"),
    ])
    func invalidAnswerRefused(question: String, value: FieldValue, expected: String) throws {
        let answers = FormTestFixtures.completeHearingSheet.setting(question, to: value)
        do {
            try evaluator.validate(answers)
            Issue.record("\(question) = \(value) was accepted")
        } catch {
            #expect(error.errors.map(\.field) == [question])
            let reason = try #require(error.errors.first?.reason)
            #expect(reason.contains(expected), "\(reason)")
            let label = try #require(evaluator.definition.question(question)?.label)
            #expect(reason.contains("「\(label)」"))
        }
    }

    @Test("answers to questions that do not apply or do not exist are reported and never used")
    func inapplicableAndUnknownAnswers() throws {
        var answers = FormTestFixtures.completeHearingSheet
        answers["hasPreviousPeriod"] = false          // previousSales (still answered) no longer applies
        answers["declineReason"] = "受注減"             // businessTrend is flat
        answers["revenue"] = 1                          // no such question
        let problems = evaluator.problems(in: answers)
        #expect(problems.map(\.questionID) == ["previousSales", "declineReason", "revenue"])
        #expect(problems[0].kind == .notApplicable(condition: .equals(question: "hasPreviousPeriod", value: true)))
        #expect(problems[0].reason.contains("「売上高（前期）」"))
        #expect(problems[0].reason.contains("clear this answer"))
        #expect(problems[2].kind == .unknownQuestion(formName: "hearing-sheet v1"))

        // Never used: not in the effective answers, so not in the benchmark either.
        let effective = evaluator.effectiveAnswers(answers.answers)
        #expect(effective["previousSales"] == nil && effective["declineReason"] == nil && effective["revenue"] == nil)
        let benchmark = try LocalBenchmark(hearingSheet: answers, catalog: FormTestFixtures.catalog())
        #expect(benchmark.result(for: .salesGrowthRate) == .notComputable(.missingInputs([.previousSales])))

        // Pruning removes the hidden answers (and unknown ones); what is left is valid.
        let pruned = evaluator.pruned(answers)
        #expect(pruned.answers["previousSales"] == nil)
        #expect(pruned.answers["revenue"] == nil)
        try evaluator.validate(pruned)
    }

    @Test("all problems are reported together, in form order")
    func problemsTogether() {
        let answers = FormAnswers(formID: "hearing-sheet", formVersion: 1, answers: [
            "sales": "many", "employees": -3, "zzz": true,
        ])
        let problems = evaluator.problems(in: answers)
        #expect(problems.first?.questionID == "fiscalPeriodEnd")
        #expect(problems.first?.kind == .missingRequired)
        #expect(problems.contains { $0.questionID == "sales" && $0.kind == .wrongType(expected: "yen", got: "many") })
        #expect(problems.contains { $0.questionID == "employees" && $0.kind == .outOfRange(value: -3, min: 0, max: 1_000_000) })
        #expect(problems.last?.questionID == "zzz")
    }
}
