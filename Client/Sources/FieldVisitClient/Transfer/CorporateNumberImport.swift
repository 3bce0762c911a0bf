import FieldVisitCore
import Foundation

/// Imports the National Tax Agency's corporate-number download (法人番号公表サイト,
/// 基本3情報): the monthly file of a prefecture or a daily change file, as CSV without a
/// header row, in Shift_JIS or UTF-8 (with or without the byte order mark), 30 columns
/// a row (``CorporateNumberRow``).
///
/// **Companies.** A row is matched to the company with its corporate number (column 2).
/// The company gets the row's name (column 7), its furigana as ``Company/nameKana``
/// (column 29, when the row has one), its address (prefecture, city and street, columns
/// 10–12), its municipality (column 11) and the legal form of its kind (column 9: 301–305
/// are 株式会社, 有限会社, 合名会社, 合資会社 and 合同会社; other kinds are
/// ``LegalForm/other``, which never replaces a finer form a person chose, such as a
/// medical corporation). Only the fields that differ are written, as ordinary edits of
/// the company, so importing a file again writes nothing.
///
/// **Closures.** Each row is the corporation as the agency has it after that change, so
/// ``Company/closedOn``, ``Company/closeCause`` and ``Company/successorCorporateNumber``
/// follow columns 19–21: a closed register (process 21, 71, 81 or 99, or a close date)
/// sets them, the close date defaulting to the change date (column 6) when the row has
/// none, and a restored one (process 22 or 72), which has no close date, clears them.
///
/// **Several rows for one number** (the daily change files): rows are taken in file
/// order and the later row wins, so the last row of a number in the file decides the
/// company. Rows marked as history (column 24 is 0) are checked like every row; they
/// count only when no later row for their number follows, since they are then the
/// newest the file knows.
///
/// **Which companies.** A company of a branch the logged-in user does not cover is
/// skipped. A corporation not yet in the store becomes a new company of
/// ``Options/branch``, or of the user's only branch; with `cities`, only those of the
/// cities given are created, and with `existingOnly` none. Known companies are updated
/// wherever they are now, so that a move out of the cities is not missed.
///
/// **All or nothing.** Every row is checked (30 columns, check digit, dates, kind and
/// process codes, cell lengths, control characters) before anything is written; any
/// problem throws ``ImportFailure`` listing every bad row with its line and column, and
/// nothing is imported. The edits are committed in one transaction.
///
/// ```swift
/// let plan = try CorporateNumberImport(.init(branch: "morioka")).plan(data, against: store)
/// print(plan.report.summary)
/// try plan.apply(to: store)
/// ```
public struct CorporateNumberImport: Sendable, Hashable {
    /// What to import, beyond the file itself.
    public struct Options: Sendable, Hashable {
        /// The branch of the new companies; `nil` for the logged-in user's only branch.
        public var branch: String?
        /// The municipalities whose corporations become new companies: a local-government
        /// code of 5 or 6 digits (`03201` or `032018`) or a city name as the file writes it
        /// (`盛岡市`). Empty for every municipality.
        public var cities: [String]
        /// Whether only companies already in the store are updated, and none created.
        public var existingOnly: Bool

        /// Options for an import into `branch`, of `cities`, or of known companies only.
        public init(branch: String? = nil, cities: [String] = [], existingOnly: Bool = false) {
            self.branch = branch
            self.cities = cities
            self.existingOnly = existingOnly
        }
    }

    /// The largest file read, in bytes: a prefecture's monthly file is far smaller.
    public static let maxBytes = 200 * 1024 * 1024
    /// The most rows read from a file: a prefecture's monthly file of 100,000
    /// corporations fits several times over.
    public static let maxRows = 500_000

    /// The options of the import.
    public var options: Options

    /// An import with `options`.
    public init(_ options: Options = Options()) { self.options = options }

