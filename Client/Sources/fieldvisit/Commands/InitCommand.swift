import ArgumentParser
import FieldVisitClient
import FieldVisitCore
import Foundation

/// `fieldvisit init`: creates the local store and this laptop's replica id.
struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "init", abstract: "Create the local store and this laptop's replica id.")

    @OptionGroup var store: StoreOptions

    @Option(help: "The staff member's user name (default: the login name).")
    var user: String?

    func run() throws {
        let name = user ?? ProcessInfo.processInfo.environment["USER"] ?? "staff"
        let created = try LocalStore.create(home: store.storeHome, user: name)
        Output.line(TerminalText(StoreMessage.initCreated.text(["directory": store.storeHome.directory.path])))
        Output.line(TerminalText(StoreMessage.initUser.text(["user": created.user])))
        print(StoreMessage.initReplica.text(["replica": created.replicaID.description]))
    }
}
