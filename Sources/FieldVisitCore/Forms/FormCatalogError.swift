/// Why the catalog could not give a form or accept one.
public enum FormCatalogError: Error, Sendable, Hashable, CustomStringConvertible {
    /// No form has this id.
    case unknownForm(id: String, known: [String])
    /// The form exists but not in this version.
    case unknownVersion(id: String, version: Int, known: [Int])
    /// The same form id and version were given twice.
    case duplicateVersion(id: String, version: Int)
    /// The definition is not sound; the problems say where.
    case inconsistentDefinition(name: String, problems: [LocalizedText])
    /// A form file could not be read as a form definition.
    case undecodable(source: String, reason: String)

    /// The error in plain words, in both languages, saying what to do.
    public var message: LocalizedText {
        switch self {
        case .unknownForm(let id, let known):
            FormCatalogMessage.unknownForm.localized(["id": id, "known": known.joined(separator: ", ")])
        case .unknownVersion(let id, let version, let known):
            FormCatalogMessage.unknownVersion.localized(["id": id, "version": "\(version)", "known": known.map { "v\($0)" }.joined(separator: ", ")])
        case .duplicateVersion(let id, let version):
            FormCatalogMessage.duplicateVersion.localized(["id": id, "version": "\(version)"])
        case .inconsistentDefinition(let name, let problems):
            FormCatalogMessage.inconsistentDefinition.localized(
                ["name": name], parts: ["problems": .joined(problems.map { LocalizedText(english: "  - " + $0.english, japanese: "  - " + $0.japanese) }, separator: "\n")]
            )
        case .undecodable(let source, let reason):
            FormCatalogMessage.undecodable.localized(["source": source, "reason": reason])
        }
    }

    public var description: String { message.text() }
}

/// Why the form catalog could not give a form or accept one (``FormCatalogError``).
public enum FormCatalogMessage: String, MessageCatalogue {
    case unknownForm, unknownVersion, duplicateVersion, inconsistentDefinition, undecodable

    public var texts: (english: String, japanese: String) {
        switch self {
        case .unknownForm: ("there is no form \"{id}\"; use one of: {known}", "フォーム「{id}」はありません。次のどれかを使ってください: {known}")
        case .unknownVersion:
            ("form {id} has no version {version} (it has {known}); update the application to read answers recorded with a newer form",
             "フォーム {id} に版 {version} はありません（あるのは {known}）。新しい版のフォームで記録された回答を読むには、アプリケーションを更新してください")
        case .duplicateVersion:
            ("form {id} v{version} is defined twice; give the new definition the next version number",
             "フォーム {id} v{version} が二重に定義されています。新しい定義には次の版番号を付けてください")
        case .inconsistentDefinition:
            ("form {name} cannot be used; fix its definition:\n{problems}", "フォーム {name} は使えません。定義を直してください:\n{problems}")
        case .undecodable: ("{source} is not a valid form definition: {reason}", "{source} はフォームの定義として読めません: {reason}")
        }
    }
}
