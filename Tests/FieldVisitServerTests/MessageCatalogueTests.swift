import FieldVisitClient
import FieldVisitCore
import FieldVisitServer
import Foundation
import Testing

/// The catalogue of messages of every part of FieldVisit: each chapter listed here, every
/// chapter in the sources listed, and every message in both languages with the same
/// placeholders.
@Suite struct MessageCatalogueTests {
    static let chapters: [any MessageCatalogue.Type] = [
        // Core
        ValidationMessage.self, FormAnswerMessage.self, FormCatalogMessage.self, FormDefinitionMessage.self, TextFileMessage.self, ChangeMessage.self, CommandLineMessage.self,
        // The field client
        FormMessage.self, StatusMessage.self, SyncMessage.self, StoreMessage.self, RecordMessage.self, ReviewMessage.self,
        ConnectionMessage.self, ReportMessage.self, TransferMessage.self, CommandHelp.self, RecordCommandHelp.self, ReportCommandHelp.self,
        // The server
        ProblemMessage.self, StorageMessage.self, ServeMessage.self, ServerCommandHelp.self, AdminMessage.self,
    ]

    @Test("every message exists in English and Japanese, with the same placeholders, and its Japanese is translated")
    func everyMessageInBothLanguages() {
        for chapter in Self.chapters {
            let problems = chapter.translationProblems()
            #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
        }
    }

    @Test("every chapter in the sources is checked")
    func everyChapterIsListed() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let declaration = /^(?:public )?enum (\w+): String, MessageCatalogue/.anchorsMatchLineEndings()
        var found: Set<String> = []
        for folder in ["Sources", "Client/Sources", "Server/Sources", "Protocol/Sources"] {
            let files = FileManager.default.enumerator(at: root.appending(path: folder), includingPropertiesForKeys: nil)
            while let file = files?.nextObject() as? URL {
                guard file.pathExtension == "swift" else { continue }
                for match in try String(contentsOf: file, encoding: .utf8).matches(of: declaration) { found.insert(String(match.1)) }
            }
        }
        #expect(found.count >= 3)
        #expect(found == Set(Self.chapters.map { "\($0)" }))
    }

    @Test("a check that finds a placeholder missing in one language, an empty text and an untranslated message")
    func theCheckFindsMistakes() {
        #expect(BrokenMessage.translationProblems().count == 3)
        #expect(messagePlaceholders(in: "{a} and {b}, {a}") == ["a", "b"])
    }

    @Test("Accept-Language: Japanese when ja is preferred, English otherwise")
    func acceptLanguage() {
        #expect(Language.accepting(nil) == .english)
        #expect(Language.accepting("ja") == .japanese)
        #expect(Language.accepting("ja-JP,ja;q=0.9,en;q=0.8") == .japanese)
        #expect(Language.accepting("en-US,ja;q=0.5") == .english)
        #expect(Language.accepting("fr;q=1, ja;q=0.9") == .english)
        #expect(Language.accepting("en;q=0.1, ja;q=0.9") == .japanese)
        #expect(Language.accepting("ja;q=2, en") == .english)
        #expect(Language.accepting(String(repeating: "en;q=0.1,", count: 100_000) + "ja") == .english)
        // Hostile or broken headers: English, never a crash.
        for header in ["", ",,,", ";;;", "ja;q=nan", "ja;q=inf", "ja;q=-0.5", "ja;q=", "ja;q", "ja;q=0", "\u{0}ja", "ja\u{1B}[2J",
                       "ja;q=1e-400", "日本語", String(repeating: "x", count: 1_000_000)] {
            #expect(Language.accepting(header) == .english, "\(header.prefix(40))")
        }
        // Parameters other than q are ignored, however many.
        for header in [" JA-jp ; Q=0.8 , en;q=0.2", "ja;;q=1;;", "ja;level=1", String(repeating: "ja;", count: 100_000)] {
            #expect(Language.accepting(header) == .japanese, "\(header.prefix(40))")
        }
    }
}

/// A chapter with three mistakes, to show the check finds them.
private enum BrokenMessage: String, MessageCatalogue {
    case missingPlaceholder, empty, untranslated
    var texts: (english: String, japanese: String) {
        switch self {
        case .missingPlaceholder: ("{count} visits", "訪問")
        case .empty: ("visits", "")
        case .untranslated: ("the visit was stored", "the visit was stored")
        }
    }
}
