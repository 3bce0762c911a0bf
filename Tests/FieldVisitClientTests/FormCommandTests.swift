import FieldVisitCore
import Foundation
import Testing
@testable import FieldVisitClient

/// Filling in hearing sheets and succession diagnoses: typed answers, the interview's
/// branching, answers files, the record stored as one change set, and what `show`
/// reads back.
@Suite struct FormCommandLibraryTests {
    let catalog = FormCatalog.builtIn

    func question(_ id: String, in formID: String = FormRecordType.hearingSheet.formID) throws -> FormQuestion {
        try #require(try catalog.latest(id: formID).question(id))
    }

    // MARK: Typed answers

    @Test("typed answers: yes/no words, amounts as written in Japan, choices by number or code, dates")
    func typedAnswers() throws {
        let yesNo = try question("usesIT")
        for word in ["y", "Y", "yes", "はい", " ｙｅｓ "] { #expect(try FormAnswerInput.parse(word, for: yesNo) == .bool(true)) }
        for word in ["n", "No", "いいえ"] { #expect(try FormAnswerInput.parse(word, for: yesNo) == .bool(false)) }
        #expect { try FormAnswerInput.parse("たぶん", for: yesNo) } throws: { "\($0)".contains("usesIT") && "\($0)".contains("はい") }

        let sales = try question("sales")
        #expect(try FormAnswerInput.parse("120000000", for: sales) == .integer(120_000_000))
        #expect(try FormAnswerInput.parse("120,000,000円", for: sales) == .integer(120_000_000))
        #expect(try FormAnswerInput.parse("１２０，０００，０００", for: sales) == .integer(120_000_000))
        #expect(try FormAnswerInput.parse("▲6,000,000", for: try question("operatingProfit")) == .integer(-6_000_000))
        for refused in ["1,20", "12.5", "百万円", "1,2345"] {
            #expect(throws: FieldVisitCore.ValidationError.self) { try FormAnswerInput.parse(refused, for: sales) }
        }

        let bank = try question("mainBankType")
        #expect(try FormAnswerInput.parse("4", for: bank) == .text("shinkinBank"))
        #expect(try FormAnswerInput.parse("shinkinBank", for: bank) == .text("shinkinBank"))
        #expect { try FormAnswerInput.parse("10", for: bank) } throws: { "\($0)".contains("from 1 to 9") }

        #expect(try FormAnswerInput.parse("2024/3/31", for: try question("fiscalPeriodEnd")) == .text("2024-03-31"))
        #expect(try FormAnswerInput.parse("1957年", for: try question("ownerBirthYear")) == .integer(1957))
        #expect(try FormAnswerInput.parse("   ", for: sales) == nil)
        #expect(try FormAnswerInput.parse("  ＮＣ旋盤　", for: try question("mainProducts")) == .text("ＮＣ旋盤"))
    }

    @Test("a session refuses what the form's rules refuse, with the form's reason, and keeps the answers unchanged")
    func sessionRefusals() throws {
        var session = FormSession(definition: try catalog.latest(id: FormRecordType.hearingSheet.formID))
        let date = try #require(session.nextQuestion)
        #expect(date.id == "fiscalPeriodEnd")
        #expect { try session.respond(to: date, with: "2023-02-29") } throws: { "\($0)".contains("2023-02-29 does not exist") }
        #expect { try session.respond(to: date, with: "") } throws: { "\($0)".contains("must be answered") }
        try session.respond(to: date, with: "2024-03-31")
        let sales = try #require(session.nextQuestion)
        #expect { try session.respond(to: sales, with: "-5") } throws: { "\($0)".contains("at least 0") }
        #expect { try session.respond(to: sales, with: "megaBank") } throws: { "\($0)".contains("sales") }
        #expect(session.answers.answers == ["fiscalPeriodEnd": "2024-03-31"])
        #expect(session.nextQuestion?.id == "sales")
    }

    // MARK: The interview

    /// Runs an interview of the succession diagnosis on `lines`, in v1 unless `version`
    /// says otherwise; returns the session and what was shown.
    func interviewSuccession(_ lines: [String], draft: FormRecordDraft? = nil, version: Int = 1) throws -> (FormSession, String) {
        let definition = try catalog.definition(id: FormRecordType.successionDiagnosis.formID, version: version)
        var session = FormSession(definition: definition, suggestions: draft?.suggestedAnswers ?? [:])
        var remaining = lines[...]
        var shown = ""
        try session.interview(
            readLine: { remaining.popFirst() },
            write: { shown += $0 },
            finalCheck: { answers in draft?.problems(in: answers) ?? [] }
        )
        #expect(remaining.isEmpty, "lines left unread: \(Array(remaining))")
        return (session, shown)
    }

    @Test("the interview follows the branching: a successor opens the preparation questions, none opens the others")
    func interviewBranches() throws {
        let (withSuccessor, shownWith) = try interviewSuccession(["1954", "2024-06-01", "y", "1", "y", "y", "y", "y", "y", "y", "y"])
        #expect(withSuccessor.collectedAnswers.answers == FormFixtures.preparedSuccession)
        #expect(shownWith.contains("後継者候補はどなたですか"))
        #expect(shownWith.contains("1.  family"))
        #expect(shownWith.contains("■ 承継の準備状況"))
        #expect(!shownWith.contains("社外への譲渡・売却"))
        #expect(!shownWith.contains("■ 後継者候補がいない場合"))

        let (without, shownWithout) = try interviewSuccession(["1950", "2024-06-01", "いいえ", "no", "yes", "n", "n"])
        #expect(without.collectedAnswers.answers["consideredThirdPartyTransfer"] == false)
        #expect(Set(without.collectedAnswers.answers.keys) == [
            "ownerBirthYear", "diagnosisDate", "hasSuccessorCandidate", "consideredThirdPartyTransfer", "hasAdvisor",
            "consideredClosure", "consentToShareWithCentre",
        ])
        #expect(shownWithout.contains("■ 後継者候補がいない場合"))
        #expect(!shownWithout.contains("後継者候補はどなたですか"))
        #expect(!shownWithout.contains("■ 承継の準備状況"))
    }