    /// Reads and checks a whole file against `store`, writing nothing.
    ///
    /// - Throws: ``ImportFailure`` listing every problem when the file cannot be read,
    ///   any row is invalid, or a new company has no branch; an error of the store when
    ///   it cannot be read.
    public func plan(_ data: Data, against store: LocalStore) throws -> CorporateNumberImportPlan {
        guard data.count <= Self.maxBytes else {
            throw ImportFailure([ImportProblem(line: nil, column: nil, reason: TransferMessage.ntaTooLarge.text(["size": String(data.count), "limit": String(Self.maxBytes)]))])
        }
        // Counted in the bytes before parsing, so that a hostile file of millions of tiny
        // rows or of one row of millions of commas is refused before it takes the
        // memory of its records (line breaks and commas are never part of a Shift_JIS
        // or UTF-8 character).
        var lineFeeds = 0, carriageReturns = 0, commas = 0
        for byte in data {
            switch byte {
            case 0x0A: lineFeeds += 1
            case 0x0D: carriageReturns += 1
            case 0x2C: commas += 1
            default: break
            }
        }
        let lines = max(lineFeeds, carriageReturns) + 1
        guard lines <= Self.maxRows + 1 else {
            throw ImportFailure([ImportProblem(line: nil, column: nil, reason: TransferMessage.ntaTooManyLines.text(["lines": String(lines), "limit": String(Self.maxRows)]))])
        }
        guard commas <= lines * 4 * CorporateNumberRow.columnCount else {
            throw ImportFailure([ImportProblem(line: nil, column: nil, reason: TransferMessage.ntaTooManyCommas.text([
                "commas": String(commas), "lines": String(lines), "columns": String(CorporateNumberRow.columnCount),
            ]))])
        }
        let text: String, encoding: CSVEncoding, records: [CSVRecord]
        do {
            (text, encoding) = try CSVReader.decode(data)
            records = try CSVReader.records(in: text)
        } catch {
            throw ImportFailure([ImportProblem(line: error.line, column: nil, reason: error.reason)])
        }
        guard records.count <= Self.maxRows else {
            throw ImportFailure([ImportProblem(line: nil, column: nil, reason: TransferMessage.ntaTooManyRows.text(["rows": String(records.count), "limit": String(Self.maxRows)]))])
        }

        // Every row checked; the last row of each number kept.
        var problems: [ImportProblem] = []
        var lastRow: [String: CorporateNumberRow] = [:]
        var order: [String] = []
        for record in records {
            do {
                let row = try CorporateNumberRow(record)
                if lastRow.updateValue(row, forKey: row.corporateNumber) == nil { order.append(row.corporateNumber) }
            } catch {
                problems += error.problems
            }
        }
        if !problems.isEmpty { throw ImportFailure(problems) }

        let login = try store.loginSettings()
        let userBranches = login.map { Set($0.branches) }
        if let branch = options.branch, let userBranches, !userBranches.contains(branch) {
            throw ImportFailure([ImportProblem(line: nil, column: nil, reason: TransferMessage.ntaNotYourBranch.text([
                "branch": branch, "branches": login!.branches.sorted().joined(separator: ", "),
            ]))])
        }
        let cities = CityFilter(options.cities)
        let companies = try CorporateNumberDirectory(store)

        var outcomes: [CorporateNumberImportReport.Company] = []
        var changes: [[Edit]] = []
        var newBranch: String?? = nil  // decided at the first new company
        for number in order {
            let row = lastRow[number]!
            let holders = companies.byNumber[number] ?? []
            if holders.count > 1 {
                problems.append(ImportProblem(line: row.line, column: CorporateNumberRow.columnName(2), reason: TransferMessage.ntaSharedCorporateNumber.text([
                    "number": number, "count": String(holders.count), "ids": holders.map(\.key.id.rawValue).joined(separator: ", "),
                ])))
                continue
            }
            func outcome(_ kind: CorporateNumberImportReport.Outcome, _ key: EntityKey?, fields: [String] = []) {
                outcomes.append(.init(line: row.line, corporateNumber: number, name: row.name, key: key, outcome: kind, changedFields: fields))
            }
            if let current = holders.first {
                if current.isDeleted { outcome(.skipped(.deleted), current.key); continue }
                if let userBranches, let branch = current.text(Company.Field.branch), !userBranches.contains(branch) {
                    outcome(.skipped(.otherBranch), current.key)
                    continue
                }
                let values = row.values(currentLegalForm: current.text(Company.Field.legalForm).flatMap(LegalForm.init(rawValue:)))
                var change = RecordChange(current.key)
                for (field, value) in values where current.values[field] ?? .null != value { change.values[field] = value }
                if change.isEmpty { outcome(.unchanged, current.key); continue }
                let state = try store.state(of: current.key)
                do {
                    let edits = try change.edits(current: state, schema: .company)
                    guard !edits.isEmpty else { outcome(.unchanged, current.key); continue }
                    changes.append(edits)
                } catch {
                    problems += error.errors.map { ImportProblem(line: row.line, column: CorporateNumberRow.columnName(of: $0.field), reason: $0.reason) }
                    continue
                }
                let fields = RecordSchema.company.fields.map(\.name).filter { change.values[$0] != nil }
                let closed = Company.Field.closedOn.rawValue
                let update: CorporateNumberImportReport.Update =
                    if let value = change.values[closed] { value == .null ? .restored : (current.values[closed] == nil ? .closed : .other) }
                    else if change.values[Company.Field.name.rawValue] != nil { .nameChanged }
                    else { .other }
                outcome(.updated(update), current.key, fields: fields)
                continue
            }
            if !cities.contains(row) { outcome(.skipped(.outsideCities), nil); continue }
            if options.existingOnly { outcome(.skipped(.notExisting), nil); continue }
            if newBranch == nil {
                if let branch = options.branch {
                    newBranch = .some(branch)
                } else if let branches = login?.branches, branches.count == 1 {
                    newBranch = .some(branches[0])
                } else {
                    let yours = login.map {
                        $0.branches.isEmpty ? TransferMessage.ntaNoBranchAtAll.text()
                            : TransferMessage.ntaYourBranches.text(["branches": $0.branches.sorted().joined(separator: ", ")])
                    } ?? TransferMessage.ntaNotLoggedIn.text()
                    throw ImportFailure([ImportProblem(line: row.line, column: nil, reason: TransferMessage.ntaNeedsBranch.text(["name": row.name, "number": number, "yours": yours]))])
                }
            }
            let key = EntityKey(.company, .random())
            var change = RecordChange(key)
            change.values = row.values(currentLegalForm: nil).filter { $0.value != .null }
            if case .some(.some(let branch)) = newBranch { change.values[Company.Field.branch.rawValue] = .text(branch) }
            do {
                changes.append(try change.edits(current: nil, schema: .company))
            } catch {
                problems += error.errors.map { ImportProblem(line: row.line, column: CorporateNumberRow.columnName(of: $0.field), reason: $0.reason) }
                continue
            }
            outcome(.new, key, fields: RecordSchema.company.fields.map(\.name).filter { change.values[$0] != nil })
        }
        if !problems.isEmpty { throw ImportFailure(problems) }
        let report = CorporateNumberImportReport(rowCount: records.count, companies: outcomes, encoding: encoding, isApplied: false)
        return CorporateNumberImportPlan(report: report, changes: changes)
    }
}

