import Testing
@testable import FieldVisitCore

@Suite("Business-succession diagnosis, v1 (answers of that version stay readable and reportable)")
struct FormSuccessionDiagnosisTests {
    let catalog: FormCatalog
    let evaluator: FormEvaluator

    init() throws {
        catalog = try FormTestFixtures.catalog()
        evaluator = FormEvaluator(try catalog.definition(id: "succession-diagnosis", version: 1))
    }

    /// The expected class, decided here independently of the rules in the JSON.
    private func expectedCode(_ answers: [String: FieldValue]) -> String {
        if answers["hasSuccessorCandidate"] == true {
            if answers["successorInformed"] == false { return "candidateNotInformed" }
            let preparations = ["preparingSuccessorTraining", "preparingRelationsHandover", "preparingSharesAndAssets",
                                "preparingDebtsAndGuarantees", "preparingStakeholderNotice"]
            return preparations.allSatisfy { answers[$0] == true } ? "successionPrepared" : "preparationNeeded"
        }
        if answers["consideredThirdPartyTransfer"] == true { return "thirdPartySuccession" }
        if answers["consideredClosure"] == true { return "consideringClosure" }
        return "noSuccessorUndecided"
    }

    @Test("every path through the branching gets the expected result")
    func everyPath() throws {
        let paths = FormTestFixtures.allPaths(through: evaluator)
        // Candidate: 3 relations × (not told + told × 2⁵ preparations) = 99; no candidate:
        // 2³ = 8; each path with and without consent.
        #expect(paths.count == (3 * (1 + 32) + 8) * 2)
        var reached: Set<String> = []
        for path in paths {
            let answers = FormAnswers(formID: "succession-diagnosis", formVersion: 1, answers: path)
            #expect(evaluator.isComplete(path))
            let result = try SuccessionDiagnosisResult(answers: answers, catalog: catalog)
            #expect(result.code == expectedCode(path), "\(path)")
            #expect(result.consentToShareWithCentre == path["consentToShareWithCentre"]?.boolValue)
            reached.insert(result.code)
        }
        let classes = Set(evaluator.definition.outcomes.map(\.code))
        #expect(reached == classes.subtracting(["reviewAnswers"]), "every class but the catch-all is reachable; the catch-all never is")
    }

    /// (description, answers changed from the prepared fixture, class, referral agency)
    static let namedCases: [(String, [String: FieldValue], String, String?)] = [
        ("told and prepared", [:], "successionPrepared", nil),
        // Cleared answers (null) count as no answer, so the hidden preparation questions are not in the way.
        ("candidate not told", ["successorInformed": false, "preparingSuccessorTraining": .null, "preparingRelationsHandover": .null,
                                "preparingSharesAndAssets": .null, "preparingDebtsAndGuarantees": .null, "preparingStakeholderNotice": .null],
         "candidateNotInformed", "successionSupportCentre"),
        ("told, guarantees not yet handled", ["preparingDebtsAndGuarantees": false], "preparationNeeded", "successionSupportCentre"),
    ]

    @Test("named cases with a candidate", arguments: namedCases)
    func namedCase(name: String, changes: [String: FieldValue], code: String, referral: String?) throws {
        var answers = FormTestFixtures.preparedSuccession
        for (question, value) in changes { answers[question] = value }
        let result = try SuccessionDiagnosisResult(answers: answers, catalog: catalog)
        #expect(result.code == code, "\(name)")
        #expect(result.referralAgency == referral)
        #expect(!result.label.isEmpty && !result.nextStep.isEmpty)
    }

    @Test("without a candidate: M&A first, then closure, else undecided")
    func withoutCandidate() throws {
        let base = FormTestFixtures.undecidedSuccession
        let undecided = try SuccessionDiagnosisResult(answers: base, catalog: catalog)
        #expect(undecided.code == "noSuccessorUndecided")
        #expect(undecided.label == "後継者不在：方針未定")

        let transfer = try SuccessionDiagnosisResult(answers: base.setting("consideredThirdPartyTransfer", to: true), catalog: catalog)
        #expect(transfer.code == "thirdPartySuccession")
        #expect(transfer.nextStep.contains("事業承継・引継ぎ支援センター"))

        let closure = try SuccessionDiagnosisResult(answers: base.setting("consideredClosure", to: true), catalog: catalog)
        #expect(closure.code == "consideringClosure")

        // First match wins: an owner weighing both is steered to a transfer.
        let both = base.setting("consideredThirdPartyTransfer", to: true).setting("consideredClosure", to: true)
        #expect(try SuccessionDiagnosisResult(answers: both, catalog: catalog).code == "thirdPartySuccession")
    }

