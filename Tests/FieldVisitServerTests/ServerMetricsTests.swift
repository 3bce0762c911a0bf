import CoreMetrics
import FieldVisitCore
import FieldVisitProtocol
import Foundation
import Testing
@testable import FieldVisitServer

/// `GET /metrics` of a real `fieldvisit-server`: Hummingbird's request metrics by route
/// template, and the project's own counters, after real pushes and pulls.
@Suite(.serialized) struct ServerMetricsTests {
    let server: ServerProcess
    let api: APIClient

    init() throws {
        server = try ServerProcess()
        try server.provision(branches: [("morioka", "盛岡支店")], users: [("sato", "field", ["morioka"]), ("kanri", "manager", ["morioka"])])
        api = try APIClient(server: server)
    }

    func scrape() async throws -> PrometheusText {
        let response = try await api.send(.GET, Endpoint.metrics)
        #expect(response.status == 200)
        return try PrometheusText(String(decoding: response.body, as: UTF8.self))
    }

    /// The series of a request counted by Hummingbird's `MetricsMiddleware`.
    func request(_ route: String, _ method: String, _ status: Int) -> [String: String] {
        ["http_route": route, "http_request_method": method, "http_response_status_code": String(status)]
    }

    @Test func pushesPullsAndRequestsAreCounted() async throws {
        let before = try await scrape()
        for name in ["fieldvisit_change_sets_accepted_total", "fieldvisit_change_sets_duplicate_total", "fieldvisit_change_sets_refused_total",
                     "fieldvisit_conflicts_total", "fieldvisit_change_sets_pulled_total"] {
            #expect(before.value(name) == 0, "\(name)")
            #expect(before.types[name] == "counter")
            #expect(before.help[name] != nil)
        }
        #expect(before.series("hb_requests").isEmpty)
        // The scrape itself is in flight while it is rendered.
        #expect(before.value("http_server_active_requests", ["http_request_method": "GET"]) == 1)

        var sato = Replica(id: .random(), schema: .fieldVisit)
        var kanri = Replica(id: .random(), schema: .fieldVisit)
        let satoToken = try #require(try await api.enrol("sato", replica: sato.id).token)
        let kanriToken = try #require(try await api.enrol("kanri", replica: kanri.id).token)

        // A new company, then the same push again.
        let company = EntityKey(.company, .random())
        let created = try sato.commit([.set(company, field: "name", value: "株式会社カワムラ"), .set(company, field: "branch", value: "morioka")], author: "sato", now: 1)
        #expect(try await api.push([created], token: satoToken).results.map(\.status) == [.accepted])
        #expect(try await api.push([created], token: satoToken).results.map(\.status) == [.duplicate])
        // The manager pulls it; then both change the employees without seeing the other.
        let page = try await api.pull(token: kanriToken)
        #expect(page.changeSets.map(\.dot) == [created.dot])
        for change in page.changeSets { _ = try kanri.apply(change) }
        let satoEdit = try sato.commit([.set(company, field: "employees", value: 12)], author: "sato", now: 2)
        let kanriEdit = try kanri.commit([.set(company, field: "employees", value: 20)], author: "kanri", now: 3)
        #expect(try await api.push([satoEdit], token: satoToken).results.map(\.status) == [.accepted])
        #expect(try await api.push([kanriEdit], token: kanriToken).results.map(\.status) == [.accepted])
        // A change set no server could store is refused.
        var wrongType = satoEdit
        wrongType.operations = [.set(company, field: "employees", value: .text("たくさん"))]
        #expect(try await api.push([wrongType], token: satoToken).status == 422)
        #expect(try await api.pull(token: satoToken).changeSets.count == 3)
        // Paths no route serves: a made-up one, and a served path with another method.
        let madeUp = "/v1/made-up-\(UUID().uuidString.lowercased())"
        #expect(try await api.send(.GET, madeUp).status == 404)
        #expect(try await api.send(.PUT, Endpoint.changes, body: Data("{}".utf8)).status == 404)

        let after = try await scrape()
        #expect(after.value("fieldvisit_change_sets_accepted_total") == 3)
        #expect(after.value("fieldvisit_change_sets_duplicate_total") == 1)
        #expect(after.value("fieldvisit_change_sets_refused_total") == 1)
        #expect(after.value("fieldvisit_conflicts_total") == 1)
        #expect(after.value("fieldvisit_change_sets_pulled_total") == 4)

        #expect(after.types["hb_requests"] == "counter")
        #expect(after.value("hb_requests", request(Endpoint.devices, "POST", 201)) == 2)
        #expect(after.value("hb_requests", request(Endpoint.changes, "POST", 200)) == 4)
        #expect(after.value("hb_requests", request(Endpoint.changes, "POST", 422)) == 1)
        #expect(after.value("hb_requests", request(Endpoint.changes, "GET", 200)) == 2)
        #expect(after.value("hb_requests", request(Endpoint.metrics, "GET", 200)) == 1)
        #expect(after.value("hb_requests", request("NotFound", "GET", 404)) == 1)
        #expect(after.value("hb_requests", request("NotFound", "PUT", 404)) == 1)
        #expect(after.series("hb_requests").reduce(0) { $0 + $1.value } == 12)

        #expect(after.types["http_server_request_duration"] == "histogram")
        let pushes = request(Endpoint.changes, "POST", 200)
        #expect(after.value("http_server_request_duration_count", pushes) == 4)
        #expect(after.value("http_server_request_duration_bucket", pushes.merging(["le": "+Inf"]) { $1 }) == 4)
        #expect(try #require(after.value("http_server_request_duration_sum", pushes)) > 0)
        let bounds = Set(after.series("http_server_request_duration_bucket").compactMap { $0.labels["le"] })
        #expect(bounds == ["0.001", "0.005", "0.01", "0.025", "0.05", "0.1", "0.25", "0.5", "1.0", "2.5", "5.0", "10.0", "+Inf"])
        #expect(after.value("http_server_active_requests", ["http_request_method": "GET"]) == 1)
        #expect(after.value("http_server_active_requests", ["http_request_method": "POST"]) == 0)

        // Only route templates, and `NotFound`, in the route label: never a path a client made up.
        let routes = Set(after.samples.compactMap { $0.labels["http_route"] })
        #expect(routes.isSubset(of: Set(SyncRoutes.all.map(\.path) + ["NotFound"])), "\(routes)")
        #expect(!String(decoding: try await api.send(.GET, Endpoint.metrics).body, as: UTF8.self).contains("made-up"))

        // The example of `Protocol/openapi.yaml` names series the server emits, with their types.
        let document = try OpenAPIDocumentTests.document()
        let example = try #require(document["paths"]?["/metrics"]?["get"]?["responses"]?["200"]?["content"]?["text/plain"]?["examples"]?["metrics"]?["value"]?.text)
        let documented = try PrometheusText(example)
        #expect(!documented.samples.isEmpty)
        for sample in documented.samples {
            #expect(after.series(sample.name).contains { $0.labels.keys.sorted() == sample.labels.keys.sorted() }, "\(sample.name) \(sample.labels)")
        }
        for (name, type) in documented.types { #expect(after.types[name] == type, "\(name)") }
        for (name, help) in documented.help { #expect(after.help[name] == help, "\(name)") }
    }

    @Test func manyMadeUpPathsAddNoSeries() async throws {
        for index in 0..<50 { #expect(try await api.send(.GET, "/probe/\(index)/\(UUID().uuidString)").status == 404) }
        let metrics = try await scrape()
        #expect(metrics.series("hb_requests").map(\.labels) == [request("NotFound", "GET", 404)])
        #expect(metrics.value("hb_requests", request("NotFound", "GET", 404)) == 50)
        #expect(metrics.series("http_server_request_duration_count").count == 1)
    }

    @Test func eachServerKeepsItsOwnFigures() async throws {
        let first = ServerMetrics()
        let second = ServerMetrics()
        first.pushed(accepted: 2, duplicates: 1, refused: 0, newConflicts: 1)
        first.pulled(5)
        // Metrics made while a server's factory is bound go to its registry alone.
        withMetricsFactory(first.factory) { CoreMetrics.Counter(label: "made.in.first").increment(by: 3) }
        let one = try PrometheusText(first.render())
        let other = try PrometheusText(second.render())
        #expect(one.value("fieldvisit_change_sets_accepted_total") == 2)
        #expect(one.value("fieldvisit_change_sets_duplicate_total") == 1)
        #expect(one.value("fieldvisit_conflicts_total") == 1)
        #expect(one.value("fieldvisit_change_sets_pulled_total") == 5)
        #expect(one.value("made_in_first") == 3)
        #expect(other.value("fieldvisit_change_sets_accepted_total") == 0)
        #expect(other.value("fieldvisit_change_sets_pulled_total") == 0)
        #expect(other.value("made_in_first") == nil)
    }
}
