import Foundation
import NIOSSL
import SwiftASN1  // comes with X509; reads the PEM blocks.
import X509

/// The TLS settings the server listens with, built from PEM files: the administrator's own
/// (`--tls-cert`, `--tls-key`) or those `LocalCertificateAuthority.prepare` made.
public enum ServerTLS {
    /// TLS 1.0 and 1.1 are deprecated (RFC 8996) and every supported laptop speaks TLS 1.2.
    public static let minimumVersion: TLSVersion = .tlsv12

    /// The server `TLSConfiguration` (what HummingbirdTLS takes) presenting the certificate
    /// chain in `certificateChain` (server certificate first, then any intermediates) with the
    /// key in `privateKey`.
    ///
    /// Everything a handshake needs is checked here, so that a wrong file stops the server at
    /// start with a message naming it, instead of failing every connection later.
    ///
    /// - Throws: `ServerTLSError`: `.certificateFile` / `.privateKeyFile` when a file is
    ///   missing, unreadable, not PEM or holds something else (an encrypted key included),
    ///   `.keyDoesNotMatchCertificate`, or `.unusableCertificate` for what TLS itself refuses.
    public static func configuration(certificateChain: URL, privateKey: URL) throws -> TLSConfiguration {
        let certificateFile = try PEMFile.load(certificateChain) {
            .certificateFile(path: certificateChain.path, problem: $0)
        }
        guard certificateFile.labels.contains(Certificate.defaultPEMDiscriminator) else {
            throw ServerTLSError.certificateFile(
                path: certificateChain.path,
                problem: .wrongContent(ServeMessage.noCertificate.localized(["labels": certificateFile.labelList]))
            )
        }
        let certificates: [NIOSSLCertificate]
        do {
            certificates = try NIOSSLCertificate.fromPEMBytes(certificateFile.bytes)
        } catch {
            throw ServerTLSError.certificateFile(path: certificateChain.path, problem: .wrongContent(ServeMessage.unreadableCertificate.localized()))
        }

        let keyFile = try PEMFile.load(privateKey) { .privateKeyFile(path: privateKey.path, problem: $0) }
        // BoringSSL would ask for a passphrase nobody can type into a service.
        if keyFile.labels.contains("ENCRYPTED PRIVATE KEY") || keyFile.text.contains("Proc-Type: 4,ENCRYPTED") {
            throw ServerTLSError.privateKeyFile(
                path: privateKey.path,
                problem: .wrongContent(ServeMessage.encryptedKey.localized())
            )
        }
        let key: NIOSSLPrivateKey
        do {
            key = try NIOSSLPrivateKey(bytes: keyFile.bytes, format: .pem)
        } catch {
            throw ServerTLSError.privateKeyFile(
                path: privateKey.path,
                problem: .wrongContent(ServeMessage.noPrivateKey.localized(["labels": keyFile.labelList]))
            )
        }
        // Compared here where X509 reads both, because BoringSSL's own check only says that
        // it "failed to load the private key".
        if let leaf = LocalCertificateAuthority.firstCertificate(in: certificateFile)?.0,
           let publicKey = publicKey(in: keyFile), publicKey != leaf.publicKey {
            throw ServerTLSError.keyDoesNotMatchCertificate(certificatePath: certificateChain.path, privateKeyPath: privateKey.path)
        }

        var configuration = TLSConfiguration.makeServerConfiguration(
            certificateChain: certificates.map { .certificate($0) },
            privateKey: .privateKey(key)
        )
        configuration.minimumTLSVersion = minimumVersion
        do {
            _ = try NIOSSLContext(configuration: configuration)
        } catch NIOSSLError.failedToLoadPrivateKey {
            // The key alone loaded above, so what fails is pairing it with the certificate.
            throw ServerTLSError.keyDoesNotMatchCertificate(certificatePath: certificateChain.path, privateKeyPath: privateKey.path)
        } catch {
            throw ServerTLSError.unusableCertificate(
                certificatePath: certificateChain.path,
                privateKeyPath: privateKey.path,
                reason: String(describing: error)
            )
        }
        return configuration
    }

    /// The public half of the first private key in `file`, when X509 can read it.
    private static func publicKey(in file: PEMFile) -> Certificate.PublicKey? {
        let keyLabels = ["PRIVATE KEY", "EC PRIVATE KEY", "RSA PRIVATE KEY"]
        guard let documents = try? PEMDocument.parseMultiple(pemString: file.text),
              let document = documents.first(where: { keyLabels.contains($0.discriminator) }),
              let key = try? Certificate.PrivateKey(pemDocument: document)
        else { return nil }
        return key.publicKey
    }
}
