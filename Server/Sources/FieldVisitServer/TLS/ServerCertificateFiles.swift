import Foundation

/// The TLS files the server runs with, as `LocalCertificateAuthority.prepare` left them,
/// and what the server prints so that an administrator can set up the laptops:
/// "Clients trust: <caCertificate> (SHA-256 <caFingerprint>)".
public struct ServerCertificateFiles: Sendable, Hashable {
    /// The authority's certificate (`ca.pem`), the file each laptop is told to trust.
    public let caCertificate: URL
    /// The server certificate (`server.pem`), presented in every handshake.
    public let certificate: URL
    /// The server certificate's private key (`server-key.pem`).
    public let privateKey: URL
    /// SHA-256 of the authority certificate's DER, as `openssl x509 -fingerprint -sha256`
    /// prints it (`AB:01:…`), so a person can check a copied `ca.pem` by eye.
    public let caFingerprint: String
    /// Whether this start created the authority: no laptop trusts it yet.
    public let createdAuthority: Bool
    /// Whether this start issued a new server certificate (first start, new host name, renewal).
    public let issuedCertificate: Bool
    /// The host names and IP addresses the server certificate is valid for.
    public let certificateNames: [String]
    /// When the server certificate expires; the server renews it at a start within 30 days of this.
    public let certificateNotValidAfter: Date

    /// SHA-256 fingerprint text of DER bytes: uppercase hex pairs joined by ":".
    static func fingerprint(sha256Digest digest: some Sequence<UInt8>) -> String {
        digest.map { byte in
            let hex = String(byte, radix: 16, uppercase: true)
            return hex.count == 1 ? "0" + hex : hex
        }.joined(separator: ":")
    }
}
