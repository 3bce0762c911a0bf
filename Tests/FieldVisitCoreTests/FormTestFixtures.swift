@testable import FieldVisitCore

/// Answer sets shared by the form tests.
enum FormTestFixtures {
    /// The built-in catalog, loaded once per use so that a damaged file fails the test
    /// that reads it rather than stopping the run.
    static func catalog() throws -> FormCatalog { try FormCatalog.loadBuiltIn() }

    /// A complete, valid hearing sheet (v1) for a small manufacturer, with the worked
    /// figures of the local-benchmark tests.
    static let completeHearingSheet = FormAnswers(formID: "hearing-sheet", formVersion: 1, answers: [
        "fiscalPeriodEnd": "2024-03-31",
        "sales": 120_000_000,
        "hasPreviousPeriod": true,
        "previousSales": 100_000_000,
        "operatingProfit": 6_000_000,
        "depreciation": 2_000_000,
        "employees": 15,
        "borrowings": 50_000_000,
        "cashAndDeposits": 10_000_000,
        "receivables": 20_000_000,
        "inventory": 8_000_000,
        "payables": 6_000_000,
        "netAssets": 30_000_000,
        "totalAssets": 90_000_000,
        "ownerBirthYear": 1957,
        "successorStatus": "decided",
        "mainProducts": "自動車部品の精密切削加工",
        "businessTrend": "flat",
        "usesIT": false,
        "mainBankType": "regionalBank",
        "sharesFinancialsWithBank": true,
        "trialBalanceFrequency": "monthly",
        "preparesCashFlowTable": false,
        "hasBusinessPlan": false,
        "hasStaffShortage": true,
    ])

    /// A complete succession diagnosis (v1) with a candidate who was told and every
    /// preparation under way.
    static let preparedSuccession = FormAnswers(formID: "succession-diagnosis", formVersion: 1, answers: [
        "ownerBirthYear": 1954,
        "diagnosisDate": "2024-06-01",
        "hasSuccessorCandidate": true,
        "successorRelation": "family",
        "successorInformed": true,
        "preparingSuccessorTraining": true,
        "preparingRelationsHandover": true,
        "preparingSharesAndAssets": true,
        "preparingDebtsAndGuarantees": true,
        "preparingStakeholderNotice": true,
        "consentToShareWithCentre": true,
    ])

    /// A complete succession diagnosis (v1) without a candidate, undecided.
    static let undecidedSuccession = FormAnswers(formID: "succession-diagnosis", formVersion: 1, answers: [
        "ownerBirthYear": 1950,
        "diagnosisDate": "2024-06-01",
        "hasSuccessorCandidate": false,
        "consideredThirdPartyTransfer": false,
        "hasAdvisor": true,
        "consideredClosure": false,
        "consentToShareWithCentre": false,
    ])
}

extension FormTestFixtures {
    /// Every complete way through a form: at each step the evaluator's next question is
    /// answered in every way it can be (yes and no, each choice), so the enumeration
    /// follows the branching written in the JSON rather than a copy of it here; a
    /// number, a year or a date is answered once, since they steer nothing.
    static func allPaths(through evaluator: FormEvaluator) -> [[String: FieldValue]] {
        var complete: [[String: FieldValue]] = []
        func extend(_ answers: [String: FieldValue]) {
            guard let question = evaluator.nextUnansweredQuestion(answers) else {
                complete.append(answers)
                return
            }
            let options: [FieldValue] = switch question.answerType {
            case .boolean: [true, false]
            case .choice(let entries): entries.map { .text($0.code) }
            case .year: [1955]
            case .date: ["2024-06-01"]
            case .integer: [38]
            default: []
            }
            precondition(!options.isEmpty, "the form has a question of an unexpected kind: \(question.id)")
            for option in options { extend(answers.merging([question.id: option]) { $1 }) }
        }
        extend([:])
        return complete
    }
}

extension Array where Element == ValidationError {
    /// The error about `field`, if any.
    func about(_ field: String) -> ValidationError? { first { $0.field == field } }
}
