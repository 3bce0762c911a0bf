import FieldVisitCore
import Foundation
import Testing
@testable import FieldVisitClient

/// A store holding diagnoses of both versions: v1 recorded before v2 shipped, v2 since.
/// Each is read, shown, reported and exported with its own version.
@Suite struct FormVersionsInOneStoreTests {
    let temporary = TemporaryHome()
    let store: LocalStore
    let home: [String]

    init() throws {
        (store, _) = try FormFixtures.storeWithCompany(in: temporary)
        home = ["--home", temporary.url.path]
    }

    @Test("v1 and v2 diagnoses side by side: each shown with its questions, both counted in the succession report, both exported")
    func bothVersions() throws {
        let catalog = FormCatalog.builtIn
        // v1, recorded before v2 shipped: a prepared succession.
        var v1Draft = try FormRecordDraft.resolve(.successionDiagnosis, company: "c0a1", date: "2024-06-01", in: store, today: FormFixtures.today)
        v1Draft.definition = try catalog.definition(id: FormRecordType.successionDiagnosis.formID, version: 1)
        let v1 = try store.commitForm(v1Draft, answers: FormAnswers(formID: "succession-diagnosis", formVersion: 1, answers: FormFixtures.preparedSuccession))

        // v2 through the command, the version new diagnoses use: told but not agreed,
        // returned by post, the owner wants the centre to call.
        var answers = FormFixtures.preparedSuccessionV2
        answers["diagnosisDate"] = "2024-09-10"
        answers["successorAgreed"] = false
        answers["takenBy"] = "post"
        answers["wantsCentreContact"] = true
        for question in ["preparingSuccessorTraining", "preparingRelationsHandover", "preparingSharesAndAssets", "preparingDebtsAndGuarantees",
                         "preparingStakeholderNotice"] { answers[question] = nil }
        let path = temporary.url.appendingPathComponent("v2.json")
        try FormFixtures.json(answers).write(to: path)
        let run = try FieldVisitExecutable.run(["succession", "diagnose", "--company", "c0a1", "--answers", path.path] + home)
        #expect(run.status == 0, "\(run.standardError)")
        #expect(run.standardOutput.contains("後継者候補の同意が得られていない（candidateNotAgreed）"))
        let v2 = EntityKey(.successionDiagnosis, RecordID(rawValue: run.firstLine))

        // Each read with its own version.
        let first = try store.formReport(of: v1), second = try store.formReport(of: v2)
        #expect(first.answers.formVersion == 1 && first.problems.isEmpty && first.diagnosis?.code == "successionPrepared")
        #expect(second.answers.formVersion == 2 && second.problems.isEmpty && second.diagnosis?.code == "candidateNotAgreed")
        #expect(first.diagnosis?.method == nil && second.diagnosis?.method?.code == "post")
        let shownV1 = try FieldVisitExecutable.run(["succession", "show", v1.id.rawValue] + home).standardOutput
        let shownV2 = try FieldVisitExecutable.run(["succession", "show", v2.id.rawValue] + home).standardOutput
        #expect(shownV1.contains("succession-diagnosis v1") && shownV1.contains("後継者候補本人に、事業を引き継いでほしいという考えを伝えていますか"))
        #expect(shownV2.contains("succession-diagnosis v2") && shownV2.contains("その方は引き継ぐことに同意していますか"))

        // Both in the report of FY2024: the owner (born 1954 by both answers) is 70; one
        // diagnosis is a need.
        let report = try SuccessionReport(store: store, fiscalYear: FiscalYear(2024))
        let results = Dictionary(uniqueKeysWithValues: report.results.map { ($0.code, $0.diagnoses.current) })
        #expect(results == ["successionPrepared": 1, "candidateNotAgreed": 1])
        #expect(report.seniorOwnersInterviewed.current == 1 && report.withSuccessionNeed.current == 1)
        #expect(report.methods.map(\.code) == ["post"] && report.methods[0].diagnoses.current == 1)
        #expect(report.wantingCentreContact.current == 1)
        let rows = ReportTable(report).rows
        #expect(rows.contains { $0.label == "診断の方法: 郵送（調査票の返送）" && $0.values == [YearOverYear(current: 1, previous: 0)] })
        #expect(rows.contains { $0.label == "センターからの連絡を希望" && $0.values == [YearOverYear(current: 1, previous: 0)] })

        // Exported together, each row with its version and its own answers.
        let csv = try FieldVisitExecutable.run(["export", "--format", "csv", "--type", "succession"] + home)
        #expect(csv.status == 0, "\(csv.standardError)")
        let lines = csv.standardOutput.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        #expect(lines.count == 3)
        #expect(lines[0].contains("answer.consideredClosure") && lines[0].contains("answer.successorAgreed"))
    }
}
