import ArgumentParser
import FieldVisitClient
import FieldVisitCore

/// `fieldvisit hearing …`: hearing sheets (ヒアリングシート) and their local-benchmark indicators.
struct HearingCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hearing",
        abstract: RecordCommandHelp.hearingAbstract.text(),
        subcommands: [Fill.self, Edit.self, Submit.self, Show.self]
    )

    struct Fill: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: RecordCommandHelp.hearingFillAbstract.text(),
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
            abstract: RecordCommandHelp.hearingEditAbstract.text()
        )
        @OptionGroup var store: StoreOptions
        @Argument(help: ArgumentHelp(RecordCommandHelp.hearingID.text())) var id: String
        @OptionGroup var answers: FormEditOptions

        func run() throws { try editForm(.hearingSheet, id: id, options: answers, store: try store.open()) }
    }

    struct Submit: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: RecordCommandHelp.hearingSubmitAbstract.text())
        @OptionGroup var store: StoreOptions
        @Argument(help: ArgumentHelp(RecordCommandHelp.hearingID.text())) var id: String

        func run() throws { try submitRecord(.hearingSheet, id: id, store: try store.open()) }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: RecordCommandHelp.hearingShowAbstract.text()
        )
        @OptionGroup var store: StoreOptions
        @OptionGroup var output: OutputOptions
        @Argument(help: ArgumentHelp(RecordCommandHelp.hearingID.text())) var id: String

        func run() throws {
            try showForm(.hearingSheet, id: id, store: try store.open(), json: output.json)
        }
    }
}
