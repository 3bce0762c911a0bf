import ArgumentParser
import FieldVisitClient
import FieldVisitCore

/// `fieldvisit agenda`: follow-ups due.
struct AgendaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "agenda",
        abstract: CommandHelp.agendaAbstract.text()
    )
    @OptionGroup var store: StoreOptions
    @OptionGroup var output: OutputOptions
    @Option(help: ArgumentHelp(CommandHelp.agendaOn.text())) var on: String?

    func run() throws {
        let store = try store.open()
        let day = try on.map { try CalendarDate(typed: $0, field: "on") } ?? .today()
        try printVisits(try store.agenda(on: day), store: store, json: output.json, dueColumn: true)
    }
}

/// `fieldvisit conflicts`: fields in conflict on this laptop.
struct ConflictsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "conflicts", abstract: CommandHelp.conflictsAbstract.text())
    @OptionGroup var store: StoreOptions
    @OptionGroup var output: OutputOptions

    struct Entry: Encodable {
        var type: RecordType
        var id: RecordID
        var kind: Conflict.Kind
        var fields: [String]
        var values: [Value]
        struct Value: Encodable {
            var value: FieldValue
            var author: String
            var device: String
            var time: String
        }
    }

    func run() throws {
        let store = try store.open()
        let conflicts = try store.conflicts()
        let entries = conflicts.map { conflict in
            Entry(type: conflict.entity.type, id: conflict.entity.id, kind: conflict.kind, fields: conflict.fields, values: conflict.siblings.map {
                .init(value: $0.value, author: $0.author, device: $0.dot.replica.description, time: Output.time($0.timestamp))
            })
        }
        if output.json { return try Output.json(entries) }
        Output.table(["種類", "ID", "項目", "競合する値"], conflicts.map { conflict in
            let schema = store.schema.records[conflict.entity.type]
            let fields = conflict.fields.map { schema?.spec(for: $0)?.label ?? $0 }.joined(separator: "、")
            let values: String = switch conflict.kind {
            case .concurrentValues:
                conflict.siblings.map { "\(RecordSummary.display($0.value, spec: schema?.spec(for: conflict.fields[0]))) (\($0.author))" }.joined(separator: " / ")
            case .editedWhileDeleted: "削除と同時に編集された"
            case .deletedAndRestored: "削除と復元が同時に行われた"
            }
            return [schema?.label ?? conflict.entity.type.rawValue, Output.shortID(conflict.entity.id), fields, values]
        })
    }
}

/// `fieldvisit history ID`: who changed what, when, from which device.
struct HistoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "history", abstract: CommandHelp.historyAbstract.text())
    @OptionGroup var store: StoreOptions
    @OptionGroup var output: OutputOptions
    @Argument(help: ArgumentHelp(CommandHelp.historyID.text())) var id: String

    struct Entry: Encodable {
        var change: String
        var author: String
        var device: String
        var time: String
        /// The writer's clock was wrong: stamped far after the change arrived, or before 2000.
        var implausibleTime: Bool
        var operations: [ChangeSet.Operation]
    }

    func run() throws {
        let store = try store.open()
        let key = try resolveAnyRecord(id, in: store)
        let doubtful = try store.implausibleTimes(of: key)
        let entries = try store.history(of: key).map { change in
            Entry(change: change.dot.description, author: change.author, device: change.replica.description,
                  time: Output.time(change.timestamp), implausibleTime: doubtful.contains(change.dot), operations: change.operations.filter { $0.entity == key })
        }
        if output.json { return try Output.json(entries) }
        let schema = try store.schema.requireRecord(key.type)
        var rows: [[String]] = []
        for entry in entries {
            for (index, operation) in entry.operations.enumerated() {
                rows.append([
                    index == 0 ? entry.time + (entry.implausibleTime ? " ⚠時刻不正" : "") : "", index == 0 ? entry.author : "", index == 0 ? String(entry.device.prefix(8)) : "",
                    describe(operation, schema: schema),
                ])
            }
        }
        Output.line("\(schema.label) \(key.id.rawValue)")
        Output.table(["日時", "変更者", "端末", "変更内容"], rows)
    }

    func describe(_ operation: ChangeSet.Operation, schema: RecordSchema) -> String {
        let label = { (field: String) in schema.spec(for: field)?.label ?? field }
        switch operation {
        case .set(_, let field, let value):
            return value == .null ? "\(label(field)) を消去" : "\(label(field)) = \(RecordSummary.display(value, spec: schema.spec(for: field)))"
        case .add(_, let field, let element): return "\(label(field)) に追加: \(RecordSummary.display(element, spec: schema.spec(for: field)))"
        case .remove(_, let field, let element): return "\(label(field)) から削除: \(RecordSummary.display(element, spec: schema.spec(for: field)))"
        case .delete: return "記録を削除"
        case .restore: return "記録を復元"
        case .approve: return "承認"
        }
    }
}

