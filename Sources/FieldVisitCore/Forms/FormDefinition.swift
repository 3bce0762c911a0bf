/// One version of a questionnaire, as data: its sections and questions, the branching
/// between them and, for diagnoses, the rules that turn answers into a result.
///
/// Forms change by year and by organisation, so a definition is never edited once
/// answers exist: a change is a new `version`, and answers are always read against the
/// version they name (see ``FormCatalog``). The JSON format is described in `docs/forms.md`.
public struct FormDefinition: Sendable, Hashable {
    /// The form's stable id, lowercase words joined by hyphens (`hearing-sheet`).
    public var id: String
    /// The version, counted from 1; each published change gets the next number.
    public var version: Int
    /// The form's title, in Japanese.
    public var title: String
    /// The sections, in the order they are asked.
    public var sections: [FormSection]
    /// The result rules, tried in order (empty for a form without a result).
    public var outcomes: [FormOutcome]
    /// For a succession diagnosis, the owners' ages from which the reports count an
    /// owner in a band of their own, ascending: `[60, 65]` shows owners of 60 to 64
    /// beside those of 65 or over, and the last is the age from which an owner is a
    /// target of succession interviews. Empty for other forms.
    public var ownerAgeThresholds: [Int]

    /// A form version built in code (tests, tools); shipped forms are JSON files.
    public init(id: String, version: Int, title: String, sections: [FormSection], outcomes: [FormOutcome] = [], ownerAgeThresholds: [Int] = []) {
        self.id = id
        self.version = version
        self.title = title
        self.sections = sections
        self.outcomes = outcomes
        self.ownerAgeThresholds = ownerAgeThresholds
    }

    /// Answers from a file, with the dates and years given as text read as people type
    /// them (`令和6年3月31日`, `R6.3.31`, `昭和31年`: ``CalendarDate/init(typed:field:)``)
    /// into the form's own values (`2024-03-31`, `1956`). Other answers are left as
    /// they are, for the form's rules to judge.
    public func readingTypedDates(_ answers: [String: FieldValue]) throws(ValidationError) -> [String: FieldValue] {
        var read = answers
        for (id, value) in answers {
            guard case .text(let text) = value, let question = question(id) else { continue }
            switch question.answerType {
            case .date: read[id] = .text(try CalendarDate(typed: text, field: id).description)
            case .year: read[id] = .integer(Int64(try CalendarDate.typedYear(text, field: id)))
            default: break
            }
        }
        return read
    }

    /// Every question, in the order asked.
    public var questions: [FormQuestion] { sections.flatMap(\.questions) }

    /// The question with `id`, or `nil` when this version has none.
    public func question(_ id: String) -> FormQuestion? {
        for section in sections {
            if let question = section.questions.first(where: { $0.id == id }) { return question }
        }
        return nil
    }

    /// `hearing-sheet v1`, for messages.
    public var versionedName: String { "\(id) v\(version)" }

    /// Everything that makes the definition unusable, in plain words; empty when it is
    /// sound. ``FormCatalog`` refuses a definition with problems, so a broken form file
    /// is caught when it is loaded rather than when a visit is recorded.
    ///
    /// Checked: ids well formed and unique; labels present; answer types sensible
    /// (bounds ordered, choices present with unique codes); conditions read only
    /// questions asked earlier and compare them with values of the right kind; outcome
    /// codes unique, and the final outcome, and only that one, is a catch-all.
    public var consistencyProblems: [LocalizedText] {
        typealias M = FormDefinitionMessage
        var problems: [LocalizedText] = []
        let name = versionedName
        let form = LocalizedText(verbatim: name)
        func at(_ place: LocalizedText, _ message: M, _ values: [String: String] = [:]) -> LocalizedText {
            message.localized(values, parts: ["place": place])
        }
        if !Self.isFormID(id) { problems.append(M.formID.localized(["id": id])) }
        if version < 1 { problems.append(at(form, .version)) }
        if title.isEmpty { problems.append(at(form, .emptyTitle)) }
        if sections.isEmpty { problems.append(at(form, .noSections)) }

        var sectionIDs: Set<String> = []
        var askedSoFar: [String: FormQuestion] = [:]
        for section in sections {
            if !sectionIDs.insert(section.id).inserted { problems.append(at(form, .sectionTwice, ["id": section.id])) }
            if !Self.isQuestionID(section.id) { problems.append(at(form, .sectionID, ["id": section.id])) }
            if section.questions.isEmpty { problems.append(at(form, .emptySection, ["id": section.id])) }
            for question in section.questions {
                let place = M.questionPlace.localized(["form": name, "id": question.id])
                if askedSoFar[question.id] != nil { problems.append(at(place, .questionTwice)) }
                if !Self.isQuestionID(question.id) { problems.append(at(place, .questionID)) }
                if question.label.isEmpty { problems.append(at(place, .emptyLabel)) }
                problems += Self.answerTypeProblems(question.answerType, place: place)
                if let condition = question.when {
                    problems += Self.conditionProblems(condition, known: askedSoFar, place: place, unknownHint: .askedBefore)
                }
                askedSoFar[question.id] = question
            }
        }

        if !ownerAgeThresholds.isEmpty,
           !ownerAgeThresholds.allSatisfy({ (1...120).contains($0) }) || ownerAgeThresholds != ownerAgeThresholds.sorted() || Set(ownerAgeThresholds).count != ownerAgeThresholds.count {
            problems.append(at(form, .ageThresholds))
        }
        var outcomeCodes: Set<String> = []
        for (position, outcome) in outcomes.enumerated() {
            let place = M.outcomePlace.localized(["form": name, "code": outcome.code])
            if !outcomeCodes.insert(outcome.code).inserted { problems.append(at(place, .outcomeTwice)) }
            if !Self.isQuestionID(outcome.code) { problems.append(at(place, .outcomeCode)) }
            if outcome.label.isEmpty || outcome.nextStep.isEmpty { problems.append(at(place, .outcomeTexts)) }
            let isLast = position == outcomes.count - 1
            switch (outcome.when, isLast) {
            case (nil, false): problems.append(at(place, .whenOmitted))
            case (_?, true): problems.append(at(place, .lastHasWhen))
            case (let condition?, false):
                problems += Self.conditionProblems(condition, known: askedSoFar, place: place, unknownHint: .notInVersion)
            case (nil, true): break
            }
        }
        return problems
    }

