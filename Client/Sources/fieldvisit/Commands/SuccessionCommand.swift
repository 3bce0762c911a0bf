import ArgumentParser
import FieldVisitClient
import FieldVisitCore

/// `fieldvisit succession …`: business-succession diagnoses (事業承継診断).
struct SuccessionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "succession",
        abstract: "Take and show business-succession diagnoses (事業承継診断).",
        subcommands: [Diagnose.self, Edit.self, Submit.self, Show.self]
    )

    struct Diagnose: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Take a succession diagnosis with a company's owner, then show the result and the next step.",
            discussion: FormFillOptions.discussion + """


                The 診断日 question defaults to --date (else today), and the record's date is the 診断日. \
                The owner's consent decides whether the result may be passed to \
                事業承継・引継ぎ支援センター: without it, a referral is only a recommendation to the owner.
                """
        )
        @OptionGroup var store: StoreOptions
        @OptionGroup var form: FormFillOptions

        func run() throws {
            try fillForm(.successionDiagnosis, options: form, store: try store.open())
        }
    }

    struct Edit: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Correct answers of a succession diagnosis; only the answers that change are recorded."
        )
        @OptionGroup var store: StoreOptions
        @Argument(help: "The diagnosis's id or a unique prefix of it.") var id: String
        @OptionGroup var answers: FormEditOptions

        func run() throws { try editForm(.successionDiagnosis, id: id, options: answers, store: try store.open()) }
    }

    struct Submit: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Hand the diagnosis in for review (提出).")
        @OptionGroup var store: StoreOptions
        @Argument(help: "The diagnosis's id or a unique prefix of it.") var id: String

        func run() throws { try submitRecord(.successionDiagnosis, id: id, store: try store.open()) }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show a succession diagnosis: its answers, result, the owner's age and the consent."
        )
        @OptionGroup var store: StoreOptions
        @OptionGroup var output: OutputOptions
        @Argument(help: "The diagnosis's id or a unique prefix of it.") var id: String

        func run() throws {
            try showForm(.successionDiagnosis, id: id, store: try store.open(), json: output.json)
        }
    }
}
