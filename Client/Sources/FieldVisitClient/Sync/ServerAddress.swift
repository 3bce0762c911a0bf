import FieldVisitCore
import Foundation

/// The sync server's base URL, checked: `https://`, or `http://` only to this machine
/// (127.x.x.x, ::1, localhost) for local development, since anything else would send
/// passwords and records in the clear.
public struct ServerAddress: Sendable, Hashable, CustomStringConvertible {
    /// The URL, without a trailing slash, query or fragment.
    public let url: URL

    /// Checks and normalises an address as typed (`https://sync.example.jp:8443`).
    public init(_ text: String) throws(SyncFailure) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard let components = URLComponents(string: trimmed), let scheme = components.scheme?.lowercased(),
              let host = components.host, !host.isEmpty
        else {
            throw .invalidServerAddress(text, reason: ConnectionMessage.addressNotURL.text())
        }
        guard components.user == nil, components.password == nil else {
            throw .invalidServerAddress(text, reason: ConnectionMessage.addressWithUser.text())
        }
        guard components.query == nil, components.fragment == nil else {
            throw .invalidServerAddress(text, reason: ConnectionMessage.addressWithQuery.text())
        }
        switch scheme {
        case "https":
            break
        case "http":
            guard Self.isLoopback(host) else {
                throw .invalidServerAddress(text, reason: ConnectionMessage.addressPlainHTTP.text())
            }
        default:
            throw .invalidServerAddress(text, reason: ConnectionMessage.addressNotHTTPS.text())
        }
        var normalised = components
        normalised.scheme = scheme
        while normalised.path.hasSuffix("/") { normalised.path.removeLast() }
        guard let url = normalised.url else { throw .invalidServerAddress(text, reason: ConnectionMessage.addressNotURL.text()) }
        self.url = url
    }

    /// Whether the connection is encrypted (https).
    public var isSecure: Bool { url.scheme == "https" }

    public var description: String { url.absoluteString }

    /// The full URL of an endpoint path (`/v1/changes`), with an optional query.
    func endpoint(_ path: String, query: String? = nil) -> String {
        url.absoluteString + path + (query.map { "?" + $0 } ?? "")
    }

    /// Whether `host` names this computer.
    static func isLoopback(_ host: String) -> Bool {
        var name = host.lowercased()
        if name.hasPrefix("["), name.hasSuffix("]") { name = String(name.dropFirst().dropLast()) }
        if name == "localhost" || name == "::1" || name == "0:0:0:0:0:0:0:1" { return true }
        let octets = name.split(separator: ".", omittingEmptySubsequences: false)
        return octets.count == 4 && octets[0] == "127" && octets.allSatisfy { UInt8($0) != nil }
    }
}
