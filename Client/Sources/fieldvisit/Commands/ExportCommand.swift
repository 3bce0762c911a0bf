import ArgumentParser
import FieldVisitClient
import FieldVisitCore
import Foundation

/// `fieldvisit export`: companies or visits as CSV for Excel, or everything as JSON.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: ReportCommandHelp.exportAbstract.text(),
        discussion: ReportCommandHelp.exportDiscussion.text()
    )

    /// The file formats.
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case csv, json
    }

    /// The CSV encodings offered on the command line.
    enum Encoding: String, ExpressibleByArgument, CaseIterable {
        case utf8, sjis

        var csvEncoding: CSVEncoding {
            switch self {
            case .utf8: .utf8WithBOM
            case .sjis: .cp932
            }
        }
    }

    @OptionGroup var store: StoreOptions
    @Option(help: ArgumentHelp(ReportCommandHelp.exportFormat.text())) var format: Format
    @Option(help: ArgumentHelp(ReportCommandHelp.exportType.text(["types": FormRecordType.builtIn.map(\.command).joined(separator: ", ")]))) var type: ExportType?
    @Option(help: ArgumentHelp(ReportCommandHelp.exportOutput.text())) var output: String?
    @Option(help: ArgumentHelp(CommandHelp.csvEncoding.text())) var encoding: Encoding?

    func validate() throws {
        if format == .csv, type == nil {
            throw ArgumentParser.ValidationError(TransferMessage.exportNeedsType.text())
        }
        if format == .json, encoding != nil {
            throw ArgumentParser.ValidationError(TransferMessage.exportEncodingJSON.text())
        }
    }

    func run() throws {
        let store = try store.open()
        let data: Data
        let description: String
        switch (format, type) {
        case (.csv, let kind?):
            let export = kind.export(encoding: (encoding ?? .utf8).csvEncoding)
            let records = try store.list(kind.recordType)
            do {
                data = try export.csv(records)
            } catch {
                throw CommandFailure(message: TransferMessage.exportFailed.text(["reason": error.description]))
            }
            description = kind.count(records.count) + export.encoding.note
        case (.json, let kind?):
            let records = try store.list(kind.recordType)
            data = try Self.json(records.map(RecordJSON.init))
            description = kind.count(records.count) + TransferMessage.inEncoding.text(["encoding": "JSON"])
        case (.json, nil):
            let companies = try store.list(.company)
            let visits = try store.list(.visit)
            data = try Self.json(["companies": companies.map(RecordJSON.init), "visits": visits.map(RecordJSON.init)])
            description = TransferMessage.exportBoth.text([
                "companies": TransferType.companies.count(companies.count), "visits": TransferType.visits.count(visits.count),
            ]) + TransferMessage.inEncoding.text(["encoding": "JSON"])
        case (.csv, nil):
            throw CommandFailure(message: TransferMessage.exportNeedsTypeTransfer.text(), code: 2)
        }
        guard let output else {
            FileHandle.standardOutput.write(data)
            return
        }
        // Personal data: owner-only, like everything the client keeps.
        try OwnerOnlyFile.write(data, to: output)
        print(TransferMessage.exportWritten.text(["description": description, "file": output]))
    }

    /// JSON as `company list --json` prints it: pretty, keys sorted, ending in a newline.
    static func json<T: Encodable>(_ value: T) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(value) + Data("\n".utf8)
    }
}

/// What `export --type` names: companies, visits, or the records of a form type.
enum ExportType: ExpressibleByArgument {
    case transfer(TransferKind)
    case form(FormRecordType)

    init?(argument: String) {
        if let kind = TransferKind(rawValue: argument) {
            self = .transfer(kind)
        } else if let form = FormRecordType.named(argument) {
            self = .form(form)
        } else {
            return nil
        }
    }

    static var allValueStrings: [String] { TransferKind.allCases.map(\.rawValue) + FormRecordType.builtIn.map(\.command) }

    /// The type of the records exported.
    var recordType: RecordType {
        switch self {
        case .transfer(let kind): kind.transferType.recordType
        case .form(let form): form.recordType
        }
    }

    /// The CSV export.
    func export(encoding: CSVEncoding) -> RecordExport {
        switch self {
        case .transfer(let kind): RecordExport(kind.transferType, encoding: encoding)
        case .form(let form): RecordExport(form, encoding: encoding)
        }
    }

    /// `1 company`, `3 visits`, `2 hearingSheet records`.
    func count(_ number: Int) -> String {
        switch self {
        case .transfer(let kind): kind.transferType.count(number)
        case .form(let form):
            (number == 1 ? TransferMessage.formRecordCountOne : .formRecordCount)
                .text(["count": String(number), "type": LocalizedText(english: form.recordType.rawValue, japanese: form.label).text()])
        }
    }
}

/// `companies` or `visits`, as export and import take them on the command line.
enum TransferKind: String, ExpressibleByArgument, CaseIterable {
    case companies, visits

    var transferType: TransferType {
        switch self {
        case .companies: .companies
        case .visits: .visits
        }
    }

}
