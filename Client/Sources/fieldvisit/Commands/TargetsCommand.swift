import ArgumentParser
import FieldVisitClient
import FieldVisitCore
import Foundation

/// `fieldvisit targets`: who to visit next, per branch and staff member, each company
/// with the reason it is listed.
struct TargetsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "targets",
        abstract: ReportCommandHelp.targetsAbstract.text(),
        discussion: ReportCommandHelp.targetsDiscussion.text()
    )

    /// A list to print alone.
    enum List: String, ExpressibleByArgument, CaseIterable {
        case succession, cohorts, founders, referrals, followups

        var reason: TargetList.Reason {
            switch self {
            case .succession: .successionAge
            case .cohorts: .cohortNotVisited
            case .founders: .newFounder
            case .referrals: .referralWaiting
            case .followups: .followUpDue
            }
        }
    }

    @OptionGroup var store: StoreOptions
    @Option(help: ArgumentHelp(ReportCommandHelp.targetsFormat.text())) var format: ReportCommand.Format = .table
    @Flag(help: ArgumentHelp(ReportCommandHelp.targetsJSON.text())) var json = false
    @Option(help: ArgumentHelp(CommandHelp.csvEncoding.text())) var encoding: ExportCommand.Encoding?
    @Option(help: ArgumentHelp(ReportCommandHelp.targetsList.text())) var list: List?
    @Option(help: ArgumentHelp(CommandHelp.onlyBranchCompanies.text())) var branch: String?
    @Option(help: ArgumentHelp(ReportCommandHelp.targetsStaff.text())) var staff: String?
    @Option(help: ArgumentHelp(ReportCommandHelp.targetsOn.text())) var on: String?
    @Option(help: ArgumentHelp(ReportCommandHelp.targetsDiagnosisMonths.text())) var diagnosisMonths: Int?
    @Option(help: ArgumentHelp(ReportCommandHelp.targetsReferralDays.text())) var referralDays: Int?
    @Flag(help: ArgumentHelp(ReportCommandHelp.targetsSave.text())) var save = false

    func validate() throws {
        if let diagnosisMonths, !TargetList.Settings.diagnosisMonthsRange.contains(diagnosisMonths) {
            throw ValidationError(ReportMessage.diagnosisMonthsRange.text())
        }
        if let referralDays, !TargetList.Settings.referralDaysRange.contains(referralDays) {
            throw ValidationError(ReportMessage.referralDaysRange.text())
        }
        if save, diagnosisMonths == nil, referralDays == nil { throw ValidationError(ReportMessage.saveNeedsSetting.text()) }
        if encoding != nil, format != .csv { throw ValidationError(ReportMessage.encodingCSVOnly.text()) }
        if json, format != .table, format != .json { throw ValidationError(ReportMessage.twoFormats.text(["format": format.rawValue])) }
    }

    func run() throws {
        let today = try on.map { try CalendarDate(typed: $0, field: "on") } ?? .today()
        let store = try store.open()
        var settings = try TargetList.Settings.stored(in: store)
        if let diagnosisMonths { settings.diagnosisMonths = diagnosisMonths }
        if let referralDays { settings.referralDays = referralDays }
        if save { try settings.save(in: store) }
        var targets = try TargetList(store: store, today: today, settings: settings)
        targets.lines.removeAll { line in
            (list.map { line.reason != $0.reason } ?? false) || (branch.map { line.branch != $0 } ?? false) || (staff.map { line.staff != $0 } ?? false)
        }
        let header = ["支店", "担当", "企業", "区分", "理由"]
        let rows = targets.lines.map { [$0.branch ?? "", $0.staff ?? "", $0.companyName, $0.reason.japaneseLabel, $0.detail] }
        switch json ? .json : format {
        case .json:
            try Output.json(targets)
        case .csv:
            let rows = targets.lines.map { [$0.branch ?? "", $0.staff ?? "", $0.company.rawValue, $0.companyName, $0.reason.rawValue, $0.detail] }
            FileHandle.standardOutput.write(try CSVWriter(encoding: (encoding ?? .utf8).csvEncoding, guardsFormulas: true)
                .data([TargetList.csvHeader] + rows))
        case .table:
            Output.line("訪問候補 \(today)（\(targets.lines.count) 件）")
            if rows.isEmpty {
                print(StatusMessage.statusNone.text())
                return
            }
            Output.table(header, rows)
        }
    }
}
