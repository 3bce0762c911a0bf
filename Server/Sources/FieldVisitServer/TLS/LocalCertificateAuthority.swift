import Crypto
import Foundation
import SwiftASN1  // comes with X509; needed for IP address names and DER.
import X509
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The server's own certificate authority, used when the administrator gives no
/// certificate (`--tls-cert`/`--tls-key`).
///
/// Laptops trust its `ca.pem` once. The server certificate it signs can then change (a
/// renewal) at any start without touching a laptop, which is why the authority itself is
/// never replaced automatically.
///
/// A laptop that trusts the authority must not thereby trust it for any other site: the
/// authority is name-constrained (a critical NameConstraints extension) to the server's
/// own DNS names as given at its creation, so that a certificate it signed for another
/// name fails verification even if its key leaks (addresses: see ``nameConstraints(for:)``). A later start with a
/// name outside those is refused with what to do (a new authority). It lasts two years.
public struct LocalCertificateAuthority: Sendable {
    /// The authority's certificate, the file laptops trust.
    public static let caCertificateFileName = "ca.pem"
    /// The authority's private key.
    public static let caPrivateKeyFileName = "ca-key.pem"
    /// The server certificate the authority signed.
    public static let certificateFileName = "server.pem"
    /// The server certificate's private key.
    public static let privateKeyFileName = "server-key.pem"

    /// The names every server certificate covers, so that the server can always be reached
    /// from its own machine (health checks, an administrator's laptop on the same host).
    public static let alwaysIncludedHostNames = ["localhost", "127.0.0.1", "::1"]

    /// The authority's self-signed certificate.
    public let certificate: Certificate
    /// Signs server certificates; never leaves the folder. A P-256 key, held in X509's
    /// wrapper because that one is `Sendable`.
    let privateKey: Certificate.PrivateKey
    /// The certificate exactly as stored, whose hash is the fingerprint people compare.
    let derBytes: [UInt8]

    private static let day: TimeInterval = 24 * 60 * 60
    /// Two years: a key that trusted laptops accept is not kept for longer.
    static let authorityValidity = 731 * day
    /// 397 days, the most browsers and Apple platforms accept for TLS server certificates;
    /// each authority thus issues about two, and never one beyond its own end.
    static let certificateValidity = 397 * day
    /// A certificate closer than this to its end is renewed, so a server restarted now and
    /// then never reaches the end of its certificate.
    static let renewalMargin = 30 * day
    /// Certificates start a day in the past: a laptop whose clock is a little behind would
    /// otherwise see a freshly issued certificate as not yet valid.
    static let clockSkewAllowance = day

