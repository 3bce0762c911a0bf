import FieldVisitCore
import FieldVisitProtocol
@testable import FieldVisitServer
import Foundation
import Testing

/// `Protocol/openapi.yaml` must describe exactly what the server serves: every route,
/// every problem code with its status, the Codable forms of the bodies and the limits.
@Suite struct OpenAPIDocumentTests {
    static let documentURL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Protocol/openapi.yaml")

    static let methods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"]

    /// One documented operation.
    struct Operation {
        var method: String
        var path: String
        var node: YAML
        var name: String { "\(method) \(path)" }
    }

    static func document() throws -> YAML {
        try YAMLReader.parse(String(contentsOf: documentURL, encoding: .utf8))
    }

    static func operations(_ document: YAML) throws -> [Operation] {
        let paths = try #require(document["paths"]?.entries, "the document has no paths")
        return paths.flatMap { path, item in
            (item.entries ?? []).filter { methods.contains($0.key) }.map { Operation(method: $0.key.uppercased(), path: path, node: $0.value) }
        }
    }

    /// Follows a local `$ref` (`#/components/…`) if `node` is one.
    static func resolve(_ node: YAML, in document: YAML) throws -> YAML {
        guard let reference = node["$ref"]?.text else { return node }
        #expect(reference.hasPrefix("#/"), "only local references: \(reference)")
        var target: YAML? = document
        for part in reference.dropFirst(2).split(separator: "/") { target = target?[String(part)] }
        return try resolve(try #require(target, "\(reference) does not exist"), in: document)
    }

    /// Each response of an operation, by status, with references followed.
    static func responses(_ operation: Operation, in document: YAML) throws -> [(status: String, response: YAML)] {
        let responses = try #require(operation.node["responses"]?.entries, "\(operation.name) has no responses")
        return try responses.map { ($0.key, try resolve($0.value, in: document)) }
    }

    /// The problem codes a problem response names: the `code` enum of its schema.
    static func problemCodes(_ response: YAML, in document: YAML) throws -> [String]? {
        guard let schema = response["content"]?["application/problem+json"]?["schema"] else { return nil }
        let parts = try (schema["allOf"]?.items ?? [schema]).map { try resolve($0, in: document) }
        return parts.compactMap { $0["properties"]?["code"]?["enum"]?.items?.compactMap(\.text) }.first ?? []
    }

    /// JSON in one form, to compare values whatever their key order.
    static func normalised(_ json: Data) throws -> Data {
        let options: JSONSerialization.WritingOptions = [.sortedKeys, .fragmentsAllowed, .withoutEscapingSlashes]
        return try JSONSerialization.data(withJSONObject: JSONSerialization.jsonObject(with: json, options: [.fragmentsAllowed]), options: options)
    }

    // MARK: Routes

    @Test func everyRouteIsDocumentedAndEveryDocumentedOperationIsServed() throws {
        let documented = try Self.operations(Self.document()).map(\.name)
        let served = SyncRoutes.all.map { "\($0.method) \($0.path)" }
        #expect(Set(documented).count == documented.count, "an operation is documented twice")
        #expect(Set(served).count == served.count, "a route is served twice")
        for route in served where !documented.contains(route) {
            Issue.record("\(route) is served but not documented in Protocol/openapi.yaml")
        }
        for operation in documented where !served.contains(operation) {
            Issue.record("\(operation) is documented but not served (SyncRoutes.all)")
        }
    }

    @Test func onlyEnrolmentHealthAndMetricsAreOpenToAll() throws {
        let document = try Self.document()
        let open: Set = ["GET \(Endpoint.health)", "GET \(Endpoint.metrics)", "POST \(Endpoint.devices)"]
        #expect(document["components"]?["securitySchemes"]?["deviceToken"]?["scheme"]?.text == "bearer")
        #expect(document["security"]?.items?.first?["deviceToken"] != nil)
        for operation in try Self.operations(document) {
            let isOpen = operation.node["security"]?.items?.isEmpty == true
            #expect(isOpen == open.contains(operation.name), "\(operation.name): security")
        }
    }

    // MARK: Problems

    @Test func problemCodesAreTheServersCodes() throws {
        let documented = try #require(Self.document()["components"]?["schemas"]?["ProblemCode"]?["enum"]?.items).compactMap(\.text)
        let swift = ProblemCode.allCases.map(\.rawValue)
        #expect(Set(documented).count == documented.count)
        for code in swift where !documented.contains(code) { Issue.record("ProblemCode \(code) is not in the document") }
        for code in documented where !swift.contains(code) { Issue.record("the document's ProblemCode \(code) is not the server's") }
    }

    @Test func everyErrorStatusIsTheStatusOfItsProblemCodes() throws {
        let document = try Self.document()
        let statuses = Set(ProblemCode.allCases.map(\.httpStatus))
        for operation in try Self.operations(document) {
            let responses = try Self.responses(operation, in: document)
            #expect(responses.contains { $0.status.hasPrefix("2") }, "\(operation.name) documents no success")
            for (status, response) in responses {
                let label = "\(operation.name) \(status)"
                let number = try #require(Int(status), "\(label): a status must be a number")
                let codes = try Self.problemCodes(response, in: document)
                guard number >= 400 else {
                    #expect(codes == nil, "\(label) is a success but sends a problem")
                    continue
                }
                #expect(statuses.contains(number), "\(label): no problem code has this status")
                let named = try #require(codes, "\(label) must send application/problem+json")
                #expect(!named.isEmpty, "\(label) names no problem code")
                for raw in named {
                    let code = try #require(ProblemCode(rawValue: raw), "\(label): \(raw) is not a problem code")
                    #expect(code.httpStatus == number, "\(label): \(raw) is sent with \(code.httpStatus)")
                }
            }
        }
    }

    @Test func authenticatedOperationsDocumentTheRefusalsOfEveryCaller() throws {
        let document = try Self.document()
        for operation in try Self.operations(document) {
            let codes = try Dictionary(uniqueKeysWithValues: Self.responses(operation, in: document).map {
                ($0.status, Set(try Self.problemCodes($0.response, in: document) ?? []))
            })
            if operation.node["security"]?.items?.isEmpty != true {
                #expect(codes["401"]?.contains(ProblemCode.unauthenticated.rawValue) == true, "\(operation.name): 401")
                // Every token is refused for a revoked device, a disabled user, and a user whose stored role the server does not know.
                let refusals = [ProblemCode.deviceRevoked, .userDisabled, .forbidden].map(\.rawValue)
                #expect(codes["403"]?.isSuperset(of: refusals) == true, "\(operation.name): 403")
            }
            if operation.path.hasPrefix(ProtocolVersion.pathPrefix) {
                #expect(codes["503"]?.contains(ProblemCode.unavailable.rawValue) == true, "\(operation.name): 503")
            }
            if operation.node["requestBody"] != nil {
                #expect(codes["400"]?.contains(ProblemCode.malformedRequest.rawValue) == true, "\(operation.name): 400")
                #expect(codes["413"]?.contains(ProblemCode.bodyTooLarge.rawValue) == true, "\(operation.name): 413")
            }
        }
    }

    // MARK: Bodies

    @Test func enumerationsAreTheSwiftOnes() throws {
        let schemas = try #require(Self.document()["components"]?["schemas"])
        func values(_ node: YAML?) -> Set<String> { Set(node?["enum"]?.items?.compactMap(\.text) ?? []) }
        #expect(values(schemas["Role"]) == Set(Role.allCases.map(\.rawValue)))
        #expect(values(schemas["RecordType"]) == Set(Schema.fieldVisit.records.keys.map(\.rawValue)))
        let statuses: [PushResult.Status] = [.accepted, .duplicate, .refused]
        for status in statuses {
            // Exhaustive: a new status does not compile until it is listed above.
            switch status { case .accepted, .duplicate, .refused: break }
        }
        #expect(values(schemas["PushResult"]?["properties"]?["status"]) == Set(statuses.map(\.rawValue)))
    }

    @Test func limitsAreSyncLimits() throws {
        let document = try Self.document()
        let schemas = try #require(document["components"]?["schemas"])
        let pull = try #require(document["paths"]?[Endpoint.changes]?["get"]?["parameters"]?.items)
        let limit = try #require(pull.first { $0["name"]?.text == "limit" }?["schema"])
        #expect(limit["maximum"]?.text == "\(SyncLimits.maxPullPage)")
        #expect(limit["default"]?.text == "\(SyncLimits.defaultPullPage)")
        #expect(Set(pull.compactMap { $0["name"]?.text }) == ["after", "limit"])
        #expect(schemas["PushRequest"]?["properties"]?["changeSets"]?["maxItems"]?.text == "\(SyncLimits.maxChangeSetsPerPush)")
        #expect(schemas["ChangeSet"]?["properties"]?["operations"]?["maxItems"]?.text == "\(SyncLimits.maxOperationsPerChangeSet)")
        let description = try #require(document["info"]?["description"]?.text)
        for limit in [SyncLimits.maxBodyBytes, SyncLimits.maxChangeSetsPerPush, SyncLimits.maxOperationsPerChangeSet,
                      SyncLimits.maxValueBytes, SyncLimits.maxPullPage, SyncLimits.defaultPullPage] {
            #expect(description.contains("\(limit)"), "info.description does not give the limit \(limit)")
        }
    }

    /// Each object schema lists exactly the keys Swift encodes, and requires exactly
    /// those it always encodes.
    @Test func schemasHaveTheKeysOfTheCodableForms() throws {
        let schemas = try #require(Self.document()["components"]?["schemas"])
        let samples = try Samples()
        for (name, full, minimal) in samples.objects {
            let schema = try #require(schemas[name], "no schema \(name)")
            let properties = Set(schema["properties"]?.entries?.map(\.key) ?? [])
            let required = Set(schema["required"]?.items?.compactMap(\.text) ?? [])
            #expect(properties == full, "\(name): properties \(properties.sorted()), Swift encodes \(full.sorted())")
            #expect(required == minimal, "\(name): required \(required.sorted()), Swift always encodes \(minimal.sorted())")
        }
        let variants = try #require(schemas["Operation"]?["oneOf"]?.items).compactMap { $0["$ref"]?.text?.split(separator: "/").last.map(String.init) }
        #expect(Set(variants) == Set(samples.operations.map(\.schema)))
        for (schemaName, kind) in samples.operations {
            #expect(schemas[schemaName]?["properties"]?["op"]?["const"]?.text == kind, "\(schemaName) is not op \(kind)")
            #expect(schemas["Operation"]?["discriminator"]?["mapping"]?[kind]?.text == "#/components/schemas/\(schemaName)")
        }
    }

    /// Every JSON example decodes as the Swift type of its body and encodes back to
    /// the same JSON; problem examples carry their response's status and a code it names.
    @Test func examplesAreWhatSwiftSendsAndReads() throws {
        let document = try Self.document()
        var checked = 0
        func check(_ examples: YAML?, as type: (any Codable.Type)?, _ label: String) throws {
            for (name, example) in examples?.entries ?? [] {
                let value = try #require(try Self.resolve(example, in: document)["value"], "\(label) \(name) has no value")
                let type = try #require(type, "\(label) has an example but no Swift type in this test")
                let json = try JSONSerialization.data(withJSONObject: value.json, options: [.fragmentsAllowed])
                let decoded: any Codable
                do {
                    decoded = try JSONDecoder().decode(type, from: json)
                } catch {
                    Issue.record("\(label) \(name) does not decode as \(type): \(error)")
                    continue
                }
                let again = try CanonicalJSON.encode(decoded)
                #expect(try Self.normalised(json) == Self.normalised(again),
                        "\(label) \(name) is not what Swift encodes: \(String(decoding: again, as: UTF8.self))")
                checked += 1
            }
        }
        let bodies: [String: any Codable.Type] = [
            "GET \(Endpoint.health) 200": [String: String].self,
            "POST \(Endpoint.devices) request": EnrolmentRequest.self,
            "POST \(Endpoint.devices) 201": EnrolmentResponse.self,
            "POST \(Endpoint.changes) request": PushRequest.self,
            "POST \(Endpoint.changes) 200": PushResponse.self,
            "GET \(Endpoint.changes) 200": PullPage.self,
            "GET \(Endpoint.snapshot) 200": Snapshot.self,
        ]
        for operation in try Self.operations(document) {
            try check(operation.node["requestBody"]?["content"]?["application/json"]?["examples"],
                      as: bodies["\(operation.name) request"], "\(operation.name) request")
            for (status, response) in try Self.responses(operation, in: document) {
                try check(response["content"]?["application/json"]?["examples"], as: bodies["\(operation.name) \(status)"], "\(operation.name) \(status)")
                let problems = response["content"]?["application/problem+json"]?["examples"]
                try check(problems, as: Problem.self, "\(operation.name) \(status)")
                let codes = try Self.problemCodes(response, in: document) ?? []
                for (name, example) in problems?.entries ?? [] {
                    let value = try Self.resolve(example, in: document)["value"]
                    #expect(value?["status"]?.text == status, "\(operation.name) \(status) \(name): status")
                    let code = value?["code"]?.text ?? ""
                    #expect(codes.contains(code), "\(operation.name) \(status) \(name): \(code) is not named by the response")
                    #expect(value?["type"]?.text == "urn:fieldvisit:problem:\(code)", "\(operation.name) \(status) \(name): type")
                }
            }
        }
        #expect(checked >= 10)
    }
}

