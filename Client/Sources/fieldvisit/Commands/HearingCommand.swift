import ArgumentParser
import FieldVisitClient
import FieldVisitCore

/// `fieldvisit hearing …`: hearing sheets (ヒアリングシート) and their local-benchmark indicators.
struct HearingCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hearing",
        abstract: "Fill in and show hearing sheets (ヒアリングシート) with the local-benchmark indicators.",
        subcommands: [Fill.self, Edit.self, Submit.self, Show.self]
    )

    struct Fill: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Fill in a hearing sheet for a company, then show its six local-benchmark indicators.",
            discussion: FormFillOptions.discussion
        )
        @OptionGroup var store: StoreOptions
        @OptionGroup var form: FormFillOptions

        func run() throws {
            try fillForm(.hearingSheet, options: form, store: try store.open())
        }
    }

    struct Edit: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Correct answers of a hearing sheet; only the answers that change are recorded."
        )
        @OptionGroup var store: StoreOptions
        @Argument(help: "The hearing sheet's id or a unique prefix of it.") var id: String
        @OptionGroup var answers: FormEditOptions

        func run() throws { try editForm(.hearingSheet, id: id, options: answers, store: try store.open()) }
    }

    struct Submit: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Hand the hearing sheet in for review (提出).")
        @OptionGroup var store: StoreOptions
        @Argument(help: "The hearing sheet's id or a unique prefix of it.") var id: String

        func run() throws { try submitRecord(.hearingSheet, id: id, store: try store.open()) }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show a hearing sheet: its answers and its local-benchmark indicators."
        )
        @OptionGroup var store: StoreOptions
        @OptionGroup var output: OutputOptions
        @Argument(help: "The hearing sheet's id or a unique prefix of it.") var id: String

        func run() throws {
            try showForm(.hearingSheet, id: id, store: try store.open(), json: output.json)
        }
    }
}