    @Test("a refused line is answered with its reason and the question asked again; an empty line skips an optional question")
    func interviewReasks() throws {
        let (session, shown) = try interviewSuccession(["1954", "2024-06-01", "maybe", "y", "親族", "4", "family", "n", "n"])
        #expect(shown.contains("✗ 「事業を引き継ぐ後継者の候補はいますか」: \"maybe\" is not yes or no"))
        #expect(shown.contains("\"親族\" is not one of its choices; use one of: family, employeeOrOfficer, thirdParty"))
        #expect(shown.contains("there is no choice 4"))
        #expect(session.collectedAnswers.answers["successorRelation"] == "family")
        #expect(try SuccessionDiagnosisResult(answers: session.collectedAnswers).code == "candidateNotInformed")

        var hearing = FormSession(definition: try catalog.definition(id: FormRecordType.hearingSheet.formID, version: 1))
        hearing.answersUpTo("ownerBirthYear", from: FormFixtures.completeHearingSheet)
        let vision = try #require(hearing.nextQuestion)
        #expect(vision.id == "managementVision" && !vision.isRequired)
        #expect(hearing.prompt(for: vision).contains("Enter skips"))
        #expect(try hearing.respond(to: vision, with: "") == .skipped)
        #expect(hearing.nextQuestion?.id == "successorStatus")
    }