/// Swift values whose encodings give the keys each schema must list.
private struct Samples {
    /// Schema name, the keys of a value with every optional set, the keys always encoded.
    var objects: [(String, Set<String>, Set<String>)]
    /// Operation schema name and its `op`.
    var operations: [(schema: String, kind: String)]

    init() throws {
        var objects: [(String, Set<String>, Set<String>)] = []
        var operations: [(schema: String, kind: String)] = []
        var laptop = Replica(id: .random(), schema: .fieldVisit)
        var other = Replica(id: .random(), schema: .fieldVisit)
        let visit = EntityKey(.visit, .random())
        let first = try laptop.commit([.set(visit, field: "notes", value: "社長と面談"), .add(visit, field: "issues", element: "cashFlow")], author: "sato", now: 1)
        try other.apply(first)
        let approval = try other.commit([.approve(visit)], author: "kanri", now: 2)
        let deletion = try other.commit([.delete(visit)], author: "kanri", now: 3)
        try laptop.apply(approval)
        try laptop.apply(deletion)
        let state = try #require(laptop.entities[visit])
        let stateJSON = try #require(try JSONSerialization.jsonObject(with: CanonicalJSON.encode(state)) as? [String: Any])
        func firstElement(_ key: String) throws -> Set<String> {
            let value = try #require(stateJSON[key])
            let element = (value as? [Any])?.first ?? ((value as? [String: Any])?.values.first as? [Any])?.first
            return Set(try #require(element as? [String: Any], "the state has no \(key)").keys)
        }

        let dot = first.dot
        let record = Snapshot.Record(type: visit.type, id: visit.id, state: state)
        let problem = Problem(.clockAhead, status: 422, title: "Change set refused", detail: "時計が進んでいます", serverTime: 1_732_000_000_000)
        let full = PushResult(dot: dot, status: .refused, sequence: 1, code: .missingDependencies, reason: "…", missing: [dot])
        func keys(_ value: some Encodable) throws -> Set<String> {
            Set(try #require(try JSONSerialization.jsonObject(with: CanonicalJSON.encode(value)) as? [String: Any]).keys)
        }
        func add(_ name: String, _ value: some Encodable) throws {
            let keys = try keys(value)
            objects.append((name, keys, keys))
        }
        try add("EnrolmentRequest", EnrolmentRequest(user: "sato", password: "password123", replica: .random(), deviceName: "盛岡1号機"))
        try add("EnrolmentResponse", EnrolmentResponse(token: "t", device: "d", user: "sato", role: .field, branches: ["morioka"]))
        try add("PushRequest", PushRequest(changeSets: [first]))
        try add("PushResponse", PushResponse(results: [full]))
        objects.append(("PushResult", try keys(full), try keys(PushResult(dot: dot, status: .accepted))))
        try add("PullPage", PullPage(changeSets: [first], cursor: 1, more: false))
        try add("Snapshot", Snapshot(records: [record], cursor: 1))
        try add("SnapshotRecord", record)
        try add("EntityState", state)
        objects.append(("Problem", try keys(problem), try keys(Problem(.forbidden, status: 403, title: "Forbidden", detail: "他の支店の記録です"))))
        try add("Dot", dot)
        try add("HybridTimestamp", first.timestamp)
        try add("ChangeSet", first)
        try add("Tombstone", Tombstone(isDeleted: true, version: VectorClock(covering: [dot])))
        try add("Health", ["status": "ok", "version": ServerInfo.version])
        for (name, key) in [("FieldSibling", "fields"), ("SetMember", "sets"), ("TombstoneSibling", "tombstone"), ("ApprovalSibling", "approval")] {
            let keys = try firstElement(key)
            objects.append((name, keys, keys))
        }

        let version = VectorClock(covering: [dot])
        let every: [(String, ChangeSet.Operation)] = [
            ("SetOperation", .set(visit, field: "notes", value: "面談内容")),
            ("AddOperation", .add(visit, field: "issues", element: "cashFlow")),
            ("RemoveOperation", .remove(visit, field: "issues", element: "cashFlow")),
            ("DeleteOperation", .delete(visit, version: version)),
            ("RestoreOperation", .restore(visit)),
            ("ApproveOperation", .approve(visit, version: version)),
        ]
        for (name, operation) in every {
            // Exhaustive: a new kind of operation does not compile until it is listed above.
            switch operation { case .set, .add, .remove, .delete, .restore, .approve: break }
            try add(name, operation)
            operations.append((name, operation.kind))
        }
        self.objects = objects
        self.operations = operations
    }
}

// MARK: A reader for the YAML the document is written in

/// A YAML value: a mapping (keys in order), a sequence or a scalar.
indirect enum YAML {
    case map([(key: String, value: YAML)])
    case list([YAML])
    /// A scalar as written; quoted and block scalars are always strings.
    case scalar(String, quoted: Bool)

    subscript(key: String) -> YAML? {
        guard case .map(let entries) = self else { return nil }
        return entries.last { $0.key == key }?.value
    }

    var entries: [(key: String, value: YAML)]? {
        if case .map(let entries) = self { return entries }
        return nil
    }

    var items: [YAML]? {
        if case .list(let items) = self { return items }
        return nil
    }

    var text: String? {
        if case .scalar(let text, _) = self { return text }
        return nil
    }

    /// The value as `JSONSerialization` takes it, plain scalars typed as YAML 1.2 does.
    var json: Any {
        switch self {
        case .map(let entries):
            return Dictionary(entries.map { ($0.key, $0.value.json) }, uniquingKeysWith: { $1 })
        case .list(let items):
            return items.map(\.json)
        case .scalar(let text, quoted: true):
            return text
        case .scalar(let text, quoted: false):
            switch text {
            case "", "~", "null": return NSNull()
            case "true": return true
            case "false": return false
            default:
                if let integer = Int64(text) { return NSNumber(value: integer) }
                if text.contains("."), let number = Double(text) { return NSNumber(value: number) }
                return text
            }
        }
    }
}

/// Reads the block style of YAML the document uses: mappings and sequences by
/// indentation, `- key: value` items, plain, quoted and block (`|`, `>`) scalars, flow
/// sequences of scalars, `{}` and whole-line comments. Anything else is an error.
struct YAMLReader {
    struct Failure: Error, CustomStringConvertible {
        var line: Int
        var message: String
        var description: String { "openapi.yaml line \(line): \(message)" }
    }

    private struct Line {
        var number: Int
        var indent: Int
        var text: String
        var isBlank: Bool { text.isEmpty || text.hasPrefix("#") }
    }

    private var lines: [Line]
    private var position = 0

    static func parse(_ source: String) throws -> YAML {
        var reader = YAMLReader(lines: try source.split(separator: "\n", omittingEmptySubsequences: false).enumerated().map { index, raw in
            var text = Substring(raw)
            while text.last == " " || text.last == "\r" { text = text.dropLast() }
            let indent = text.prefix { $0 == " " }.count
            guard !text.dropFirst(indent).hasPrefix("\t") else { throw Failure(line: index + 1, message: "a tab indents this line") }
            return Line(number: index + 1, indent: indent, text: String(text.dropFirst(indent)))
        })
        guard let first = reader.next() else { return .map([]) }
        let document = try reader.block(indent: first.indent)
        if let extra = reader.next() { throw Failure(line: extra.number, message: "unexpected indentation") }
        return document
    }

    private init(lines: [Line]) { self.lines = lines }

    /// The next line that is not blank or a comment, without consuming it.
    private mutating func next() -> Line? {
        while position < lines.count, lines[position].isBlank { position += 1 }
        return position < lines.count ? lines[position] : nil
    }

    private static func isItem(_ text: String) -> Bool { text == "-" || text.hasPrefix("- ") }

    private mutating func block(indent: Int) throws -> YAML {
        guard let line = next() else { return .scalar("", quoted: false) }
        return Self.isItem(line.text) ? try list(indent: indent) : try map(indent: indent)
    }

    private mutating func map(indent: Int) throws -> YAML {
        var entries: [(key: String, value: YAML)] = []
        while let line = next(), line.indent == indent, !Self.isItem(line.text) {
            position += 1
            let (key, rest) = try Self.split(line)
            guard !entries.contains(where: { $0.key == key }) else { throw Failure(line: line.number, message: "\(key) appears twice") }
            entries.append((key, try value(rest, of: line)))
        }
        return .map(entries)
    }

    private mutating func list(indent: Int) throws -> YAML {
        var items: [YAML] = []
        while let line = next(), line.indent == indent, Self.isItem(line.text) {
            let content = line.text.dropFirst().drop { $0 == " " }
            if !content.isEmpty, Self.startsMapping(String(content)) {
                // `- key: value` opens a mapping at the column of `key`.
                lines[position] = Line(number: line.number, indent: indent + line.text.count - content.count, text: String(content))
                items.append(try map(indent: lines[position].indent))
            } else {
                position += 1
                items.append(try value(String(content), of: line))
            }
        }
        return .list(items)
    }

    /// The value after `key:` (or `-`) on `line`: inline, a block scalar, or the
    /// more indented block below.
    private mutating func value(_ rest: String, of line: Line) throws -> YAML {
        if rest.isEmpty {
            guard let next = next() else { return .scalar("", quoted: false) }
            if next.indent > line.indent { return try block(indent: next.indent) }
            if next.indent == line.indent, Self.isItem(next.text), !Self.isItem(line.text) { return try list(indent: line.indent) }
            return .scalar("", quoted: false)
        }
        if let style = rest.first, style == "|" || style == ">" {
            return .scalar(try blockScalar(rest, below: line), quoted: true)
        }
        return try Self.inline(rest, line: line.number)
    }

    private mutating func blockScalar(_ header: String, below line: Line) throws -> String {
        guard ["|", "|-", "|+", ">", ">-", ">+"].contains(header) else { throw Failure(line: line.number, message: "block scalar \(header)") }
        var content: [Line] = []
        while position < lines.count, lines[position].text.isEmpty || lines[position].indent > line.indent {
            content.append(lines[position])
            position += 1
        }
        while content.last?.text.isEmpty == true { content.removeLast() }
        let indent = content.first { !$0.text.isEmpty }?.indent ?? 0
        let texts = content.map { $0.text.isEmpty ? "" : String(repeating: " ", count: $0.indent - indent) + $0.text }
        var text: String
        if header.hasPrefix("|") {
            text = texts.joined(separator: "\n")
        } else {
            text = texts.split(separator: "", omittingEmptySubsequences: false).map { $0.joined(separator: " ") }.joined(separator: "\n")
        }
        if !header.hasSuffix("-"), !texts.isEmpty { text += "\n" }
        return text
    }

    /// Whether an item's content is `key: value` or `key:`.
    private static func startsMapping(_ text: String) -> Bool {
        if let quote = text.first, quote == "\"" || quote == "'" {
            guard let end = closingQuote(in: text) else { return false }
            let after = text[text.index(after: end)...]
            return after == ":" || after.hasPrefix(": ")
        }
        return text.contains(": ") || text.hasSuffix(":")
    }

    private static func closingQuote(in text: String) -> String.Index? {
        let quote = text.first!
        var index = text.index(after: text.startIndex)
        while index < text.endIndex {
            if text[index] == "\\", quote == "\"" {
                index = text.index(index, offsetBy: 2, limitedBy: text.endIndex) ?? text.endIndex
                continue
            }
            if text[index] == quote {
                let next = text.index(after: index)
                if quote == "'", next < text.endIndex, text[next] == "'" {
                    index = text.index(after: next)
                    continue
                }
                return index
            }
            index = text.index(after: index)
        }
        return nil
    }

    private static func split(_ line: Line) throws -> (key: String, rest: String) {
        let text = line.text
        let keyEnd: String.Index
        let key: String
        if let quote = text.first, quote == "\"" || quote == "'" {
            guard let end = closingQuote(in: text) else { throw Failure(line: line.number, message: "unterminated key") }
            keyEnd = text.index(after: end)
            guard case .scalar(let unquoted, _) = try inline(String(text[..<keyEnd]), line: line.number) else {
                throw Failure(line: line.number, message: "a key must be a scalar")
            }
            key = unquoted
        } else if let colon = text.range(of: ": ")?.lowerBound ?? (text.hasSuffix(":") ? text.index(before: text.endIndex) : nil) {
            keyEnd = colon
            key = String(text[..<colon])
        } else {
            throw Failure(line: line.number, message: "expected `key: value`, found \(text)")
        }
        guard text[keyEnd...].hasPrefix(":") else { throw Failure(line: line.number, message: "expected `:` after the key") }
        return (key, String(text[text.index(after: keyEnd)...].drop { $0 == " " }))
    }

    /// A scalar or flow collection written on one line.
    private static func inline(_ text: String, line: Int) throws -> YAML {
        switch text.first {
        case "\"":
            guard let end = closingQuote(in: text), text.index(after: end) == text.endIndex else {
                throw Failure(line: line, message: "a double-quoted scalar must end the line")
            }
            var result = ""
            var escaped = false
            for character in text[text.index(after: text.startIndex)..<end] {
                if escaped {
                    switch character {
                    case "n": result.append("\n")
                    case "t": result.append("\t")
                    case "\"", "\\", "/": result.append(character)
                    default: throw Failure(line: line, message: "the escape \\\(character) is not read here")
                    }
                    escaped = false
                } else if character == "\\" {
                    escaped = true
                } else {
                    result.append(character)
                }
            }
            return .scalar(result, quoted: true)
        case "'":
            guard let end = closingQuote(in: text), text.index(after: end) == text.endIndex else {
                throw Failure(line: line, message: "a single-quoted scalar must end the line")
            }
            return .scalar(text[text.index(after: text.startIndex)..<end].replacingOccurrences(of: "''", with: "'"), quoted: true)
        case "[":
            guard text.hasSuffix("]") else { throw Failure(line: line, message: "a flow sequence must end the line") }
            let inner = text.dropFirst().dropLast().trimmingCharacters(in: .whitespaces)
            guard !inner.isEmpty else { return .list([]) }
            var items: [String] = []
            var current = ""
            var quote: Character?
            for character in inner {
                if let open = quote {
                    if character == open { quote = nil }
                } else if character == "\"" || character == "'" {
                    quote = character
                } else if character == "," {
                    items.append(current.trimmingCharacters(in: .whitespaces))
                    current = ""
                    continue
                } else if "[]{}".contains(character) {
                    throw Failure(line: line, message: "nested flow collections are not read here")
                }
                current.append(character)
            }
            items.append(current.trimmingCharacters(in: .whitespaces))
            return .list(try items.map { try inline($0, line: line) })
        case "{":
            guard text == "{}" else { throw Failure(line: line, message: "only the empty flow mapping {} is read here") }
            return .map([])
        case "&", "*", "!", "%", "@", "`", "|", ">":
            throw Failure(line: line, message: "\(text.first!) is not read here")
        default:
            guard !text.contains(" #"), !text.contains(": ") else { throw Failure(line: line, message: "quote this scalar: \(text)") }
            return .scalar(text, quoted: false)
        }
    }
}
