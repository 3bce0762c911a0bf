import ArgumentParser
import FieldVisitClient
import FieldVisitCore

/// `fieldvisit form …`: records of any form type (``FormRecordType/builtIn``), named by
/// `--type`. `hearing` and `succession` are the same commands with the type fixed and
/// help of their own; a form type added to the catalogue is served here without a
/// command of its own.
struct FormCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "form",
        abstract: RecordCommandHelp.formAbstract.text(),
        discussion: RecordCommandHelp.formTypes.text(["types": FormRecordType.builtIn.map { "\($0.command) (\($0.recordType), \($0.label))" }.joined(separator: ", ")]),
        subcommands: [Fill.self, Edit.self, Submit.self, Show.self]
    )

    /// The `--type` option every subcommand takes.
    struct TypeOption: ParsableArguments {
        @Option(help: ArgumentHelp(RecordCommandHelp.formType.text(["types": FormRecordType.builtIn.map(\.command).joined(separator: ", ")]), valueName: "type"))
        var type: String

        /// The form type named, or a usage error listing the known ones.
        func formType() throws -> FormRecordType {
            guard let found = FormRecordType.named(type) else {
                throw ValidationError(FormMessage.notAFormType.text(["typed": type, "types": FormRecordType.builtIn.map(\.command).joined(separator: ", ")]))
            }
            return found
        }
    }

    struct Fill: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: RecordCommandHelp.formFillAbstract.text(), discussion: FormFillOptions.discussion)
        @OptionGroup var store: StoreOptions
        @OptionGroup var type: TypeOption
        @OptionGroup var form: FormFillOptions

        func run() throws { try fillForm(try type.formType(), options: form, store: try store.open()) }
    }

    struct Edit: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: RecordCommandHelp.formEditAbstract.text())
        @OptionGroup var store: StoreOptions
        @OptionGroup var type: TypeOption
        @Argument(help: ArgumentHelp(CommandHelp.recordID.text())) var id: String
        @OptionGroup var answers: FormEditOptions

        func run() throws { try editForm(try type.formType(), id: id, options: answers, store: try store.open()) }
    }

    struct Submit: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: RecordCommandHelp.formSubmitAbstract.text())
        @OptionGroup var store: StoreOptions
        @OptionGroup var type: TypeOption
        @Argument(help: ArgumentHelp(CommandHelp.recordID.text())) var id: String

        func run() throws { try submitRecord(try type.formType().recordType, id: id, store: try store.open()) }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: RecordCommandHelp.formShowAbstract.text())
        @OptionGroup var store: StoreOptions
        @OptionGroup var output: OutputOptions
        @OptionGroup var type: TypeOption
        @Argument(help: ArgumentHelp(CommandHelp.recordID.text())) var id: String

        func run() throws { try showForm(try type.formType(), id: id, store: try store.open(), json: output.json) }
    }
}