    @Test("an interview cut short names the question it stopped at")
    func interviewEnds() throws {
        #expect { try interviewSuccession(["1954", "2024-06-01"]) } throws: { error in
            (error as? FormInputError) == .inputEnded(questionID: "hasSuccessorCandidate", questionLabel: "事業を引き継ぐ後継者の候補はいますか")
        }
    }

    @Test("Enter takes the suggestions: the record's date and the representative's birth year; a cross-check reopens its question")
    func interviewSuggestionsAndFinalCheck() throws {
        let temporary = TemporaryHome()
        let (store, company) = try FormFixtures.storeWithCompany(in: temporary)
        let draft = try FormRecordDraft.resolve(.successionDiagnosis, company: "c0a1", date: "2024-06-01", in: store, today: FormFixtures.today)
        #expect(draft.company == company)
        let (session, shown) = try interviewSuccession(["", "", "interview", "n", "undecided", "n", "n", "n", "y"], draft: draft, version: 2)
        #expect(shown.contains("Enter: 1957") && shown.contains("Enter: 2024-06-01"))
        #expect(session.collectedAnswers.answers["ownerBirthYear"] == 1957)
        #expect(session.collectedAnswers.answers["diagnosisDate"] == "2024-06-01")

        // A diagnosis date other than the record's date is refused at the end and asked again.
        let (corrected, shownAgain) = try interviewSuccession(["", "2024-06-02", "interview", "n", "undecided", "n", "n", "n", "y", "2024-06-01"], draft: draft, version: 2)
        #expect(shownAgain.contains("✗ 「診断日」 2024-06-02 is not the record's date 2024-06-01"))
        #expect(corrected.collectedAnswers.answers["diagnosisDate"] == "2024-06-01")
        #expect(draft.problems(in: corrected.collectedAnswers).isEmpty)
    }

    // MARK: Recording

    /// A draft of the newest version of `kind`'s form, or of `version`: a diagnosis
    /// recorded with v1 before v2 shipped.
    func draft(_ kind: FormRecordType, _ store: LocalStore, date: String? = nil, visit: String? = nil, version: Int? = nil) throws -> FormRecordDraft {
        var draft = try FormRecordDraft.resolve(kind, company: "c0a1", visit: visit, date: date, in: store, today: FormFixtures.today)
        if let version { draft.definition = try catalog.definition(id: kind.formID, version: version) }
        return draft
    }

    @Test("a complete hearing sheet is one change set with the record's fields and every answer; the indicators are the worked values")
    func recordHearingSheet() throws {
        let temporary = TemporaryHome()
        let (store, company) = try FormFixtures.storeWithCompany(in: temporary)
        let draft = try draft(.hearingSheet, store, version: 1)
        let answers = FormAnswers(formID: draft.definition.id, formVersion: draft.definition.version, answers: FormFixtures.completeHearingSheet)
        let key = try store.commitForm(draft, answers: answers)
        #expect(try store.logCounts() == (2, 2))
        let history = try store.history(of: key)
        #expect(history.count == 1)

        let values = try #require(try store.state(of: key)).visibleValues
        #expect(values["company"] == .text(company.rawValue))
        #expect(values["date"] == "2024-06-01")
        #expect(values["formID"] == "hearing-sheet")
        #expect(values["formVersion"] == 1)
        #expect(values["reviewState"] == "draft")
        #expect(values["visit"] == nil)
        #expect(try store.state(of: key)?.visibleSets["staff"] == ["佐藤"])
        for (questionID, value) in FormFixtures.completeHearingSheet {
            #expect(values["answer.\(questionID)"] == value)
        }

        let report = try store.formReport(of: key)
        #expect(report.problems.isEmpty)
        #expect(report.indicatorTable == [
            ["指標", "2024年3月期"],
            ["売上高増加率", "20.0%"], ["営業利益率", "5.0%"], ["労働生産性", "400千円"],
            ["EBITDA有利子負債倍率", "5.0倍"], ["営業運転資本回転期間", "2.2ヶ月"], ["自己資本比率", "33.3%"],
        ])
        #expect(report.answers.answers == FormFixtures.completeHearingSheet)
        let financial = try #require(report.answeredSections.first)
        #expect(financial.title == "財務情報（直近決算期）")
        #expect(financial.answers.first { $0.questionID == "sales" }?.display == "120,000,000円")
        #expect(report.answeredSections.flatMap(\.answers).first { $0.questionID == "mainBankType" }?.display == "信用金庫（shinkinBank）")
    }

    @Test("indicators that cannot be computed say why: no previous period, no employees")
    func notComputableIndicators() throws {
        let temporary = TemporaryHome()
        let (store, _) = try FormFixtures.storeWithCompany(in: temporary)
        let draft = try draft(.hearingSheet, store, version: 1)
        var figures = FormFixtures.firstPeriodHearingSheet
        figures["employees"] = 0
        let key = try store.commitForm(draft, answers: FormAnswers(formID: "hearing-sheet", formVersion: 1, answers: figures))
        let rows = try store.formReport(of: key).indicatorTable.dropFirst()
        #expect(rows.first == ["売上高増加率", "算出不可（前期売上高が未入力）"])
        #expect(rows.dropFirst(2).first == ["労働生産性", "算出不可（従業員数が0）"])
        #expect(rows.dropFirst().first == ["営業利益率", "5.0%"])
    }

    @Test("incomplete, invalid or inapplicable answers are refused naming the question, and the store is unchanged")
    func refusedAnswers() throws {
        let temporary = TemporaryHome()
        let (store, _) = try FormFixtures.storeWithCompany(in: temporary)
        let draft = try draft(.hearingSheet, store, version: 1)
        let before = try dump(store)
        var incomplete = FormFixtures.completeHearingSheet
        incomplete["sales"] = nil
        var badChoice = FormFixtures.completeHearingSheet
        badChoice["mainBankType"] = "megaBank"
        var inapplicable = FormFixtures.firstPeriodHearingSheet
        inapplicable["previousSales"] = 100_000_000
        var unknown = FormFixtures.completeHearingSheet
        unknown["favouriteColour"] = "赤"
        for (answers, field, words) in [
            (incomplete, "sales", "is required but has no answer"),
            (badChoice, "mainBankType", "\"megaBank\" is not one of its choices"),
            (inapplicable, "previousSales", "does not apply"),
            (unknown, "favouriteColour", "is not a question of hearing-sheet v1"),
        ] {
            #expect { try store.commitForm(draft, answers: FormAnswers(formID: "hearing-sheet", formVersion: 1, answers: answers)) } throws: { error in
                let errors = (error as? ValidationErrors)?.errors ?? []
                return errors.count == 1 && errors[0].field == field && errors[0].reason.contains(words)
            }
        }
        #expect(try dump(store) == before)
        #expect(try store.logCounts() == (1, 1))
    }

    @Test("a diagnosis stores the owner's age and the consent, and takes its date from the diagnosis date")
    func recordDiagnosis() throws {
        let temporary = TemporaryHome()
        let (store, _) = try FormFixtures.storeWithCompany(in: temporary)
        var answers = FormFixtures.preparedSuccession
        answers["diagnosisDate"] = "2024-05-20"
        let key = try store.commitForm(try draft(.successionDiagnosis, store, version: 1), answers: FormAnswers(formID: "succession-diagnosis", formVersion: 1, answers: answers))
        let values = try #require(try store.state(of: key)).visibleValues
        #expect(values["ownerAge"] == 70)
        #expect(values["consentToShareWithCentre"] == true)
        #expect(values["date"] == "2024-05-20")
        let report = try store.formReport(of: key)
        #expect(report.diagnosis?.code == "successionPrepared")
        #expect(report.diagnosisRows.contains(["65歳以上", "はい"]))
        #expect(report.diagnosisRows.contains(["診断時の経営者の年齢", "70歳（1954年生、2024-05-20時点）"]))

        // Without a diagnosis date, the record's date is it.
        answers["diagnosisDate"] = nil
        let dated = try draft(.successionDiagnosis, store, date: "2024-04-01", version: 1)
        let completed = dated.completing(FormAnswers(formID: "succession-diagnosis", formVersion: 1, answers: answers))
        #expect(completed.answers["diagnosisDate"] == "2024-04-01")
        #expect(dated.problems(in: completed).isEmpty)
    }

    @Test("a diagnosis without consent says the data must not be passed on")
    func diagnosisWithoutConsent() throws {
        let temporary = TemporaryHome()
        let (store, _) = try FormFixtures.storeWithCompany(in: temporary)
        let answers: [String: FieldValue] = [
            "ownerBirthYear": 1965, "diagnosisDate": "2024-06-01", "hasSuccessorCandidate": false,
            "consideredThirdPartyTransfer": false, "hasAdvisor": false, "consideredClosure": true,
            "consentToShareWithCentre": false,
        ]
        let key = try store.commitForm(try draft(.successionDiagnosis, store, version: 1), answers: FormAnswers(formID: "succession-diagnosis", formVersion: 1, answers: answers))
        let report = try store.formReport(of: key)
        #expect(report.diagnosis?.code == "consideringClosure")
        #expect(report.diagnosis?.mayShareWithReferralAgency == false)
        #expect(report.diagnosisRows.contains(["65歳以上", "いいえ"]))
        let sharing = try #require(report.diagnosisRows.first { $0[0] == "センターへの情報提供" })
        #expect(sharing[1].hasPrefix("同意なし") && sharing[1].contains("提供してはいけません"))
    }

    @Test("a diagnosis the record cannot hold is refused naming the question: an owner of 4, a date other than the record's")
    func refusedDiagnoses() throws {
        let temporary = TemporaryHome()
        let (store, _) = try FormFixtures.storeWithCompany(in: temporary)
        let before = try dump(store)
        var child = FormFixtures.preparedSuccession
        child["ownerBirthYear"] = 2020
        #expect { try store.commitForm(try draft(.successionDiagnosis, store, version: 1), answers: FormAnswers(formID: "succession-diagnosis", formVersion: 1, answers: child)) } throws: {
            ($0 as? ValidationErrors)?.errors.map(\.field) == ["ownerBirthYear"] && "\($0)".contains("between 15 and 120")
        }
        #expect { try store.commitForm(try draft(.successionDiagnosis, store, date: "2024-06-02", version: 1), answers: FormAnswers(formID: "succession-diagnosis", formVersion: 1, answers: FormFixtures.preparedSuccession)) } throws: {
            ($0 as? ValidationErrors)?.errors.map(\.field) == ["diagnosisDate"]
        }
        #expect(try dump(store) == before)
    }

    @Test("the visit must be one of the company's, and the date a real date")
    func visitAndDate() throws {
        let temporary = TemporaryHome()
        let (store, company) = try FormFixtures.storeWithCompany(in: temporary)
        let other = EntityKey(.company, RecordID(rawValue: "d0000000-0000-4000-8000-000000000000"))
        try store.commit([.set(other, field: "name", value: "有限会社ほか")])
        func visit(_ id: String, of company: RecordID) throws {
            let key = EntityKey(.visit, RecordID(rawValue: id))
            try store.commit([
                .set(key, field: "company", value: .text(company.rawValue)), .set(key, field: "date", value: "2024-06-01"),
                .set(key, field: "mode", value: "onSite"), .set(key, field: "purpose", value: "companyVisit"),
                .add(key, field: "staff", element: "佐藤"),
            ])
        }
        try visit("a1000000-0000-4000-8000-000000000000", of: company)
        try visit("b2000000-0000-4000-8000-000000000000", of: other.id)
        #expect(try draft(.hearingSheet, store, visit: "a1", version: 1).visit == RecordID(rawValue: "a1000000-0000-4000-8000-000000000000"))
        #expect { try draft(.hearingSheet, store, visit: "b2", version: 1) } throws: { "\($0)".contains("another company") }
        #expect(throws: StoreError.self) { try draft(.hearingSheet, store, visit: "ff", version: 1) }
        #expect { try draft(.hearingSheet, store, date: "2024-13-01", version: 1) } throws: { "\($0)".contains("month 13") }
        #expect(throws: StoreError.self) { try FormRecordDraft.resolve(.hearingSheet, company: "zz", in: store, today: FormFixtures.today) }
    }

    // MARK: Answers files

    @Test("an answers file keeps JSON kinds apart and refuses what no answer can be, with the reason")
    func answersFiles() throws {
        let read = { (text: String) throws(FormInputError) in try FormAnswersFile.decode(Data(text.utf8), path: "answers.json") }
        #expect(try read(#"{"usesIT": true, "employees": 1, "mainProducts": "切削\n加工", "strengths": null}"#)
            == ["usesIT": true, "employees": 1, "mainProducts": "切削\n加工", "strengths": .null])
        #expect { try read(#"{"sales": 1,"#) } throws: { "\($0)".contains("not valid JSON") && "\($0)".contains("end of file") }
        #expect { try read("[1, 2]") } throws: { "\($0)".contains("holds a list, not an object") }
        #expect { try read(#"{"sales": 1.5}"#) } throws: { "\($0)".hasPrefix("sales:") && "\($0)".contains("1.5 is not a whole number") }
        #expect { try read(#"{"usesIT": [true]}"#) } throws: { "\($0)".contains("a list is not an answer") }
        #expect { try FormAnswersFile.read(path: "/nonexistent/answers.json") } throws: { "\($0)".contains("no such file") }
    }

    @Test("the report's JSON holds the answers exactly as given, Japanese and control characters included")
    func reportJSON() throws {
        let temporary = TemporaryHome()
        let (store, _) = try FormFixtures.storeWithCompany(in: temporary)
        let key = try store.commitForm(try draft(.hearingSheet, store, version: 1), answers: FormAnswers(formID: "hearing-sheet", formVersion: 1, answers: FormFixtures.completeHearingSheet))
        let json = try JSONEncoder().encode(try store.formReport(of: key))
        struct Shape: Decodable {
            var id: RecordID
            var answers: [String: FieldValue]
            var localBenchmark: [Indicator]
            struct Indicator: Decodable { var indicator: String; var display: String; var computed: Bool }
        }
        let decoded = try JSONDecoder().decode(Shape.self, from: json)
        #expect(decoded.id == key.id)
        #expect(decoded.answers == FormFixtures.completeHearingSheet)
        #expect(decoded.localBenchmark.map(\.display) == ["20.0%", "5.0%", "400千円", "5.0倍", "2.2ヶ月", "33.3%"])
    }
}