    /// Makes sure `directory` holds an authority and a server certificate covering `hostNames`,
    /// and returns where they are.
    ///
    /// - The first call creates the folder (mode 0700), the authority (`ca.pem`, `ca-key.pem`)
    ///   and a server certificate (`server.pem`, `server-key.pem`).
    /// - Later calls reuse the authority as it is. They reuse the server certificate too unless
    ///   it lacks one of `hostNames`, ends within 30 days, or was not signed by this authority;
    ///   then they issue a new one that also keeps the names the previous one covered (to drop
    ///   names, delete `server.pem`). A name the authority's constraints do not permit is
    ///   refused (`.nameOutsideAuthority`).
    ///
    /// - Parameters:
    ///   - hostNames: The DNS names and IP addresses laptops use to reach the server;
    ///     `localhost`, `127.0.0.1` and `::1` are always added, wildcard listen addresses
    ///     (`0.0.0.0`, `::`) are left out because no client connects to them.
    ///   - now: The time the certificates are checked and issued against.
    /// - Throws: `ServerTLSError`, e.g. `.damagedAuthority` when the authority's files
    ///   cannot be used: the server never replaces them, because laptops already trust them.
    public static func prepare(directory: URL, hostNames: [String], now: Date = Date()) throws -> ServerCertificateFiles {
        let requestedNames = try subjectAlternativeNames(for: hostNames + alwaysIncludedHostNames)
        try makeDirectory(directory)

        let authority: LocalCertificateAuthority
        let createdAuthority: Bool
        if let existing = try load(from: directory) {
            authority = existing
            createdAuthority = false
        } else {
            authority = try create(names: requestedNames, now: now)
            try authority.save(in: directory)
            createdAuthority = true
        }
        guard authority.certificate.notValidAfter > now else {
            throw ServerTLSError.expiredAuthority(directory: directory.path, notValidAfter: authority.certificate.notValidAfter)
        }
        let outside = requestedNames.filter { !authority.permits($0) }
        guard outside.isEmpty else {
            throw ServerTLSError.nameOutsideAuthority(
                directory: directory.path, names: outside.compactMap(text(of:)), permitted: authority.permittedNames
            )
        }

        let certificateURL = directory.appendingPathComponent(certificateFileName)
        let privateKeyURL = directory.appendingPathComponent(privateKeyFileName)
        let previous = authority.certificateItIssued(at: certificateURL, privateKey: privateKeyURL)
        let previousNames = previous.map(Self.subjectAlternativeNames(of:)) ?? []

        let certificate: Certificate
        if let previous, Set(requestedNames).isSubset(of: previousNames),
           previous.notValidBefore <= now, previous.notValidAfter > now + renewalMargin {
            certificate = previous
        } else {
            let key = P256.Signing.PrivateKey()
            certificate = try authority.issueCertificate(
                names: requestedNames + previousNames.filter { !requestedNames.contains($0) },
                publicKey: key.publicKey,
                now: now
            )
            // A crash between the two writes leaves a certificate and a key that do not match,
            // which the next start notices and replaces.
            try PEMFile.save(key.pemRepresentation, to: privateKeyURL, permissions: 0o600)
            try PEMFile.save(try pem(of: certificate), to: certificateURL, permissions: 0o644)
        }

        return ServerCertificateFiles(
            caCertificate: directory.appendingPathComponent(caCertificateFileName),
            certificate: certificateURL,
            privateKey: privateKeyURL,
            caFingerprint: ServerCertificateFiles.fingerprint(sha256Digest: SHA256.hash(data: authority.derBytes)),
            createdAuthority: createdAuthority,
            issuedCertificate: certificate != previous,
            certificateNames: subjectAlternativeNames(of: certificate).compactMap(text(of:)),
            certificateNotValidAfter: certificate.notValidAfter
        )
    }

    // MARK: - The authority

    /// A new authority with a fresh P-256 key, allowed to sign certificates for `names`
    /// (and names under them) only.
    static func create(names: [GeneralName], now: Date) throws -> LocalCertificateAuthority {
        let key = Certificate.PrivateKey(P256.Signing.PrivateKey())
        let publicKey = key.publicKey
        let name = try DistinguishedName {
            OrganizationName("FieldVisit")
            CommonName("FieldVisit local CA")
        }
        let extensions = try Certificate.Extensions {
            // Path length 0: the authority signs server certificates, never other authorities.
            Critical(BasicConstraints.isCertificateAuthority(maxPathLength: 0))
            Critical(KeyUsage(keyCertSign: true, cRLSign: true))
            // Critical, as RFC 5280 requires: a client that cannot apply it must refuse.
            Critical(nameConstraints(for: names))
            SubjectKeyIdentifier(hash: publicKey)
        }
        let certificate = try Certificate(
            version: .v3,
            serialNumber: randomSerialNumber(),
            publicKey: publicKey,
            notValidBefore: now - clockSkewAllowance,
            notValidAfter: now + authorityValidity,
            issuer: name,
            subject: name,
            signatureAlgorithm: .ecdsaWithSHA256,
            extensions: extensions,
            issuerPrivateKey: key
        )
        var serializer = DER.Serializer()
        try serializer.serialize(certificate)
        return LocalCertificateAuthority(certificate: certificate, privateKey: key, derBytes: serializer.serializedBytes)
    }

