import ArgumentParser
import FieldVisitClient
import FieldVisitCore
import Foundation

// What `hearing` and `succession` share: filling in, correcting and showing a form
// record (a hearing sheet or a succession diagnosis).

/// The options of `hearing fill` and `succession diagnose`.
struct FormFillOptions: ParsableArguments {
    @Option(help: ArgumentHelp(CommandHelp.companyID.text())) var company: String
    @Option(help: ArgumentHelp(RecordCommandHelp.formFillVisit.text())) var visit: String?
    @Option(help: ArgumentHelp(RecordCommandHelp.formFillDate.text())) var date: String?
    @Option(help: ArgumentHelp(
        RecordCommandHelp.formFillAnswers.text(),
        valueName: "file"
    )) var answers: String?

    static var discussion: String { RecordCommandHelp.formFillDiscussion.text() }
}

/// Fills in a form of `kind` (prompting, or from the answers file), records it as one
/// change set, prints its id on the first line and then its results.
func fillForm(_ kind: FormRecordType, options: FormFillOptions, store: LocalStore) throws {
    // Company and visit first: a typo there must not cost a whole interview.
    let draft = try FormRecordDraft.resolve(
        kind, company: options.company, visit: options.visit, date: options.date, in: store, today: .today()
    )
    let answers: FormAnswers
    do {
        if let path = options.answers {
            let given = FormAnswers(
                formID: draft.definition.id, formVersion: draft.definition.version,
                answers: try draft.definition.readingTypedDates(FormAnswersFile.read(path: path))
            )
            answers = draft.completing(given)
        } else {
            var session = FormSession(definition: draft.definition, suggestions: draft.suggestedAnswers)
            // Prompts go to standard error, so that standard output starts with the new id.
            // They can quote earlier answers, neutralised as every value printed.
            let showPrompt = { (text: String) in Output.error(text) }
            // Answers piped in are not echoed by a terminal; echo them so the transcript reads.
            let echoesInput = isatty(STDIN_FILENO) == 0
            try session.interview(
                readLine: {
                    let line = Swift.readLine(strippingNewline: true)
                    if echoesInput, let line { showPrompt(line + "\n") }
                    return line
                },
                write: showPrompt,
                finalCheck: { draft.problems(in: $0) }
            )
            answers = session.collectedAnswers
        }
    } catch {
        throw CommandFailure(message: "\(error)", code: 2)
    }
    let key = try store.commitForm(draft, answers: answers)
    print(key.id.rawValue)
    let report = try store.formReport(of: key)
    print()
    printResults(of: report)
}

/// The options of `hearing edit` and `succession edit`.
struct FormEditOptions: ParsableArguments {
    @Option(help: ArgumentHelp(
        RecordCommandHelp.formEditAnswers.text(),
        valueName: "file"
    )) var answers: String
}

/// Corrects answers of a stored form record and shows its results again.
func editForm(_ kind: FormRecordType, id: String, options: FormEditOptions, store: LocalStore) throws {
    let key = EntityKey(kind.recordType, try store.resolve(id, type: kind.recordType))
    let changes: [String: FieldValue]
    do {
        changes = try FormAnswersFile.read(path: options.answers)
    } catch {
        throw CommandFailure(message: error.description, code: 2)
    }
    let edits = try store.editForm(kind, id: key.id, changes: changes)
    let changed = edits.count == 1 ? FormMessage.answerChanged : FormMessage.answersChanged
    print(edits.isEmpty ? FormMessage.answersUnchanged.text() : changed.text(["count": String(edits.count), "id": key.id.rawValue]))
    print()
    printResults(of: try store.formReport(of: key))
}

/// Prints a stored form record: its fields, its answers under their questions, what the
/// form version finds wrong with them, and its results (or all of it as JSON).
func showForm(_ kind: FormRecordType, id: String, store: LocalStore, json: Bool) throws {
    let key = EntityKey(kind.recordType, try store.resolve(id, type: kind.recordType))
    let report = try store.formReport(of: key)
    if json { return try Output.json(report) }
    print(TextTable(header: ["項目", "内容"], rows: report.headerRows).render())
    print("\n回答")
    let sections = report.answeredSections
    if sections.isEmpty { print(StatusMessage.statusNone.text()) }
    for section in sections {
        Output.line("■ \(section.title)")
        for line in section.answers {
            // A multi-line answer stays indented under its question.
            Output.line("  \(line.label): \(lines: line.display, indent: "    ")")
        }
    }
    print()
    printResults(of: report)
}

/// Prints the derived results: the indicator table of a hearing sheet, or the result of
/// a diagnosis; and the problems that keep a record from being complete.
private func printResults(of report: FormRecordReport) {
    if !report.problems.isEmpty {
        print("⚠ 回答に問題があります（\(report.problems.count) 件）")
        for problem in report.problems { Output.line("  \(problem)") }
        print()
    }
    switch report.kind {
    case .hearingSheet:
        print("ローカルベンチマーク（財務指標）")
        // Not capped in width: a not-computable reason must be read whole.
        let table = report.indicatorTable
        print(TextTable(header: table[0], rows: Array(table.dropFirst())).render())
    case .successionDiagnosis:
        print("事業承継診断の結果")
        if report.diagnosis == nil {
            print("判定できません: 回答を完成させてください")
        } else {
            print(TextTable(header: ["項目", "内容"], rows: report.diagnosisRows).render())
        }
    default:
        break
    }
}