extension FormSession {
    /// Answers every question before `questionID` from `answers`, as if typed.
    mutating func answersUpTo(_ questionID: String, from answers: [String: FieldValue]) {
        while let question = nextQuestion, question.id != questionID {
            do {
                if let value = answers[question.id] { try accept(value, for: question) } else { try respond(to: question, with: "") }
            } catch {
                return
            }
        }
        if let question = nextQuestion, question.id == questionID, let value = answers[questionID] {
            try? accept(value, for: question)
        }
    }
}

/// The `fieldvisit` executable run end to end, as staff run it.
@Suite struct FormCommandEndToEndTests {
    /// The data directory, kept for the whole test: each test gets its own.
    let temporary = TemporaryHome()
    /// The store, with one company whose id starts with `c0a1`.
    let store: LocalStore
    /// The `--home` arguments for the store.
    let home: [String]

    init() throws {
        (store, _) = try FormFixtures.storeWithCompany(in: temporary)
        home = ["--home", temporary.url.path]
    }

    func answersFile(_ answers: [String: FieldValue]) throws -> String {
        let path = temporary.url.appendingPathComponent("answers-\(UUID().uuidString).json").path
        try FormFixtures.json(answers).write(to: URL(fileURLWithPath: path))
        return path
    }

    func isRecordID(_ text: String) -> Bool { UUID(uuidString: text) != nil }

