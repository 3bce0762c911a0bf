import ArgumentParser
import FieldVisitCore
import FieldVisitServer
import Foundation

/// `fieldvisit-server audit [export] | verify`: the audit trail for an inspection.
struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: ServerCommandHelp.auditAbstract.text(),
        subcommands: [Export.self, Verify.self],
        defaultSubcommand: Export.self
    )
}

/// `fieldvisit-server audit verify`: walks the hash chain of the trail.
struct Verify: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: ServerCommandHelp.auditVerifyAbstract.text(),
        discussion: ServerCommandHelp.auditVerifyDiscussion.text()
    )

    @OptionGroup var data: DataDirectoryOptions
    @Option(name: .customLong("expect-head"), help: ArgumentHelp(ServerCommandHelp.auditExpectHead.text()))
    var expectedHead: String?

    func run() async throws {
        let storage = try await data.storage()
        let verdict = try await storage.verifyAudit()
        if verdict.broken != nil {
            throw AdminFailure(message: Self.describe(verdict), code: 1)
        }
        if let expectedHead {
            let parts = expectedHead.split(separator: ":")
            guard parts.count == 2, let sequence = Int64(parts[0]) else {
                throw AdminFailure(message: AdminMessage.expectHeadMalformed.text(["head": expectedHead]), code: 2)
            }
            let prefix = try await storage.verifyAudit(upTo: sequence)
            guard prefix.headText == expectedHead else {
                let found = prefix.headText ?? (Language.current == .japanese ? "なし" : "nothing")
                throw AdminFailure(message: AdminMessage.expectHeadMissing.text(["head": expectedHead, "sequence": String(sequence), "found": found]), code: 1)
            }
        }
        print(Self.describe(verdict))
    }

    /// The verdict as `verify` prints it; the head (`SEQ:HASH`) is the same in either language.
    static func describe(_ verdict: AuditChain.Verdict) -> String {
        if let broken = verdict.broken { return AdminMessage.auditBroken.text(["sequence": String(broken.sequence), "reason": broken.reason.text()]) }
        guard let head = verdict.headText else { return AdminMessage.auditEmpty.text() }
        return AdminMessage.auditIntact.text(["count": String(verdict.verified), "head": head])
    }
}

/// `fieldvisit-server audit [export]`: exports the audit trail for an inspection.
struct Export: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: ServerCommandHelp.auditExportAbstract.text(),
        discussion: ServerCommandHelp.auditExportDiscussion.text()
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case table, csv, json }

    @OptionGroup var data: DataDirectoryOptions
    @Option(help: ArgumentHelp(ServerCommandHelp.auditSince.text())) var since: String
    @Option(help: ArgumentHelp(ServerCommandHelp.auditUser.text())) var user: String?
    @Option(help: ArgumentHelp(ServerCommandHelp.auditFormat.text())) var format: Format = .table

    func run() async throws {
        let day = try CalendarDate(since, field: "--since")
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = .current
        guard let start = calendar.date(from: DateComponents(year: day.year, month: day.month, day: day.day)) else {
            throw AdminFailure(message: AdminMessage.sinceNotADate.text(["since": since]), code: 2)
        }
        let events = try await data.storage().auditTrail(since: start, user: user)
        let rows = events.map { $0.tableRow(timeZone: .current) }
        let header = AuditEvent.tableHeader
        switch format {
        case .table:
            let headings: [AdminMessage] = [.auditHeadingSequence, .auditHeadingTime, .auditHeadingEvent, .headingUser, .auditHeadingDevice,
                                             .auditHeadingAddress, .auditHeadingDetail]
            print(TextTable(header: headings.map { $0.text() }, rows: rows).lines().joined(separator: "\n"))
        case .csv:
            FileHandle.standardOutput.write(try CSVWriter(encoding: .utf8WithBOM, guardsFormulas: true).data([header] + rows))
        case .json:
            print(String(decoding: try CanonicalJSON.encode(events), as: UTF8.self))
        }
    }
}
