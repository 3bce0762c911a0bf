import FieldVisitClient
import FieldVisitCore
import FieldVisitProtocol
import FieldVisitServer
import Foundation
import HummingbirdBcrypt
import Logging
import Testing

/// A form type declared once — its form file and one ``FormRecordType`` — is filled in,
/// synced through a real HTTPS server, reviewed and exported with no other code: the
/// schema, the catalogue, the record, the server's checks, the review queue and the
/// export all follow from the declaration.
@Suite struct ExtraFormTypeTests {
    /// A small form of its own: a follow-up telephone call.
    static let formFile = FormFile(name: "follow-up-call.v1.json", bytes: Array("""
        {"id": "follow-up-call", "version": 1, "title": "電話フォロー",
         "sections": [{"id": "call", "title": "通話", "questions": [
           {"id": "reached", "label": "代表者と話せましたか", "type": "boolean", "required": true},
           {"id": "topic", "label": "話題", "type": "choice", "required": true,
            "choices": [{"code": "financing", "label": "資金繰り"}, {"code": "succession", "label": "事業承継"}]},
           {"id": "memo", "label": "メモ", "type": "text", "maxLength": 400}
         ]}]}
        """.utf8))

    /// The one declaration.
    static let followUpCall = FormRecordType(
        recordType: RecordType(rawValue: "followUpCall"), formID: "follow-up-call", label: "電話フォロー", command: "call",
        formFiles: [formFile]
    )

    static let formTypes = FormRecordType.builtIn + [followUpCall]

    @Test func aFormTypeDeclaredOnceIsFilledSyncedReviewedAndExported() async throws {
        let catalog = try FormCatalog.load(Self.formTypes)
        let schema = Schema.fieldVisit(formTypes: Self.formTypes, catalog: catalog)
        #expect(schema.reviewedTypes.contains(Self.followUpCall.recordType))

        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("extra-form-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: scratch) }

        // The server, knowing the form type through its schema.
        let storage = try SQLiteStorage(directory: scratch.appendingPathComponent("server"), schema: schema)
        try await storage.addBranch(Branch(code: "morioka", name: "盛岡支店"))
        try await storage.addUser(User(name: "sato", role: .field, branches: ["morioka"]), passwordHash: Bcrypt.hash("field-pass", cost: 4))
        try await storage.addUser(User(name: "kanri", role: .manager, branches: ["morioka"]), passwordHash: Bcrypt.hash("manager-pass", cost: 4))
        let tls = try LocalCertificateAuthority.prepare(directory: scratch.appendingPathComponent("tls"), hostNames: ["127.0.0.1"])
        var logger = Logger(label: "extra-form")
        logger.logLevel = .critical
        let server = try SyncServer(host: "127.0.0.1", port: 0, transport: .tls(try ServerTLS.configuration(certificateChain: tls.certificate, privateKey: tls.privateKey)),
                                    service: SyncService(storage: storage, schema: schema), logger: logger)
        let (started, running) = AsyncStream.makeStream(of: String.self)
        let serving = Task { try await server.run { url in running.yield(url) } }
        defer { serving.cancel() }
        var urls = started.makeAsyncIterator()
        let address = try ServerAddress(try #require(await urls.next()))

        func laptop(_ user: String, password: String) async throws -> LocalStore {
            let store = try LocalStore.create(home: StoreHome(option: scratch.appendingPathComponent(user).path), user: user, schema: schema)
            _ = try await DeviceEnrolment.login(store: store, server: address, caFile: tls.caCertificate.path, user: user, password: password, deviceName: user)
            return store
        }
        func sync(_ store: LocalStore) async throws -> SyncSummary {
            try await ServerConnection.using(address, caFile: tls.caCertificate.path, token: store.deviceToken()) { connection in
                try await SyncAgent(store: store, connection: connection).run()
            }
        }

        // Field staff fill it in with the form of its own and hand it in.
        let sato = try await laptop("sato", password: "field-pass")
        let company = EntityKey(.company, .random())
        try sato.commit([.set(company, field: Company.Field.name.rawValue, value: "株式会社カワムラ"), .set(company, field: Company.Field.branch.rawValue, value: "morioka")])
        let draft = try FormRecordDraft.resolve(Self.followUpCall, company: company.id.rawValue, date: "2026-11-20", in: sato, today: try CalendarDate("2026-11-20"), catalog: catalog)
        #expect(draft.definition.id == "follow-up-call")
        let refused = FormAnswers(formID: "follow-up-call", formVersion: 1, answers: ["reached": true, "topic": "weather"])
        #expect(throws: ValidationErrors.self) { try sato.commitForm(draft, answers: refused) }
        let answers = FormAnswers(formID: "follow-up-call", formVersion: 1, answers: ["reached": true, "topic": "succession", "memo": "=社長は来月、後継者と来店予定"])
        let call = try sato.commitForm(draft, answers: answers)
        #expect(call.type == Self.followUpCall.recordType)
        _ = try sato.submit(call)
        let pushed = try await sync(sato)
        #expect(pushed.pushed == 3)

        // The manager sees it in the review queue and approves it.
        let kanri = try await laptop("kanri", password: "manager-pass")
        _ = try await sync(kanri)
        let queue = try kanri.reviewQueue(scope: try kanri.reviewScope())
        #expect(queue.map(\.id) == [call.id])
        #expect(queue.first?.type == Self.followUpCall.recordType)
        let report = try kanri.formReport(of: call, catalog: catalog, formTypes: Self.formTypes)
        #expect(report.answers.answers == answers.answers)
        #expect(report.problems.isEmpty)
        _ = try kanri.approve(call, comment: "確認しました")
        _ = try await sync(kanri)
        _ = try await sync(sato)
        #expect(try sato.summary(of: call)?.text(ReviewedRecordField.reviewState) == ReviewState.approved.code)

        // Exported with one column per question, the free text guarded for Excel.
        let csv = String(decoding: try RecordExport(Self.followUpCall, catalog: catalog, encoding: .utf8).csv(from: sato), as: UTF8.self)
        let lines = csv.split(separator: "\r\n").map(String.init)
        #expect(lines.first == "id,company,visit,date,staff,formID,formVersion,reviewState,reviewComment,answer.reached,answer.topic,answer.memo")
        #expect(lines.count == 2)
        #expect(lines.last?.hasPrefix("\(call.id),\(company.id),,2026-11-20,sato,follow-up-call,1,approved,確認しました,true,succession,'=社長") == true)
    }
}