    @Test("hearing fill --answers records a complete v2 sheet, prints its id first and the worked indicators of its three periods")
    func hearingFromFile() throws {
        let path = try answersFile(FormFixtures.completeHearingSheetV2)
        let run = try FieldVisitExecutable.run(["hearing", "fill", "--company", "c0a1", "--answers", path, "--date", "2024-06-01"] + home)
        #expect(run.status == 0, "\(run.standardError)")
        #expect(isRecordID(run.firstLine))
        #expect(run.hasRow("指標", "2022年3月期", "2023年3月期", "2024年3月期"))
        #expect(run.hasRow("売上高増加率", "算出不可（前期売上高が未入力）", "25.0%", "20.0%"))
        #expect(run.hasRow("労働生産性", "-1,000千円（役員を含む）", "250千円", "400千円"))
        #expect(run.hasRow("EBITDA有利子負債倍率", "EBITDAが0以下（返済原資なし）", "実質無借金", "5.0倍"))
        #expect(run.hasRow("自己資本比率", "30.0%", "30.0%", "33.3%"))
        let key = EntityKey(.hearingSheet, RecordID(rawValue: run.firstLine))
        #expect(try store.history(of: key).count == 1)
        #expect(try store.state(of: key)?.visibleValues["date"] == "2024-06-01")
    }