    @Test("owner's age is the age reached in the diagnosis's fiscal year; 65 or over is flagged", arguments: [
        (Int64(1959), "2024-06-01", 65, true),
        (1959, "2024-01-01", 64, false),    // FY2023, as at a visit in May 2023
        (1959, "2023-05-01", 64, false),
        (2024, "2025-02-01", 0, false),
        (2024, "2024-02-01", 0, false),     // FY2023 began before the birth year: 0, never negative
        (1960, "2024-12-31", 64, false),
        (1930, "2024-06-01", 94, true),
        (2024, "2024-06-01", 0, false),
    ])
    func ownerAge(birthYear: Int64, date: String, age: Int, senior: Bool) throws {
        let answers = FormTestFixtures.preparedSuccession
            .setting("ownerBirthYear", to: .integer(birthYear))
            .setting("diagnosisDate", to: .text(date))
        let result = try SuccessionDiagnosisResult(answers: answers, catalog: catalog)
        #expect(result.ownerAgeAtDiagnosis == age)
        #expect(result.isOwnerSenior == senior)
        #expect(result.ownerBirthYear == Int(birthYear))
        #expect(result.diagnosisDate.description == date)
    }

    @Test("a birth year after the diagnosis is refused, naming the question")
    func birthYearAfterDiagnosis() {
        let answers = FormTestFixtures.preparedSuccession.setting("ownerBirthYear", to: 2025)
        do {
            _ = try SuccessionDiagnosisResult(answers: answers, catalog: catalog)
            Issue.record("accepted a birth year after the diagnosis")
        } catch {
            #expect(error.errors.map(\.field) == ["ownerBirthYear"])
            #expect(error.errors[0].reason.contains("「代表者の生年（西暦）」"))
        }
    }

    @Test("without consent nothing may be passed to the centre, whatever the result")
    func consent() throws {
        let noConsent = FormTestFixtures.undecidedSuccession
        let withheld = try SuccessionDiagnosisResult(answers: noConsent, catalog: catalog)
        #expect(withheld.referralAgency == "successionSupportCentre")
        #expect(!withheld.consentToShareWithCentre)
        #expect(!withheld.mayShareWithReferralAgency)

        let given = try SuccessionDiagnosisResult(answers: noConsent.setting("consentToShareWithCentre", to: true), catalog: catalog)
        #expect(given.consentToShareWithCentre)
        #expect(given.mayShareWithReferralAgency)

        // Consent without a referral: there is nobody to pass anything to.
        let prepared = try SuccessionDiagnosisResult(answers: FormTestFixtures.preparedSuccession, catalog: catalog)
        #expect(prepared.consentToShareWithCentre)
        #expect(prepared.referralAgency == nil)
        #expect(!prepared.mayShareWithReferralAgency)
    }

    @Test("incomplete answers, answers outside the branch and other forms are refused")
    func refusals() throws {
        var incomplete = FormTestFixtures.undecidedSuccession
        incomplete["hasAdvisor"] = nil
        incomplete["consentToShareWithCentre"] = nil
        do {
            _ = try SuccessionDiagnosisResult(answers: incomplete, catalog: catalog)
            Issue.record("an incomplete diagnosis was classified")
        } catch {
            #expect(error.errors.map(\.field) == ["hasAdvisor", "consentToShareWithCentre"])
        }

        let outsideBranch = FormTestFixtures.undecidedSuccession.setting("successorRelation", to: "family")
        do {
            _ = try SuccessionDiagnosisResult(answers: outsideBranch, catalog: catalog)
            Issue.record("an answer outside the branch was accepted")
        } catch {
            #expect(error.errors.map(\.field) == ["successorRelation"])
            #expect(error.errors[0].reason.contains("does not apply"))
        }

        #expect(throws: ValidationErrors.self) {
            try SuccessionDiagnosisResult(answers: FormTestFixtures.completeHearingSheet, catalog: catalog)
        }
    }

    @Test("the diagnosis asks about everything the structure names")
    func structure() throws {
        let form = evaluator.definition
        #expect(form.question("successorRelation")?.answerType.choices.map(\.code) == ["family", "employeeOrOfficer", "thirdParty"])
        for id in ["successorInformed", "preparingSuccessorTraining", "preparingRelationsHandover", "preparingSharesAndAssets",
                   "preparingDebtsAndGuarantees", "preparingStakeholderNotice", "consideredThirdPartyTransfer", "hasAdvisor",
                   "consideredClosure", "consentToShareWithCentre"] {
            #expect(form.question(id)?.answerType == .boolean, "\(id)")
        }
        #expect(form.outcomes.last?.when == nil)
    }
}