    private static func answerTypeProblems(_ type: FormAnswerType, place: LocalizedText) -> [LocalizedText] {
        typealias M = FormDefinitionMessage
        switch type {
        case .yen(let min?, let max?) where min > max, .integer(let min?, let max?) where min > max:
            return [M.minAboveMax.localized(["min": "\(min)", "max": "\(max)"], parts: ["place": place])]
        case .text(let maxLength) where maxLength < 1:
            return [M.maxLength.localized(parts: ["place": place])]
        case .choice(let entries):
            var problems: [LocalizedText] = []
            if entries.count < 2 { problems.append(M.twoChoices.localized(parts: ["place": place])) }
            var codes: Set<String> = []
            for entry in entries {
                if !codes.insert(entry.code).inserted { problems.append(M.choiceTwice.localized(["code": entry.code], parts: ["place": place])) }
                if !isQuestionID(entry.code) { problems.append(M.choiceCode.localized(["code": entry.code], parts: ["place": place])) }
                if entry.label.isEmpty { problems.append(M.choiceLabel.localized(["code": entry.code], parts: ["place": place])) }
            }
            return problems
        default:
            return []
        }
    }

    private static func conditionProblems(
        _ condition: FormCondition, known: [String: FormQuestion], place: LocalizedText, unknownHint: FormDefinitionMessage
    ) -> [LocalizedText] {
        var problems: [LocalizedText] = []
        for referenced in condition.referencedQuestions where known[referenced] == nil {
            problems.append(FormDefinitionMessage.unknownQuestion.localized(["question": referenced], parts: ["place": place, "hint": unknownHint.localized()]))
        }
        for (questionID, value) in condition.comparedValues {
            guard let question = known[questionID] else { continue }
            if let problem = question.answerType.problem(with: value) {
                let kind = FormAnswerProblem(questionID: questionID, questionLabel: question.label, kind: problem)
                problems.append(FormDefinitionMessage.impossibleValue.localized(["question": questionID], parts: ["place": place, "reason": kind.message]))
            }
        }
        return problems
    }

    /// Whether `text` is ASCII lowerCamelCase of at most 64 characters: `previousSales`.
    static func isQuestionID(_ text: String) -> Bool {
        guard let first = text.utf8.first, (0x61...0x7A).contains(first), text.utf8.count <= 64 else { return false }
        return text.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x41...0x5A).contains($0) || (0x61...0x7A).contains($0) }
    }

    /// Whether `text` is lowercase ASCII words joined by single hyphens: `hearing-sheet`.
    static func isFormID(_ text: String) -> Bool {
        let words = text.split(separator: "-", omittingEmptySubsequences: false)
        return text.utf8.count <= 64 && words.allSatisfy { word in
            !word.isEmpty && word.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x7A).contains($0) }
        }
    }
}

extension FormDefinition: Codable {
    private enum CodingKeys: String, CodingKey { case id, version, title, sections, outcomes, ownerAgeThresholds }

    /// Reads a form definition, refusing members it does not define.
    public init(from decoder: any Decoder) throws {
        try FormCodingKey.refuseUnknownMembers(
            in: decoder, allowed: ["id", "version", "title", "sections", "outcomes", "ownerAgeThresholds"], what: "A form definition"
        )
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        version = try container.decode(Int.self, forKey: .version)
        title = try container.decode(String.self, forKey: .title)
        sections = try container.decode([FormSection].self, forKey: .sections)
        outcomes = try container.decodeIfPresent([FormOutcome].self, forKey: .outcomes) ?? []
        ownerAgeThresholds = try container.decodeIfPresent([Int].self, forKey: .ownerAgeThresholds) ?? []
    }
}
