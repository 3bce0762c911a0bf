import FieldVisitCore
import FieldVisitProtocol
import Foundation

/// What every console page shows around its content: the title, the signed-in user
/// with the logout form, and a notice or an error.
struct ConsoleFrame {
    var title: String
    var user: SignedInUser?
    var notice: String?
    var error: String?

    struct SignedInUser {
        var name: String
        var roleLabel: String
        var csrf: String
        var isAdmin: Bool
    }

    init(title: String, signedIn: ConsoleService.SignedIn?, notice: String? = nil, error: String? = nil) {
        self.title = title
        self.user = signedIn.map { SignedInUser(name: $0.user.name, roleLabel: $0.user.role.japaneseLabel, csrf: $0.session.formToken, isAdmin: $0.user.role == .admin) }
        self.notice = notice
        self.error = error
    }
}

/// A choice of a `<select>` in a page's filters.
struct ConsoleOption {
    var value: String
    var label: String
    var selected: Bool
}

/// The login page.
struct LoginPage {
    var frame: ConsoleFrame
    var csrf: String
    var userName: String
}

/// A page that only says something (not found, refused).
struct MessagePage {
    var frame: ConsoleFrame
}

/// One record, with its conflicts side by side and the decisions that may be made.
struct RecordPage {
    var frame: ConsoleFrame
    var path: String
    var csrf: String
    var version: String
    var id: String
    var typeLabel: String
    var heading: String
    var stateLabel: String
    var deleted: Bool
    var fields: [FieldRow]
    /// For a form record: the form and version its answers were taken with.
    var formVersion: String?
    /// For a complete succession diagnosis: its result and the next step.
    var diagnosis: String?
    /// For a hearing sheet: the six local-benchmark indicators.
    var indicators: [FieldRow]
    var hasIndicators: Bool
    /// For a company with hearing sheets: its local benchmark across them.
    var benchmark: ConsoleBenchmark?
    /// Who changed what, and when: newest first.
    var history: [HistoryRow]
    var hasHistory: Bool
    var conflicts: [ConflictBlock]
    var hasConflicts: Bool
    var otherConflicts: [String]
    var hasOtherConflicts: Bool
    var reviewable: Bool
    var approvable: Bool
    /// Whether the record is deleted: it may be restored, or its deletion confirmed
    /// over edits or a restore concurrent with it.
    var deletable: Bool

    struct FieldRow {
        var name: String
        var label: String
        var value: String
    }

    struct HistoryRow {
        var time: String
        var author: String
        var changes: String
    }

    struct ConflictBlock {
        var field: String
        var label: String
        var siblings: [SiblingBox]
    }

    struct SiblingBox {
        var field: String
        var number: Int
        var value: String
        var author: String
        var time: String
        var device: String
    }

