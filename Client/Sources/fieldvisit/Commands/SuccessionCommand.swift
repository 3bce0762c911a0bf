import ArgumentParser
import FieldVisitClient
import FieldVisitCore

/// `fieldvisit succession …`: business-succession diagnoses (事業承継診断).
struct SuccessionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "succession",
        abstract: RecordCommandHelp.successionAbstract.text(),
        subcommands: [Diagnose.self, Edit.self, Submit.self, Show.self]
    )

    struct Diagnose: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: RecordCommandHelp.successionDiagnoseAbstract.text(),
            discussion: FormFillOptions.discussion + "\n\n" + RecordCommandHelp.successionDiagnoseDiscussion.text()
        )
        @OptionGroup var store: StoreOptions
        @OptionGroup var form: FormFillOptions

        func run() throws {
            try fillForm(.successionDiagnosis, options: form, store: try store.open())
        }
    }

    struct Edit: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: RecordCommandHelp.successionEditAbstract.text()
        )
        @OptionGroup var store: StoreOptions
        @Argument(help: ArgumentHelp(RecordCommandHelp.successionID.text())) var id: String
        @OptionGroup var answers: FormEditOptions

        func run() throws { try editForm(.successionDiagnosis, id: id, options: answers, store: try store.open()) }
    }

    struct Submit: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: RecordCommandHelp.successionSubmitAbstract.text())
        @OptionGroup var store: StoreOptions
        @Argument(help: ArgumentHelp(RecordCommandHelp.successionID.text())) var id: String

        func run() throws { try submitRecord(.successionDiagnosis, id: id, store: try store.open()) }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: RecordCommandHelp.successionShowAbstract.text()
        )
        @OptionGroup var store: StoreOptions
        @OptionGroup var output: OutputOptions
        @Argument(help: ArgumentHelp(RecordCommandHelp.successionID.text())) var id: String

        func run() throws {
            try showForm(.successionDiagnosis, id: id, store: try store.open(), json: output.json)
        }
    }
}
