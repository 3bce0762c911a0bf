import Testing
@testable import FieldVisitCore

@Suite("Business-succession diagnosis, v2 (相対型): agreed, timing, intentions, wishes apart from consent")
struct FormSuccessionDiagnosisV2Tests {
    let catalog: FormCatalog
    let evaluator: FormEvaluator

    init() throws {
        catalog = try FormTestFixtures.catalog()
        evaluator = FormEvaluator(try catalog.definition(id: "succession-diagnosis", version: 2))
    }

    /// The expected class, decided here from the official sheet's logic, not from the JSON.
    private func expectedCode(_ answers: [String: FieldValue]) -> String {
        if answers["hasSuccessorCandidate"] == true {
            if answers["successorInformed"] == false { return "candidateNotInformed" }
            if answers["successorAgreed"] == false { return "candidateNotAgreed" }
            let preparations = ["preparingSuccessorTraining", "preparingRelationsHandover", "preparingSharesAndAssets",
                                "preparingDebtsAndGuarantees", "preparingStakeholderNotice"]
            return preparations.allSatisfy { answers[$0] == true } ? "successionPrepared" : "preparationNeeded"
        }
        switch answers["intentionWithoutSuccessor"]?.textValue {
        case "sell": return "thirdPartySuccession"
        case "close": return "consideringClosure"
        case "continue": return "seekingSuccessor"
        default: return "noSuccessorUndecided"
        }
    }

    @Test("every path through the branching gets the expected result, whatever the wishes and the method")
    func everyPath() throws {
        let paths = FormTestFixtures.allPaths(through: evaluator)
        // Per method (3) × consultation (2) × centre contact (2) × consent (2) = 24 for each
        // way through the successor part: a candidate is 3 relations × 5 timings ×
        // (not told + told and refused + told and agreed × 2⁵ preparations) = 510;
        // without one, (continue + sell × buyer 2 + close + undecided) × adviser 2 = 10.
        #expect(paths.count == (510 + 10) * 24)
        var reached: Set<String> = []
        for path in paths {
            #expect(evaluator.isComplete(path))
            let result = try SuccessionDiagnosisResult(answers: FormAnswers(formID: "succession-diagnosis", formVersion: 2, answers: path), catalog: catalog)
            #expect(result.code == expectedCode(path), "\(path)")
            #expect(result.consentToShareWithCentre == path["consentToShareWithCentre"]?.boolValue)
            #expect(result.wishes.consultation == path["wantsConsultation"]?.boolValue)
            #expect(result.wishes.centreContact == path["wantsCentreContact"]?.boolValue)
            #expect(result.method?.code == path["takenBy"]?.textValue)
            reached.insert(result.code)
        }
        let classes = Set(evaluator.definition.outcomes.map(\.code))
        #expect(reached == classes.subtracting(["reviewAnswers"]), "every class but the catch-all is reachable; the catch-all never is")
    }

    @Test("a candidate told but not agreed is a need; wanting the centre's call is not consent to share")
    func notAgreedAndWishes() throws {
        let answers = FormAnswers(formID: "succession-diagnosis", formVersion: 2, answers: [
            "ownerBirthYear": 1956, "diagnosisDate": "2024-09-10", "takenBy": "post",
            "hasSuccessorCandidate": true, "successorRelation": "employeeOrOfficer", "successorAge": 45,
            "successorInformed": true, "successorAgreed": false, "plannedHandoverTiming": "withinThreeYears",
            "wantsConsultation": true, "wantsCentreContact": true, "consentToShareWithCentre": false,
        ])
        let result = try SuccessionDiagnosisResult(answers: answers, catalog: catalog)
        #expect(result.code == "candidateNotAgreed" && result.outcome.successionNeed)
        #expect(result.label == "後継者候補の同意が得られていない")
        #expect(result.ownerAgeAtDiagnosis == 68 && result.isOwnerSenior)
        #expect(result.wishes == .init(consultation: true, centreContact: true))
        #expect(result.method?.code == "post" && result.method?.label == "郵送（調査票の返送）")
        // The owner asked to be called, but did not agree to the data going to the centre.
        #expect(!result.mayShareWithReferralAgency)
    }

    @Test("v1 answers keep their v1 result after v2 ships; v1 has no wishes or method")
    func versionOneStillReads() throws {
        let v1 = try SuccessionDiagnosisResult(answers: FormTestFixtures.undecidedSuccession, catalog: catalog)
        #expect(v1.code == "noSuccessorUndecided")
        #expect(v1.wishes == .init(consultation: nil, centreContact: nil) && v1.method == nil)
        // The same answers given as v2 are incomplete there: v2 asks what v1 did not.
        let asV2 = FormAnswers(formID: "succession-diagnosis", formVersion: 2, answers: FormTestFixtures.undecidedSuccession.answers)
        #expect(throws: ValidationErrors.self) { try SuccessionDiagnosisResult(answers: asV2, catalog: catalog) }
    }

    @Test("the age thresholds and the result rules are data in the form file")
    func dataNotCode() throws {
        let form = evaluator.definition
        #expect(form.ownerAgeThresholds == [60, 65])
        #expect(form.question("takenBy")?.answerType.choices.map(\.code) == ["interview", "post", "centreSurvey"])
        #expect(form.question("plannedHandoverTiming")?.answerType.choices.count == 5)
        #expect(form.outcomes.filter(\.successionNeed).map(\.code) == [
            "candidateNotInformed", "candidateNotAgreed", "preparationNeeded", "thirdPartySuccession", "consideringClosure",
            "seekingSuccessor", "noSuccessorUndecided",
        ])
        #expect(form.outcomes.last?.when == nil)
    }
}
