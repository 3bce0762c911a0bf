/// A company (企業) that staff visit: a corporation or a sole proprietor, with what
/// the association knows about it.
public struct Company: Record {
    /// The names of the company's fields, as stored and sent.
    public enum Field: String, CaseIterable, Sendable, FieldName {
        /// The trade name (商号・屋号); required.
        case name
        /// The name's kana reading.
        case nameKana
        /// The corporate number; sole proprietors have none.
        case corporateNumber
        /// The legal form.
        case legalForm
        /// The industry.
        case industry
        /// The number of employees.
        case employees
        /// The capital, in yen.
        case capital
        /// The annual sales, in yen.
        case annualSales
        /// The representative's name.
        case representativeName
        /// The representative's year of birth.
        case representativeBirthYear
        /// The representative's date of birth, when known.
        case representativeBirthDate
        /// The address.
        case address
        /// The municipality (市区町村).
        case municipality
        /// The code of the branch (支所) that covers the company.
        case branch
        /// The main bank's name.
        case mainBank
        /// The main bank's type.
        case mainBankType
        /// The life stage.
        case lifeStage
        /// The follow-up programmes the company belongs to.
        case cohortTags
        /// When the company joined each cohort.
        case cohortStarts
        /// Why the company left the cohorts it left.
        case cohortEndings
        /// When the corporation's register was closed (登記記録の閉鎖等年月日).
        case closedOn
        /// Why the corporation's register was closed.
        case closeCause
        /// The corporate number of the corporation that took over (承継先法人番号).
        case successorCorporateNumber
    }

    /// The schema of companies.
    public static var schema: RecordSchema { .company }

    /// The company's record id.
    public var id: RecordID
    /// The trade name (商号・屋号).
    public var name: String
    /// The name's kana reading, for sorting and search.
    public var nameKana: String?
    /// The corporate number (法人番号); `nil` for sole proprietors and when unknown.
    public var corporateNumber: CorporateNumber?
    /// The legal form.
    public var legalForm: LegalForm?
    /// The industry.
    public var industry: Industry?
    /// The number of employees.
    public var employees: Int?
    /// The capital, in yen.
    public var capital: Int64?
    /// The annual sales, in yen.
    public var annualSales: Int64?
    /// The representative's name (代表者).
    public var representativeName: String?
    /// The representative's year of birth: owners aged 65 or more are the target of
    /// succession interviews.
    public var representativeBirthYear: Int?
    /// The representative's date of birth, when the owner gave it: it decides the age
    /// reached in a fiscal year for owners born January to March (``OwnerAge``).
    public var representativeBirthDate: CalendarDate?
    /// The address.
    public var address: String?
    /// The municipality (市区町村).
    public var municipality: String?
    /// The code of the branch (支所) that covers the company.
    public var branch: String?
    /// The main bank's name (メインバンク).
    public var mainBank: String?
    /// The main bank's type.
    public var mainBankType: BankType?
    /// The life stage.
    public var lifeStage: LifeStage?
    /// The follow-up programmes the company belongs to now. When it joined and left
    /// each is read from the log and ``cohortStarts`` (``CohortMembership`` in the reports).
    public var cohortTags: Set<CohortTag>
    /// When the company joined each cohort, one element per joining (``CohortStart``).
    public var cohortStarts: Set<String>
    /// Why the company left the cohorts it left, one code per cohort and reason
    /// (``CohortEnding/code``).
    public var cohortEndings: Set<String>
    /// When the corporation's register was closed (登記記録の閉鎖等年月日): dissolved,
    /// merged away or struck off, as the National Tax Agency publishes it; `nil` while
    /// it is open.
    public var closedOn: CalendarDate?
    /// Why the corporation's register was closed, when it is.
    public var closeCause: CloseCause?
    /// The corporate number of the corporation that took over (承継先法人番号), when
    /// the register was closed by a merger.
    public var successorCorporateNumber: CorporateNumber?

    /// A company, checked against the schema.
    public init(
        id: RecordID,
        name: String,
        nameKana: String? = nil,
        corporateNumber: CorporateNumber? = nil,
        legalForm: LegalForm? = nil,
        industry: Industry? = nil,
        employees: Int? = nil,
        capital: Int64? = nil,
        annualSales: Int64? = nil,
        representativeName: String? = nil,
        representativeBirthYear: Int? = nil,
        representativeBirthDate: CalendarDate? = nil,
        address: String? = nil,
        municipality: String? = nil,
        branch: String? = nil,
        mainBank: String? = nil,
        mainBankType: BankType? = nil,
        lifeStage: LifeStage? = nil,
        cohortTags: Set<CohortTag> = [],
        cohortStarts: Set<String> = [],
        cohortEndings: Set<String> = [],
        closedOn: CalendarDate? = nil,
        closeCause: CloseCause? = nil,
        successorCorporateNumber: CorporateNumber? = nil
    ) throws(ValidationErrors) {
        self.id = id
        self.name = name
        self.nameKana = nameKana
        self.corporateNumber = corporateNumber
        self.legalForm = legalForm
        self.industry = industry
        self.employees = employees
        self.capital = capital
        self.annualSales = annualSales
        self.representativeName = representativeName
        self.representativeBirthYear = representativeBirthYear
        self.representativeBirthDate = representativeBirthDate
        self.address = address
        self.municipality = municipality
        self.branch = branch
        self.mainBank = mainBank
        self.mainBankType = mainBankType
        self.lifeStage = lifeStage
        self.cohortTags = cohortTags
        self.cohortStarts = cohortStarts
        self.cohortEndings = cohortEndings
        self.closedOn = closedOn
        self.closeCause = closeCause
        self.successorCorporateNumber = successorCorporateNumber
        try validate()
    }