/// A checked corporate-number import, ready to be written: the report of what it will
/// do and the edits that do it.
public struct CorporateNumberImportPlan: Sendable, Hashable {
    /// What the import will do, company by company; ``CorporateNumberImportReport/isApplied`` is `false`.
    public var report: CorporateNumberImportReport
    /// The edits of each new and updated company: one change set each.
    public var changes: [[Edit]]

    /// Writes the import, a change set per company, in one transaction (nothing when
    /// every company is unchanged or skipped).
    ///
    /// - Throws: an error of the store; the store is then unchanged.
    @discardableResult
    public func apply(to store: LocalStore) throws -> CorporateNumberImportReport {
        if !changes.isEmpty { try store.commit(each: changes) }
        var report = report
        report.isApplied = true
        return report
    }
}

/// What a corporate-number import did, or with `--dry-run` would do: one entry per
/// corporate number of the file.
public struct CorporateNumberImportReport: Sendable, Hashable {
    /// Why a corporation of the file was left alone.
    public enum Skip: String, Sendable, Hashable, CaseIterable {
        /// Its company belongs to a branch the user does not cover.
        case otherBranch
        /// It is not in the store and not in the cities asked for.
        case outsideCities
        /// It is not in the store, and only known companies were to be updated.
        case notExisting
        /// Its company was deleted here; an import does not bring it back.
        case deleted
    }

