import FieldVisitClient
import FieldVisitCore
import Foundation
import Hummingbird

/// The target lists of `fieldvisit targets` in the console (`/console/targets`): who to
/// visit next in the reader's branches, by branch and staff member, each company with the
/// reason it is listed and a link to its page; filters by list, branch and staff, and
/// the same CSV as the command's.
enum ConsoleTargets {
    static func add(to group: RouterGroup<SyncRequestContext>, console: ConsoleService) {
        group.get("targets") { request, _ in
            try await ConsoleReports.signedIn(request, console) { signedIn in try await page(request, console, signedIn) }
        }
        group.get("targets.csv") { request, _ in
            try await ConsoleReports.signedIn(request, console) { signedIn in
                let encoding: CSVEncoding = request.uri.queryParameters["encoding"] == "shift_jis" ? .cp932 : .utf8WithBOM
                let (_, lines) = try await lines(request, console, signedIn)
                let rows = lines.map { [$0.branch ?? "", $0.staff ?? "", $0.company.rawValue, $0.companyName, $0.reason.rawValue, $0.detail] }
                let data = try CSVWriter(encoding: encoding, guardsFormulas: true).data([TargetList.csvHeader] + rows)
                return ConsoleReports.csvResponse(data, encoding: encoding, name: "targets.csv")
            }
        }
    }

    /// The filters a request asks for, and the lines they keep.
    static func lines(_ request: Request, _ console: ConsoleService, _ signedIn: ConsoleService.SignedIn) async throws -> (Filter, [TargetList.Line]) {
        let parameters = request.uri.queryParameters
        let selection = try await ConsoleReports.selection(request, console, signedIn)
        let reason = parameters["list"].flatMap { TargetList.Reason(rawValue: String($0)) }
        let staff = parameters["staff"].map(String.init).flatMap { $0.isEmpty || $0.utf8.count > 200 ? nil : $0 }
        let store = try await selection.store(console, signedIn)
        let today = ConsoleClock.day(Date())
        let targets = try TargetList(store: store, today: today, timeZone: ConsoleClock.timeZone)
        let lines = targets.lines.filter { line in
            (reason.map { line.reason == $0 } ?? true) && (staff.map { line.staff == $0 } ?? true)
        }
        return (Filter(selection: selection, reason: reason, staff: staff, today: today, staffNames: Set(targets.lines.compactMap(\.staff)).sorted()), lines)
    }

    struct Filter {
        var selection: ConsoleReports.Selection
        var reason: TargetList.Reason?
        var staff: String?
        var today: CalendarDate
        var staffNames: [String]

        var query: String {
            var components = URLComponents()
            components.queryItems = (selection.branch.map { [URLQueryItem(name: "branch", value: $0)] } ?? [])
                + (reason.map { [URLQueryItem(name: "list", value: $0.rawValue)] } ?? [])
                + (staff.map { [URLQueryItem(name: "staff", value: $0)] } ?? [])
            return components.percentEncodedQuery ?? ""
        }
    }

    static func page(_ request: Request, _ console: ConsoleService, _ signedIn: ConsoleService.SignedIn) async throws -> Response {
        let (filter, lines) = try await lines(request, console, signedIn)
        let page = TargetsPage(
            frame: ConsoleFrame(title: "訪問候補", signedIn: signedIn),
            today: filter.today.description, total: lines.count,
            lists: TargetList.Reason.allCases.map { ConsoleOption(value: $0.rawValue, label: $0.japaneseLabel, selected: $0 == filter.reason) },
            branches: filter.selection.branches.map { ConsoleOption(value: $0.code, label: $0.name, selected: $0.code == filter.selection.branch) },
            staff: filter.staffNames.map { ConsoleOption(value: $0, label: $0, selected: $0 == filter.staff) },
            rows: lines.prefix(TargetsPage.maxRows).map { line in
                TargetsPage.Row(branch: line.branch ?? "", staff: line.staff ?? "", company: line.companyName,
                                path: ConsolePaths.record(EntityKey(.company, line.company)), reason: line.reason.rawValue,
                                list: line.reason.japaneseLabel, detail: line.detail)
            },
            more: lines.count > TargetsPage.maxRows ? "先頭の \(TargetsPage.maxRows) 件を表示しています。すべては CSV にあります。" : nil,
            csv: "/console/targets.csv?" + filter.query)
        return ConsoleRoutes.html(ConsoleTemplates.render(page, "targets"))
    }
}

/// The target lists' page.
struct TargetsPage {
    /// The most lines a page shows; the CSV holds every one.
    static let maxRows = 2_000

    var frame: ConsoleFrame
    var today: String
    var total: Int
    var lists: [ConsoleOption]
    var branches: [ConsoleOption]
    var staff: [ConsoleOption]
    var rows: [Row]
    var more: String?
    var csv: String

    struct Row {
        var branch, staff, company, path, reason, list, detail: String
    }
}
