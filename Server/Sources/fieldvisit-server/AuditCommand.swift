import ArgumentParser
import FieldVisitCore
import FieldVisitServer
import Foundation

/// `fieldvisit-server audit`: exports the audit trail for an inspection.
struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Export the audit trail: change sets accepted, logins, failed logins, enrolments, revocations.",
        discussion: "Times are in the server's time zone (TZ). The trail is append-only: nothing edits or deletes it."
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
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = .current
        let rows = events.map { event in
            [String(event.sequence), formatter.string(from: event.time), event.kind.rawValue, event.user ?? "", event.device ?? "", event.address ?? "", event.detail]
        }
        let header = ["seq", "time", "event", "user", "device", "address", "detail"]
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