    /// What changed in an updated company, for the summary.
    public enum Update: String, Sendable, Hashable, CaseIterable {
        /// Its register was closed.
        case closed
        /// Its register was restored: the closure cleared.
        case restored
        /// Its name changed.
        case nameChanged
        /// Another field changed: the address, the kana, the legal form, the closure's details.
        case other
    }

    /// What became of one corporation.
    public enum Outcome: Sendable, Hashable {
        /// A new company.
        case new
        /// A company already in the store, some of whose fields changed.
        case updated(Update)
        /// A company already in the store exactly as the file has it.
        case unchanged
        /// Not imported.
        case skipped(Skip)
    }

    /// One corporation of the file and what became of it.
    public struct Company: Sendable, Hashable {
        /// The line of the row that decided it: the last row of its number.
        public var line: Int
        /// Its corporate number.
        public var corporateNumber: String
        /// Its name in the file.
        public var name: String
        /// Its company, `nil` when skipped without one.
        public var key: EntityKey?
        /// What became of it.
        public var outcome: Outcome
        /// The fields written, by stable name.
        public var changedFields: [String]
    }

    /// How many rows the file has.
    public var rowCount: Int
    /// The corporations of the file, in the order of their first row.
    public var companies: [Company]
    /// The encoding the file was found to be in.
    public var encoding: CSVEncoding?
    /// Whether the companies were written; `false` for a dry run.
    public var isApplied: Bool

    /// How many corporations had an outcome `matching`.
    public func count(where matching: (Outcome) -> Bool) -> Int { companies.count { matching($0.outcome) } }

    /// How many companies were created.
    public var newCount: Int { count { $0 == .new } }
    /// How many companies were unchanged.
    public var unchangedCount: Int { count { $0 == .unchanged } }
    /// How many companies were updated with `update`, or at all when `nil`.
    public func updatedCount(_ update: Update? = nil) -> Int {
        count { if case .updated(let kind) = $0 { update == nil || kind == update } else { false } }
    }
    /// How many corporations were skipped for `skip`, or at all when `nil`.
    public func skippedCount(_ skip: Skip? = nil) -> Int {
        count { if case .skipped(let reason) = $0 { skip == nil || reason == skip } else { false } }
    }

    /// `2 new, 3 updated (1 name changed, 1 closed, 0 restored, 1 other), 5 unchanged,
    /// 4 skipped (2 other branch, 1 outside the cities, 1 not existing, 0 deleted); 16 rows`.
    public var summary: String {
        let separator = Language.current == .japanese ? "、" : ", "
        let updated = [(TransferMessage.updateNameChanged, Update.nameChanged), (.updateClosed, .closed), (.updateRestored, .restored), (.updateOther, .other)]
            .map { $0.text(["count": String(updatedCount($1))]) }.joined(separator: separator)
        let skipped = [(TransferMessage.skipOtherBranch, Skip.otherBranch), (.skipOutsideCities, .outsideCities), (.skipNotExisting, .notExisting), (.skipDeleted, .deleted)]
            .map { $0.text(["count": String(skippedCount($1))]) }.joined(separator: separator)
        return TransferMessage.ntaSummary.text([
            "new": String(newCount), "updated": String(updatedCount()), "updates": updated, "unchanged": String(unchangedCount),
            "skipped": String(skippedCount()), "skips": skipped, "rows": String(rowCount),
        ])
    }
}

