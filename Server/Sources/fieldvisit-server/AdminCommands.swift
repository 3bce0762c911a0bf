import ArgumentParser
import FieldVisitCore
import FieldVisitProtocol
import FieldVisitServer
import Foundation
import HummingbirdBcrypt

/// `fieldvisit-server branch add|list`.
struct BranchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "branch", abstract: "Add and list branches.", subcommands: [Add.self, List.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a branch that companies and staff belong to.")
        @OptionGroup var data: DataDirectoryOptions
        @Argument(help: "The branch code companies name in their branch field (letters, digits, - and _).") var code: String
        @Option(help: "The branch's name (「盛岡支店」).") var name: String

        func run() async throws {
            let branch = try await Administration(storage: try await data.storage(), address: AdminTerminal.address).addBranch(code: code, name: name)
            print("Added branch \(branch.code) \(branch.name)")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the branches.")
        @OptionGroup var data: DataDirectoryOptions

        func run() async throws {
            let table = try await data.storage().branches().map { [$0.code, $0.name] }
            print(TextTable(header: ["code", "name"], rows: table).lines().joined(separator: "\n"))
        }
    }
}

/// `fieldvisit-server user add|disable|list`.
struct UserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "user", abstract: "Add, disable and list users, and change passwords.",
                                                    subcommands: [Add.self, Disable.self, Password.self, List.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a user; the password is asked at a prompt or read from standard input.")
        @OptionGroup var data: DataDirectoryOptions
        @Argument(help: "The user name staff log in with; it is also the author of their change sets.") var name: String
        @Option(help: "field (担当者), manager (管理者) or admin (システム管理者).") var role: Role
        @Option(name: .customLong("branch"), parsing: .upToNextOption, help: "The branches whose records the user sees (one or more codes).")
        var branches: [String] = []
        @Flag(help: "Read the password from standard input (one line) instead of a prompt.") var passwordStdin = false

        func run() async throws {
            // Checked before the password is asked, as well as by `Administration`.
            if let problem = UserName.problem(UserName.normalized(name)) { throw StorageError.invalid(problem) }
            if role != .admin, branches.isEmpty { throw StorageError.invalid("give field staff and managers at least one --branch") }
            let password = try PasswordInput.read(fromStandardInput: passwordStdin, confirm: true)
            let user = try await Administration(storage: try await data.storage(), address: AdminTerminal.address)
                .addUser(name: name, role: role, branches: branches, password: password)
            print("Added \(role.label) \(user.name)\(branches.isEmpty ? "" : " of " + branches.joined(separator: ", "))")
        }
    }

    struct Disable: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Disable a user: their devices are refused at once; their records stay.")
        @OptionGroup var data: DataDirectoryOptions
        @Argument(help: "The user name.") var name: String

        func run() async throws {
            try await Administration(storage: try await data.storage(), address: AdminTerminal.address).disable(user: name)
            print("Disabled \(name)")
        }
    }

    struct Password: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Change a user's password; every device of theirs is revoked and must log in again.",
            discussion: "For a stolen password or a lost laptop: the old password and every token made with it stop working at once."
        )
        @OptionGroup var data: DataDirectoryOptions
        @Argument(help: "The user name.") var name: String
        @Flag(help: "Read the password from standard input (one line) instead of a prompt.") var passwordStdin = false

        func run() async throws {
            let password = try PasswordInput.read(fromStandardInput: passwordStdin, confirm: true)
            let revoked = try await Administration(storage: try await data.storage(), address: AdminTerminal.address).setPassword(password, of: name)
            print("Changed the password of \(name); revoked \(revoked.count) device\(revoked.count == 1 ? "" : "s")")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the users.")
        @OptionGroup var data: DataDirectoryOptions

        func run() async throws {
            let rows = try await data.storage().users().map { [$0.name, $0.role.rawValue, $0.branches.joined(separator: " "), $0.disabled ? "disabled" : ""] }
            print(TextTable(header: ["user", "role", "branches", "state"], rows: rows).lines().joined(separator: "\n"))
        }
    }
}

