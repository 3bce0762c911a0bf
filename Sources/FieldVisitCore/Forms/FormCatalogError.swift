/// Why the catalog could not give a form or accept one.
public enum FormCatalogError: Error, Sendable, Hashable, CustomStringConvertible {
    /// No form has this id.
    case unknownForm(id: String, known: [String])
    /// The form exists but not in this version.
    case unknownVersion(id: String, version: Int, known: [Int])
    /// The same form id and version were given twice.
    case duplicateVersion(id: String, version: Int)
    /// The definition is not sound; the problems say where.
    case inconsistentDefinition(name: String, problems: [String])
    /// A form file could not be read as a form definition.
    case undecodable(source: String, reason: String)

    /// The error in plain words, saying what to do.
    public var description: String {
        switch self {
        case .unknownForm(let id, let known):
            "there is no form \"\(id)\"; use one of: \(known.joined(separator: ", "))"
        case .unknownVersion(let id, let version, let known):
            "form \(id) has no version \(version) (it has \(known.map { "v\($0)" }.joined(separator: ", "))); "
                + "update the application to read answers recorded with a newer form"
        case .duplicateVersion(let id, let version):
            "form \(id) v\(version) is defined twice; give the new definition the next version number"
        case .inconsistentDefinition(let name, let problems):
            "form \(name) cannot be used; fix its definition:\n" + problems.map { "  - \($0)" }.joined(separator: "\n")
        case .undecodable(let source, let reason):
            "\(source) is not a valid form definition: \(reason)"
        }
    }
}
