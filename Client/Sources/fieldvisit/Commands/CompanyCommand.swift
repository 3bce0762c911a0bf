import ArgumentParser
import FieldVisitClient
import FieldVisitCore

/// `fieldvisit company …`: the companies staff visit.
struct CompanyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "company",
        abstract: "Add, edit, show, list and search companies.",
        subcommands: [Add.self, Edit.self, Show.self, List.self, Search.self]
    )

    /// The company's fields as options; every one optional, so `edit` changes only what
    /// is given. An empty value (`--kana ""`) clears a field.
    struct Fields: ParsableArguments {
        @Option(help: "Trade name (商号・屋号).") var name: String?
        @Option(help: "Name in kana (フリガナ).") var kana: String?
        @Option(help: "Corporate number (法人番号), 13 digits.") var corporateNumber: String?
        @Option(help: ArgumentHelp("Legal form: \(LegalForm.helpList)")) var legalForm: String?
        @Option(help: ArgumentHelp("Industry: \(Industry.helpList)")) var industry: String?
        @Option(help: "Number of employees.") var employees: String?
        @Option(help: "Capital in yen.") var capital: String?
        @Option(help: "Annual sales in yen.") var annualSales: String?
        @Option(help: "Representative's name (代表者).") var representative: String?
        @Option(help: "Representative's birth year, e.g. 1956.") var birthYear: String?
        @Option(help: "Representative's date of birth, YYYY-MM-DD, when known (decides the age of owners born January to March).") var birthDate: String?
        @Option(help: "Address.") var address: String?
        @Option(help: "Municipality (市区町村).") var municipality: String?
        @Option(help: "Branch code (支所); when adding, the logged-in user's branch if they have only one.") var branch: String?
        @Option(help: "Main bank's name.") var mainBank: String?
        @Option(help: ArgumentHelp("Main bank's type: \(BankType.helpList)")) var bankType: String?
        @Option(help: ArgumentHelp("Life stage: \(LifeStage.helpList)")) var lifeStage: String?
        @Option(help: "The day the corporation's register was closed (登記記録の閉鎖等年月日), YYYY-MM-DD; \"\" when restored.") var closedOn: String?
        @Option(help: ArgumentHelp("Why the register was closed: \(CloseCause.helpList)")) var closeCause: String?
        @Option(help: "The corporate number of the corporation that took over (承継先法人番号).") var successorCorporateNumber: String?
        @Option(help: ArgumentHelp("Add a follow-up cohort (repeatable): \(CohortTag.helpList)")) var cohort: [String] = []
        @Option(help: "With --cohort, the day the company joined it, YYYY-MM-DD (default today).") var cohortSince: String?
        @Option(help: "Remove a follow-up cohort (repeatable): the membership ends today.") var removeCohort: [String] = []
        @Option(help: ArgumentHelp("With --remove-cohort, why the membership ends: \(CohortEndReason.helpList)")) var cohortEndReason: String?

        func change(_ key: EntityKey) throws -> RecordChange {
            var change = RecordChange(key)
            let schema = RecordSchema.company
            // A birth date names the birth year too, so that what reads only the year agrees.
            let birthYear = birthYear ?? birthDate.flatMap { try? CalendarDate(typed: $0) }.map { String($0.year) }
            let given: [(Company.Field, String?)] = [
                (.name, name), (.nameKana, kana), (.corporateNumber, corporateNumber), (.legalForm, legalForm),
                (.industry, industry), (.employees, employees), (.capital, capital), (.annualSales, annualSales),
                (.representativeName, representative), (.representativeBirthYear, birthYear),
                (.representativeBirthDate, birthDate), (.address, address),
                (.municipality, municipality), (.branch, branch), (.mainBank, mainBank), (.mainBankType, bankType),
                (.lifeStage, lifeStage), (.closedOn, closedOn), (.closeCause, closeCause),
                (.successorCorporateNumber, successorCorporateNumber),
            ]
            // The reason is kept per cohort left (`CohortEnding`); the day it ended is the day of this change, in the log.
            var endings: [String] = []
            if let cohortEndReason {
                guard !removeCohort.isEmpty else { throw CommandFailure(message: RecordMessage.cohortEndReasonAlone.text(), code: 2) }
                guard let reason = CohortEndReason(rawValue: cohortEndReason) else {
                    throw CommandFailure(message: RecordMessage.unknownCohortEndReason.text(["typed": cohortEndReason, "codes": CohortEndReason.helpList]), code: 2)
                }
                endings = removeCohort.compactMap { CohortTag(rawValue: $0).map { CohortEnding(cohort: $0, reason: reason).code } }
            }
            // Each joining is dated in the same change (`CohortStart`).
            if cohortSince != nil, cohort.isEmpty { throw CommandFailure(message: RecordMessage.cohortSinceAlone.text(), code: 2) }
            let since: CalendarDate
            do { since = try cohortSince.map { try CalendarDate(typed: $0, field: "cohort-since") } ?? CalendarDate.today() } catch {
                throw CommandFailure(message: RecordMessage.cohortSinceInvalid.text(["problem": "\(error)"]), code: 2)
            }
            let starts = cohort.compactMap { CohortTag(rawValue: $0).map { CohortStart(cohort: $0, date: since).text } }
            try change.read(values: given, additions: [(.cohortTags, cohort), (.cohortStarts, starts), (.cohortEndings, endings)],
                            removals: [(.cohortTags, removeCohort)], schema: schema)
            return change
        }
    }

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a company.")
        @OptionGroup var store: StoreOptions
        @OptionGroup var fields: Fields

        func run() throws {
            let store = try store.open()
            let key = EntityKey(.company, .random())
            var fields = fields
            // A company syncs only with a branch: a user of one branch need not type it.
            if fields.branch == nil, let branches = try store.loginSettings()?.branches, branches.count == 1 {
                fields.branch = branches[0]
            }
            let edits = try fields.change(key).edits(current: nil, schema: .company)
            try store.commit(edits)
            print(key.id.rawValue)
        }
    }

    struct Edit: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Change fields of a company.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "The company's id or a unique prefix of it.") var id: String
        @OptionGroup var fields: Fields

        func run() throws {
            let store = try store.open()
            let key = EntityKey(.company, try store.resolve(id, type: .company))
            try commitEdit(fields.change(key), in: store)
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show a company, its visits and forms.")
        @OptionGroup var store: StoreOptions
        @OptionGroup var output: OutputOptions
        @Argument(help: "The company's id or a unique prefix of it.") var id: String

        func run() throws {
            let store = try store.open()
            let key = EntityKey(.company, try store.resolve(id, type: .company))
            try showRecord(key, in: store, json: output.json)
            guard !output.json else { return }
            let visits = try store.records(.visit, ofCompany: key.id)
            print("\n訪問記録 (\(visits.count))")
            Output.table(["ID", "訪問日", "目的", "担当者"], visits.map { visit in
                [
                    Output.shortID(visit.key.id), visit.text(Visit.Field.date) ?? "",
                    visit.display(Visit.Field.purpose, schema: .visit), visit.display(Visit.Field.staff, schema: .visit),
                ]
            })
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List companies by reading.")
        @OptionGroup var store: StoreOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            try printCompanies(try store.open().list(.company), json: output.json)
        }
    }

    struct Search: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Find companies by part of the name or kana (any width, hiragana or katakana) or by corporate number."
        )
        @OptionGroup var store: StoreOptions
        @OptionGroup var output: OutputOptions
        @Argument(help: "What to look for, e.g. かわむら, ｶﾜﾑﾗ or 1180301018771.") var query: String

        func run() throws {
            try printCompanies(try store.open().searchCompanies(query), json: output.json)
        }
    }
}

func printCompanies(_ companies: [RecordSummary], json: Bool) throws {
    if json { return try Output.json(companies.map(RecordJSON.init)) }
    Output.table(["ID", "企業名", "フリガナ", "業種", "法人番号", "支所"], companies.map { company in
        [
            Output.shortID(company.key.id), (company.conflictCount > 0 ? "⚠ " : "") + (company.text(Company.Field.name) ?? ""),
            company.text(Company.Field.nameKana) ?? "", company.display(Company.Field.industry, schema: .company),
            company.text(Company.Field.corporateNumber) ?? "", company.text(Company.Field.branch) ?? "",
        ]
    })
}
