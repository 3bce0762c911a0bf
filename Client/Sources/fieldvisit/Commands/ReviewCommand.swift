import ArgumentParser
import FieldVisitClient
import FieldVisitCore
import Foundation

/// `fieldvisit review …`: a manager's review queue, decisions and conflict resolution.
struct ReviewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "review",
        abstract: CommandHelp.reviewAbstract.text(),
        discussion: CommandHelp.reviewDiscussion.text(),
        subcommands: [Queue.self, Show.self, Approve.self, Return.self, Resolve.self, Merge.self]
    )

    struct Queue: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: CommandHelp.reviewQueueAbstract.text()
        )
        @OptionGroup var store: StoreOptions
        @OptionGroup var output: OutputOptions
        @Option(help: ArgumentHelp(CommandHelp.reviewBranch.text())) var branch: String?
        @Option(help: ArgumentHelp(CommandHelp.reviewStaff.text())) var staff: String?
        @Option(help: ArgumentHelp(CommandHelp.reviewType.text(["types": Schema.fieldVisit.reviewedTypes.map(\.rawValue).joined(separator: ", ")]))) var type: String?
        @Option(help: ArgumentHelp(CommandHelp.reviewFrom.text())) var from: String?
        @Option(help: ArgumentHelp(CommandHelp.reviewTo.text())) var to: String?

        struct Entry: Encodable {
            var item: ReviewItem
            var reasons: [String]
        }

        func run() throws {
            let store = try store.open()
            var filter = ReviewFilter(branch: branch, staff: staff)
            if let type {
                let known = store.schema.reviewedTypes + [.company]
                guard let recordType = known.first(where: { $0.rawValue == type }) else {
                    throw FieldVisitCore.ValidationError(field: "type", reason: RecordMessage.notAReviewedType.text(["typed": type, "codes": known.map(\.rawValue).joined(separator: ", ")]))
                }
                filter.type = recordType
            }
            if let from { filter.from = try CalendarDate(typed: from, field: "from") }
            if let to { filter.to = try CalendarDate(typed: to, field: "to") }
            let items = try store.reviewQueue(filter, scope: try store.reviewScope())
            if output.json { return try Output.json(items) }
            Output.table(["種類", "ID", "企業", "日付", "担当者", "理由"], items.map { item in
                [
                    store.schema.records[item.type]?.label ?? item.type.rawValue, Output.shortID(item.id), item.companyName ?? "?",
                    item.date ?? "", item.staff.joined(separator: "、"), item.reasons(schema: store.schema).joined(separator: " / "),
                ]
            })
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: CommandHelp.reviewShowAbstract.text()
        )
        @OptionGroup var store: StoreOptions
        @OptionGroup var output: OutputOptions
        @Argument(help: ArgumentHelp(CommandHelp.reviewAnyID.text())) var id: String

        func run() throws {
            let store = try store.open()
            let key = try store.resolveRecord(id, among: store.schema.reviewedTypes + [.company])
            let review = try store.review(of: key)
            if output.json { return try Output.json(review) }
            let record = try store.schema.requireRecord(key.type)
            let companyNames = try store.companyNames()
            let display = { (name: String, value: FieldValue) -> String in
                if case .reference(.company)? = record.spec(for: name)?.kind, let id = value.textValue, let company = companyNames[RecordID(rawValue: id)] {
                    return "\(company) (\(id.prefix(8)))"
                }
                return RecordSummary.display(value, spec: record.spec(for: name))
            }
            // Values written by others go through TerminalText: none can erase or fake the ⚠ lines.
            Output.line("\(review.label) \(key.id.rawValue)")
            if let item = review.item {
                if let company = item.companyName, key.type != .company { Output.line("企業: \(company)") }
                let reasons = item.reasons(schema: store.schema)
                if !reasons.isEmpty { Output.line("要確認: \(reasons.joined(separator: " / "))") }
            }
            if let state = review.reviewState { Output.line("承認状況: \(ReviewState(rawValue: state)?.japaneseLabel ?? state)") }
            if let comment = review.reviewComment { Output.line("コメント: \(lines: comment, indent: "          ")") }
            for approval in review.approvals {
                Output.line("承認: \(approval.author) \(Output.time(approval.timestamp)) 端末 \(device(approval.change))")
            }
            if review.deleted { Output.line("削除済み") }
            for conflict in review.otherConflicts { Output.line("⚠ 競合: \(conflict)") }
            for field in review.fields {
                var line: TerminalText = "■ \(field.label) (\(field.name))"
                if field.competing != nil {
                    line = "\(line)  ⚠ 競合"
                } else if let elements = field.elements {
                    line = "\(line): \(elements.map { display(field.name, $0) }.joined(separator: "、"))"
                } else {
                    line = "\(line): \(lines: field.value.map { display(field.name, $0) } ?? "", indent: "    ")"
                }
                if field.changedSinceApproval { line = "\(line)  ⚠ 承認後に変更" }
                Output.line(line)
                for value in field.competing ?? [] {
                    let shown: TerminalText = value.visible ? "  (表示中)" : ""
                    Output.line("  [\(value.number)] \(lines: display(field.name, value.value), indent: "        ")")
                    Output.line("      \(value.author)  \(Output.time(value.timestamp))  端末 \(device(value.change))\(shown)")
                }
                for entry in field.history {
                    let verb = switch entry.operation {
                    case "add": "追加"
                    case "remove": "削除"
                    default: entry.value == .null ? "消去" : "設定"
                    }
                    let value: TerminalText = entry.value == .null ? "" : " \(lines: display(field.name, entry.value), indent: "        ")"
                    let replaced: TerminalText = entry.current ? "" : "  [置換済み]"
                    Output.line("    履歴 \(Output.time(entry.timestamp)) \(entry.author) (端末 \(device(entry.change))) \(verb)\(value)\(replaced)")
                }
            }
        }

        func device(_ dot: Dot) -> String { String(dot.replica.description.prefix(8)) }
    }

    struct Approve: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: CommandHelp.reviewApproveAbstract.text())
        @OptionGroup var store: StoreOptions
        @Argument(help: ArgumentHelp(CommandHelp.reviewedID.text())) var id: String
        @Option(help: ArgumentHelp(CommandHelp.reviewComment.text())) var comment: String?

        func run() throws {
            let store = try store.open()
            try store.requireReviewer()
            let key = try store.resolveRecord(id, among: store.schema.reviewedTypes)
            try store.approve(key, comment: comment)
            print(ReviewMessage.approved.text(["id": key.id.rawValue]))
        }
    }

    struct Return: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: CommandHelp.reviewReturnAbstract.text())
        @OptionGroup var store: StoreOptions
        @Argument(help: ArgumentHelp(CommandHelp.reviewedID.text())) var id: String
        @Option(help: ArgumentHelp(CommandHelp.reviewReturnComment.text())) var comment: String

        func run() throws {
            let store = try store.open()
            try store.requireReviewer()
            let key = try store.resolveRecord(id, among: store.schema.reviewedTypes)
            try store.returnForCorrection(key, comment: comment)
            print(ReviewMessage.returned.text(["id": key.id.rawValue]))
        }
    }

    struct Resolve: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: CommandHelp.reviewResolveAbstract.text(),
            discussion: CommandHelp.reviewResolveDiscussion.text()
        )
        @OptionGroup var store: StoreOptions
        @Argument(help: ArgumentHelp(CommandHelp.reviewAnyID.text())) var id: String
        @Argument(help: ArgumentHelp(CommandHelp.reviewField.text())) var field: String
        @Option(help: ArgumentHelp(CommandHelp.reviewChoose.text())) var choose: Int?
        @Option(help: ArgumentHelp(CommandHelp.reviewValue.text())) var value: String?
        @Flag(help: ArgumentHelp(CommandHelp.reviewEdit.text())) var edit = false

        func validate() throws {
            let given = [choose != nil, value != nil, edit].filter { $0 }.count
            guard given == 1 else { throw ArgumentParser.ValidationError(ReviewMessage.chooseOne.text()) }
        }

        func run() throws {
            let store = try store.open()
            try store.requireReviewer()
            let key = try store.resolveRecord(id, among: store.schema.reviewedTypes + [.company])
            let conflict = try store.conflict(of: key, field: field)
            let spec = try store.schema.requireRecord(key.type).requireSpec(for: field)
            let resolved: FieldValue
            if let choose {
                resolved = try store.competingValue(of: key, field: field, choice: choose)
            } else if let value {
                resolved = try spec.parse(value)
            } else {
                switch spec.kind {
                case .text, .formAnswer: break
                default: throw ReviewError.notATextField(key, field: field)
                }
                let label = spec.label
                let text = ConflictEditorText.make(conflict, label: label) { sibling in
                    "\(sibling.author)  \(Output.time(sibling.timestamp))  端末 \(sibling.dot.replica.description.prefix(8))"
                }
                guard let edited = ConflictEditorText.value(from: try ExternalEditor.edit(text)) else {
                    throw ReviewError.emptyEditedValue(key, field: field)
                }
                resolved = try spec.parse(edited)
            }
            try store.resolve(key, [ConflictResolution(field: field, value: resolved)])
            Output.line(TerminalText(ReviewMessage.resolved.text(["id": key.id.rawValue, "field": ReviewMessage.field(field, of: key.type)])))
        }
    }

    struct Merge: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: CommandHelp.reviewMergeAbstract.text(),
            discussion: CommandHelp.reviewMergeDiscussion.text()
        )
        @OptionGroup var store: StoreOptions
        @Argument(help: ArgumentHelp(CommandHelp.reviewAnyID.text())) var id: String

        func run() throws {
            let store = try store.open()
            try store.requireReviewer()
            let key = try store.resolveRecord(id, among: store.schema.reviewedTypes + [.company])
            let record = try store.schema.requireRecord(key.type)
            guard let state = try store.state(of: key) else { throw StoreError.recordNotFound(type: key.type.rawValue, id: key.id.rawValue) }
            let conflicts = state.conflicts(of: key, schema: record).filter { $0.kind == .concurrentValues }
            if conflicts.isEmpty {
                Output.line(TerminalText(ReviewMessage.noConflictedFields.text(["record": record.label, "id": key.id.rawValue])))
                return
            }
            var resolutions: [ConflictResolution] = []
            var ended = false
            for conflict in conflicts where !ended {
                let field = conflict.fields[0]
                let spec = try record.requireSpec(for: field)
                Output.line("■ \(spec.label) (\(field))")
                for (index, sibling) in conflict.siblings.enumerated() {
                    Output.line("  [\(index + 1)] \(lines: RecordSummary.display(sibling.value, spec: spec), indent: "      ")")
                    Output.line("      \(sibling.author)  \(Output.time(sibling.timestamp))  端末 \(sibling.dot.replica.description.prefix(8))")
                }
                asking: while true {
                    print("番号 (1-\(conflict.siblings.count))、v = 値を入力、s = スキップ: ", terminator: "")
                    guard let line = readLine()?.trimmingCharacters(in: .whitespaces) else { ended = true; print(); break asking }
                    if line == "s" { break asking }
                    if line == "v" {
                        print("値: ", terminator: "")
                        guard let typed = readLine() else { ended = true; print(); break asking }
                        do {
                            resolutions.append(ConflictResolution(field: field, value: try spec.parse(typed)))
                            break asking
                        } catch {
                            Output.line("✗ \(error)")
                            continue asking
                        }
                    }
                    if let number = Int(line), (1...conflict.siblings.count).contains(number) {
                        resolutions.append(ConflictResolution(field: field, value: conflict.siblings[number - 1].value))
                        break asking
                    }
                    print("✗ 1 から \(conflict.siblings.count) の番号、v または s を入力してください")
                }
            }
            if resolutions.isEmpty {
                print(ReviewMessage.nothingResolved.text())
                return
            }
            try store.resolve(key, resolutions)
            print(ReviewMessage.mergeResolved.text(["id": key.id.rawValue, "resolved": String(resolutions.count), "count": String(conflicts.count)]))
        }
    }
}
