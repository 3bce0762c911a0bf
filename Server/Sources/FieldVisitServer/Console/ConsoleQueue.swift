import FieldVisitCore
import Foundation
import Hummingbird

/// The review queue page: counts per reason at the top, filters, and the waiting
/// records oldest first, a page at a time.
enum ConsoleQueue {
    /// Records on one page.
    static let pageSize = 50

    /// The labels of the reasons, in the order the counts show them.
    static let reasons: [(ReviewReason, String)] = [
        (.submitted, "提出済み"), (.changed, "承認後に変更"), (.conflict, "競合"), (.deleted, "削除と編集の競合"),
    ]

    static func page(request: Request, console: ConsoleService, signedIn: ConsoleService.SignedIn) async throws -> Response {
        let parameters = request.uri.queryParameters
        let text = { (name: String) -> String? in
            guard let value = parameters[Substring(name)].map(String.init), !value.isEmpty, value.utf8.count <= 200, !value.containsControlCharacters else { return nil }
            return value
        }
        let schema = console.schema
        let type = text("type").map(RecordType.init(rawValue:)).flatMap { schema.records[$0] != nil ? $0 : nil }
        let reason = text("state").flatMap(ReviewReason.init(rawValue:))
        let from = text("from").flatMap { try? CalendarDate($0) }
        let to = text("to").flatMap { try? CalendarDate($0) }
        let number = min(max(text("page").flatMap { Int($0) } ?? 1, 1), ReviewQueueQuery.maxOffset / pageSize)
        let query = ReviewQueueQuery(scope: signedIn.scope, branch: text("branch"), staff: text("staff"), type: type, from: from, to: to,
                                     reason: reason, offset: (number - 1) * pageSize, limit: pageSize)
        let page = try await console.storage.reviewQueue(query)
        let companies = Array(Set(page.entries.compactMap { entry in entry.companyID.map { EntityKey(.company, $0) } }))
        let states = companies.isEmpty ? [:] : try await console.storage.records(companies)
        let branches = try await console.storage.branches().filter { signedIn.scope.contains($0.code) }
        let branchNames = Dictionary(branches.map { ($0.code, $0.name) }, uniquingKeysWith: { first, _ in first })

        var filters = URLComponents()
        filters.queryItems = [("branch", query.branch), ("staff", query.staff), ("type", type?.rawValue), ("from", from?.description), ("to", to?.description)]
            .compactMap { name, value in value.map { URLQueryItem(name: name, value: $0) } }
        let link = { (reason: ReviewReason?, page: Int?) -> String in
            var components = filters
            var items = components.queryItems ?? []
            if let reason { items.append(URLQueryItem(name: "state", value: reason.rawValue)) }
            if let page, page > 1 { items.append(URLQueryItem(name: "page", value: String(page))) }
            components.queryItems = items.isEmpty ? nil : items
            return ConsolePaths.review + (components.percentEncodedQuery.map { "?" + $0 } ?? "")
        }
        let rows = page.entries.map { entry in
            let record = schema.records[entry.key.type]
            let labels = { (fields: [String]) in fields.map { record?.spec(for: $0)?.label ?? $0 }.joined(separator: "、") }
            var why: [String] = []
            if entry.reasons.contains(.submitted) { why.append("提出済み") }
            if !entry.changedSinceApproval.isEmpty { why.append("承認後に変更: " + labels(entry.changedSinceApproval)) }
            if !entry.conflicts.isEmpty { why.append("競合: " + labels(entry.conflicts)) }
            if entry.deletionConflict { why.append("削除と編集の競合") }
            let company = entry.companyID.flatMap { states[EntityKey(.company, $0)]?.visibleValues["name"]?.textValue }
            return QueuePage.Row(path: ConsolePaths.record(entry.key), key: "\(entry.key.type.rawValue)/\(entry.key.id.rawValue)",
                                 states: entry.reasons.map(\.rawValue).joined(separator: " "), typeLabel: record?.label ?? entry.key.type.rawValue,
                                 date: entry.date ?? "", company: company ?? "", staff: entry.staff.joined(separator: "、"),
                                 branch: branchNames[entry.branch] ?? entry.branch, reasons: why.joined(separator: " ・ "))
        }
        let pages = (page.total + pageSize - 1) / pageSize
        let queuePage = QueuePage(
            frame: ConsoleFrame(title: "確認待ち", signedIn: signedIn),
            counts: reasons.map { reasonCase, label in
                QueuePage.Count(state: reasonCase.rawValue, label: label, count: page.counts[reasonCase] ?? 0, link: link(reasonCase, nil), current: reasonCase == reason)
            },
            allLink: link(nil, nil), total: page.total,
            branches: branches.map { ConsoleOption(value: $0.code, label: $0.name, selected: $0.code == query.branch) },
            types: schema.records.keys.sorted { $0.rawValue < $1.rawValue }.map {
                ConsoleOption(value: $0.rawValue, label: schema.records[$0]?.label ?? $0.rawValue, selected: $0 == type)
            },
            states: reasons.map { ConsoleOption(value: $0.0.rawValue, label: $0.1, selected: $0.0 == reason) },
            staff: query.staff ?? "", from: from?.description ?? "", to: to?.description ?? "",
            rows: rows, hasRows: !rows.isEmpty,
            pageNumber: number, pageCount: max(pages, 1),
            previous: number > 1 ? link(reason, number - 1) : nil, next: number < pages ? link(reason, number + 1) : nil
        )
        return ConsoleRoutes.html(ConsoleTemplates.render(queuePage, "review"))
    }
}

/// What the queue page shows.
struct QueuePage {
    var frame: ConsoleFrame
    var counts: [Count]
    var allLink: String
    var total: Int
    var branches: [ConsoleOption]
    var types: [ConsoleOption]
    var states: [ConsoleOption]
    var staff: String
    var from: String
    var to: String
    var rows: [Row]
    var hasRows: Bool
    var pageNumber: Int
    var pageCount: Int
    var previous: String?
    var next: String?

    struct Count {
        var state: String
        var label: String
        var count: Int
        var link: String
        var current: Bool
    }

    struct Row {
        var path: String
        var key: String
        var states: String
        var typeLabel: String
        var date: String
        var company: String
        var staff: String
        var branch: String
        var reasons: String
    }
}
