import ArgumentParser
import FieldVisitClient
import FieldVisitCore

/// Where the local store is.
struct StoreOptions: ParsableArguments {
    @Option(help: ArgumentHelp(CommandHelp.home.text()))
    var home: String?

    var storeHome: StoreHome { StoreHome(option: home) }

    func open() throws -> LocalStore { try LocalStore.open(home: storeHome) }
}

/// `--json` for read commands.
struct OutputOptions: ParsableArguments {
    @Flag(help: ArgumentHelp(CommandHelp.json.text()))
    var json = false
}

extension CodedEnumeration {
    /// The codes with their Japanese labels, for `--help`.
    static var helpList: String {
        allCases.map { "\($0.code)=\($0.japaneseLabel)" }.joined(separator: ", ")
    }
}