// MARK: - Rows

/// One row of the National Tax Agency's corporate-number download, checked: the columns
/// the import uses, read and validated.
public struct CorporateNumberRow: Sendable, Hashable {
    /// The columns of a row.
    public static let columnCount = 30
    /// The longest cell read, in characters: the agency's longest field (an English
    /// address) is 300.
    public static let maxCellLength = 1000
    /// The kind codes (法人種別) and the legal form each gives.
    public static let legalForms: [String: LegalForm] = [
        "101": .other, "201": .other, "301": .stockCompany, "302": .limitedCompany, "303": .generalPartnershipCompany,
        "304": .limitedPartnershipCompany, "305": .limitedLiabilityCompany, "399": .other, "401": .other, "499": .other,
    ]
    /// The process codes (処理区分): new, name, address and foreign address changed,
    /// closed, restored, merged, merger annulled, struck off, deleted.
    public static let processes: Set<String> = ["01", "11", "12", "13", "21", "22", "71", "72", "81", "99"]
    /// The processes that close a register.
    public static let closingProcesses: Set<String> = ["21", "71", "81", "99"]
    /// The processes that restore a closed register.
    public static let restoringProcesses: Set<String> = ["22", "72"]

    /// The line the row starts on.
    public var line: Int
    /// The corporate number (column 2).
    public var corporateNumber: String
    /// The process (column 3).
    public var process: String
    /// The name (column 7).
    public var name: String
    /// The kind (column 9).
    public var kind: String
    /// The prefecture, city, and street and number (columns 10–12).
    public var prefecture: String, city: String, street: String
    /// The local-government code of the city, 5 digits, when the row has one (columns 14 and 15).
    public var cityCode: String?
    /// The close date (column 19), else the change date (column 6) for a closing process.
    public var closedOn: CalendarDate?
    /// The close cause (column 20).
    public var closeCause: CloseCause?
    /// The successor's corporate number (column 21).
    public var successor: String?
    /// The furigana (column 29).
    public var furigana: String

    /// The Japanese name of column `number` (1-based), for messages: `column 2 (法人番号)`.
    public static func columnName(_ number: Int) -> String {
        TransferMessage.ntaColumn.text(["number": String(number), "label": columnLabels[number - 1]])
    }

    /// The column a field of the company comes from, for messages about its value.
    static func columnName(of field: String) -> String {
        switch Company.Field(rawValue: field) {
        case .name: columnName(7)
        case .nameKana: columnName(29)
        case .address: TransferMessage.ntaAddressColumns.text()
        case .municipality: columnName(11)
        case .closedOn: columnName(19)
        case .successorCorporateNumber: columnName(21)
        default: field
        }
    }

    /// The agency's names of the 30 columns.
    static let columnLabels = [
        "一連番号", "法人番号", "処理区分", "訂正区分", "更新年月日", "変更年月日", "商号又は名称", "商号又は名称イメージID",
        "法人種別", "国内所在地（都道府県）", "国内所在地（市区町村）", "国内所在地（丁目番地等）", "国内所在地イメージID",
        "都道府県コード", "市区町村コード", "郵便番号", "国外所在地", "国外所在地イメージID", "登記記録の閉鎖等年月日",
        "登記記録の閉鎖等の事由", "承継先法人番号", "変更事由の詳細", "法人番号指定年月日", "最新履歴", "商号又は名称（英語表記）",
        "国内所在地（都道府県）（英語表記）", "国内所在地（市区町村丁目番地等）（英語表記）", "国外所在地（英語表記）", "フリガナ", "検索対象除外",
    ]