    @Test("a first-period hearing sheet shows the growth rate as not computable, with the reason")
    func hearingNotComputable() throws {
        var answers = FormFixtures.completeHearingSheetV2.filter { !$0.key.hasPrefix("previous") && !$0.key.hasPrefix("twoPeriodsAgo") }
        answers["hasPreviousPeriod"] = false
        answers["hasTwoPeriodsAgo"] = nil
        let path = try answersFile(answers)
        let run = try FieldVisitExecutable.run(["hearing", "fill", "--company", "c0a1", "--answers", path] + home)
        #expect(run.status == 0, "\(run.standardError)")
        #expect(run.hasRow("指標", "2024年3月期"))
        #expect(run.hasRow("売上高増加率", "算出不可（前期売上高が未入力）"))
        #expect(run.hasRow("営業利益率", "5.0%"))
    }

    @Test("succession diagnose asks only the questions that apply: with a successor")
    func diagnoseWithSuccessor() throws {
        let input = ["1954", "", "interview", "y", "family", "", "y", "y", "withinFiveYears", "y", "y", "y", "y", "y", "n", "n", "y"].joined(separator: "\n") + "\n"
        let run = try FieldVisitExecutable.run(["succession", "diagnose", "--company", "c0a1", "--date", "2024-06-01"] + home, input: input)
        #expect(run.status == 0, "\(run.standardError)")
        #expect(isRecordID(run.firstLine))
        #expect(run.standardError.contains("その方はどなたですか"))
        #expect(run.standardError.contains("■ 承継の準備状況"))
        #expect(!run.standardError.contains("会社を今後どうしたいとお考えですか"))
        #expect(run.standardOutput.contains("承継の準備が整いつつある（successionPrepared）"))
        #expect(run.standardOutput.contains("70歳"))
        #expect(run.standardOutput.contains("同意あり"))
        let values = try #require(try store.state(of: EntityKey(.successionDiagnosis, RecordID(rawValue: run.firstLine)))).visibleValues
        #expect(values["ownerAge"] == 70)
        #expect(values["consentToShareWithCentre"] == true)
        #expect(values["answer.diagnosisDate"] == "2024-06-01")
        #expect(values["answer.successorRelation"] == "family")
    }

