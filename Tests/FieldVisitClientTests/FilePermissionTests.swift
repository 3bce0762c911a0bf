import FieldVisitClient
import FieldVisitCore
import Foundation
import Testing

/// Personal data stays the user's own: the files the client writes are owner-only (0600),
/// and the data directory is made owner-only (0700) whenever a command opens it.
@Suite struct FilePermissionTests {
    let temporary = TemporaryHome()
    var fieldvisit: FieldVisitProcess { FieldVisitProcess(home: temporary.url) }

    static func permissions(_ path: String) throws -> Int {
        try #require((try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber)?.intValue)
    }

    @Test("exports written with --output are owner-only, also when they replace a wider file")
    func exportsAreOwnerOnly() throws {
        try fieldvisit.succeed(["init", "--user", "佐藤 花子"])
        try fieldvisit.succeed(["company", "add", "--name", "株式会社カワムラ", "--representative", "川村 一郎"])
        let outside = FileManager.default.temporaryDirectory.appendingPathComponent("fieldvisit-export-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: outside) }

        let csv = outside.appendingPathComponent("companies.csv").path
        try fieldvisit.succeed(["export", "--format", "csv", "--type", "companies", "--output", csv])
        #expect(try Self.permissions(csv) == 0o600)
        #expect(String(decoding: try Data(contentsOf: URL(fileURLWithPath: csv)), as: UTF8.self).contains("株式会社カワムラ"))

        let json = outside.appendingPathComponent("all.json").path
        #expect(FileManager.default.createFile(atPath: json, contents: Data("old".utf8), attributes: [.posixPermissions: 0o644]))
        try fieldvisit.succeed(["export", "--format", "json", "--output", json])
        #expect(try Self.permissions(json) == 0o600)
        #expect(String(decoding: try Data(contentsOf: URL(fileURLWithPath: json)), as: UTF8.self).contains("川村 一郎"))

        let nowhere = outside.appendingPathComponent("missing-folder/companies.csv").path
        let failed = try fieldvisit.run(["export", "--format", "csv", "--type", "companies", "--output", nowhere])
        #expect(failed.status == 1 && failed.error.contains(nowhere) && failed.error.contains("Nothing was written"), "\(failed.error)")
    }

    @Test("a data directory made readable by others is made owner-only again by the next command")
    func dataDirectoryIsTightened() throws {
        try fieldvisit.succeed(["init", "--user", "佐藤 花子"])
        #expect(try Self.permissions(temporary.url.path) == 0o700)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: temporary.url.path)
        try fieldvisit.succeed(["company", "list"])
        #expect(try Self.permissions(temporary.url.path) == 0o700)
    }
}
