import FieldVisitCore

/// `import` and `export`: the refusals of a file with their line and column, what an
/// import did or would do, and what an export wrote.
public enum TransferMessage: String, MessageCatalogue {
    case nounCompany, nounVisit, nounCompanies, nounVisits, recordCount, formRecordCount, formRecordCountOne,
         lineName, problemColumn, problemLineColumn,
         failedHeading, failedHeadingOne, failedHeadingMany, fileTooLarge, fileUnreadable, importSummary,
         dryRun, imported, outcomeNew, outcomeUpdated, outcomeUnchanged, outcomeSkipped,
         optionsOfNTA, formatOfForms,
         duplicateRecord, duplicateCorporateNumber, sharedCorporateNumber, idAgainstCorporateNumber, deletedRecord,
         deletedCompany, companyNotFound, companyAmbiguous, describedCorporateNumber, describedName,
         duplicateColumn, unknownColumns, unknownColumn, excelShortenedNumber, notACode,
         ntaTooLarge, ntaTooManyLines, ntaTooManyCommas, ntaTooManyRows, ntaNotYourBranch, ntaSharedCorporateNumber,
         ntaNoBranchAtAll, ntaYourBranches, ntaNotLoggedIn, ntaNeedsBranch, ntaColumn, ntaAddressColumns, ntaColumnCount,
         ntaCellTooLong, ntaControlCharacter, ntaNotDigits, ntaDigitsOr, ntaEmptyNumber, ntaNotProcess, ntaNotZeroOrOne,
         ntaEmptyName, ntaNotKind, ntaNotCloseCause, ntaNoCloseDate, ntaSummary,
         skipOtherBranch, skipOutsideCities, skipNotExisting, skipDeleted,
         updateClosed, updateRestored, updateNameChanged, updateOther,
         formTooLarge, formUnknownColumns, formNotUTF8, formUnknownKey, formDuplicateRecord, formDeletedRecord, formWrongForm,
         formNoVersion, formNoCompany, formNoVisit, formNoQuestion,
         inEncoding, encodingBOM, exportFailed, exportNeedsType, exportNeedsTypeTransfer, exportEncodingJSON, exportWritten, exportBoth, exportUnencodable