/// `fieldvisit-server device list|revoke`.
struct DeviceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "device", abstract: "List and revoke enrolled laptops.", subcommands: [List.self, Revoke.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List enrolled devices, newest first.")
        @OptionGroup var data: DataDirectoryOptions
        @Flag(help: "Print JSON.") var json = false

        func run() async throws {
            let devices = try await data.storage().devices()
            if json {
                print(String(decoding: try CanonicalJSON.encode(devices), as: UTF8.self))
                return
            }
            let rows = devices.map { device in
                [device.id, device.user, device.name, Self.format(device.enrolledAt), device.lastSeenAt.map(Self.format) ?? "", device.wipeOrderedAt != nil ? "revoked, wipe ordered" : device.revokedAt == nil ? "" : "revoked"]
            }
            print(TextTable(header: ["id", "user", "name", "enrolled", "last seen", "state"], rows: rows).lines().joined(separator: "\n"))
        }

        static func format(_ date: Date) -> String {
            date.formatted(.iso8601.year().month().day().dateSeparator(.dash).time(includingFractionalSeconds: false))
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Revoke a device, or every device of a user: their tokens are refused from the next request.",
            discussion: """
                With --wipe, the laptop is also told to erase its store and token the next time it reaches the server, \
                and reports that it did (both audited). That protects records a lost laptop has not yet been opened for; \
                it cannot reach a laptop that never connects again, or a copy of its disk: require full-disk encryption.
                """
        )
        @OptionGroup var data: DataDirectoryOptions
        @Argument(help: "The device id (see device list).") var id: String?
        @Option(help: "Revoke every device of this user instead.") var user: String?
        @Flag(help: "Also order the laptop's store erased when it next reaches the server.") var wipe = false

        func validate() throws {
            guard (id == nil) != (user == nil) else { throw ValidationError("give a device id or --user NAME, not both") }
            guard !(wipe && user != nil) else { throw ValidationError("--wipe takes one device id: wipe each lost laptop by its id") }
        }

        func run() async throws {
            let administration = Administration(storage: try await data.storage(), address: AdminTerminal.address)
            if let user {
                let revoked = try await administration.revokeDevices(of: user)
                print("Revoked \(revoked.count) device\(revoked.count == 1 ? "" : "s") of \(user)")
                return
            }
            guard let id else { return }
            try await administration.revoke(device: id, wipe: wipe)
            print(wipe ? "Revoked device \(id); its store will be erased when it next reaches the server" : "Revoked device \(id)")
        }
    }
}

/// Where an administration command comes from, for the audit trail.
enum AdminTerminal {
    /// `console:USER`, the operating-system user who ran the command.
    static var address: String {
        let name = getpwuid(geteuid()).flatMap { $0.pointee.pw_name.map { String(cString: $0) } } ?? String(geteuid())
        return "console:" + name
    }
}

extension Role: ExpressibleByArgument {}

/// Reads a password without echoing it, or from standard input for scripts.
enum PasswordInput {
    static func read(fromStandardInput: Bool, confirm: Bool) throws -> String {
        if fromStandardInput {
            guard let line = readLine(strippingNewline: true), !line.isEmpty else {
                throw AdminFailure(message: "no password on standard input", code: 2)
            }
            return line
        }
        guard isatty(STDIN_FILENO) == 1, let first = getpass("Password: ").map({ String(cString: $0) }) else {
            throw AdminFailure(message: "no terminal to ask the password at; pass it with --password-stdin", code: 2)
        }
        if confirm {
            guard let second = getpass("Password again: ").map({ String(cString: $0) }), second == first else {
                throw AdminFailure(message: "the two passwords differ; nothing was changed", code: 2)
            }
        }
        return first
    }
}
