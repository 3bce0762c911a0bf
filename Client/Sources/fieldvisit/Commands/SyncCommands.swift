import ArgumentParser
import FieldVisitClient
import FieldVisitCore
import FieldVisitProtocol
import Foundation

/// `fieldvisit login`: enrols this laptop with the sync server.
struct LoginCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "login",
        abstract: CommandHelp.loginAbstract.text(),
        discussion: CommandHelp.loginDiscussion.text()
    )
    @OptionGroup var store: StoreOptions
    @Option(help: ArgumentHelp(CommandHelp.loginServer.text())) var server: String
    @Option(help: ArgumentHelp(CommandHelp.loginUser.text())) var user: String
    @Option(help: ArgumentHelp(CommandHelp.loginCAFile.text())) var caFile: String?
    @Option(help: ArgumentHelp(CommandHelp.loginDeviceName.text())) var deviceName: String?
    @Flag(help: ArgumentHelp(CommandHelp.loginPasswordStdin.text())) var passwordStdin = false

    func run() async throws {
        let store = try store.open()
        // Checked before the password is asked for.
        guard user.trimmingCharacters(in: .whitespaces) == store.user else { throw SyncFailure.userMismatch(given: user, store: store.user) }
        let address = try ServerAddress(server)
        if let caFile { _ = try ServerConnection.loadCertificates(caFile) }
        let password = try PasswordInput.read(prompt: ConnectionMessage.passwordPrompt.text(["user": user, "server": address.description]),
                                              fromStandardInput: passwordStdin)
        let settings = try await DeviceEnrolment.login(
            store: store, server: address, caFile: caFile, user: user, password: password,
            deviceName: deviceName ?? ProcessInfo.processInfo.hostName, onRetry: SyncProgressLine.announceRetry
        )
        // What the server answered is printed through TerminalText, as every value.
        Output.line(TerminalText(SyncMessage.loginDone.text(["server": settings.server, "user": settings.user])))
        Output.line(TerminalText(SyncMessage.loginRole.text(["role": "\(settings.role.label) (\(settings.role.rawValue))"])))
        Output.line(TerminalText(SyncMessage.loginBranches.text(["branches": settings.branches.isEmpty ? StatusMessage.statusNone.text() : settings.branches.joined(separator: ", ")])))
        Output.line(TerminalText(SyncMessage.loginDevice.text(["device": "\(settings.device) (\(settings.deviceName))"])))
        print(SyncMessage.loginNext.text())
    }
}

/// `fieldvisit sync`: pushes this laptop's changes, then pulls until caught up.
struct SyncCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sync",
        abstract: CommandHelp.syncAbstract.text(),
        discussion: CommandHelp.syncDiscussion.text()
    )
    @OptionGroup var store: StoreOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        let store = try store.open()
        guard let settings = try store.loginSettings(), let token = store.deviceToken() else {
            throw SyncFailure.notLoggedIn(home: store.home.directory.path)
        }
        let address = try ServerAddress(settings.server)
        let line = SyncProgressLine()
        let summary: SyncSummary
        do {
            summary = try await ServerConnection.using(address, caFile: try store.serverCAFile(), token: token, onRetry: line.retrying) { connection in
                try await SyncAgent(store: store, connection: connection).run(progress: line.show)
            }
            line.clear()
        } catch SyncFailure.refused(let problem, _) where problem.code == .wipeOrdered {
            line.clear()
            try await Self.wipe(store: store, address: address, token: token, problem: problem)
            throw ExitCode(3)
        } catch let failure as SyncFailure {
            line.clear()
            let passing = switch failure {
            case .unreachable, .linkDropped: true
            case .refused(let problem, _): problem.code == .unavailable
            default: false
            }
            guard passing else { throw failure }
            throw CommandFailure(message: failure.description + SyncMessage.syncNothingLost.text())
        } catch {
            line.clear()
            throw error
        }
        if output.json {
            try Output.json(summary)
        } else {
            printSummary(summary, store: store)
        }
        if let refusal = summary.refused.first {
            let code = refusal.code.map { " [\($0.rawValue)]" } ?? ""
            let missing = refusal.missing.map { ConnectionMessage.changeSetMissing.text(["missing": $0.map(\.description).joined(separator: ", ")]) } ?? ""
            throw CommandFailure(message: ConnectionMessage.changeSetRefused.text([
                "dot": refusal.dot.description, "code": code, "reason": refusal.reason ?? ConnectionMessage.noReasonGiven.text(),
                "missing": missing, "later": String(max(summary.waiting - 1, 0)),
            ]))
        }
    }

    /// Erases the store as the server ordered, saying so first (``DeviceWipe``).
    static func wipe(store: LocalStore, address: ServerAddress, token: String, problem: Problem) async throws {
        let home = store.home
        let caFile = (try? store.serverCAFile()) ?? nil
        Output.error("fieldvisit: " + ConnectionMessage.wipeStarting.text(["detail": problem.detail, "home": home.directory.path]) + "\n")
        let reported = try await DeviceWipe.carryOut(home: home, server: address, caFile: caFile, token: token)
        Output.error("fieldvisit: " + (reported ? ConnectionMessage.wipeReported : .wipeUnreported).text() + "\n")
    }

    private func printSummary(_ summary: SyncSummary, store: LocalStore) {
        print(SyncMessage.syncFinished.text())
        if let records = summary.snapshotRecords { print(SyncMessage.syncSnapshotReceived.text(["records": String(records)])) }
        let again = summary.alreadyOnServer > 0 ? SyncMessage.syncAlreadyThere.text(["count": String(summary.alreadyOnServer)]) : ""
        print(SyncMessage.syncPushed.text(["count": String(summary.pushed)]) + again)
        print(SyncMessage.syncPulled.text(["count": String(summary.pulled)]))
        print(SyncMessage.syncNewConflicts.text(["count": String(summary.newConflicts)]) + (summary.newConflicts > 0 ? SyncMessage.syncSeeConflicts.text() : ""))
        print(SyncMessage.syncReturned.text(["count": String(summary.returnedForCorrection.count)]))
        for record in summary.returnedForCorrection {
            let label = store.schema.records[record.type]?.label ?? record.type.rawValue
            let comment: TerminalText = record.comment.map { "  「\($0)」" } ?? ""
            Output.line("  \(label) \(Output.shortID(record.id))\(comment)")
        }
        if summary.waiting > 0 { print(SyncMessage.syncWaiting.text(["count": String(summary.waiting)])) }
        if summary.restamped > 0 {
            let hours = (summary.clockAheadBy ?? 0) / 3_600_000
            Output.error("fieldvisit: " + ConnectionMessage.clockRestamped.text(["hours": String(hours), "count": String(summary.restamped)]) + "\n")
        }
    }
}