    /// Reads and checks one record of the file.
    ///
    /// - Throws: ``ImportFailure`` with every problem of the row, each naming its line
    ///   and column.
    public init(_ record: CSVRecord) throws(ImportFailure) {
        line = record.line
        let fields = record.fields
        guard fields.count == Self.columnCount else {
            throw ImportFailure([ImportProblem(line: record.line, column: nil, reason: TransferMessage.ntaColumnCount.text(["count": String(fields.count), "expected": String(Self.columnCount)]))])
        }
        var problems: [ImportProblem] = []
        func problem(_ column: Int, _ reason: String) {
            problems.append(ImportProblem(line: record.line, column: Self.columnName(column), reason: reason))
        }
        for (index, cell) in fields.enumerated() {
            // Counted in bytes first: a hostile cell of megabytes is not walked as characters.
            if cell.utf8.count > Self.maxCellLength * 4 || cell.count > Self.maxCellLength {
                problem(index + 1, TransferMessage.ntaCellTooLong.text(["bytes": String(cell.utf8.count), "limit": String(Self.maxCellLength)]))
            } else if cell.containsControlCharacters {
                problem(index + 1, TransferMessage.ntaControlCharacter.text())
            }
        }
        guard problems.isEmpty else { throw ImportFailure(problems) }
        func cell(_ column: Int) -> String { fields[column - 1].trimmingCharacters(in: .whitespaces) }
        func digits(_ column: Int, _ counts: Set<Int>, required: Bool) -> String? {
            let text = cell(column)
            if text.isEmpty, !required { return nil }
            guard counts.contains(text.utf8.count), text.utf8.allSatisfy({ (0x30...0x39).contains($0) }) else {
                problem(column, TransferMessage.ntaNotDigits.text([
                    "text": text, "counts": counts.sorted().map(String.init).joined(separator: TransferMessage.ntaDigitsOr.text()),
                ]))
                return nil
            }
            return text
        }
        func date(_ column: Int) -> CalendarDate? {
            let text = cell(column)
            guard !text.isEmpty else { return nil }
            do { return try CalendarDate(text, field: Self.columnLabels[column - 1]) } catch {
                problem(column, error.reason)
                return nil
            }
        }
        func number(_ column: Int) -> String? {
            let text = cell(column)
            guard !text.isEmpty else { return nil }
            do { return try CorporateNumber(text, field: Self.columnLabels[column - 1]).digits } catch {
                problem(column, error.reason)
                return nil
            }
        }

        _ = digits(1, Set(1...10), required: false)
        corporateNumber = number(2) ?? ""
        if corporateNumber.isEmpty, cell(2).isEmpty { problem(2, TransferMessage.ntaEmptyNumber.text()) }
        process = cell(3)
        if !Self.processes.contains(process) { problem(3, TransferMessage.ntaNotProcess.text(["text": process, "codes": Self.processes.sorted().joined(separator: ", ")])) }
        if !["0", "1"].contains(cell(4)) { problem(4, TransferMessage.ntaNotZeroOrOne.text(["text": cell(4)])) }
        _ = date(5)
        let changedOn = date(6)
        name = cell(7)
        if name.isEmpty { problem(7, TransferMessage.ntaEmptyName.text()) }
        kind = cell(9)
        if Self.legalForms[kind] == nil { problem(9, TransferMessage.ntaNotKind.text(["text": kind, "codes": Self.legalForms.keys.sorted().joined(separator: ", ")])) }
        prefecture = cell(10)
        city = cell(11)
        street = cell(12)
        let prefectureCode = digits(14, [2], required: false)
        let cityNumber = digits(15, [3, 5, 6], required: false)
        cityCode = switch (prefectureCode, cityNumber) {
        case (let p?, let c?) where c.count == 3: p + c
        case (_, let c?) where c.count >= 5: String(c.prefix(5))
        default: nil
        }
        _ = digits(16, [7], required: false)
        let closeDate = date(19)
        let cause = cell(20)
        if cause.isEmpty {
            closeCause = nil
        } else if let known = CloseCause(ntaCode: cause) {
            closeCause = known
        } else {
            closeCause = nil
            problem(20, TransferMessage.ntaNotCloseCause.text(["text": cause, "codes": CloseCause.allCases.map(\.ntaCode).joined(separator: ", ")]))
        }
        successor = number(21)
        _ = date(23)
        if !["0", "1"].contains(cell(24)) { problem(24, TransferMessage.ntaNotZeroOrOne.text(["text": cell(24)])) }
        furigana = cell(29)
        if !["", "0", "1"].contains(cell(30)) { problem(30, TransferMessage.ntaNotZeroOrOne.text(["text": cell(30)])) }
        closedOn = closeDate ?? (Self.closingProcesses.contains(process) ? changedOn : nil)
        if Self.closingProcesses.contains(process), closedOn == nil {
            problem(19, TransferMessage.ntaNoCloseDate.text(["process": process]))
        }
        if !problems.isEmpty { throw ImportFailure(problems) }
    }

