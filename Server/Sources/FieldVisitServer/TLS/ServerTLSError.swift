import Foundation

/// Why the server cannot set up TLS, worded for the administrator who starts it: each
/// message names the file at fault and, where there is one, what to do.
public enum ServerTLSError: Error, Sendable, Equatable, CustomStringConvertible, LocalizedError {
    /// The certificate (chain) file cannot be used.
    case certificateFile(path: String, problem: FileProblem)
    /// The private key file cannot be used.
    case privateKeyFile(path: String, problem: FileProblem)
    /// The key is valid but belongs to another certificate.
    case keyDoesNotMatchCertificate(certificatePath: String, privateKeyPath: String)
    /// TLS refused the pair for another reason (reported by BoringSSL).
    case unusableCertificate(certificatePath: String, privateKeyPath: String, reason: String)
    /// A host name given for the server certificate is neither a DNS name nor an IP address.
    case invalidHostName(String)
    /// A file of the local certificate authority (`path`, in `directory`) is missing or damaged.
    case damagedAuthority(directory: String, path: String, problem: FileProblem)
    /// The local certificate authority is past its end date.
    case expiredAuthority(directory: String, notValidAfter: Date)
    /// The local certificate authority's name constraints do not cover `names`: it was
    /// created for the server's names at the time (`permitted`).
    case nameOutsideAuthority(directory: String, names: [String], permitted: [String])
    /// The TLS folder or one of its files cannot be written.
    case cannotWrite(path: String, reason: String)

    /// What is wrong with one file.
    public enum FileProblem: Error, Sendable, Equatable, CustomStringConvertible {
        /// There is no such file.
        case missing
        /// The file exists but cannot be read (the reason is the system's, e.g. "Permission denied").
        case unreadable(reason: String)
        /// The file holds no `-----BEGIN …-----` block.
        case notPEM
        /// The file is PEM but does not hold what is needed; the text says what it holds instead.
        case wrongContent(String)

        /// The problem as the end of a sentence starting with the file's name.
        public var description: String {
            switch self {
            case .missing: "does not exist"
            case .unreadable(let reason): "cannot be read (\(reason))"
            case .notPEM: "is not in PEM format (no \"-----BEGIN …-----\" line)"
            case .wrongContent(let text): text
            }
        }
    }

    /// The message for the administrator.
    public var description: String {
        switch self {
        case .certificateFile(let path, let problem):
            return "The TLS certificate file \(path) \(problem)."
        case .privateKeyFile(let path, let problem):
            return "The TLS private key file \(path) \(problem)."
        case .keyDoesNotMatchCertificate(let certificatePath, let privateKeyPath):
            return "The TLS private key \(privateKeyPath) does not belong to the certificate \(certificatePath): "
                + "give the key that was created together with that certificate."
        case .unusableCertificate(let certificatePath, let privateKeyPath, let reason):
            return "TLS cannot use the certificate \(certificatePath) with the key \(privateKeyPath): \(reason)."
        case .invalidHostName(let name):
            return "\"\(name)\" cannot go into the server certificate: it is neither a DNS name "
                + "(letters, digits, '-' and '.', internationalised names in their xn-- form) nor an IP address."
        case .damagedAuthority(let directory, let path, let problem):
            return "The server's certificate authority cannot be used: \(path) \(problem). "
                + "The server never replaces its authority by itself, because laptops already trust it. "
                + "Restore the file from a backup, or move the folder \(directory) away: the next start then creates "
                + "a new authority, and every laptop must trust the new \(LocalCertificateAuthority.caCertificateFileName)."
        case .expiredAuthority(let directory, let notValidAfter):
            let date = ISO8601DateFormatter().string(from: notValidAfter)
            return "The server's certificate authority in \(directory) expired on \(date). "
                + "Move the folder \(directory) away: the next start then creates a new authority, "
                + "and every laptop must trust the new \(LocalCertificateAuthority.caCertificateFileName)."
        case .nameOutsideAuthority(let directory, let names, let permitted):
            return "The server's certificate authority in \(directory) may only vouch for \(permitted.joined(separator: ", ")), "
                + "not for \(names.joined(separator: ", ")). Start the server without that name, or move the folder \(directory) away: "
                + "the next start then creates a new authority for all the names, "
                + "and every laptop must trust the new \(LocalCertificateAuthority.caCertificateFileName)."
        case .cannotWrite(let path, let reason):
            return "Cannot write \(path) (\(reason))."
        }
    }

    /// The same message, for code that reads `localizedDescription`.
    public var errorDescription: String? { description }
}
