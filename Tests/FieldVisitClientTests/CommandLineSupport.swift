import FieldVisitClient
import Foundation
import Testing

/// Runs the built `fieldvisit` executable, as a person at a terminal would.
struct FieldVisitProcess {
    /// The executable, next to the test bundle in the build folder.
    static var executable: URL { FieldVisitExecutable.url ?? URL(fileURLWithPath: ".build/debug/fieldvisit") }

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
        let run = try FieldVisitExecutable.run(arguments + ["--home", home.path], input: input, environment: environment)
        return Result(status: run.status, output: run.standardOutput, error: run.standardError)
    }

    /// Runs a command that must succeed and returns its output.
    @discardableResult
    func succeed(_ arguments: [String], input: String = "", sourceLocation: SourceLocation = #_sourceLocation) throws -> Result {
        let result = try run(arguments, input: input)
        #expect(result.status == 0, "fieldvisit \(arguments.joined(separator: " ")) failed: \(result.error)", sourceLocation: sourceLocation)
        return result
    }
}
