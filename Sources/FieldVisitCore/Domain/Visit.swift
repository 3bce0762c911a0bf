/// One visit or meeting with a company (訪問記録): who went, what was found, what
/// support followed, and where the record stands in review.
public struct Visit: Record {
    /// The names of a visit's fields, as stored and sent.
    public enum Field: String, CaseIterable, Sendable, FieldName {
        /// The company visited; required.
        case company
        /// The date of the visit; required.
        case date
        /// How the meeting took place; required.
        case mode
        /// Why the visit took place; required.
        case purpose
        /// The staff who attended; at least one.
        case staff
        /// Organisations whose people joined the visit.
        case accompanyingOrganisations
        /// Who was met on the company's side.
        case peopleMet
        /// The notes of the meeting.
        case notes
        /// The management issues found.
        case issues
        /// The support given or arranged.
        case supportActions
        /// The agencies the company was referred to.
        case referrals
        /// The amount of a new guarantee given, in yen.
        case newGuaranteeAmount
        /// The amount of the loans whose terms were changed, in yen.
        case changeOfTermsAmount
        /// How far the referral made on this visit got.
        case referralStatus
        /// The short-term goals shared with the owner.
        case shortTermGoals
        /// The date of the next visit.
        case nextVisitDate
        /// Where the record stands in review.
        case reviewState
        /// The reviewer's comment.
        case reviewComment
    }

    /// The schema of visits.
    public static var schema: RecordSchema { .visit }

    /// The visit's record id.
    public var id: RecordID
    /// The company visited.
    public var company: RecordID
    /// The date of the visit.
    public var date: CalendarDate
    /// How the meeting took place.
    public var mode: VisitMode
    /// Why the visit took place.
    public var purpose: VisitPurpose
    /// The names of the staff who attended; never empty.
    public var staff: Set<String>
    /// Organisations whose people joined the visit (同行訪問).
    public var accompanyingOrganisations: Set<AccompanyingOrganisation>
    /// Who was met on the company's side.
    public var peopleMet: Set<AttendeeRole>
    /// The notes of the meeting, in the author's own words.
    public var notes: String?
    /// The management issues found (経営課題).
    public var issues: Set<ManagementIssue>
    /// The support given or arranged.
    public var supportActions: Set<SupportAction>
    /// The agencies the company was referred to (橋渡し先).
    public var referrals: Set<ReferralAgency>
    /// The short-term goals shared with the owner, followed up on the next visit.
    /// The amount of a new guarantee given (新規保証の金額), in yen, with the support
    /// action ``SupportAction/newGuarantee``.
    public var newGuaranteeAmount: Int64?
    /// The amount of the loans whose terms were changed (条件変更の金額), in yen, with
    /// ``SupportAction/changeOfTerms``.
    public var changeOfTermsAmount: Int64?
    /// How far the referral made on this visit got, updated as news comes back.
    public var referralStatus: ReferralStatus?
    public var shortTermGoals: String?
    /// The date of the next visit.
    public var nextVisitDate: CalendarDate?
    /// Where the record stands in review; a record nobody has submitted is a draft.
    public var reviewState: ReviewState
    /// The reviewer's comment, such as why the record was returned.
    public var reviewComment: String?

    /// A visit, checked against the schema.
    public init(
        id: RecordID,
        company: RecordID,
        date: CalendarDate,
        mode: VisitMode,
        purpose: VisitPurpose,
        staff: Set<String>,
        accompanyingOrganisations: Set<AccompanyingOrganisation> = [],
        peopleMet: Set<AttendeeRole> = [],
        notes: String? = nil,
        issues: Set<ManagementIssue> = [],
        supportActions: Set<SupportAction> = [],
        referrals: Set<ReferralAgency> = [],
        newGuaranteeAmount: Int64? = nil,
        changeOfTermsAmount: Int64? = nil,
        referralStatus: ReferralStatus? = nil,
        shortTermGoals: String? = nil,
        nextVisitDate: CalendarDate? = nil,
        reviewState: ReviewState = .draft,
        reviewComment: String? = nil
    ) throws(ValidationErrors) {
        self.id = id
        self.company = company
        self.date = date
        self.mode = mode
        self.purpose = purpose
        self.staff = staff
        self.accompanyingOrganisations = accompanyingOrganisations
        self.peopleMet = peopleMet
        self.notes = notes
        self.issues = issues
        self.supportActions = supportActions
        self.referrals = referrals
        self.newGuaranteeAmount = newGuaranteeAmount
        self.changeOfTermsAmount = changeOfTermsAmount
        self.referralStatus = referralStatus
        self.shortTermGoals = shortTermGoals
        self.nextVisitDate = nextVisitDate
        self.reviewState = reviewState
        self.reviewComment = reviewComment
        try validate()
    }

    /// A visit read from its field values, after validating them against the schema.
    public init(id: RecordID, values: [String: FieldValue], sets: [String: [FieldValue]]) throws(ValidationErrors) {
        var reader = try FieldReader<Field>(validating: values, sets: sets, against: Self.schema)
        self.id = id
        company = try reader.required(.company)
        date = try reader.required(.date)
        mode = try reader.required(.mode)
        purpose = try reader.required(.purpose)
        staff = reader.set(.staff)
        accompanyingOrganisations = reader.set(.accompanyingOrganisations)
        peopleMet = reader.set(.peopleMet)
        notes = reader.optional(.notes)
        issues = reader.set(.issues)
        supportActions = reader.set(.supportActions)
        referrals = reader.set(.referrals)
        newGuaranteeAmount = reader.optional(.newGuaranteeAmount)
        changeOfTermsAmount = reader.optional(.changeOfTermsAmount)
        referralStatus = reader.optional(.referralStatus)
        shortTermGoals = reader.optional(.shortTermGoals)
        nextVisitDate = reader.optional(.nextVisitDate)
        reviewState = reader.optional(.reviewState) ?? .draft
        reviewComment = reader.optional(.reviewComment)
        try reader.finish()
    }

    /// The single-valued fields; unknown values are left out.
    public var values: [String: FieldValue] { fields.values }

    /// The set fields, elements sorted; empty sets are left out.
    public var sets: [String: [FieldValue]] { fields.sets }

    private var fields: FieldWriter<Field> {
        var writer = FieldWriter<Field>()
        writer.put(.company, company)
        writer.put(.date, date)
        writer.put(.mode, mode)
        writer.put(.purpose, purpose)
        writer.put(.staff, elements: staff)
        writer.put(.accompanyingOrganisations, elements: accompanyingOrganisations)
        writer.put(.peopleMet, elements: peopleMet)
        writer.put(.notes, notes)
        writer.put(.issues, elements: issues)
        writer.put(.supportActions, elements: supportActions)
        writer.put(.referrals, elements: referrals)
        writer.put(.newGuaranteeAmount, newGuaranteeAmount)
        writer.put(.changeOfTermsAmount, changeOfTermsAmount)
        writer.put(.referralStatus, referralStatus)
        writer.put(.shortTermGoals, shortTermGoals)
        writer.put(.nextVisitDate, nextVisitDate)
        writer.put(.reviewState, reviewState)
        writer.put(.reviewComment, reviewComment)
        return writer
    }

    /// Decodes a visit from a flat JSON object keyed by field name, validating it.
    public init(from decoder: any Decoder) throws { try self.init(decodingFieldsFrom: decoder) }

    /// Encodes the visit as a flat JSON object keyed by field name.
    public func encode(to encoder: any Encoder) throws { try encodeFields(to: encoder) }
}
