import ArgumentParser
import FieldVisitCore
import FieldVisitProtocol
import FieldVisitServer
import Foundation
import HummingbirdBcrypt

/// `fieldvisit-server branch add|list`.
struct BranchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "branch", abstract: ServerCommandHelp.branchAbstract.text(), subcommands: [Add.self, List.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: ServerCommandHelp.branchAddAbstract.text())
        @OptionGroup var data: DataDirectoryOptions
        @Argument(help: ArgumentHelp(ServerCommandHelp.branchCode.text())) var code: String
        @Option(help: ArgumentHelp(ServerCommandHelp.branchName.text())) var name: String

        func run() async throws {
            let branch = try await Administration(storage: try await data.storage(), address: AdminTerminal.address).addBranch(code: code, name: name)
            print(AdminMessage.branchAdded.text(["code": branch.code, "name": branch.name]))
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: ServerCommandHelp.branchListAbstract.text())
        @OptionGroup var data: DataDirectoryOptions

        func run() async throws {
            let table = try await data.storage().branches().map { [$0.code, $0.name] }
            print(TextTable(header: [AdminMessage.headingCode.text(), AdminMessage.headingName.text()], rows: table).lines().joined(separator: "\n"))
        }
    }
}

/// `fieldvisit-server user add|disable|list`.
struct UserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "user", abstract: ServerCommandHelp.userAbstract.text(),
                                                    subcommands: [Add.self, Disable.self, Password.self, List.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: ServerCommandHelp.userAddAbstract.text())
        @OptionGroup var data: DataDirectoryOptions
        @Argument(help: ArgumentHelp(ServerCommandHelp.userAddName.text())) var name: String
        @Option(help: ArgumentHelp(ServerCommandHelp.userRole.text())) var role: Role
        @Option(name: .customLong("branch"), parsing: .upToNextOption, help: ArgumentHelp(ServerCommandHelp.userBranches.text()))
        var branches: [String] = []
        @Flag(help: ArgumentHelp(ServerCommandHelp.passwordStdin.text())) var passwordStdin = false

        func run() async throws {
            // Checked before the password is asked, as well as by `Administration`.
            if let problem = UserName.problem(UserName.normalized(name)) { throw StorageError.invalid(problem) }
            if role != .admin, branches.isEmpty { throw StorageError.invalid(AdminMessage.userNeedsBranch.localized()) }
            let password = try PasswordInput.read(fromStandardInput: passwordStdin, confirm: true)
            let user = try await Administration(storage: try await data.storage(), address: AdminTerminal.address)
                .addUser(name: name, role: role, branches: branches, password: password)
            let values = ["role": role.label, "user": user.name, "branches": branches.joined(separator: ", ")]
            print((branches.isEmpty ? AdminMessage.userAdded : .userAddedToBranches).text(values))
        }
    }

    struct Disable: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: ServerCommandHelp.userDisableAbstract.text())
        @OptionGroup var data: DataDirectoryOptions
        @Argument(help: ArgumentHelp(ServerCommandHelp.userName.text())) var name: String

        func run() async throws {
            try await Administration(storage: try await data.storage(), address: AdminTerminal.address).disable(user: name)
            print(AdminMessage.userDisabled.text(["user": name]))
        }
    }

    struct Password: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: ServerCommandHelp.userPasswordAbstract.text(),
            discussion: ServerCommandHelp.userPasswordDiscussion.text()
        )
        @OptionGroup var data: DataDirectoryOptions
        @Argument(help: ArgumentHelp(ServerCommandHelp.userName.text())) var name: String
        @Flag(help: ArgumentHelp(ServerCommandHelp.passwordStdin.text())) var passwordStdin = false

        func run() async throws {
            let password = try PasswordInput.read(fromStandardInput: passwordStdin, confirm: true)
            let revoked = try await Administration(storage: try await data.storage(), address: AdminTerminal.address).setPassword(password, of: name)
            print((revoked.count == 1 ? AdminMessage.passwordChangedOneDevice : .passwordChanged).text(["user": name, "count": String(revoked.count)]))
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: ServerCommandHelp.userListAbstract.text())
        @OptionGroup var data: DataDirectoryOptions

        func run() async throws {
            let rows = try await data.storage().users().map { [$0.name, $0.role.rawValue, $0.branches.joined(separator: " "), $0.disabled ? AdminMessage.stateDisabled.text() : ""] }
            let header: [AdminMessage] = [.headingUser, .headingRole, .headingBranches, .headingState]
            print(TextTable(header: header.map { $0.text() }, rows: rows).lines().joined(separator: "\n"))
        }
    }
}