    init(key: EntityKey, state: EntityState, companyName: String?, origins: [Dot: ChangeOrigin], history changes: [ChangeSet],
         schema: Schema, frame: ConsoleFrame, csrf: String) {
        let record = schema.records[key.type]
        self.frame = frame
        self.frame.title = "\(record?.label ?? key.type.rawValue) \(companyName ?? "")"
        path = ConsolePaths.record(key)
        self.csrf = csrf
        version = ConsoleService.version(of: state)
        id = key.id.rawValue
        typeLabel = record?.label ?? key.type.rawValue
        heading = companyName ?? ""
        let values = state.visibleValues, sets = state.visibleSets
        let reviewState = values[ReviewedRecordField.reviewState.rawValue]?.textValue.flatMap(ReviewState.init(rawValue:))
        stateLabel = reviewState?.japaneseLabel ?? ReviewState.draft.japaneseLabel
        deleted = state.isDeleted
        fields = (record?.fields ?? []).compactMap { spec in
            let shown: String
            if spec.isSet {
                let elements = sets[spec.name] ?? []
                guard !elements.isEmpty else { return nil }
                shown = elements.map { Self.text(of: $0, spec) }.joined(separator: "、")
            } else {
                guard let value = values[spec.name], value != .null else { return nil }
                // The company a record is about, by its name rather than its id.
                if case .reference(.company) = spec.kind, let companyName { shown = companyName } else { shown = Self.text(of: value, spec) }
            }
            return FieldRow(name: spec.name, label: spec.label, value: shown)
        }
        // A form record's answers, in the order its form version asks them, labelled by it.
        formVersion = nil
        indicators = []
        diagnosis = nil
        if let form = FormRecordType.of(key.type) {
            let answers = FormAnswers(formID: values[FormRecordField.formID.rawValue]?.textValue ?? form.formID,
                                      formVersion: values[FormRecordField.formVersion.rawValue]?.integerValue.map { Int($0) } ?? 0,
                                      answers: form.answers(inFields: values))
            let definition = try? FormCatalog.builtIn.definition(for: answers)
            formVersion = "\(definition?.title ?? answers.formID) 第\(answers.formVersion)版"
            let order = definition?.questions.map(\.id) ?? []
            let asked = order + answers.answers.keys.filter { !order.contains($0) }.sorted()
            fields += asked.compactMap { id in
                guard let value = answers.answers[id] else { return nil }
                let name = form.answerField(id)
                return FieldRow(name: name, label: record?.spec(for: name)?.label ?? id, value: value.textValue ?? value.description)
            }
            if form == .hearingSheet, let benchmark = try? LocalBenchmark(hearingSheet: answers) {
                // Each accounting period of the sheet, oldest first, when it gives their ends.
                let periods = (try? LocalBenchmark.periods(hearingSheet: answers)) ?? []
                indicators = benchmark.results.map { indicator, result in
                    let value = periods.isEmpty ? result.displayText
                        : periods.map { "\($0.label) \($0.benchmark.result(for: indicator).displayText)" }.joined(separator: " ／ ")
                    return FieldRow(name: indicator.code, label: indicator.japaneseLabel, value: value)
                }
            }
            if form == .successionDiagnosis, let result = try? SuccessionDiagnosisResult(answers: answers) {
                diagnosis = "\(result.label)。\(result.nextStep)"
            }
        }
        hasIndicators = !indicators.isEmpty
        history = changes.suffix(Self.historyLength).reversed().map { change in
            var done: [String] = []
            change.forEachRecord { touched, operations in
                guard touched == key else { return }
                for operation in operations {
                    switch operation {
                    case .set(_, let field, let value):
                        let spec = record?.spec(for: field)
                        done.append("\(spec?.label ?? field): \(spec.map { Self.text(of: value, $0) } ?? value.description)")
                    case .add(_, let field, let element): done.append("\(record?.spec(for: field)?.label ?? field) に追加: \(element.textValue ?? element.description)")
                    case .remove(_, let field, let element): done.append("\(record?.spec(for: field)?.label ?? field) から削除: \(element.textValue ?? element.description)")
                    case .delete: done.append("記録を削除")
                    case .restore: done.append("記録を復元")
                    case .approve: done.append("承認")
                    }
                }
            }
            return HistoryRow(time: ConsoleClock.text(Date(timeIntervalSince1970: Double(change.timestamp.time) / 1000)),
                              author: change.author, changes: done.joined(separator: " ／ "))
        }
        hasHistory = !history.isEmpty
        let all = record.map { state.conflicts(of: key, schema: $0) } ?? []
        conflicts = all.filter { $0.kind == .concurrentValues }.map { conflict in
            let field = conflict.fields.first ?? ""
            let spec = record?.spec(for: field)
            return ConflictBlock(field: field, label: spec?.label ?? field, siblings: conflict.siblings.enumerated().map { index, sibling in
                SiblingBox(field: field, number: index + 1, value: spec.map { Self.text(of: sibling.value, $0) } ?? sibling.value.description,
                           author: sibling.author, time: ConsoleClock.text(Date(timeIntervalSince1970: Double(sibling.timestamp.time) / 1000)),
                           device: origins[sibling.dot]?.device ?? "")
            })
        }
        hasConflicts = !conflicts.isEmpty
        otherConflicts = all.filter { $0.kind != .concurrentValues }.map { conflict in
            let labels = conflict.fields.map { record?.spec(for: $0)?.label ?? $0 }.joined(separator: "、")
            return conflict.kind == .editedWhileDeleted
                ? "削除と同時に編集されました（\(labels)）。復元するか、削除を確定してください。"
                : "削除と復元が同時に行われました。復元するか、削除を確定してください。"
        }
        hasOtherConflicts = !otherConflicts.isEmpty
        reviewable = schema.reviewedTypes.contains(key.type) && !state.isDeleted
        approvable = reviewable && all.isEmpty
        deletable = state.isDeleted || all.contains { $0.kind != .concurrentValues }
    }

    /// The most changes the history shows: the latest.
    static let historyLength = 100

    /// A value as people read it: a code as its label, yes or no in Japanese.
    static func text(of value: FieldValue, _ spec: FieldSpec) -> String {
        switch (spec.kind, value) {
        case (.code(let list), .text(let code)), (.codeSet(let list), .text(let code)):
            return list.entries.first { $0.code == code }?.label ?? code
        case (_, .bool(let flag)):
            return flag ? "はい" : "いいえ"
        case (.yen, .integer(let amount)):
            return amount.formatted(.number.grouping(.automatic)) + " 円"
        default:
            return value.textValue ?? value.description
        }
    }
}

/// The console's addresses, written in one place.
enum ConsolePaths {
    static let root = "/console"
    static let login = "/console/login"
    static let logout = "/console/logout"
    static let review = "/console/review"
    static let stylesheet = "/console/static/console.css"

    static func record(_ key: EntityKey) -> String {
        "/console/records/\(escape(key.type.rawValue))/\(escape(key.id.rawValue))"
    }

    private static func escape(_ part: String) -> String {
        part.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-_."))) ?? part
    }
}

extension Role {
    /// The role as the console names it.
    var japaneseLabel: String {
        switch self {
        case .field: "担当者"
        case .manager: "課長"
        case .admin: "管理者"
        }
    }
}