    @Test("succession diagnose asks only the questions that apply: without a successor, re-asking a refused line")
    func diagnoseWithoutSuccessor() throws {
        let input = ["1950", "2024-06-01", "post", "いいえ", "sell", "たぶん", "はい", "n", "y", "y", "n"].joined(separator: "\n") + "\n"
        let run = try FieldVisitExecutable.run(["succession", "diagnose", "--company", "c0a1"] + home, input: input)
        #expect(run.status == 0, "\(run.standardError)")
        #expect(run.standardError.contains("会社を今後どうしたいとお考えですか"))
        #expect(run.standardError.contains("✗ 「譲り渡す相手の候補はいますか」: \"たぶん\" is not yes or no"))
        #expect(!run.standardError.contains("その方はどなたですか"))
        #expect(!run.standardError.contains("■ 承継の準備状況"))
        #expect(run.standardOutput.contains("後継者不在：第三者承継（M&A）を検討（thirdPartySuccession）"))
        #expect(run.standardOutput.contains("74歳"))
        #expect(run.hasRow("65歳以上", "はい"))
        #expect(run.standardOutput.contains("同意なし：診断結果や企業情報を事業承継・引継ぎ支援センターに提供してはいけません"))
        let values = try #require(try store.state(of: EntityKey(.successionDiagnosis, RecordID(rawValue: run.firstLine)))).visibleValues
        #expect(values["consentToShareWithCentre"] == false)
        #expect(values["date"] == "2024-06-01")
        #expect(values["answer.successorRelation"] == nil)
    }

    @Test("an interview cut short stores nothing and exits 2")
    func interviewCutShort() throws {
        let before = try dump(store)
        let run = try FieldVisitExecutable.run(["succession", "diagnose", "--company", "c0a1"] + home, input: "1950\n")
        #expect(run.status == 2)
        #expect(run.standardError.contains("diagnosisDate: the input ended before 「診断日」 was answered; nothing was stored"))
        #expect(run.standardOutput.isEmpty)
        #expect(try dump(store) == before)
    }

    @Test("an incomplete answers file is refused naming the question, exit 2, the store unchanged")
    func incompleteFile() throws {
        var answers = FormFixtures.completeHearingSheetV2
        answers["operatingProfit"] = nil
        let path = try answersFile(answers)
        let before = try dump(store)
        let run = try FieldVisitExecutable.run(["hearing", "fill", "--company", "c0a1", "--answers", path] + home)
        #expect(run.status == 2)
        #expect(run.standardError.contains("operatingProfit: 「営業利益（直近期）」 is required but has no answer"))
        #expect(run.standardOutput.isEmpty)
        #expect(try dump(store) == before)
        #expect(try store.logCounts() == (1, 1))
    }

    @Test("an invalid choice code is refused naming the question and the allowed codes, exit 2")
    func invalidChoice() throws {
        var answers = FormFixtures.preparedSuccessionV2
        answers["successorRelation"] = "nephew"
        let path = try answersFile(answers)
        let before = try dump(store)
        let run = try FieldVisitExecutable.run(["succession", "diagnose", "--company", "c0a1", "--answers", path] + home)
        #expect(run.status == 2)
        #expect(run.standardError.contains("successorRelation: 「その方はどなたですか」: \"nephew\" is not one of its choices; use one of: family, employeeOrOfficer, thirdParty"))
        #expect(try dump(store) == before)
    }