    /// A company read from its field values, after validating them against the schema.
    public init(id: RecordID, values: [String: FieldValue], sets: [String: [FieldValue]]) throws(ValidationErrors) {
        var reader = try FieldReader<Field>(validating: values, sets: sets, against: Self.schema)
        self.id = id
        name = try reader.required(.name)
        nameKana = reader.optional(.nameKana)
        corporateNumber = reader.optional(.corporateNumber)
        legalForm = reader.optional(.legalForm)
        industry = reader.optional(.industry)
        employees = reader.optional(.employees)
        capital = reader.optional(.capital)
        annualSales = reader.optional(.annualSales)
        representativeName = reader.optional(.representativeName)
        representativeBirthYear = reader.optional(.representativeBirthYear)
        representativeBirthDate = reader.optional(.representativeBirthDate)
        address = reader.optional(.address)
        municipality = reader.optional(.municipality)
        branch = reader.optional(.branch)
        mainBank = reader.optional(.mainBank)
        mainBankType = reader.optional(.mainBankType)
        lifeStage = reader.optional(.lifeStage)
        cohortTags = reader.set(.cohortTags)
        cohortStarts = reader.set(.cohortStarts)
        cohortEndings = reader.set(.cohortEndings)
        closedOn = reader.optional(.closedOn)
        closeCause = reader.optional(.closeCause)
        successorCorporateNumber = reader.optional(.successorCorporateNumber)
        try reader.finish()
    }

    /// The single-valued fields; unknown values are left out.
    public var values: [String: FieldValue] { fields.values }

    /// The set fields, elements sorted; empty sets are left out.
    public var sets: [String: [FieldValue]] { fields.sets }

    private var fields: FieldWriter<Field> {
        var writer = FieldWriter<Field>()
        writer.put(.name, name)
        writer.put(.nameKana, nameKana)
        writer.put(.corporateNumber, corporateNumber)
        writer.put(.legalForm, legalForm)
        writer.put(.industry, industry)
        writer.put(.employees, employees)
        writer.put(.capital, capital)
        writer.put(.annualSales, annualSales)
        writer.put(.representativeName, representativeName)
        writer.put(.representativeBirthYear, representativeBirthYear)
        writer.put(.representativeBirthDate, representativeBirthDate)
        writer.put(.address, address)
        writer.put(.municipality, municipality)
        writer.put(.branch, branch)
        writer.put(.mainBank, mainBank)
        writer.put(.mainBankType, mainBankType)
        writer.put(.lifeStage, lifeStage)
        writer.put(.cohortTags, elements: cohortTags)
        writer.put(.cohortStarts, elements: cohortStarts)
        writer.put(.cohortEndings, elements: cohortEndings)
        writer.put(.closedOn, closedOn)
        writer.put(.closeCause, closeCause)
        writer.put(.successorCorporateNumber, successorCorporateNumber)
        return writer
    }

    /// The age the representative reaches in the fiscal year starting in April of
    /// `startYear` (``OwnerAge``), or `nil` when neither the birth date nor the birth
    /// year is known.
    public func representativeAge(inFiscalYear startYear: Int) -> Int? {
        OwnerAge.reached(inFiscalYear: startYear, birthYear: representativeBirthYear, birthDate: representativeBirthDate)
    }

    /// The band of the annual sales, for reports in survey bands.
    public var annualSalesBand: AnnualSalesBand? { annualSales.map(AnnualSalesBand.init(yen:)) }

    /// The band of the number of employees, for reports in survey bands.
    public var employeeBand: EmployeeBand? { employees.map(EmployeeBand.init(employees:)) }

    /// Decodes a company from a flat JSON object keyed by field name, validating it.
    public init(from decoder: any Decoder) throws { try self.init(decodingFieldsFrom: decoder) }

    /// Encodes the company as a flat JSON object keyed by field name.
    public func encode(to encoder: any Encoder) throws { try encodeFields(to: encoder) }
}