    /// The authority stored in `directory`, or `nil` when neither of its files exists.
    ///
    /// Any other state (one file only, unreadable, not PEM, a key of another certificate)
    /// throws `.damagedAuthority`: creating a new authority there would silently break
    /// every laptop that trusts the old one.
    static func load(from directory: URL) throws -> LocalCertificateAuthority? {
        let certificateURL = directory.appendingPathComponent(caCertificateFileName)
        let privateKeyURL = directory.appendingPathComponent(caPrivateKeyFileName)
        // lstat, not stat: a dangling link still means someone put a file there.
        let exists = { (url: URL) in (try? FileManager.default.attributesOfItem(atPath: url.path)) != nil }
        guard exists(certificateURL) || exists(privateKeyURL) else { return nil }

        func damaged(_ url: URL, _ problem: ServerTLSError.FileProblem) -> ServerTLSError {
            .damagedAuthority(directory: directory.path, path: url.path, problem: problem)
        }
        let certificateFile = try PEMFile.load(certificateURL) { damaged(certificateURL, $0) }
        let privateKeyFile = try PEMFile.load(privateKeyURL) { damaged(privateKeyURL, $0) }

        guard let (certificate, derBytes) = firstCertificate(in: certificateFile) else {
            throw damaged(certificateURL, .wrongContent(ServeMessage.noReadableCertificate.localized(["labels": certificateFile.labelList])))
        }
        guard case .isCertificateAuthority = try? certificate.extensions.basicConstraints else {
            throw damaged(certificateURL, .wrongContent(ServeMessage.notAnAuthority.localized()))
        }
        guard let key = try? P256.Signing.PrivateKey(pemRepresentation: privateKeyFile.text) else {
            throw damaged(privateKeyURL, .wrongContent(ServeMessage.noP256Key.localized(["labels": privateKeyFile.labelList])))
        }
        guard Certificate.PublicKey(key.publicKey) == certificate.publicKey else {
            throw damaged(privateKeyURL, .wrongContent(ServeMessage.foreignKey.localized(["path": certificateURL.path])))
        }
        return LocalCertificateAuthority(certificate: certificate, privateKey: Certificate.PrivateKey(key), derBytes: derBytes)
    }

    /// Writes the authority to `directory`. Should the server stop between the two writes, the
    /// next start finds one file and reports it, rather than creating a second authority.
    func save(in directory: URL) throws {
        try PEMFile.save(privateKey.serializeAsPEM().pemString, to: directory.appendingPathComponent(Self.caPrivateKeyFileName), permissions: 0o600)
        try PEMFile.save(
            PEMDocument(type: "CERTIFICATE", derBytes: derBytes).pemString,
            to: directory.appendingPathComponent(Self.caCertificateFileName),
            permissions: 0o644
        )
    }

    // MARK: - Server certificates

    /// A server certificate for `names`, signed by this authority.
    func issueCertificate(names: [GeneralName], publicKey: P256.Signing.PublicKey, now: Date) throws -> Certificate {
        let subjectPublicKey = Certificate.PublicKey(publicKey)
        // Lets clients pick this authority among several with the same name.
        let authorityKeyIdentifier = (try? certificate.extensions.subjectKeyIdentifier)??.keyIdentifier
            ?? SubjectKeyIdentifier(hash: certificate.publicKey).keyIdentifier
        let extensions = try Certificate.Extensions {
            Critical(BasicConstraints.notCertificateAuthority)
            Critical(KeyUsage(digitalSignature: true))
            try ExtendedKeyUsage([.serverAuth])
            SubjectAlternativeNames(names)
            SubjectKeyIdentifier(hash: subjectPublicKey)
            AuthorityKeyIdentifier(keyIdentifier: authorityKeyIdentifier)
        }
        return try Certificate(
            version: .v3,
            serialNumber: Self.randomSerialNumber(),
            publicKey: subjectPublicKey,
            notValidBefore: now - Self.clockSkewAllowance,
            // Never beyond the authority: clients would reject the rest of the period anyway.
            notValidAfter: min(now + Self.certificateValidity, certificate.notValidAfter),
            issuer: certificate.subject,
            subject: try DistinguishedName {
                OrganizationName("FieldVisit")
                CommonName("FieldVisit server")
            },
            signatureAlgorithm: .ecdsaWithSHA256,
            extensions: extensions,
            issuerPrivateKey: privateKey
        )
    }

