import ArgumentParser
import FieldVisitClient
import FieldVisitCore

/// `fieldvisit company …`: the companies staff visit.
struct CompanyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "company",
        abstract: RecordCommandHelp.companyAbstract.text(),
        subcommands: [Add.self, Edit.self, Show.self, List.self, Search.self]
    )

    /// The company's fields as options; every one optional, so `edit` changes only what
    /// is given. An empty value (`--kana ""`) clears a field.
    struct Fields: ParsableArguments {
        @Option(help: ArgumentHelp(RecordCommandHelp.companyName.text())) var name: String?
        @Option(help: ArgumentHelp(RecordCommandHelp.companyKana.text())) var kana: String?
        @Option(help: ArgumentHelp(RecordCommandHelp.companyCorporateNumber.text())) var corporateNumber: String?
        @Option(help: ArgumentHelp(RecordCommandHelp.companyLegalForm.text(["values": LegalForm.helpList]))) var legalForm: String?
        @Option(help: ArgumentHelp(RecordCommandHelp.companyIndustry.text(["values": Industry.helpList]))) var industry: String?
        @Option(help: ArgumentHelp(RecordCommandHelp.companyEmployees.text())) var employees: String?
        @Option(help: ArgumentHelp(RecordCommandHelp.companyCapital.text())) var capital: String?
        @Option(help: ArgumentHelp(RecordCommandHelp.companyAnnualSales.text())) var annualSales: String?
        @Option(help: ArgumentHelp(RecordCommandHelp.companyRepresentative.text())) var representative: String?
        @Option(help: ArgumentHelp(RecordCommandHelp.companyBirthYear.text())) var birthYear: String?
        @Option(help: ArgumentHelp(RecordCommandHelp.companyBirthDate.text())) var birthDate: String?
        @Option(help: ArgumentHelp(RecordCommandHelp.companyAddress.text())) var address: String?
        @Option(help: ArgumentHelp(RecordCommandHelp.companyMunicipality.text())) var municipality: String?
        @Option(help: ArgumentHelp(RecordCommandHelp.companyBranch.text())) var branch: String?
        @Option(help: ArgumentHelp(RecordCommandHelp.companyMainBank.text())) var mainBank: String?
        @Option(help: ArgumentHelp(RecordCommandHelp.companyBankType.text(["values": BankType.helpList]))) var bankType: String?
        @Option(help: ArgumentHelp(RecordCommandHelp.companyLifeStage.text(["values": LifeStage.helpList]))) var lifeStage: String?
        @Option(help: ArgumentHelp(RecordCommandHelp.companyClosedOn.text())) var closedOn: String?
        @Option(help: ArgumentHelp(RecordCommandHelp.companyCloseCause.text(["values": CloseCause.helpList]))) var closeCause: String?
        @Option(help: ArgumentHelp(RecordCommandHelp.companySuccessor.text())) var successorCorporateNumber: String?
        @Option(help: ArgumentHelp(RecordCommandHelp.companyCohort.text(["values": CohortTag.helpList]))) var cohort: [String] = []
        @Option(help: ArgumentHelp(RecordCommandHelp.companyCohortSince.text())) var cohortSince: String?
        @Option(help: ArgumentHelp(RecordCommandHelp.companyRemoveCohort.text())) var removeCohort: [String] = []
        @Option(help: ArgumentHelp(RecordCommandHelp.companyCohortEndReason.text(["values": CohortEndReason.helpList]))) var cohortEndReason: String?

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
        static let configuration = CommandConfiguration(abstract: RecordCommandHelp.companyAddAbstract.text())
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
        static let configuration = CommandConfiguration(abstract: RecordCommandHelp.companyEditAbstract.text())
        @OptionGroup var store: StoreOptions
        @Argument(help: ArgumentHelp(CommandHelp.companyID.text())) var id: String
        @OptionGroup var fields: Fields

        func run() throws {
            let store = try store.open()
            let key = EntityKey(.company, try store.resolve(id, type: .company))
            try commitEdit(fields.change(key), in: store)
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: RecordCommandHelp.companyShowAbstract.text())
        @OptionGroup var store: StoreOptions
        @OptionGroup var output: OutputOptions
        @Argument(help: ArgumentHelp(CommandHelp.companyID.text())) var id: String

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
        static let configuration = CommandConfiguration(abstract: RecordCommandHelp.companyListAbstract.text())
        @OptionGroup var store: StoreOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            try printCompanies(try store.open().list(.company), json: output.json)
        }
    }

    struct Search: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: RecordCommandHelp.companySearchAbstract.text()
        )
        @OptionGroup var store: StoreOptions
        @OptionGroup var output: OutputOptions
        @Argument(help: ArgumentHelp(RecordCommandHelp.companySearchQuery.text())) var query: String

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
