import ArgumentParser
import FieldVisitClient
import FieldVisitCore
import Foundation

/// `fieldvisit init`: creates the local store and this laptop's replica id.
struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "init", abstract: CommandHelp.initAbstract.text())

    @OptionGroup var store: StoreOptions

    @Option(help: ArgumentHelp(CommandHelp.initUser.text()))
    var user: String?

    func run() throws {
        let name = user ?? ProcessInfo.processInfo.environment["USER"] ?? "staff"
        let created = try LocalStore.create(home: store.storeHome, user: name)
        Output.line(TerminalText(StoreMessage.initCreated.text(["directory": store.storeHome.directory.path])))
        Output.line(TerminalText(StoreMessage.initUser.text(["user": created.user])))
        print(StoreMessage.initReplica.text(["replica": created.replicaID.description]))
    }
}