    /// The company's fields as the row has them, `.null` for a closure field to clear.
    /// The kana is left out when the row has none, and a kind of ``LegalForm/other``
    /// when the company has a finer form than the five kinds of company.
    func values(currentLegalForm: LegalForm?) -> [String: FieldValue] {
        var values: [String: FieldValue] = [
            Company.Field.name.rawValue: .text(name),
            Company.Field.corporateNumber.rawValue: .text(corporateNumber),
            Company.Field.closedOn.rawValue: closedOn.map { .text($0.description) } ?? .null,
            Company.Field.closeCause.rawValue: closeCause.map { .text($0.code) } ?? .null,
            Company.Field.successorCorporateNumber.rawValue: successor.map { .text($0) } ?? .null,
        ]
        if !furigana.isEmpty { values[Company.Field.nameKana.rawValue] = .text(furigana) }
        let address = prefecture + city + street
        if !address.isEmpty { values[Company.Field.address.rawValue] = .text(address) }
        if !city.isEmpty { values[Company.Field.municipality.rawValue] = .text(city) }
        if let form = Self.legalForms[kind] {
            let finer: Set<LegalForm> = [.medicalCorporation, .nonProfitCorporation, .cooperative]
            if form != .other || !finer.contains(currentLegalForm ?? .other) {
                values[Company.Field.legalForm.rawValue] = .text(form.code)
            }
        }
        return values
    }
}

// MARK: - Matching

/// The cities asked for, by local-government code or name.
private struct CityFilter {
    var codes: Set<String> = []
    var names: Set<String> = []

    init(_ cities: [String]) {
        for city in cities {
            let text = city.precomposedStringWithCompatibilityMapping.trimmingCharacters(in: .whitespaces)
            if (5...6).contains(text.utf8.count), text.utf8.allSatisfy({ (0x30...0x39).contains($0) }) {
                codes.insert(String(text.prefix(5)))
            } else {
                names.insert(JapaneseSearchKey.fold(text))
            }
        }
    }

    /// Whether `row` is in one of the cities, or no city was asked for.
    func contains(_ row: CorporateNumberRow) -> Bool {
        if codes.isEmpty, names.isEmpty { return true }
        if let code = row.cityCode, codes.contains(code) { return true }
        return !names.isEmpty && names.contains(JapaneseSearchKey.fold(row.city))
    }
}

/// The companies of the store by corporate number, read once.
private struct CorporateNumberDirectory {
    var byNumber: [String: [RecordSummary]] = [:]

    init(_ store: LocalStore) throws {
        for company in try store.unorderedList(.company) {
            guard let number = company.text(Company.Field.corporateNumber) else { continue }
            byNumber[number, default: []].append(company)
        }
        // A deleted company counts only when no live one has the number.
        for (number, companies) in byNumber where companies.count > 1 {
            let live = companies.filter { !$0.isDeleted }
            byNumber[number] = live.isEmpty ? [companies[0]] : live
        }
    }
}
