import AsyncHTTPClient
import Crypto
import FieldVisitServer
import Foundation
import Hummingbird
import HummingbirdTLS
import Logging
import NIOCore
import NIOSSL
import ServiceLifecycle
import SwiftASN1
import Testing
import X509

/// The server's own certificate authority and TLS settings, checked on the files they
/// leave on disk, the way laptops and TLS libraries read them.
@Suite struct CertificateAuthorityTests {
    static let hostNames = ["FV.Example.LAN", "192.168.1.10", "fd00::10"]

    // MARK: - First start

    @Test func theFirstStartCreatesTheFourFilesWithPrivateKeysReadableByTheOwnerOnly() throws {
        try withTemporaryDirectory { root in
            let directory = root.appendingPathComponent("data/tls")
            let files = try LocalCertificateAuthority.prepare(directory: directory, hostNames: Self.hostNames)

            #expect(files.caCertificate == directory.appendingPathComponent("ca.pem"))
            #expect(files.certificate == directory.appendingPathComponent("server.pem"))
            #expect(files.privateKey == directory.appendingPathComponent("server-key.pem"))
            #expect(files.createdAuthority)
            #expect(files.issuedCertificate)
            #expect(try permissions(of: directory) == 0o700)
            #expect(try permissions(of: directory.appendingPathComponent("ca.pem")) == 0o644)
            #expect(try permissions(of: directory.appendingPathComponent("ca-key.pem")) == 0o600)
            #expect(try permissions(of: directory.appendingPathComponent("server.pem")) == 0o644)
            #expect(try permissions(of: directory.appendingPathComponent("server-key.pem")) == 0o600)
            let leftovers = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
            #expect(leftovers == ["ca-key.pem", "ca.pem", "server-key.pem", "server.pem"])
        }
    }

    @Test func theAuthorityIsASelfSignedP256CertificateAuthorityForTwoYears() throws {
        try withTemporaryDirectory { root in
            let now = Date()
            let files = try LocalCertificateAuthority.prepare(directory: root, hostNames: [], now: now)
            let authority = try certificate(at: files.caCertificate)

            #expect(authority.subject == authority.issuer)
            #expect(authority.publicKey.isValidSignature(authority.signature, for: authority))
            #expect(P256.Signing.PublicKey(authority.publicKey) != nil)
            #expect(authority.subject.description.contains("CN=FieldVisit local CA"))
            #expect(authority.subject.description.contains("O=FieldVisit"))
            #expect(try authority.extensions.basicConstraints == .isCertificateAuthority(maxPathLength: 0))
            #expect(authority.extensions[oid: .X509ExtensionID.basicConstraints]?.critical == true)
            let keyUsage = try #require(try authority.extensions.keyUsage)
            #expect(keyUsage.keyCertSign && keyUsage.cRLSign && !keyUsage.digitalSignature)
            #expect(authority.extensions[oid: .X509ExtensionID.keyUsage]?.critical == true)
            let years = authority.notValidAfter.timeIntervalSince(now) / (365.25 * 24 * 3600)
            #expect(abs(years - 2) < 0.01)
            #expect(authority.notValidBefore <= now)

            // The key on disk is the authority's.
            let key = try P256.Signing.PrivateKey(pemRepresentation: String(contentsOf: root.appendingPathComponent("ca-key.pem"), encoding: .utf8))
            #expect(Certificate.PublicKey(key.publicKey) == authority.publicKey)
        }
    }