/// `fieldvisit logout`: revokes this laptop's device and forgets the login.
struct LogoutCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "logout",
        abstract: CommandHelp.logoutAbstract.text()
    )
    @OptionGroup var store: StoreOptions

    func run() async throws {
        let store = try store.open()
        switch try await DeviceEnrolment.logout(store: store, onRetry: SyncProgressLine.announceRetry) {
        case .revoked(let settings):
            Output.line(TerminalText(SyncMessage.logoutDone.text(["server": settings.server, "device": settings.device])))
        case .forgottenLocally(let settings, let reason):
            print(SyncMessage.logoutLocally.text())
            Output.error("fieldvisit: " + ConnectionMessage.logoutNotTold.text([
                "reason": reason, "device": settings.device, "name": settings.deviceName, "server": settings.server,
            ]) + "\n")
        case .notLoggedIn:
            print(SyncMessage.logoutNotLoggedIn.text())
        }
    }
}

/// Sync progress on standard error, one line rewritten in place, only on a terminal.
struct SyncProgressLine: Sendable {
    let isTerminal = isatty(STDERR_FILENO) == 1
    /// How fast the snapshot has come, for the time left.
    private let snapshotRate = TransferRate()

    func show(_ progress: SyncProgress) {
        guard isTerminal else { return }
        let text: String = switch progress {
        case .pushed(let sent, let total): SyncMessage.progressPushed.text(["sent": String(sent), "total": String(total)])
        case .fetchingSnapshot: SyncMessage.progressFetchingSnapshot.text()
        case .receivingSnapshot(let received, let total, let records, let resumed):
            Self.describeSnapshot(received: received, total: total, records: records, resumed: resumed,
                                  left: snapshotRate.timeLeft(received: received, total: total, restart: resumed))
        case .loadedSnapshot(let records): SyncMessage.progressLoadedSnapshot.text(["records": String(records)])
        case .pulled(let count, let cursor): SyncMessage.progressPulled.text(["count": String(count), "cursor": String(cursor)])
        case .retrying(let notice): notice.description
        }
        FileHandle.standardError.write(Data("\r\u{1B}[K\(text)".utf8))
    }

    func retrying(_ notice: RetryPolicy.Notice) { show(.retrying(notice)) }

    /// For commands without a progress line: retries are still worth a word.
    static func announceRetry(_ notice: RetryPolicy.Notice) {
        guard isatty(STDERR_FILENO) == 1 else { return }
        FileHandle.standardError.write(Data((notice.description + "\n").utf8))
    }

    func clear() {
        if isTerminal { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    }

    /// `receiving your branches' 60000 records: 3.2 of 12.5 MiB, about 1 min 20 s left`.
    static func describeSnapshot(received: Int, total: Int?, records: Int?, resumed: Bool, left: Duration?) -> String {
        func mebibytes(_ bytes: Int) -> String { String(format: "%.1f", Double(bytes) / 1_048_576) }
        let sizes = ["received": mebibytes(received), "total": total.map(mebibytes) ?? "?"]
        var text = records.map { SyncMessage.progressSnapshotRecords.text(sizes.merging(["records": String($0)]) { $1 }) } ?? SyncMessage.progressSnapshot.text(sizes)
        if resumed { text += SyncMessage.progressResuming.text() }
        if let left {
            let seconds = Int(left.components.seconds)
            text += seconds >= 60 ? SyncMessage.progressMinutesLeft.text(["minutes": String(seconds / 60), "seconds": String(seconds % 60)])
                : SyncMessage.progressSecondsLeft.text(["seconds": String(max(1, seconds))])
        }
        return text
    }
}

/// How fast bytes have come since a transfer (re)started, to say how long the rest takes.
final class TransferRate: @unchecked Sendable {
    private let lock = NSLock()
    private var start: (time: ContinuousClock.Instant, bytes: Int)?

    /// The time left to receive `total` at the rate seen since the transfer (re)started,
    /// once a second of it has been seen.
    func timeLeft(received: Int, total: Int?, restart: Bool) -> Duration? {
        lock.withLock {
            let now = ContinuousClock.now
            if restart || start == nil || received < (start?.bytes ?? 0) { start = (now, received) }
            guard let start, let total, received > start.bytes else { return nil }
            let elapsed = now - start.time
            guard elapsed >= .seconds(1) else { return nil }
            return elapsed * (Double(total - received) / Double(received - start.bytes))
        }
    }
}
