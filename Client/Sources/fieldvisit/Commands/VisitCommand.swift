import ArgumentParser
import FieldVisitClient
import FieldVisitCore

/// `fieldvisit visit …`: visits and meetings with companies.
struct VisitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "visit",
        abstract: "Record, edit, show and list visits.",
        subcommands: [Record.self, Edit.self, Submit.self, Show.self, List.self]
    )

    /// The visit's fields as options; `edit` changes only what is given.
    struct Fields: ParsableArguments {
        @Option(help: "The visit date, YYYY-MM-DD (record: default today).") var date: String?
        @Option(help: ArgumentHelp("How the meeting took place: \(VisitMode.helpList)")) var mode: String?
        @Option(help: ArgumentHelp("Purpose: \(VisitPurpose.helpList)")) var purpose: String?
        @Option(help: "A staff member who attended (repeatable; record: default this laptop's user).") var staff: [String] = []
        @Option(name: .customLong("with"), help: ArgumentHelp("An accompanying organisation (repeatable): \(AccompanyingOrganisation.helpList)")) var accompanying: [String] = []
        @Option(help: ArgumentHelp("Who was met (repeatable): \(AttendeeRole.helpList)")) var met: [String] = []
        @Option(help: "Notes of the meeting.") var notes: String?
        @Option(help: ArgumentHelp("A management issue found (repeatable): \(ManagementIssue.helpList)")) var issue: [String] = []
        @Option(help: ArgumentHelp("Support given (repeatable): \(SupportAction.helpList)")) var support: [String] = []
        @Option(help: ArgumentHelp("A referral (repeatable): \(ReferralAgency.helpList)")) var referral: [String] = []
        @Option(help: "The amount of a new guarantee given, in yen (with --support newGuarantee).") var newGuaranteeAmount: String?
        @Option(help: "The amount of the loans whose terms were changed, in yen (with --support changeOfTerms).") var changeOfTermsAmount: String?
        @Option(help: ArgumentHelp("How far this visit's referral got, as news comes back: \(ReferralStatus.helpList)")) var referralStatus: String?
        @Option(help: "Short-term goals agreed.") var goals: String?
        @Option(help: "The next visit date, YYYY-MM-DD.") var nextVisit: String?
        @Option(help: "Remove an issue (repeatable).") var removeIssue: [String] = []
        @Option(help: "Remove a support action (repeatable).") var removeSupport: [String] = []
        @Option(help: "Remove a referral (repeatable).") var removeReferral: [String] = []
        @Option(help: "Remove a staff member (repeatable).") var removeStaff: [String] = []

        func change(_ key: EntityKey, company: RecordID?) throws -> RecordChange {
            var change = RecordChange(key)
            try change.read(
                values: [
                    (Visit.Field.company, company?.rawValue), (.date, date), (.mode, mode), (.purpose, purpose), (.notes, notes),
                    (.shortTermGoals, goals), (.nextVisitDate, nextVisit), (.newGuaranteeAmount, newGuaranteeAmount),
                    (.changeOfTermsAmount, changeOfTermsAmount), (.referralStatus, referralStatus),
                ],
                additions: [
                    (.staff, staff), (.accompanyingOrganisations, accompanying), (.peopleMet, met),
                    (.issues, issue), (.supportActions, support), (.referrals, referral),
                ],
                removals: [(.issues, removeIssue), (.supportActions, removeSupport), (.referrals, removeReferral), (.staff, removeStaff)],
                schema: .visit
            )
            return change
        }
    }

    struct Record: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Record a visit to a company.")
        @OptionGroup var store: StoreOptions
        @Option(help: "The company's id or a unique prefix of it.") var company: String
        @OptionGroup var fields: Fields

        func run() throws {
            let store = try store.open()
            let companyID = try store.resolve(company, type: .company)
            let key = EntityKey(.visit, .random())
            var change = try fields.change(key, company: companyID)
            let date = Visit.Field.date.rawValue, mode = Visit.Field.mode.rawValue, staff = Visit.Field.staff.rawValue
            if change.values[date] == nil { change.values[date] = .text(CalendarDate.today().description) }
            if change.values[mode] == nil { change.values[mode] = .text(VisitMode.onSite.code) }
            if change.additions[staff] == nil { change.additions[staff] = [.text(store.user)] }
            change.values[Visit.Field.reviewState.rawValue] = .text(ReviewState.draft.code)
            try store.commit(try change.edits(current: nil, schema: .visit))
            print(key.id.rawValue)
        }
    }

    struct Edit: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Change fields of a visit.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "The visit's id or a unique prefix of it.") var id: String
        @OptionGroup var fields: Fields

        func run() throws {
            let store = try store.open()
            let key = EntityKey(.visit, try store.resolve(id, type: .visit))
            try commitEdit(fields.change(key, company: nil), in: store)
        }
    }

    struct Submit: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Hand a visit in for review (提出).")
        @OptionGroup var store: StoreOptions
        @Argument(help: "The visit's id or a unique prefix of it.") var id: String

        func run() throws { try submitRecord(.visit, id: id, store: try store.open()) }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show a visit.")
        @OptionGroup var store: StoreOptions
        @OptionGroup var output: OutputOptions
        @Argument(help: "The visit's id or a unique prefix of it.") var id: String

        func run() throws {
            let store = try store.open()
            try showRecord(EntityKey(.visit, try store.resolve(id, type: .visit)), in: store, json: output.json)
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List visits, oldest first.")
        @OptionGroup var store: StoreOptions
        @OptionGroup var output: OutputOptions
        @Option(help: "Only this company (id or prefix).") var company: String?
        @Option(help: "Only visits on or after this date.") var from: String?
        @Option(help: "Only visits on or before this date.") var to: String?
        @Option(help: "Only this purpose code.") var purpose: String?
        @Option(help: "Only visits this staff member attended.") var staff: String?
        @Option(name: [.customLong("state"), .customLong("review-state")], help: ArgumentHelp("Only this review state: \(ReviewState.helpList)")) var state: String?

        func run() throws {
            let store = try store.open()
            var filter = VisitFilter(staff: staff)
            if let company { filter.company = try store.resolve(company, type: .company) }
            if let from { filter.from = try CalendarDate(typed: from, field: "from") }
            if let to { filter.to = try CalendarDate(typed: to, field: "to") }
            if let purpose {
                guard VisitPurpose(rawValue: purpose) != nil else {
                    throw FieldVisitCore.ValidationError(field: "purpose", reason: RecordMessage.notAPurpose.text(["typed": purpose, "codes": VisitPurpose.codeList.codesDescription]))
                }
                filter.purpose = purpose
            }
            if let state {
                guard ReviewState(rawValue: state) != nil else {
                    throw FieldVisitCore.ValidationError(field: "state", reason: RecordMessage.notAReviewState.text(["typed": state, "codes": ReviewState.codeList.codesDescription]))
                }
                filter.reviewState = state
            }
            try printVisits(try store.visits(filter), store: store, json: output.json)
        }
    }
}