    @Test func theServerCertificateIsSignedByTheAuthorityForEveryNameAndAddress() async throws {
        try await withTemporaryDirectory { root in
            let now = Date()
            let files = try LocalCertificateAuthority.prepare(directory: root, hostNames: Self.hostNames + ["0.0.0.0", "[::1]"], now: now)
            let authority = try certificate(at: files.caCertificate)
            let server = try certificate(at: files.certificate)

            #expect(server.issuer == authority.subject)
            #expect(authority.publicKey.isValidSignature(server.signature, for: server))
            #expect(try server.extensions.basicConstraints == .notCertificateAuthority)
            #expect(try server.extensions.extendedKeyUsage?.contains(.serverAuth) == true)
            #expect(try server.extensions.keyUsage?.digitalSignature == true)
            let days = server.notValidAfter.timeIntervalSince(now) / (24 * 3600)
            #expect(abs(days - 397) < 0.01)
            #expect(server.serialNumber.bytes.count == 16)
            #expect(server.serialNumber.bytes.first.map { $0 & 0x80 == 0 } == true)

            // Exactly the requested names, DNS names as DNS entries and addresses as IP entries,
            // plus the loopback ones; the wildcard listen address names no host.
            let names = try #require(try server.extensions.subjectAlternativeNames)
            #expect(Array(names) == [
                .dnsName("fv.example.lan"),
                .ipAddress(ASN1OctetString(contentBytes: [192, 168, 1, 10])),
                .ipAddress(ASN1OctetString(contentBytes: [0xFD, 0] + Array(repeating: 0, count: 13) + [0x10])),
                .ipAddress(ASN1OctetString(contentBytes: Array(repeating: 0, count: 15) + [1])),
                .dnsName("localhost"),
                .ipAddress(ASN1OctetString(contentBytes: [127, 0, 0, 1])),
            ])
            #expect(files.certificateNames == ["fv.example.lan", "192.168.1.10", "fd00::10", "::1", "localhost", "127.0.0.1"])
            #expect(files.certificateNotValidAfter == server.notValidAfter)

            // What a client does: build the chain to ca.pem and check the name it dialled.
            for (hostname, address) in [("fv.example.lan", nil), ("FV.example.lan", nil), ("localhost", nil), (nil, "192.168.1.10"), (nil, "fd00::10"), (nil, "127.0.0.1"), (nil, "::1")] {
                #expect(await verifies(server, against: authority, hostname: hostname, address: address), "\(hostname ?? address ?? "")")
            }
            #expect(await !verifies(server, against: authority, hostname: "other.example.lan", address: nil))
            #expect(await !verifies(server, against: authority, hostname: nil, address: "192.168.1.11"))
            // Another authority's ca.pem does not vouch for this server.
            let stranger = try certificate(at: LocalCertificateAuthority.prepare(directory: root.appendingPathComponent("other"), hostNames: []).caCertificate)
            #expect(await !verifies(server, against: stranger, hostname: "localhost", address: nil))