    /// The certificate at `url` if this authority signed it and `privateKey` holds its key;
    /// `nil` otherwise (missing, damaged, from elsewhere), as a new one can simply be issued.
    func certificateItIssued(at url: URL, privateKey: URL) -> Certificate? {
        guard let certificateFile = try? PEMFile.load(url),
              let (issued, _) = Self.firstCertificate(in: certificateFile),
              let keyFile = try? PEMFile.load(privateKey),
              let key = try? P256.Signing.PrivateKey(pemRepresentation: keyFile.text),
              Certificate.PublicKey(key.publicKey) == issued.publicKey,
              issued.issuer == certificate.subject,
              certificate.publicKey.isValidSignature(issued.signature, for: issued)
        else { return nil }
        return issued
    }

    // MARK: - Names

    /// The constraints of an authority for `names`: each DNS name as a permitted subtree
    /// (a wildcard name by the domain under its `*`). Addresses are left unconstrained:
    /// BoringSSL, the laptops' TLS, rejects every certificate with an IP address under an
    /// authority with IP constraints (it does not implement them).
    static func nameConstraints(for names: [GeneralName]) -> NameConstraints {
        var domains: [String] = []
        for case .dnsName(let host) in names {
            let domain = host.hasPrefix("*.") ? String(host.dropFirst(2)) : host
            if !domains.contains(domain) { domains.append(domain) }
        }
        return NameConstraints(permittedDNSDomains: domains)
    }

    /// Whether this authority's name constraints let it sign for `name`; an authority
    /// without them (made before they were added) may sign for any.
    func permits(_ name: GeneralName) -> Bool {
        guard let constraints = try? certificate.extensions.nameConstraints else { return true }
        let permitted = constraints.permittedSubtrees
        switch name {
        case .dnsName(let host):
            let domains = permitted.compactMap { (subtree: GeneralName) -> String? in
                guard case .dnsName(let domain) = subtree else { return nil }
                return domain.lowercased()
            }
            // RFC 5280: a domain permits itself and every name with more labels on the left.
            let host = host.lowercased()
            return domains.isEmpty || domains.contains { host == $0 || host.hasSuffix("." + $0) }
        case .ipAddress(let address):
            let ranges = permitted.compactMap { (subtree: GeneralName) -> [UInt8]? in
                guard case .ipAddress(let range) = subtree else { return nil }
                return Array(range.bytes)
            }
            let bytes = Array(address.bytes)
            // A range is a base address and a mask of the same length.
            return ranges.isEmpty || ranges.contains { range in
                range.count == 2 * bytes.count && bytes.indices.allSatisfy { index in
                    let mask = range[bytes.count + index]
                    return bytes[index] & mask == range[index] & mask
                }
            }
        default:
            return false
        }
    }

    /// The names and address ranges this authority may sign for, as people write them.
    var permittedNames: [String] {
        guard let constraints = try? certificate.extensions.nameConstraints else { return [] }
        return constraints.permittedSubtrees.compactMap { subtree in
            switch subtree {
            case .dnsName(let domain): return domain
            case .ipAddress(let range):
                let bytes = Array(range.bytes)
                let half = bytes.count / 2
                guard let address = NetworkHost.text(ofIPAddress: bytes.prefix(half)) else { return nil }
                let bits = bytes.suffix(half).reduce(0) { $0 + $1.nonzeroBitCount }
                return bits == half * 8 ? address : "\(address)/\(bits)"
            default: return nil
            }
        }
    }

