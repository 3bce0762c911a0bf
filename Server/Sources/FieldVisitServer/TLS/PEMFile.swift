import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The contents of a PEM file, read with POSIX calls so that a problem comes with the
/// system's own reason ("Permission denied", "Is a directory").
struct PEMFile: Sendable {
    /// The raw bytes, as TLS libraries want them.
    var bytes: [UInt8]
    /// The labels of the blocks, in order (`CERTIFICATE`, `PRIVATE KEY`, …).
    var labels: [String]

    /// The bytes as text.
    var text: String { String(decoding: bytes, as: UTF8.self) }

    /// Certificates and keys are a few kilobytes; a bigger file was given by mistake.
    private static let sizeLimit = 1 << 20

    /// Reads the PEM file at `url`.
    static func load(_ url: URL) throws(ServerTLSError.FileProblem) -> PEMFile {
        let descriptor = open(url.path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            let code = errno
            throw code == ENOENT || code == ENOTDIR ? .missing : .unreadable(reason: systemMessage(code))
        }
        defer { close(descriptor) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 16 * 1024)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count == 0 { break }
            if count < 0 {
                if errno == EINTR { continue }
                throw .unreadable(reason: systemMessage(errno))
            }
            bytes += chunk[0..<count]
            if bytes.count > sizeLimit { throw .wrongContent(ServeMessage.pemTooLarge.localized()) }
        }
        let labels = String(decoding: bytes, as: UTF8.self).split(whereSeparator: \.isNewline).compactMap { line -> String? in
            let line = line.trimmingCharacters(in: .whitespaces)
            guard line.hasPrefix("-----BEGIN "), line.hasSuffix("-----"), line.count > 16 else { return nil }
            return String(line.dropFirst(11).dropLast(5))
        }
        guard !labels.isEmpty else { throw .notPEM }
        return PEMFile(bytes: bytes, labels: labels)
    }

    /// Reads the PEM file at `url`, turning a problem with it into the caller's error.
    static func load(_ url: URL, orThrow wrap: (ServerTLSError.FileProblem) -> ServerTLSError) throws(ServerTLSError) -> PEMFile {
        do throws(ServerTLSError.FileProblem) {
            return try load(url)
        } catch {
            throw wrap(error)
        }
    }

    /// "PRIVATE KEY, CERTIFICATE": what a file holds, for messages saying it holds the wrong thing.
    var labelList: String { labels.joined(separator: ", ") }

    /// Writes `text` to `url` with exactly `permissions`, replacing the file in one step.
    ///
    /// The file is created under a temporary name with its final mode (so a private key is
    /// never readable by others, even for an instant), synced, then renamed: a crash leaves
    /// either the old file or the new one, never half a key.
    static func save(_ text: String, to url: URL, permissions: mode_t) throws(ServerTLSError) {
        let temporary = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).tmp")
        let descriptor = open(temporary.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, permissions)
        guard descriptor >= 0 else { throw .cannotWrite(path: url.path, reason: systemMessage(errno)) }
        var failure: Int32?
        // The umask may have removed bits (ca.pem must stay readable by everyone).
        if fchmod(descriptor, permissions) != 0 { failure = errno }
        let bytes = Array(text.utf8)
        var offset = 0
        while failure == nil, offset < bytes.count {
            let count = bytes[offset...].withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno != EINTR { failure = errno }
            } else {
                offset += count
            }
        }
        if failure == nil, fsync(descriptor) != 0 { failure = errno }
        if close(descriptor) != 0, failure == nil { failure = errno }
        if failure == nil, rename(temporary.path, url.path) != 0 { failure = errno }
        if let failure {
            unlink(temporary.path)
            throw .cannotWrite(path: url.path, reason: systemMessage(failure))
        }
    }

    /// The system's text for an `errno` value.
    static func systemMessage(_ code: Int32) -> String { String(cString: strerror(code)) }
}