            // server-key.pem is the certificate's key.
            let key = try P256.Signing.PrivateKey(pemRepresentation: String(contentsOf: files.privateKey, encoding: .utf8))
            #expect(Certificate.PublicKey(key.publicKey) == server.publicKey)
        }
    }

    /// The authority vouches for the server's names only: openssl reads the critical
    /// NameConstraints, verifies the server certificate, and refuses a certificate for
    /// another name signed with the same key.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/openssl")))
    func theAuthorityIsNameConstrainedToTheServersNamesAsOpenSSLSeesIt() async throws {
        try await withTemporaryDirectory { root in
            let files = try LocalCertificateAuthority.prepare(directory: root, hostNames: Self.hostNames)
            let authority = try certificate(at: files.caCertificate)
            #expect(authority.extensions[oid: .X509ExtensionID.nameConstraints]?.critical == true)
            let constraints = try #require(try authority.extensions.nameConstraints)
            #expect(Array(constraints.permittedDNSDomains) == ["fv.example.lan", "localhost"])
            // No IP ranges: BoringSSL would reject every certificate with an address.
            #expect(Array(constraints.permittedIPRanges).isEmpty)
            #expect(constraints.excludedSubtrees.isEmpty)

            let openssl = URL(fileURLWithPath: "/usr/bin/openssl")
            let text = try run(openssl, ["x509", "-in", files.caCertificate.path, "-noout", "-text"])
            #expect(text.contains("Name Constraints: critical"), "\(text)")
            #expect(text.contains("DNS:fv.example.lan") && text.contains("DNS:localhost"), "\(text)")
            #expect(try verify(openssl, files.certificate, against: files.caCertificate).hasSuffix(": OK"))

            // A certificate for another name, signed with the authority's own key.
            let key = try P256.Signing.PrivateKey(pemRepresentation: String(contentsOf: root.appendingPathComponent("ca-key.pem"), encoding: .utf8))
            for host in ["bank.example.com", "example.lan"] {
                let name = GeneralName.dnsName(host)
                let leafKey = P256.Signing.PrivateKey()
                let foreign = try Certificate(
                    version: .v3, serialNumber: Certificate.SerialNumber(), publicKey: Certificate.PublicKey(leafKey.publicKey),
                    notValidBefore: Date() - 3600, notValidAfter: Date() + 3600, issuer: authority.subject,
                    subject: try DistinguishedName { CommonName("impostor") }, signatureAlgorithm: .ecdsaWithSHA256,
                    extensions: try Certificate.Extensions {
                        Critical(BasicConstraints.notCertificateAuthority)
                        try ExtendedKeyUsage([.serverAuth])
                        SubjectAlternativeNames([name])
                    },
                    issuerPrivateKey: Certificate.PrivateKey(key)
                )
                let foreignFile = root.appendingPathComponent("foreign.pem")
                try foreign.serializeAsPEM().pemString.write(to: foreignFile, atomically: true, encoding: .utf8)
                let verdict = try verify(openssl, foreignFile, against: files.caCertificate)
                #expect(!verdict.contains(": OK") && verdict.contains("subtree violation"), "\(verdict)")
                #expect(await !verifies(foreign, against: authority, hostname: host, address: nil))
            }
        }
    }

    @Test func anExistingTLSFolderIsMadeOwnerOnly() throws {
        try withTemporaryDirectory { root in
            let directory = root.appendingPathComponent("tls")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o755])
            _ = try LocalCertificateAuthority.prepare(directory: directory, hostNames: [])
            #expect(try permissions(of: directory) == 0o700)
        }
    }

    @Test func theFingerprintIsTheSHA256OfTheAuthorityDERAsOpenSSLPrintsIt() throws {
        try withTemporaryDirectory { root in
            let files = try LocalCertificateAuthority.prepare(directory: root, hostNames: [])
            let der = try #require(try NIOSSLCertificate.fromPEMFile(files.caCertificate.path).first).toDERBytes()
            let expected = SHA256.hash(data: der).map { String(format: "%02X", $0) }.joined(separator: ":")
            #expect(files.caFingerprint == expected)
            #expect(files.caFingerprint.wholeMatch(of: /([0-9A-F]{2}:){31}[0-9A-F]{2}/) != nil)

            let openssl = URL(fileURLWithPath: "/usr/bin/openssl")
            if FileManager.default.isExecutableFile(atPath: openssl.path) {
                let output = try run(openssl, ["x509", "-in", files.caCertificate.path, "-noout", "-fingerprint", "-sha256"])
                #expect(output.trimmingCharacters(in: .whitespacesAndNewlines).hasSuffix("=" + files.caFingerprint))
            }
        }
    }

    // MARK: - Later starts

    @Test func aSecondStartReusesTheAuthorityAndTheServerCertificate() throws {
        try withTemporaryDirectory { root in
            let now = Date()
            let first = try LocalCertificateAuthority.prepare(directory: root, hostNames: Self.hostNames, now: now)
            let before = try contents(of: root)
            let second = try LocalCertificateAuthority.prepare(directory: root, hostNames: ["192.168.1.10", "fv.example.lan."], now: now + 3600)

            #expect(second.caFingerprint == first.caFingerprint)
            #expect(!second.createdAuthority)
            #expect(!second.issuedCertificate)
            #expect(second.certificateNames == first.certificateNames)
            #expect(try contents(of: root) == before)
        }
    }

    @Test func aNewHostNameUnderTheAuthoritysNamesIssuesANewServerCertificateFromTheSameAuthority() async throws {
        try await withTemporaryDirectory { root in
            let first = try LocalCertificateAuthority.prepare(directory: root, hostNames: ["fv.example.lan", "10.0.0.5"])
            let before = try contents(of: root)
            let second = try LocalCertificateAuthority.prepare(directory: root, hostNames: ["sync.fv.example.lan"])
            let after = try contents(of: root)

            #expect(second.caFingerprint == first.caFingerprint)
            #expect(!second.createdAuthority)
            #expect(second.issuedCertificate)
            #expect(after["ca.pem"] == before["ca.pem"])
            #expect(after["ca-key.pem"] == before["ca-key.pem"])
            #expect(after["server.pem"] != before["server.pem"])
            #expect(after["server-key.pem"] != before["server-key.pem"])
            // The names of the previous certificate stay: laptops that use them keep working.
            #expect(Set(second.certificateNames) == ["sync.fv.example.lan", "fv.example.lan", "10.0.0.5", "localhost", "127.0.0.1", "::1"])

            let authority = try certificate(at: second.caCertificate)
            let server = try certificate(at: second.certificate)
            #expect(await verifies(server, against: authority, hostname: nil, address: "10.0.0.5"))
            #expect(await verifies(server, against: authority, hostname: "fv.example.lan", address: nil))
            #expect(await verifies(server, against: authority, hostname: "sync.fv.example.lan", address: nil))
        }
    }

    @Test func aHostNameOutsideTheAuthoritysNameConstraintsStopsTheServerAndChangesNothing() throws {
        try withTemporaryDirectory { root in
            _ = try LocalCertificateAuthority.prepare(directory: root, hostNames: ["fv.example.lan", "192.168.1.10"])
            let before = try contents(of: root)
            for name in ["other.example.lan", "example.lan", "fv.example.lan.evil.example"] {
                let error = #expect(throws: ServerTLSError.self) {
                    try LocalCertificateAuthority.prepare(directory: root, hostNames: ["fv.example.lan", name])
                }
                #expect(error == .nameOutsideAuthority(
                    directory: root.path, names: [name], permitted: ["fv.example.lan", "localhost"]
                ))
                #expect(String(describing: error!).contains("move the folder \(root.path) away"))
            }
            #expect(try contents(of: root) == before)
        }
    }

    @Test func aServerCertificateWithinThirtyDaysOfItsEndIsRenewed() throws {
        try withTemporaryDirectory { root in
            let start = Date()
            let day: TimeInterval = 24 * 3600
            let first = try LocalCertificateAuthority.prepare(directory: root, hostNames: [], now: start)
            let later = try LocalCertificateAuthority.prepare(directory: root, hostNames: [], now: start + 360 * day)
            #expect(!later.issuedCertificate)
            #expect(later.certificateNotValidAfter == first.certificateNotValidAfter)

            let renewed = try LocalCertificateAuthority.prepare(directory: root, hostNames: [], now: start + 380 * day)
            #expect(renewed.issuedCertificate)
            #expect(renewed.caFingerprint == first.caFingerprint)
            #expect(renewed.certificateNotValidAfter > first.certificateNotValidAfter + 300 * day)
        }
    }

    @Test func nearItsEndTheAuthorityLimitsTheServerCertificateAndOnceExpiredStopsTheServer() throws {
        try withTemporaryDirectory { root in
            let start = Date()
            let year: TimeInterval = 365.25 * 24 * 3600
            let first = try LocalCertificateAuthority.prepare(directory: root, hostNames: [], now: start)
            let authority = try certificate(at: first.caCertificate)

            let late = try LocalCertificateAuthority.prepare(directory: root, hostNames: [], now: start + 1.5 * year)
            #expect(late.issuedCertificate)
            #expect(late.certificateNotValidAfter == authority.notValidAfter)

            let error = #expect(throws: ServerTLSError.self) {
                try LocalCertificateAuthority.prepare(directory: root, hostNames: [], now: start + 2.5 * year)
            }
            #expect(error == .expiredAuthority(directory: root.path, notValidAfter: authority.notValidAfter))
            #expect(String(describing: error!).contains("Move the folder \(root.path) away"))
        }
    }

    @Test func damagedServerFilesAreReplacedWithoutTouchingTheAuthority() throws {
        try withTemporaryDirectory { root in
            let first = try LocalCertificateAuthority.prepare(directory: root, hostNames: [])
            let before = try contents(of: root)
            try Data("garbage".utf8).write(to: first.certificate)
            let second = try LocalCertificateAuthority.prepare(directory: root, hostNames: [])
            #expect(second.issuedCertificate)
            #expect(try contents(of: root)["ca.pem"] == before["ca.pem"])
            let server = try certificate(at: second.certificate)
            #expect(try certificate(at: second.caCertificate).publicKey.isValidSignature(server.signature, for: server))

            // A server key that is not the certificate's (say, restored from another backup).
            try FileManager.default.removeItem(at: second.privateKey)
            try FileManager.default.copyItem(at: root.appendingPathComponent("ca-key.pem"), to: second.privateKey)
            let third = try LocalCertificateAuthority.prepare(directory: root, hostNames: [])
            #expect(third.issuedCertificate)
            #expect(try permissions(of: third.privateKey) == 0o600)
        }
    }

    // MARK: - A damaged authority is never replaced

    @Test(arguments: DamagedAuthority.allCases)
    func aDamagedAuthorityStopsTheServerWithAMessageNamingTheFile(_ damage: DamagedAuthority) throws {
        try withTemporaryDirectory { root in
            _ = try LocalCertificateAuthority.prepare(directory: root, hostNames: [])
            let file = root.appendingPathComponent(damage.file)
            try damage.apply(to: file, in: root)
            let before = try contents(of: root)

            let error = #expect(throws: ServerTLSError.self) {
                try LocalCertificateAuthority.prepare(directory: root, hostNames: [])
            }
            guard case .damagedAuthority(let directory, let path, _) = error else {
                Issue.record("unexpected error \(String(describing: error))")
                return
            }
            #expect(directory == root.path)
            #expect(path == file.path)
            let message = String(describing: error!)
            #expect(message.contains(file.path))
            #expect(message.contains("move the folder \(root.path) away"))
            #expect(message.contains("trust the new ca.pem"))
            #expect(try contents(of: root) == before, "nothing is rewritten")
        }
    }

    enum DamagedAuthority: String, CaseIterable, Sendable, CustomTestStringConvertible {
        case certificateIsGarbage, certificateMissing, keyMissing, keyIsGarbage, keyOfAnotherCertificate, certificateIsAFolder

        var file: String {
            switch self {
            case .certificateIsGarbage, .certificateMissing, .certificateIsAFolder: "ca.pem"
            case .keyMissing, .keyIsGarbage, .keyOfAnotherCertificate: "ca-key.pem"
            }
        }

        func apply(to file: URL, in directory: URL) throws {
            switch self {
            case .certificateIsGarbage, .keyIsGarbage:
                try Data("not a certificate\n".utf8).write(to: file)
            case .certificateMissing, .keyMissing:
                try FileManager.default.removeItem(at: file)
            case .keyOfAnotherCertificate:
                try FileManager.default.removeItem(at: file)
                try FileManager.default.copyItem(at: directory.appendingPathComponent("server-key.pem"), to: file)
            case .certificateIsAFolder:
                try FileManager.default.removeItem(at: file)
                try FileManager.default.createDirectory(at: file, withIntermediateDirectories: false)
            }
        }

        var testDescription: String { rawValue }
    }

    @Test func aHostNameThatIsNeitherANameNorAnAddressIsRefused() throws {
        try withTemporaryDirectory { root in
            for wrong in ["fv.example.lan:8443", "https://fv.example.lan", "two words", "fe80::1%eth0", "-dash.example"] {
                #expect(throws: ServerTLSError.invalidHostName(wrong)) {
                    try LocalCertificateAuthority.prepare(directory: root, hostNames: [wrong])
                }
            }
            #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent("ca.pem").path), "refused before creating anything")
            let files = try LocalCertificateAuthority.prepare(directory: root, hostNames: ["*.example.lan", "xn--bcher-kva.example"])
            #expect(files.certificateNames.prefix(2) == ["*.example.lan", "xn--bcher-kva.example"])
        }
    }

    // MARK: - TLS configuration

    @Test func theTLSConfigurationLoadsTheGeneratedFilesWithTLS12AtLeast() throws {
        try withTemporaryDirectory { root in
            let files = try LocalCertificateAuthority.prepare(directory: root, hostNames: [])
            let configuration = try ServerTLS.configuration(certificateChain: files.certificate, privateKey: files.privateKey)
            #expect(configuration.minimumTLSVersion == .tlsv12)
            #expect(configuration.certificateChain.count == 1)
            #expect(configuration.privateKey != nil)
        }
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/openssl")))
    func anAdministratorsOwnCertificateChainAndRSAKeyLoad() throws {
        try withTemporaryDirectory { root in
            let openssl = URL(fileURLWithPath: "/usr/bin/openssl")
            let certificate = root.appendingPathComponent("own.pem")
            let key = root.appendingPathComponent("own-key.pem")
            _ = try run(openssl, [
                "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key.path, "-out", certificate.path,
                "-subj", "/CN=fv.example.lan", "-days", "30", "-addext", "subjectAltName=DNS:fv.example.lan",
            ])
            // A chain file: the server certificate, then an intermediate (any certificate will do here).
            let chain = root.appendingPathComponent("chain.pem")
            let files = try LocalCertificateAuthority.prepare(directory: root.appendingPathComponent("tls"), hostNames: [])
            try (Data(contentsOf: certificate) + Data(contentsOf: files.caCertificate)).write(to: chain)

            let configuration = try ServerTLS.configuration(certificateChain: chain, privateKey: key)
            #expect(configuration.certificateChain.count == 2)
            #expect(configuration.minimumTLSVersion == .tlsv12)
            #expect(throws: ServerTLSError.keyDoesNotMatchCertificate(certificatePath: files.certificate.path, privateKeyPath: key.path)) {
                try ServerTLS.configuration(certificateChain: files.certificate, privateKey: key)
            }
        }
    }

    @Test func theTLSConfigurationNamesTheFileThatIsWrong() throws {
        try withTemporaryDirectory { root in
            let files = try LocalCertificateAuthority.prepare(directory: root.appendingPathComponent("tls"), hostNames: [])
            let missing = root.appendingPathComponent("missing.pem")
            let garbage = root.appendingPathComponent("garbage.pem")
            try Data("hello\n".utf8).write(to: garbage)
            let encrypted = root.appendingPathComponent("encrypted.pem")
            try Data("-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED PRIVATE KEY-----\n".utf8).write(to: encrypted)
            let authorityKey = root.appendingPathComponent("tls/ca-key.pem")

            func failure(_ certificate: URL, _ key: URL) -> ServerTLSError? {
                #expect(throws: ServerTLSError.self) { try ServerTLS.configuration(certificateChain: certificate, privateKey: key) }
            }
            #expect(failure(missing, files.privateKey) == .certificateFile(path: missing.path, problem: .missing))
            #expect(failure(files.certificate, missing) == .privateKeyFile(path: missing.path, problem: .missing))
            #expect(failure(garbage, files.privateKey) == .certificateFile(path: garbage.path, problem: .notPEM))
            #expect(failure(files.certificate, garbage) == .privateKeyFile(path: garbage.path, problem: .notPEM))
            #expect(failure(root, files.privateKey) == .certificateFile(path: root.path, problem: .unreadable(reason: "Is a directory")))
            #expect(failure(files.certificate, authorityKey) == .keyDoesNotMatchCertificate(certificatePath: files.certificate.path, privateKeyPath: authorityKey.path))
            guard case .certificateFile(_, .wrongContent(let text)) = failure(files.privateKey, files.certificate) else {
                Issue.record("a key given as the certificate")
                return
            }
            #expect(text.english.contains("holds no certificate") && text.english.contains("PRIVATE KEY") && text.japanese.contains("に証明書がありません"))
            guard case .privateKeyFile(_, .wrongContent(let encryptedText)) = failure(files.certificate, encrypted) else {
                Issue.record("an encrypted key")
                return
            }
            #expect(encryptedText.english.contains("encrypted") && encryptedText.japanese.contains("暗号化されています"))

            let message = String(describing: ServerTLSError.certificateFile(path: missing.path, problem: .missing))
            #expect(message == "The TLS certificate file \(missing.path) does not exist.")
        }
    }

    @Test func aClientTrustingCAPEMTalksHTTPSToTheServerAndOthersAreRefused() async throws {
        try await withTemporaryDirectory { root in
            let files = try LocalCertificateAuthority.prepare(directory: root, hostNames: [])
            let router = Router()
            router.get("hello") { _, _ in "hello" }
            let (ports, portContinuation) = AsyncStream.makeStream(of: Int.self)
            var logger = Logger(label: "CertificateAuthorityTests")
            logger.logLevel = .warning
            let app = Application(
                router: router,
                server: try .tls(tlsConfiguration: ServerTLS.configuration(certificateChain: files.certificate, privateKey: files.privateKey)),
                configuration: .init(address: .hostname("127.0.0.1", port: 0)),
                onServerRunning: { portContinuation.yield($0.localAddress?.port ?? 0) },
                logger: logger
            )
            let services = ServiceGroup(configuration: .init(services: [app], gracefulShutdownSignals: [], logger: logger))
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask {
                    // A server that fails to start ends the wait for its port.
                    defer { portContinuation.finish() }
                    try await services.run()
                }
                var iterator = ports.makeAsyncIterator()
                let port = try #require(await iterator.next())

                var trusting = TLSConfiguration.makeClientConfiguration()
                trusting.trustRoots = .file(files.caCertificate.path)
                let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: .init(tlsConfiguration: trusting))
                var plain = TLSConfiguration.makeClientConfiguration()
                plain.trustRoots = .certificates([])
                let stranger = HTTPClient(eventLoopGroupProvider: .singleton, configuration: .init(tlsConfiguration: plain))
                do {
                    for host in ["127.0.0.1", "localhost"] {
                        let response = try await client.execute(HTTPClientRequest(url: "https://\(host):\(port)/hello"), timeout: .seconds(10))
                        #expect(response.status == .ok, "\(host)")
                        #expect(String(buffer: try await response.body.collect(upTo: 1024)) == "hello")
                    }
                    // The client retries a failed handshake until its deadline, hence a short one.
                    await #expect(throws: (any Error).self) {
                        _ = try await stranger.execute(HTTPClientRequest(url: "https://127.0.0.1:\(port)/hello"), timeout: .seconds(1))
                    }
                } catch {
                    Issue.record(error)
                }
                try await client.shutdown()
                try await stranger.shutdown()
                await services.triggerGracefulShutdown()
            }
        }
    }

    // MARK: - Loopback

    @Test func loopbackHostsAreOnlyThoseOfThisMachine() {
        for host in ["localhost", "LocalHost", "localhost.", "127.0.0.1", "127.1.2.3", "127.255.255.255", "::1", "[::1]", "0:0:0:0:0:0:0:1", "::ffff:127.0.0.1", " 127.0.0.1 "] {
            #expect(NetworkHost.isLoopback(host), "\(host)")
        }
        for host in ["0.0.0.0", "::", "192.168.1.10", "10.0.0.1", "128.0.0.1", "126.255.255.255", "::2", "fe80::1", "localhost.example.com", "mylocalhost", "", "example.com", "::ffff:10.0.0.1"] {
            #expect(!NetworkHost.isLoopback(host), "\(host)")
        }
    }

    // MARK: - Helpers

    private func withTemporaryDirectory<Result>(_ body: (URL) async throws -> Result) async throws -> Result {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        return try await body(directory)
    }

    private func withTemporaryDirectory<Result>(_ body: (URL) throws -> Result) throws -> Result {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        return try body(directory)
    }

    private func makeTemporaryDirectory() throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("fieldvisit-tls-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }

    private func permissions(of url: URL) throws -> Int {
        let attributes = try FileManager.default.attributesOfItem(atPath: url.path)
        return (attributes[.posixPermissions] as? NSNumber)?.intValue ?? -1
    }

    /// Every regular file of a folder by name, to show what changed between two starts.
    private func contents(of directory: URL) throws -> [String: Data] {
        var result: [String: Data] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: directory.path) {
            var isDirectory: ObjCBool = false
            let url = directory.appendingPathComponent(name)
            if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue {
                result[name] = try Data(contentsOf: url)
            }
        }
        return result
    }

    private func certificate(at url: URL) throws -> Certificate {
        try Certificate(pemEncoded: String(contentsOf: url, encoding: .utf8))
    }

    /// Whether a client trusting only `authority` accepts `server` for the name it dialled.
    private func verifies(_ server: Certificate, against authority: Certificate, hostname: String?, address: String?) async -> Bool {
        var verifier = Verifier(rootCertificates: CertificateStore([authority])) {
            RFC5280Policy()
            ServerIdentityPolicy(serverHostname: hostname, serverIP: address)
        }
        if case .validCertificate = await verifier.validate(leaf: server, intermediates: CertificateStore()) { return true }
        return false
    }

    /// What `openssl verify -CAfile` says of `certificate`: its last line, error or OK.
    private func verify(_ openssl: URL, _ certificate: URL, against authority: URL) throws -> String {
        let output = try run(openssl, ["verify", "-CAfile", authority.path, certificate.path], errors: true)
        return output.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    private func run(_ executable: URL, _ arguments: [String], errors: Bool = false) throws -> String {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = errors ? pipe : FileHandle.nullDevice
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: output, as: UTF8.self)
    }
}
