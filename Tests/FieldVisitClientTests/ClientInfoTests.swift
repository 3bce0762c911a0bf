import Testing
@testable import FieldVisitClient

@Suite struct ClientInfoTests {
    @Test("the client reports a semantic version")
    func version() {
        #expect(ClientInfo.version.split(separator: ".").count == 3)
    }
}
