import FieldVisitClient
import Foundation
import Testing

/// Runs the built `fieldvisit` executable, as a person at a terminal would.
struct FieldVisitProcess {
    /// The executable, next to the test bundle in the build folder.
    static let executable: URL = {
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = directory.appendingPathComponent("fieldvisit")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            directory = directory.deletingLastPathComponent()
        }
        return URL(fileURLWithPath: ".build/debug/fieldvisit")
    }()

    /// What one run printed and how it ended.
    struct Result {
        var status: Int32
        var output: String
        var error: String
        /// The output's lines, without the final empty one.
        var lines: [String] { output.split(separator: "\n", omittingEmptySubsequences: false).map(String.init).filter { !$0.isEmpty } }
    }

    let home: URL

    /// Runs `fieldvisit ARGUMENTS --home HOME` with `input` on standard input.
    @discardableResult
    func run(_ arguments: [String], input: String = "", environment: [String: String] = [:]) throws -> Result {
        let process = Process()
        process.executableURL = Self.executable
        process.arguments = arguments + ["--home", home.path]
        var variables = ProcessInfo.processInfo.environment
        variables["FIELDVISIT_HOME"] = nil
        for (key, value) in environment { variables[key] = value }
        process.environment = variables
        let output = Pipe(), error = Pipe(), standardInput = Pipe()
        process.standardOutput = output
        process.standardError = error
        process.standardInput = standardInput
        try process.run()
        standardInput.fileHandleForWriting.write(Data(input.utf8))
        try standardInput.fileHandleForWriting.close()
        let printed = output.fileHandleForReading.readDataToEndOfFile()
        let complained = error.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, output: String(decoding: printed, as: UTF8.self), error: String(decoding: complained, as: UTF8.self))
    }

    /// Runs a command that must succeed and returns its output.
    @discardableResult
    func succeed(_ arguments: [String], input: String = "", sourceLocation: SourceLocation = #_sourceLocation) throws -> Result {
        let result = try run(arguments, input: input)
        #expect(result.status == 0, "fieldvisit \(arguments.joined(separator: " ")) failed: \(result.error)", sourceLocation: sourceLocation)
        return result
    }
}
