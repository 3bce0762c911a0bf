/// A titled group of questions: a page or a heading of the form (財務情報, 経営者 …).
public struct FormSection: Sendable, Hashable, Identifiable {
    /// The stable id of the section (`financial`, `owner`).
    public var id: String
    /// The heading staff read, in Japanese.
    public var title: String
    /// The questions, in the order they are asked.
    public var questions: [FormQuestion]

    /// A section of `questions`, asked in the order given.
    public init(id: String, title: String, questions: [FormQuestion]) {
        self.id = id
        self.title = title
        self.questions = questions
    }
}

extension FormSection: Codable {
    private enum CodingKeys: String, CodingKey { case id, title, questions }

    /// Reads a section, refusing members it does not define.
    public init(from decoder: any Decoder) throws {
        try FormCodingKey.refuseUnknownMembers(in: decoder, allowed: ["id", "title", "questions"], what: "A section")
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        title = try container.decode(String.self, forKey: .title)
        questions = try container.decode([FormQuestion].self, forKey: .questions)
    }
}
