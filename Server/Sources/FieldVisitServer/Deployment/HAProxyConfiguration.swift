import Foundation

/// An haproxy configuration for several servers sharing one PostgreSQL database: TLS
/// passed through (TCP mode), so that laptops speak TLS with the servers themselves,
/// which share one certificate; each server's `/health` checked every 300 ms, and no new
/// connection sent to one that stopped answering.
///
/// `docs/sync-server.md` shows it; the tests and `fieldvisit-bench sync-postgres` run
/// haproxy with it.
public enum HAProxyConfiguration {
    /// The configuration listening on `listen` (`ADDRESS:PORT`) for the servers at
    /// `servers` (`ADDRESS:PORT` each).
    public static func text(listen: String, servers: [String]) -> String {
        """
        global
            maxconn 4096

        defaults
            mode tcp
            timeout connect 2s
            timeout client 120s
            timeout server 120s
            retries 2
            option redispatch

        frontend fieldvisit
            bind \(listen)
            default_backend fieldvisit_servers

        backend fieldvisit_servers
            balance roundrobin
            option httpchk GET /health
            http-check expect status 200
        \(servers.enumerated().map { "    server s\($0.offset + 1) \($0.element) check check-ssl verify none inter 300ms fall 1 rise 2" }.joined(separator: "\n"))

        """
    }

    /// Where Debian's package installs haproxy; `nil` when it is not installed.
    public static var installedProgram: String? {
        ["/usr/sbin/haproxy", "/usr/bin/haproxy", "/usr/local/sbin/haproxy"].first { FileManager.default.isExecutableFile(atPath: $0) }
    }
}