/// `fieldvisit-server device list|revoke`.
struct DeviceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "device", abstract: ServerCommandHelp.deviceAbstract.text(), subcommands: [List.self, Revoke.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: ServerCommandHelp.deviceListAbstract.text())
        @OptionGroup var data: DataDirectoryOptions
        @Flag(help: ArgumentHelp(ServerCommandHelp.deviceListJSON.text())) var json = false

        func run() async throws {
            let devices = try await data.storage().devices()
            if json {
                print(String(decoding: try CanonicalJSON.encode(devices), as: UTF8.self))
                return
            }
            let rows = devices.map { device in
                [device.id, device.user, device.name, Self.format(device.enrolledAt), device.lastSeenAt.map(Self.format) ?? "", device.wipeOrderedAt != nil ? AdminMessage.stateWipeOrdered.text() : device.revokedAt == nil ? "" : AdminMessage.stateRevoked.text()]
            }
            let header: [AdminMessage] = [.headingID, .headingUser, .headingName, .headingEnrolled, .headingLastSeen, .headingState]
            print(TextTable(header: header.map { $0.text() }, rows: rows).lines().joined(separator: "\n"))
        }

        static func format(_ date: Date) -> String {
            date.formatted(.iso8601.year().month().day().dateSeparator(.dash).time(includingFractionalSeconds: false))
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: ServerCommandHelp.deviceRevokeAbstract.text(),
            discussion: ServerCommandHelp.deviceRevokeDiscussion.text()
        )
        @OptionGroup var data: DataDirectoryOptions
        @Argument(help: ArgumentHelp(ServerCommandHelp.deviceID.text())) var id: String?
        @Option(help: ArgumentHelp(ServerCommandHelp.deviceRevokeUser.text())) var user: String?
        @Flag(help: ArgumentHelp(ServerCommandHelp.deviceRevokeWipe.text())) var wipe = false

        func validate() throws {
            guard (id == nil) != (user == nil) else { throw ValidationError(AdminMessage.deviceIDOrUser.text()) }
            guard !(wipe && user != nil) else { throw ValidationError(AdminMessage.wipeOneDevice.text()) }
        }

        func run() async throws {
            let administration = Administration(storage: try await data.storage(), address: AdminTerminal.address)
            if let user {
                let revoked = try await administration.revokeDevices(of: user)
                print((revoked.count == 1 ? AdminMessage.devicesRevokedOne : .devicesRevoked).text(["user": user, "count": String(revoked.count)]))
                return
            }
            guard let id else { return }
            try await administration.revoke(device: id, wipe: wipe)
            print((wipe ? AdminMessage.deviceRevokedWipe : .deviceRevoked).text(["id": id]))
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
                throw AdminFailure(message: AdminMessage.noPasswordOnStandardInput.text(), code: 2)
            }
            return line
        }
        guard isatty(STDIN_FILENO) == 1, let first = getpass(AdminMessage.passwordPrompt.text()).map({ String(cString: $0) }) else {
            throw AdminFailure(message: AdminMessage.noTerminalForPassword.text(), code: 2)
        }
        if confirm {
            guard let second = getpass(AdminMessage.passwordAgainPrompt.text()).map({ String(cString: $0) }), second == first else {
                throw AdminFailure(message: AdminMessage.passwordsDiffer.text(), code: 2)
            }
        }
        return first
    }
}
