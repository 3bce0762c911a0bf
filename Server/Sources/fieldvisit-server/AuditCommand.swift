import ArgumentParser
import FieldVisitCore
import FieldVisitServer
import Foundation

/// `fieldvisit-server audit [export] | verify`: the audit trail for an inspection.
struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Export or verify the audit trail.",
        subcommands: [Export.self, Verify.self],
        defaultSubcommand: Export.self
    )
}

/// `fieldvisit-server audit verify`: walks the hash chain of the trail.
struct Verify: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check that no entry of the audit trail was changed, removed or reordered.",
        discussion: """
            Each entry carries a hash chained to the one before. Prints the head (SEQ:HASH): write it down, and give it \
            to a later verify with --expect-head, which also proves that no entry up to it was cut off. Exits 1 when the \
            chain is broken, naming the first entry that does not follow.
            """
    )

    @OptionGroup var data: DataDirectoryOptions
    @Option(name: .customLong("expect-head"), help: "A head printed by an earlier verify (SEQ:HASH) that must still be in the chain.")
    var expectedHead: String?

    func run() async throws {
        let storage = try await data.storage()
        let verdict = try await storage.verifyAudit()
        if verdict.broken != nil {
            throw AdminFailure(message: verdict.description, code: 1)
        }
        if let expectedHead {
            let parts = expectedHead.split(separator: ":")
            guard parts.count == 2, let sequence = Int64(parts[0]) else {
                throw AdminFailure(message: "--expect-head takes SEQ:HASH as verify printed it, not \(expectedHead)", code: 2)
            }
            let prefix = try await storage.verifyAudit(upTo: sequence)
            guard prefix.headText == expectedHead else {
                throw AdminFailure(message: "the trail no longer holds head \(expectedHead) (up to entry \(sequence) it reads \(prefix.headText ?? "nothing")): entries were removed or rewritten", code: 1)
            }
        }
        print(verdict.description)
    }
}

/// `fieldvisit-server audit [export]`: exports the audit trail for an inspection.
struct Export: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Export the audit trail: change sets accepted, logins, failed logins, enrolments, revocations, pushes refused, reads of records.",
        discussion: "Times are in the server's time zone (TZ). The trail is append-only and hash-chained (audit verify)."
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case table, csv, json }

    @OptionGroup var data: DataDirectoryOptions
    @Option(help: "The first day to include (YYYY-MM-DD).") var since: String
    @Option(help: "Only this user's entries.") var user: String?
    @Option(help: "table, csv (UTF-8 with BOM, for Excel) or json.") var format: Format = .table

    func run() async throws {
        let day = try CalendarDate(since, field: "--since")
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = .current
        guard let start = calendar.date(from: DateComponents(year: day.year, month: day.month, day: day.day)) else {
            throw AdminFailure(message: "--since \(since) is not a date", code: 2)
        }
        let events = try await data.storage().auditTrail(since: start, user: user)
        let rows = events.map { $0.tableRow(timeZone: .current) }
        let header = AuditEvent.tableHeader
        switch format {
        case .table:
            print(TextTable(header: header, rows: rows).lines().joined(separator: "\n"))
        case .csv:
            FileHandle.standardOutput.write(try CSVWriter(encoding: .utf8WithBOM, guardsFormulas: true).data([header] + rows))
        case .json:
            print(String(decoding: try CanonicalJSON.encode(events), as: UTF8.self))
        }
    }
}
