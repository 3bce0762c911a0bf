import FieldVisitCore

/// Which field each column of an imported file gives, from the header row.
///
/// A column may be named by the field's stable name (`corporateNumber`, as exported), by
/// its Japanese label in the schema (`法人番号`, `企業名（商号・屋号）`), or by a heading
/// people commonly use in their own spreadsheets (`企業名`, `フリガナ`, `資本金`). Names are
/// compared as ``JapaneseSearchKey`` folds them: width, kana, case, spaces and middle dots
/// do not matter (`企業名(ﾌﾘｶﾞﾅ)` is `企業名（フリガナ）`). The record id is the column `id`.
///
/// A column that names nothing known is an error rather than being skipped: a misspelt
/// heading would otherwise drop a whole column of data without a word.
public struct ImportColumns: Sendable, Hashable {
    /// The column holding record ids, when the file has one.
    public var idColumn: String?
    /// The field each other column gives, keyed by the column's name as written.
    public var fieldsByColumn: [String: String]
    /// The columns giving fields, in file order, so that problems are listed as the
    /// person reads the row.
    public var fieldColumns: [String]

    /// The columns of `header`, for records of `type`.
    ///
    /// - Throws: ``ImportFailure`` naming every unknown column and every field given by
    ///   two columns, on the header's line.
    public init(header: [String], line: Int, type: TransferType) throws(ImportFailure) {
        let known = Self.knownNames(type)
        var idColumn: String?
        var fieldsByColumn: [String: String] = [:]
        var fieldColumns: [String] = []
        var columnByField: [String: String] = [:]
        var unknown: [String] = []
        var problems: [ImportProblem] = []
        for column in header {
            guard let field = known[JapaneseSearchKey.fold(column)] else {
                unknown.append(column)
                continue
            }
            if let earlier = columnByField[field] {
                problems.append(ImportProblem(
                    line: line, column: column,
                    reason: TransferMessage.duplicateColumn.text(["field": field, "earlier": earlier])
                ))
                continue
            }
            columnByField[field] = column
            if field == Self.idField {
                idColumn = column
            } else {
                fieldsByColumn[column] = field
                fieldColumns.append(column)
            }
        }
        if !unknown.isEmpty {
            let names = unknown.map { "“\($0)”" }.joined(separator: ", ")
            let message: TransferMessage = unknown.count == 1 ? .unknownColumn : .unknownColumns
            problems.insert(ImportProblem(
                line: line, column: nil,
                reason: message.text(["record": type.singular, "names": names, "known": Self.knownColumnsDescription(type)])
            ), at: 0)
        }
        if !problems.isEmpty { throw ImportFailure(problems) }
        self.idColumn = idColumn
        self.fieldsByColumn = fieldsByColumn
        self.fieldColumns = fieldColumns
    }

    /// The column giving `field`, if the file has one.
    public func column(for field: String) -> String? {
        field == Self.idField ? idColumn : fieldsByColumn.first { $0.value == field }?.key
    }

    // MARK: Names

    /// The pseudo-field of the record id.
    static let idField = "id"

    /// Headings people use for the fields in their own spreadsheets, besides the field
    /// names and the schema's labels.
    static func commonHeadings(_ type: TransferType) -> [String: [String]] {
        switch type {
        case .companies:
            byName([
                Company.Field.name: ["企業名", "会社名", "商号", "屋号", "事業者名"],
                .nameKana: ["フリガナ", "カナ", "企業名カナ", "企業名フリガナ", "会社名フリガナ"],
                .legalForm: ["組織形態", "法人・個人の別", "法人個人"],
                .employees: ["従業員", "従業員数（人）"],
                .capital: ["資本金"],
                .annualSales: ["年商", "売上高"],
                .representativeName: ["代表者", "代表者名"],
                .representativeBirthYear: ["代表者生年", "生年"],
                .address: ["住所"],
                .branch: ["支所"],
                .mainBank: ["主力行", "取引銀行"],
                .mainBankType: ["業態", "メインバンク業態"],
                .cohortTags: ["区分"],
            ])
        case .visits:
            byName([
                Visit.Field.company: ["企業名", "会社名", "企業ID", "法人番号"],
                .date: ["日付", "面談日"],
                .purpose: ["目的"],
                .staff: ["訪問者", "担当"],
                .accompanyingOrganisations: ["同行"],
                .peopleMet: ["面談相手"],
                .notes: ["メモ", "備考", "内容"],
                .nextVisitDate: ["次回訪問日", "次回予定"],
                .reviewComment: ["コメント"],
            ])
        }
    }

    /// Headings keyed by field name instead of typed field.
    private static func byName(_ headings: [some FieldName: [String]]) -> [String: [String]] {
        Dictionary(uniqueKeysWithValues: headings.map { ($0.key.rawValue, $0.value) })
    }

    /// Every accepted column name, folded, with the field it gives: names first, then
    /// labels, then common headings, so that a heading never takes the place of a label.
    static func knownNames(_ type: TransferType) -> [String: String] {
        var known: [String: String] = [JapaneseSearchKey.fold(idField): idField]
        let schema = type.schema
        let headings = commonHeadings(type)
        let candidates: [[(String, String)]] = [
            schema.fields.map { ($0.name, $0.name) },
            schema.fields.map { ($0.label, $0.name) },
            schema.fields.flatMap { spec in (headings[spec.name] ?? []).map { ($0, spec.name) } },
        ]
        for (name, field) in candidates.joined() {
            let key = JapaneseSearchKey.fold(name)
            if known[key] == nil { known[key] = field }
        }
        return known
    }

    /// `id, name (企業名（商号・屋号）), …` for messages about unknown columns.
    static func knownColumnsDescription(_ type: TransferType) -> String {
        (["id"] + type.schema.fields.map { "\($0.name) (\($0.label))" }).joined(separator: ", ")
    }
}