    @Test("an unknown company, bad JSON or a missing file is refused with the reason, exit 2, the store unchanged")
    func refusedInputs() throws {
        let before = try dump(store)
        let good = try answersFile(FormFixtures.completeHearingSheetV2)
        let broken = temporary.url.appendingPathComponent("broken.json").path
        try Data(#"{"sales": 120000000,"#.utf8).write(to: URL(fileURLWithPath: broken))

        let unknown = try FieldVisitExecutable.run(["hearing", "fill", "--company", "ffff", "--answers", good] + home)
        #expect(unknown.status == 2 && unknown.standardError.contains("no company with id ffff"))
        let badJSON = try FieldVisitExecutable.run(["hearing", "fill", "--company", "c0a1", "--answers", broken] + home)
        #expect(badJSON.status == 2)
        #expect(badJSON.standardError.contains("broken.json is not valid JSON (Unexpected end of file"))
        let missing = try FieldVisitExecutable.run(["hearing", "fill", "--company", "c0a1", "--answers", "/nonexistent.json"] + home)
        #expect(missing.status == 2 && missing.standardError.contains("no such file"))
        #expect(try dump(store) == before)
    }

    @Test("show --json round-trips the answers exactly, Japanese included; show prints them under their questions")
    func showRoundTrip() throws {
        let path = try answersFile(FormFixtures.completeHearingSheetV2)
        let filled = try FieldVisitExecutable.run(["hearing", "fill", "--company", "c0a1", "--answers", path] + home)
        #expect(filled.status == 0, "\(filled.standardError)")
        let id = filled.firstLine

        let json = try FieldVisitExecutable.run(["hearing", "show", String(id.prefix(8)), "--json"] + home)
        #expect(json.status == 0, "\(json.standardError)")
        struct Shown: Decodable {
            var id: String
            var type: String
            var formID: String
            var formVersion: Int
            var reviewState: String
            var staff: [String]
            var answers: [String: FieldValue]
            var problems: [[String: String]]
        }
        let shown = try JSONDecoder().decode(Shown.self, from: Data(json.standardOutput.utf8))
        #expect(shown.id == id && shown.type == "hearingSheet")
        #expect(shown.formID == "hearing-sheet" && shown.formVersion == 2 && shown.reviewState == "draft")
        #expect(shown.staff == ["佐藤"])
        #expect(shown.answers == FormFixtures.completeHearingSheetV2)
        #expect(shown.problems.isEmpty)

        let text = try FieldVisitExecutable.run(["hearing", "show", id] + home)
        #expect(text.status == 0)
        #expect(text.standardOutput.contains("売上高（直近期）: 120,000,000円"))
        #expect(text.standardOutput.contains("主な商品・サービス: 自動車部品の精密切削加工（ＮＣ旋盤）"))
        #expect(text.hasRow("自己資本比率", "30.0%", "30.0%", "33.3%"))
        #expect(text.standardOutput.contains("■ まとめ（現状認識→将来目標→課題→対応策）"))

        let diagnosisPath = try answersFile(FormFixtures.preparedSuccessionV2)
        let diagnosed = try FieldVisitExecutable.run(["succession", "diagnose", "--company", "c0a1", "--answers", diagnosisPath] + home)
        #expect(diagnosed.status == 0, "\(diagnosed.standardError)")
        let diagnosisJSON = try FieldVisitExecutable.run(["succession", "show", diagnosed.firstLine, "--json"] + home)
        struct Diagnosis: Decodable {
            var answers: [String: FieldValue]
            var ownerAge: Int
            var consentToShareWithCentre: Bool
            var result: Result
            struct Result: Decodable { var code: String; var ownerIsSenior: Bool; var mayShareWithReferralAgency: Bool }
        }
        let diagnosis = try JSONDecoder().decode(Diagnosis.self, from: Data(diagnosisJSON.standardOutput.utf8))
        #expect(diagnosis.answers == FormFixtures.preparedSuccessionV2)
        #expect(diagnosis.ownerAge == 70 && diagnosis.consentToShareWithCentre)
        #expect(diagnosis.result.code == "successionPrepared" && diagnosis.result.ownerIsSenior)
        #expect(!diagnosis.result.mayShareWithReferralAgency)   // no referral for a prepared succession

        let wrongType = try FieldVisitExecutable.run(["succession", "show", id] + home)
        #expect(wrongType.status == 2 && wrongType.standardError.contains("no successionDiagnosis with id"))
    }
}
