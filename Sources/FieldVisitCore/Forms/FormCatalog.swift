import Foundation

/// Every version of every form the application knows.
///
/// Answers name the form and version they were given against, and are always read with
/// that version: publishing v2 of a form changes nothing about answers recorded with v1.
///
/// ```swift
/// let catalog = FormCatalog.builtIn
/// let sheet = try catalog.latest(id: FormRecordType.hearingSheet.formID)
/// let evaluator = try catalog.evaluator(for: answers)   // the version the answers name
/// ```
public struct FormCatalog: Sendable {
    private var definitions: [String: [Int: FormDefinition]]

    /// A catalog of `definitions`; refuses a definition that is inconsistent or given
    /// twice (same id and version).
    public init(_ definitions: [FormDefinition]) throws(FormCatalogError) {
        self.definitions = [:]
        for definition in definitions { try add(definition) }
    }

    /// The forms of the form types built in (``FormRecordType/builtIn``), read from the
    /// JSON files embedded in the library.
    ///
    /// Stops the program if those files are damaged: that is a packaging defect, which
    /// the test suite catches by calling ``loadBuiltIn()``.
    public static let builtIn: FormCatalog = {
        do {
            return try loadBuiltIn()
        } catch {
            fatalError("The forms built into FieldVisitCore are damaged: \(error)")
        }
    }()

    /// Reads the embedded form files; throws when one is damaged.
    public static func loadBuiltIn() throws(FormCatalogError) -> FormCatalog {
        try load(FormRecordType.builtIn)
    }

    /// Reads the form files of `formTypes`; throws when one is damaged.
    public static func load(_ formTypes: [FormRecordType]) throws(FormCatalogError) -> FormCatalog {
        var definitions: [FormDefinition] = []
        for type in formTypes {
            for file in type.formFiles { definitions.append(try decodeDefinition(Data(file.bytes), source: file.name)) }
        }
        return try FormCatalog(definitions)
    }

    /// Decodes one form definition from JSON (it is checked when added to a catalog).
    public static func decodeDefinition(_ json: Data, source: String = "the form file") throws(FormCatalogError) -> FormDefinition {
        do {
            return try JSONDecoder().decode(FormDefinition.self, from: json)
        } catch let error as DecodingError {
            throw .undecodable(source: source, reason: Self.explain(error))
        } catch {
            throw .undecodable(source: source, reason: "\(error)")
        }
    }

    /// A copy of the catalog with `definition` added, typically a new version of a form.
    public func adding(_ definition: FormDefinition) throws(FormCatalogError) -> FormCatalog {
        var copy = self
        try copy.add(definition)
        return copy
    }

    /// The ids of the forms, sorted.
    public var formIDs: [String] { definitions.keys.sorted() }

    /// The versions of form `id`, oldest first (empty for an unknown form).
    public func versions(of id: String) -> [Int] { definitions[id]?.keys.sorted() ?? [] }

    /// Version `version` of form `id`.
    public func definition(id: String, version: Int) throws(FormCatalogError) -> FormDefinition {
        guard let versions = definitions[id] else { throw .unknownForm(id: id, known: formIDs) }
        guard let definition = versions[version] else {
            throw .unknownVersion(id: id, version: version, known: versions.keys.sorted())
        }
        return definition
    }

    /// Every question of every version of form `id`, with its label (the latest
    /// version's where they differ): answers stay valid for every version of the form.
    public func questionLabels(ofForm id: String) -> [String: String] {
        var labels: [String: String] = [:]
        for version in versions(of: id) {
            guard let definition = try? definition(id: id, version: version) else { continue }
            for question in definition.questions { labels[question.id] = question.label }
        }
        return labels
    }

    /// The newest version of form `id`: what a new visit is recorded with.
    public func latest(id: String) throws(FormCatalogError) -> FormDefinition {
        guard let versions = definitions[id], let newest = versions.keys.max(), let definition = versions[newest] else {
            throw .unknownForm(id: id, known: formIDs)
        }
        return definition
    }

    /// The definition `answers` were given against.
    public func definition(for answers: FormAnswers) throws(FormCatalogError) -> FormDefinition {
        try definition(id: answers.formID, version: answers.formVersion)
    }

    /// An evaluator for the form version `answers` name.
    public func evaluator(for answers: FormAnswers) throws(FormCatalogError) -> FormEvaluator {
        FormEvaluator(try definition(for: answers))
    }

    /// Validates `answers` against the version they name: an unknown form or version is
    /// reported as a problem of `formID` / `formVersion`.
    public func validate(_ answers: FormAnswers) throws(ValidationErrors) {
        try resolvedEvaluator(for: answers).validate(answers)
    }

    /// Like ``evaluator(for:)``, with catalog errors reported as validation errors, for
    /// callers that report everything about a record in one list.
    func resolvedEvaluator(for answers: FormAnswers) throws(ValidationErrors) -> FormEvaluator {
        do {
            return try evaluator(for: answers)
        } catch {
            let field = if case .unknownVersion = error { "formVersion" } else { "formID" }
            throw ValidationErrors([ValidationError(field: field, error.message)])
        }
    }

    private mutating func add(_ definition: FormDefinition) throws(FormCatalogError) {
        let problems = definition.consistencyProblems
        guard problems.isEmpty else { throw .inconsistentDefinition(name: definition.versionedName, problems: problems) }
        guard definitions[definition.id]?[definition.version] == nil else {
            throw .duplicateVersion(id: definition.id, version: definition.version)
        }
        definitions[definition.id, default: [:]][definition.version] = definition
    }

    private static func explain(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            let components = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
            return components.isEmpty ? "at the top level" : "at \(components)"
        }
        switch error {
        case .typeMismatch(let type, let context): return "\(path(context)): expected \(type). \(context.debugDescription)"
        case .valueNotFound(let type, let context): return "\(path(context)): a \(type) is missing"
        case .keyNotFound(let key, let context): return "\(path(context)): the member \"\(key.stringValue)\" is missing"
        case .dataCorrupted(let context): return "\(path(context)): \(context.debugDescription)"
        @unknown default: return "\(error)"
        }
    }
}