    public var texts: (english: String, japanese: String) {
        switch self {
        // Nouns and counts.
        case .nounCompany: ("company", "企業")
        case .nounVisit: ("visit", "訪問記録")
        case .nounCompanies: ("companies", "企業")
        case .nounVisits: ("visits", "訪問記録")
        case .recordCount: ("{count} {noun}", "{noun} {count} 件")
        // {type}: the record type in English (hearingSheet), its label in Japanese (ヒアリングシート).
        case .formRecordCount: ("{count} {type} records", "{type} {count} 件")
        case .formRecordCountOne: ("{count} {type} record", "{type} {count} 件")

        // Where a problem is.
        case .lineName: ("line {line}", "{line} 行目")
        case .problemColumn: ("{column}: {reason}", "{column}：{reason}")
        case .problemLineColumn: ("line {line}: {column}: {reason}", "{line} 行目、{column}：{reason}")

        // The import as a whole.
        case .failedHeading: ("nothing was imported from {file}:", "{file} からは何も取り込んでいません。")
        case .failedHeadingOne:
            ("nothing was imported from {file}: 1 line has problems; fix it and import again",
             "{file} からは何も取り込んでいません。1 行に問題があります。直してから、もう一度取り込んでください。")
        case .failedHeadingMany:
            ("nothing was imported from {file}: {count} lines have problems; fix them and import again",
             "{file} からは何も取り込んでいません。{count} 行に問題があります。直してから、もう一度取り込んでください。")
        case .fileTooLarge:
            ("nothing was imported from {file}: the file has {size} bytes, more than the {limit} an import reads; split the file",
             "{file} からは何も取り込んでいません。ファイルが {size} バイトあり、取り込める {limit} バイトを超えています。ファイルを分けてください")
        case .fileUnreadable: ("cannot read {file}: {reason}", "{file} を読めません（{reason}）")
        case .importSummary: ("{new} new, {updated} updated, {unchanged} unchanged", "新規 {new} 件、更新 {updated} 件、変更なし {unchanged} 件")
        case .dryRun:
            ("dry run of {file}{encoding}: would import {summary}; nothing was written",
             "{file}{encoding}を確認しました。取り込むと {summary}です。何も書き込んでいません")
        case .imported: ("imported {file}{encoding}: {summary}", "{file}{encoding}を取り込みました。{summary}")
        case .outcomeNew: ("new", "新規")
        case .outcomeUpdated: ("updated", "更新")
        case .outcomeUnchanged: ("unchanged", "変更なし")
        case .outcomeSkipped: ("skipped", "対象外")
        case .optionsOfNTA:
            ("--branch, --city and --existing-only are options of `import nta`",
             "--branch、--city、--existing-only は import nta のオプションです")
        case .formatOfForms:
            ("--format is an option of `import hearing` and `import succession`",
             "--format は import hearing と import succession のオプションです")

        // Rows of companies and visits.
        case .duplicateRecord:
            ("the same {record} as line {earlier}; a record may appear only once in a file",
             "{earlier} 行目と同じ{record}です。1 つのファイルに同じ記録は 1 回だけ書いてください")
        case .duplicateCorporateNumber:
            ("{number} is also on line {earlier}; a company may appear only once in a file",
             "{number} は {earlier} 行目にもあります。1 つのファイルに同じ企業は 1 回だけ書いてください")
        case .sharedCorporateNumber:
            ("{number} is the corporate number of {count} companies here ({ids}); give the id of the one meant in the id column",
             "{number} はこの端末の {count} 社（{ids}）の法人番号です。id の列に、どの企業かを ID で指定してください")
        case .idAgainstCorporateNumber:
            ("{id} is another company than {holder}, whose corporate number {number} this row has; correct the id or the corporate number",
             "{id} は、この行の法人番号 {number} を持つ {holder} とは別の企業です。ID か法人番号を直してください")
        case .deletedRecord:
            ("{record} {id} was deleted here; an import does not bring it back. Remove the id to import the row as a new {record}",
             "{record} {id} はこの端末で削除されています。取り込みでは元に戻りません。新しい{record}として取り込むには ID を消してください")
        case .deletedCompany:
            ("company {company} was deleted here; record the visit against another company",
             "企業 {company} はこの端末で削除されています。訪問記録は別の企業に付けてください")
        case .companyNotFound:
            ("no company here has the id, corporate number or name “{text}”; import the companies first, or correct the cell",
             "ID、法人番号、名称が「{text}」の企業はこの端末にありません。先に企業を取り込むか、セルを直してください")
        case .companyAmbiguous:
            ("{described} matches {count} companies ({ids}); give the company's id instead",
             "{described}企業が {count} 社（{ids}）あります。代わりに企業の ID を指定してください")
        case .describedCorporateNumber: ("the corporate number {number}", "法人番号が {number} の")
        case .describedName: ("the name “{name}”", "名称が「{name}」の")
        case .duplicateColumn:
            ("gives {field}, as the column “{earlier}” does; keep one of the two columns",
             "列「{earlier}」と同じ {field} の列です。どちらか一方だけを残してください")
        case .unknownColumns:
            ("the header has columns that {record} records do not have: {names}; rename them or delete them. Known columns: {known}",
             "見出し行に、{record}にない列があります: {names}。列の名前を直すか、列を削除してください。使える列: {known}")
        case .unknownColumn:
            ("the header has a column that {record} records do not have: {names}; rename it or delete it. Known columns: {known}",
             "見出し行に、{record}にない列があります: {names}。列の名前を直すか、列を削除してください。使える列: {known}")
        case .excelShortenedNumber:
            ("“{text}” is a number Excel shortened; format the column as text (文字列) and type the 13 digits again",
             "「{text}」は Excel が省略した数値です。列の書式を「文字列」にして、13 桁を入力し直してください")
        case .notACode:
            ("“{text}” is neither a code nor a label of 「{label}」; use one of: {choices}",
             "「{text}」は「{label}」のコードでも名称でもありません。次のいずれかを使ってください: {choices}")

        // The corporate-number download.
        case .ntaTooLarge:
            ("the file has {size} bytes, more than the {limit} an import reads; import the download of one prefecture, or split the file",
             "ファイルが {size} バイトあり、取り込める {limit} バイトを超えています。都道府県ごとのダウンロードを取り込むか、ファイルを分けてください")
        case .ntaTooManyLines:
            ("the file has {lines} lines, more than the {limit} rows an import reads; split the file",
             "ファイルが {lines} 行あり、取り込める {limit} 行を超えています。ファイルを分けてください")
        case .ntaTooManyCommas:
            ("the file has {commas} commas in {lines} lines, far more than rows of {columns} columns hold; import the agency's CSV file as downloaded",
             "ファイルの {lines} 行にカンマが {commas} 個あり、{columns} 列の行には多すぎます。国税庁の CSV ファイルをダウンロードしたまま取り込んでください")
        case .ntaTooManyRows:
            ("the file has {rows} rows, more than the {limit} an import reads; split the file",
             "ファイルが {rows} 行あり、取り込める {limit} 行を超えています。ファイルを分けてください")
        case .ntaNotYourBranch:
            ("--branch {branch} is not one of your branches ({branches}); give one of them",
             "--branch {branch} はあなたの担当支所（{branches}）ではありません。担当支所のいずれかを指定してください")
        case .ntaSharedCorporateNumber:
            ("{number} is the corporate number of {count} companies here ({ids}); merge or correct them first",
             "{number} はこの端末の {count} 社（{ids}）の法人番号です。先に統合するか、直してください")
        case .ntaNoBranchAtAll: ("you have no branch", "あなたには担当支所がありません")
        case .ntaYourBranches: ("you have the branches {branches}", "あなたの担当支所は {branches} です")
        case .ntaNotLoggedIn: ("this laptop is not logged in", "この端末はログインしていません")
        case .ntaNeedsBranch:
            ("{name} ({number}) would be a new company, and new companies need a branch: {yours}; give --branch CODE, or --existing-only to update known companies only",
             "{name}（{number}）は新しい企業になりますが、新しい企業には支所が必要です（{yours}）。--branch 支所コードを指定するか、既存の企業だけを更新するなら --existing-only を指定してください")
        case .ntaColumn: ("column {number} ({label})", "{number} 列目（{label}）")
        case .ntaAddressColumns: ("columns 10–12 (所在地)", "10〜12 列目（所在地）")
        case .ntaColumnCount:
            ("has {count} columns; a row of the corporate-number download has {expected}. Import the agency's CSV file as downloaded",
             "{count} 列あります。法人番号のダウンロードの行は {expected} 列です。国税庁の CSV ファイルをダウンロードしたまま取り込んでください")
        case .ntaCellTooLong:
            ("has {bytes} bytes, more than a cell of the download holds ({limit} characters)",
             "{bytes} バイトあり、ダウンロードのセルの上限（{limit} 文字）を超えています")
        case .ntaControlCharacter:
            ("holds a control character (a line break, tab or the like), which the download never has",
             "制御文字（改行やタブなど）が含まれています。ダウンロードしたファイルには含まれないものです")
        case .ntaNotDigits: ("“{text}” is not {counts} digits", "「{text}」は {counts} 桁の数字ではありません")
        case .ntaDigitsOr: (" or ", "または")
        case .ntaEmptyNumber: ("is empty; every row has the corporation's number", "空です。どの行にも法人番号があるはずです")
        case .ntaNotProcess: ("“{text}” is not a process code ({codes})", "「{text}」は処理区分のコード（{codes}）ではありません")
        case .ntaNotZeroOrOne: ("“{text}” is not 0 or 1", "「{text}」は 0 でも 1 でもありません")
        case .ntaEmptyName: ("is empty; every corporation has a name", "空です。どの法人にも名称があるはずです")
        case .ntaNotKind: ("“{text}” is not a kind code ({codes})", "「{text}」は法人種別のコード（{codes}）ではありません")
        case .ntaNotCloseCause: ("“{text}” is not a close cause ({codes})", "「{text}」は登記記録の閉鎖等の事由のコード（{codes}）ではありません")
        case .ntaNoCloseDate:
            ("is empty for a closed register (process {process}), and so is the change date (column 6)",
             "閉鎖された登記記録（処理区分 {process}）なのに空で、変更年月日（6 列目）も空です")
        case .ntaSummary:
            ("{new} new, {updated} updated ({updates}), {unchanged} unchanged, {skipped} skipped ({skips}); {rows} rows",
             "新規 {new} 件、更新 {updated} 件（{updates}）、変更なし {unchanged} 件、対象外 {skipped} 件（{skips}）。{rows} 行")
        case .skipOtherBranch: ("{count} other branch", "他の支所 {count} 件")
        case .skipOutsideCities: ("{count} outside the cities", "指定の市区町村外 {count} 件")
        case .skipNotExisting: ("{count} not existing", "未登録 {count} 件")
        case .skipDeleted: ("{count} deleted", "削除済み {count} 件")
        case .updateClosed: ("{count} closed", "閉鎖 {count} 件")
        case .updateRestored: ("{count} restored", "閉鎖の取消 {count} 件")
        case .updateNameChanged: ("{count} name changed", "名称変更 {count} 件")
        case .updateOther: ("{count} other", "その他 {count} 件")

        // Form records.
        case .formTooLarge:
            ("the file has {size} bytes, more than the {limit} an import reads; split the file",
             "ファイルが {size} バイトあり、取り込める {limit} バイトを超えています。ファイルを分けてください")
        case .formUnknownColumns:
            ("the header has columns that {label} records do not have: {names}; rename or delete them. Known columns: {known}",
             "見出し行に、{label}にない列があります: {names}。列の名前を直すか、列を削除してください。使える列: {known}")
        case .formNotUTF8:
            ("the file is not UTF-8, as JSON Lines are; save it as UTF-8 and import it again",
             "ファイルが UTF-8 ではありません（JSON Lines は UTF-8 です）。UTF-8 で保存して、もう一度取り込んでください")
        case .formUnknownKey: ("is not a key of {label} records; rename or delete it", "{label}のキーではありません。名前を直すか、削除してください")
        case .formDuplicateRecord:
            ("the same record as line {earlier}; a record may appear only once in a file",
             "{earlier} 行目と同じ記録です。1 つのファイルに同じ記録は 1 回だけ書いてください")
        case .formDeletedRecord:
            ("{type} {id} was deleted here; an import does not bring it back. Remove the id to import the row as a new record",
             "{type} {id} はこの端末で削除されています。取り込みでは元に戻りません。新しい記録として取り込むには ID を消してください")
        case .formWrongForm: ("“{form}” is not the form of {label} records ({expected})", "「{form}」は{label}の様式（{expected}）ではありません")
        case .formNoVersion:
            ("{form} has no version {version}; known versions: {versions}",
             "{form} に版 {version} はありません。ある版: {versions}")
        case .formNoCompany:
            ("is empty; give the company's id, corporate number or exact name",
             "空です。企業の ID、法人番号、または正確な名称を入力してください")
        case .formNoVisit:
            ("no visit here has the id {visit}; import the visits first, or leave the cell empty",
             "ID が {visit} の訪問記録はこの端末にありません。先に訪問記録を取り込むか、セルを空にしてください")
        case .formNoQuestion:
            ("version {version} of {form} has no question {question}; leave the cell empty or give the version that asks it",
             "{form} の版 {version} には質問 {question} がありません。セルを空にするか、その質問がある版を指定してください")

        // Export.
        case .inEncoding: (" ({encoding})", "（{encoding}）")
        case .encodingBOM: ("UTF-8 with BOM", "UTF-8、BOM 付き")
        case .exportFailed: ("nothing was exported: {reason}", "何も書き出していません: {reason}")
        case .exportNeedsType:
            ("a CSV file holds one kind of record: add --type companies, --type visits or a form type",
             "CSV ファイルには 1 種類の記録だけが入ります。--type companies、--type visits、または様式の種類を指定してください")
        case .exportNeedsTypeTransfer:
            ("a CSV file holds one kind of record: add --type companies or --type visits",
             "CSV ファイルには 1 種類の記録だけが入ります。--type companies または --type visits を指定してください")
        case .exportEncodingJSON:
            ("--encoding applies to CSV only; JSON is always UTF-8",
             "--encoding は CSV にだけ使えます。JSON は常に UTF-8 です")
        case .exportWritten: ("{description} written to {file}", "{description}を {file} に書き出しました")
        case .exportBoth: ("{companies} and {visits}", "{companies}、{visits}")
        case .exportUnencodable: ("{type} {id}: {column}: {reason}", "{type} {id}、{column}：{reason}")
        }
    }
}

extension CSVEncoding {
    /// ` (UTF-8 with BOM)` (`（UTF-8、BOM 付き）`): the encoding a file was read or written in,
    /// after what was done.
    public var note: String {
        TransferMessage.inEncoding.text(["encoding": self == .utf8WithBOM ? TransferMessage.encodingBOM.text() : description])
    }
}