/// `fieldvisit status`: what this laptop holds, whom it syncs with, and what it has
/// not sent yet.
struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "status", abstract: CommandHelp.statusAbstract.text())
    @OptionGroup var store: StoreOptions
    @OptionGroup var output: OutputOptions

    struct Status: Encodable {
        var home: String
        var user: String
        var replica: String
        var changeSets: Int
        /// This laptop's change sets the server has not acknowledged.
        var pending: Int
        var lastSync: String?
        var conflicts: Int
        /// Records returned to this user for correction: type and id.
        var returned: [String]
        var companies: Int
        var visits: Int
        var server: String?
        var device: String?
        var deviceName: String?
        var role: String?
        var branches: [String]?
    }

    func run() throws {
        let store = try store.open()
        let counts = try store.logCounts()
        let login = try store.loginSettings()
        let sync = try store.syncState()
        let returned: [String] = try store.returnedToUser().map { $0.description }
        let status = Status(
            home: store.home.directory.path, user: store.user, replica: store.replicaID.description,
            changeSets: counts.total, pending: try store.pendingCount(),
            lastSync: sync.lastSync.map { Output.time(HybridTimestamp(time: $0)) },
            conflicts: try store.conflicts().count, returned: returned, companies: try store.list(.company).count, visits: try store.list(.visit).count,
            server: login?.server, device: login?.device, deviceName: login?.deviceName, role: login?.role.rawValue, branches: login?.branches
        )
        if output.json { return try Output.json(status) }
        var rows: [[String]] = [
            [StatusMessage.statusDataDirectory.text(), status.home], [StatusMessage.statusUser.text(), status.user], [StatusMessage.statusReplica.text(), status.replica],
            [StatusMessage.statusCompanies.text(), String(status.companies)], [StatusMessage.statusVisits.text(), String(status.visits)],
            [StatusMessage.statusChangeSets.text(), String(status.changeSets)], [StatusMessage.statusWaiting.text(), String(status.pending)],
            [StatusMessage.statusConflicts.text(), String(status.conflicts)],
        ]
        rows.append([StatusMessage.statusReturned.text(), status.returned.isEmpty ? "0" : StatusMessage.statusReturnedHint.text(["count": String(status.returned.count)])])
        if let login {
            rows += [
                [StatusMessage.statusServer.text(), login.server], [StatusMessage.statusLoggedInAs.text(), "\(login.user) (\(login.role.label))"],
                [StatusMessage.statusDevice.text(), "\(login.device) (\(login.deviceName))"],
                [StatusMessage.statusBranches.text(), login.branches.isEmpty ? StatusMessage.statusNone.text() : login.branches.joined(separator: ", ")],
            ]
        } else {
            rows.append([StatusMessage.statusServer.text(), StatusMessage.statusNotLoggedIn.text()])
        }
        rows.append([StatusMessage.statusLastSync.text(), status.lastSync ?? StatusMessage.statusNever.text()])
        print(TextTable(columns: [.init(""), .init("")], rows: rows, showsHeader: false).render())
    }
}

/// Finds a record of any type by id or prefix.
func resolveAnyRecord(_ id: String, in store: LocalStore) throws -> EntityKey {
    var found: [EntityKey] = []
    for type in [RecordType.company, .visit] + FormRecordType.builtIn.map(\.recordType) {
        do {
            found.append(EntityKey(type, try store.resolve(id, type: type)))
        } catch StoreError.recordNotFound {
            continue
        }
    }
    switch found.count {
    case 0: throw StoreError.recordNotFound(type: "record", id: id)
    case 1: return found[0]
    default: throw StoreError.ambiguousPrefix(type: "record", prefix: id, candidates: found.map(\.description))
    }
}