    /// The subject alternative names for host names as typed: IP addresses as IP entries,
    /// the rest as DNS names, in order and without repeats.
    static func subjectAlternativeNames(for hostNames: [String]) throws -> [GeneralName] {
        var names: [GeneralName] = []
        for hostName in hostNames {
            let host = NetworkHost.normalized(hostName)
            if host.isEmpty || NetworkHost.isUnspecified(host) { continue }
            let name: GeneralName
            if let address = NetworkHost.ipAddress(host) {
                name = .ipAddress(ASN1OctetString(contentBytes: address[...]))
            } else if isDNSName(host) {
                name = .dnsName(host)
            } else {
                throw ServerTLSError.invalidHostName(hostName)
            }
            if !names.contains(name) { names.append(name) }
        }
        return names
    }

    /// The subject alternative names of `certificate`, DNS names in lower case so that they
    /// compare with the requested ones.
    static func subjectAlternativeNames(of certificate: Certificate) -> [GeneralName] {
        guard let names = try? certificate.extensions.subjectAlternativeNames else { return [] }
        return names.map { name in
            if case .dnsName(let text) = name { return .dnsName(text.lowercased()) }
            return name
        }
    }

    /// A name as people write it (`fv.example.lan`, `192.168.1.10`, `::1`).
    static func text(of name: GeneralName) -> String? {
        switch name {
        case .dnsName(let text): text
        case .ipAddress(let octets): NetworkHost.text(ofIPAddress: octets.bytes)
        default: nil
        }
    }

    /// A host name a certificate can carry: dot-separated labels of letters, digits and
    /// inner hyphens (non-ASCII names must be given in their `xn--` form), optionally
    /// starting with a `*` wildcard label.
    static func isDNSName(_ host: String) -> Bool {
        guard host.utf8.count <= 253 else { return false }
        let labels = host.split(separator: ".", omittingEmptySubsequences: false)
        for (index, label) in labels.enumerated() {
            if index == 0, label == "*", labels.count > 2 { continue }
            guard (1...63).contains(label.utf8.count), label.first != "-", label.last != "-",
                  label.utf8.allSatisfy({ ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2D })
            else { return false }
        }
        return true
    }

    // MARK: - Helpers

    /// 16 random bytes with the top bit clear and the next one set: a positive number of
    /// exactly 16 bytes, as some clients reject negative serials or ones over 20 bytes.
    static func randomSerialNumber() -> Certificate.SerialNumber {
        var generator = SystemRandomNumberGenerator()
        var bytes = (0..<16).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        bytes[0] = bytes[0] & 0x7F | 0x40
        return Certificate.SerialNumber(bytes: bytes)
    }

    /// The first certificate in a PEM file, with its DER bytes.
    static func firstCertificate(in file: PEMFile) -> (Certificate, [UInt8])? {
        guard let documents = try? PEMDocument.parseMultiple(pemString: file.text),
              let document = documents.first(where: { $0.discriminator == Certificate.defaultPEMDiscriminator }),
              let certificate = try? Certificate(derEncoded: document.derBytes)
        else { return nil }
        return (certificate, document.derBytes)
    }

    static func pem(of certificate: Certificate) throws -> String {
        try certificate.serializeAsPEM().pemString
    }

    /// Creates the folder readable by the server's user only: it holds the authority's key.
    static func makeDirectory(_ directory: URL) throws {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else {
                throw ServerTLSError.cannotWrite(path: directory.path, reason: "it is a file, not a folder")
            }
            // A folder made wider since is made owner-only again.
            guard chmod(directory.path, 0o700) == 0 else {
                throw ServerTLSError.cannotWrite(path: directory.path, reason: PEMFile.systemMessage(errno))
            }
            return
        }
        do {
            try FileManager.default.createDirectory(at: directory.deletingLastPathComponent(), withIntermediateDirectories: true)
        } catch {
            throw ServerTLSError.cannotWrite(path: directory.deletingLastPathComponent().path, reason: error.localizedDescription)
        }
        // mkdir with the mode, then chmod: the umask may have removed bits, never added any.
        guard mkdir(directory.path, 0o700) == 0 || errno == EEXIST, chmod(directory.path, 0o700) == 0 else {
            throw ServerTLSError.cannotWrite(path: directory.path, reason: PEMFile.systemMessage(errno))
        }
    }
}
