import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a host as people type it on the command line (`fv.example.lan`, `192.168.1.10`,
/// `::1`, `[::1]`): whether it is an address on this machine only, and which IP address it is.
public enum NetworkHost {
    /// Whether `host` can only be reached from this machine: `localhost`, `127.0.0.0/8`
    /// or `::1`. The server refuses plain HTTP on anything else, because tokens would
    /// cross the network in clear text.
    ///
    /// Wildcard addresses (`0.0.0.0`, `::`) are not loopback: they listen on every interface.
    public static func isLoopback(_ host: String) -> Bool {
        let host = normalized(host)
        if host == "localhost" { return true }
        guard let bytes = ipAddress(host) else { return false }
        if bytes.count == 4 { return bytes[0] == 127 }
        if bytes == loopbackIPv6 { return true }
        // `::ffff:127.0.0.1` is the IPv4 loopback seen through an IPv6 socket.
        return bytes[0..<10].allSatisfy { $0 == 0 } && bytes[10] == 0xFF && bytes[11] == 0xFF && bytes[12] == 127
    }

    /// The address bytes of `host` (4 for IPv4, 16 for IPv6) in network order, or `nil`
    /// when it is a name rather than an address.
    static func ipAddress(_ host: String) -> [UInt8]? {
        let host = normalized(host)
        var v4 = in_addr()
        if inet_pton(AF_INET, host, &v4) == 1 { return withUnsafeBytes(of: &v4) { Array($0) } }
        var v6 = in6_addr()
        if inet_pton(AF_INET6, host, &v6) == 1 { return withUnsafeBytes(of: &v6) { Array($0) } }
        return nil
    }

    /// The usual text of an address given as 4 or 16 bytes (`::1`, not `0:0:0:0:0:0:0:1`).
    static func text(ofIPAddress bytes: some Collection<UInt8>) -> String? {
        let bytes = Array(bytes)
        let family: Int32
        switch bytes.count {
        case 4: family = AF_INET
        case 16: family = AF_INET6
        default: return nil
        }
        var buffer = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
        let written = bytes.withUnsafeBytes { source in
            inet_ntop(family, source.baseAddress, &buffer, socklen_t(buffer.count))
        }
        guard written != nil else { return nil }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// `host` without surrounding blanks, URL brackets (`[::1]`) or the root dot of a
    /// fully qualified name, in lower case: the form compared and written into certificates.
    static func normalized(_ host: String) -> String {
        var host = host.trimmingCharacters(in: .whitespaces).lowercased()
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        if host.count > 1, host.hasSuffix(".") { host.removeLast() }
        return host
    }

    /// Whether `host` is a wildcard listen address (`0.0.0.0`, `::`), which names no machine.
    static func isUnspecified(_ host: String) -> Bool {
        guard let bytes = ipAddress(host) else { return false }
        return bytes.allSatisfy { $0 == 0 }
    }

    private static let loopbackIPv6: [UInt8] = Array(repeating: 0, count: 15) + [1]
}
