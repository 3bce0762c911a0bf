import FieldVisitCore
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
        case wrongContent(LocalizedText)

        /// The problem as the end of a sentence starting with the file's name.
        public var description: String {
            switch self {
            case .missing: ServeMessage.fileMissing.text()
            case .unreadable(let reason): ServeMessage.fileUnreadable.text(["reason": reason])
            case .notPEM: ServeMessage.fileNotPEM.text()
            case .wrongContent(let text): text.text()
            }
        }
    }

    /// The message for the administrator, in the process's language.
    public var description: String {
        let ca = LocalCertificateAuthority.caCertificateFileName
        return switch self {
        case .certificateFile(let path, let problem):
            ServeMessage.certificateFile.text(["path": path, "problem": problem.description])
        case .privateKeyFile(let path, let problem):
            ServeMessage.privateKeyFile.text(["path": path, "problem": problem.description])
        case .keyDoesNotMatchCertificate(let certificatePath, let privateKeyPath):
            ServeMessage.keyDoesNotMatch.text(["key": privateKeyPath, "certificate": certificatePath])
        case .unusableCertificate(let certificatePath, let privateKeyPath, let reason):
            ServeMessage.unusableCertificate.text(["certificate": certificatePath, "key": privateKeyPath, "reason": reason])
        case .invalidHostName(let name):
            ServeMessage.invalidHostName.text(["name": name])
        case .damagedAuthority(let directory, let path, let problem):
            ServeMessage.damagedAuthority.text(["path": path, "problem": problem.description, "directory": directory, "ca": ca])
        case .expiredAuthority(let directory, let notValidAfter):
            ServeMessage.expiredAuthority.text(["directory": directory, "date": ISO8601DateFormatter().string(from: notValidAfter), "ca": ca])
        case .nameOutsideAuthority(let directory, let names, let permitted):
            ServeMessage.nameOutsideAuthority.text(["directory": directory, "permitted": permitted.joined(separator: ", "),
                                                    "names": names.joined(separator: ", "), "ca": ca])
        case .cannotWrite(let path, let reason):
            ServeMessage.cannotWrite.text(["path": path, "reason": reason])
        }
    }

    /// The same message, for code that reads `localizedDescription`.
    public var errorDescription: String? { description }
}
