import ArgumentParser
import FieldVisitClient
import FieldVisitCore

/// `fieldvisit visit …`: visits and meetings with companies.
struct VisitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "visit",
        abstract: RecordCommandHelp.visitAbstract.text(),
        subcommands: [Record.self, Edit.self, Submit.self, Show.self, List.self]
    )

    /// The visit's fields as options; `edit` changes only what is given.
    struct Fields: ParsableArguments {
        @Option(help: ArgumentHelp(RecordCommandHelp.visitDate.text())) var date: String?
        @Option(help: ArgumentHelp(RecordCommandHelp.visitMode.text(["values": VisitMode.helpList]))) var mode: String?
        @Option(help: ArgumentHelp(RecordCommandHelp.visitPurpose.text(["values": VisitPurpose.helpList]))) var purpose: String?
        @Option(help: ArgumentHelp(RecordCommandHelp.visitStaff.text())) var staff: [String] = []
        @Option(name: .customLong("with"), help: ArgumentHelp(RecordCommandHelp.visitWith.text(["values": AccompanyingOrganisation.helpList]))) var accompanying: [String] = []
        @Option(help: ArgumentHelp(RecordCommandHelp.visitMet.text(["values": AttendeeRole.helpList]))) var met: [String] = []
        @Option(help: ArgumentHelp(RecordCommandHelp.visitNotes.text())) var notes: String?
        @Option(help: ArgumentHelp(RecordCommandHelp.visitIssue.text(["values": ManagementIssue.helpList]))) var issue: [String] = []
        @Option(help: ArgumentHelp(RecordCommandHelp.visitSupport.text(["values": SupportAction.helpList]))) var support: [String] = []
        @Option(help: ArgumentHelp(RecordCommandHelp.visitReferral.text(["values": ReferralAgency.helpList]))) var referral: [String] = []
        @Option(help: ArgumentHelp(RecordCommandHelp.visitNewGuaranteeAmount.text())) var newGuaranteeAmount: String?
        @Option(help: ArgumentHelp(RecordCommandHelp.visitChangeOfTermsAmount.text())) var changeOfTermsAmount: String?
        @Option(help: ArgumentHelp(RecordCommandHelp.visitReferralStatus.text(["values": ReferralStatus.helpList]))) var referralStatus: String?
        @Option(help: ArgumentHelp(RecordCommandHelp.visitGoals.text())) var goals: String?
        @Option(help: ArgumentHelp(RecordCommandHelp.visitNextVisit.text())) var nextVisit: String?
        @Option(help: ArgumentHelp(RecordCommandHelp.visitRemoveIssue.text())) var removeIssue: [String] = []
        @Option(help: ArgumentHelp(RecordCommandHelp.visitRemoveSupport.text())) var removeSupport: [String] = []
        @Option(help: ArgumentHelp(RecordCommandHelp.visitRemoveReferral.text())) var removeReferral: [String] = []
        @Option(help: ArgumentHelp(RecordCommandHelp.visitRemoveStaff.text())) var removeStaff: [String] = []

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
        static let configuration = CommandConfiguration(abstract: RecordCommandHelp.visitRecordAbstract.text())
        @OptionGroup var store: StoreOptions
        @Option(help: ArgumentHelp(CommandHelp.companyID.text())) var company: String
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
        static let configuration = CommandConfiguration(abstract: RecordCommandHelp.visitEditAbstract.text())
        @OptionGroup var store: StoreOptions
        @Argument(help: ArgumentHelp(RecordCommandHelp.visitID.text())) var id: String
        @OptionGroup var fields: Fields

        func run() throws {
            let store = try store.open()
            let key = EntityKey(.visit, try store.resolve(id, type: .visit))
            try commitEdit(fields.change(key, company: nil), in: store)
        }
    }

    struct Submit: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: RecordCommandHelp.visitSubmitAbstract.text())
        @OptionGroup var store: StoreOptions
        @Argument(help: ArgumentHelp(RecordCommandHelp.visitID.text())) var id: String

        func run() throws { try submitRecord(.visit, id: id, store: try store.open()) }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: RecordCommandHelp.visitShowAbstract.text())
        @OptionGroup var store: StoreOptions
        @OptionGroup var output: OutputOptions
        @Argument(help: ArgumentHelp(RecordCommandHelp.visitID.text())) var id: String

        func run() throws {
            let store = try store.open()
            try showRecord(EntityKey(.visit, try store.resolve(id, type: .visit)), in: store, json: output.json)
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: RecordCommandHelp.visitListAbstract.text())
        @OptionGroup var store: StoreOptions
        @OptionGroup var output: OutputOptions
        @Option(help: ArgumentHelp(RecordCommandHelp.visitListCompany.text())) var company: String?
        @Option(help: ArgumentHelp(RecordCommandHelp.visitListFrom.text())) var from: String?
        @Option(help: ArgumentHelp(RecordCommandHelp.visitListTo.text())) var to: String?
        @Option(help: ArgumentHelp(RecordCommandHelp.visitListPurpose.text())) var purpose: String?
        @Option(help: ArgumentHelp(RecordCommandHelp.visitListStaff.text())) var staff: String?
        @Option(name: [.customLong("state"), .customLong("review-state")], help: ArgumentHelp(RecordCommandHelp.visitListState.text(["values": ReviewState.helpList]))) var state: String?

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
