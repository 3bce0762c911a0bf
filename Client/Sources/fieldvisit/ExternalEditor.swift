import FieldVisitClient
import FieldVisitCore
import Foundation

/// The person's own text editor: $VISUAL or $EDITOR, else vi.
enum ExternalEditor {
    /// Opens `text` in the editor and returns what was saved.
    static func edit(_ text: String) throws -> String {
        let environment = ProcessInfo.processInfo.environment
        let editor = [environment["VISUAL"], environment["EDITOR"]].compactMap { $0 }.first { !$0.isEmpty } ?? "vi"
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("fieldvisit-resolve-\(UUID().uuidString).txt")
        // The competing values are personal data: owner-only while the editor has them.
        try OwnerOnlyFile.write(Data(text.utf8), to: file.path)
        defer { try? FileManager.default.removeItem(at: file) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "\(editor) \"$1\"", "sh", file.path]
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw CommandFailure(message: ReviewMessage.editorFailed.text(["editor": editor, "status": String(process.terminationStatus)]))
        }
        return String(decoding: try Data(contentsOf: file), as: UTF8.self)
    }
}
