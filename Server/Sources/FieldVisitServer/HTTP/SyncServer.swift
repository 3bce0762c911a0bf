import CoreMetrics
import FieldVisitCore
import Foundation
import Hummingbird
import HummingbirdCore
import HummingbirdTLS
import Logging
import NIOCore
import NIOSSL

/// The sync server: the protocol's routes over HTTPS (or plain HTTP on loopback, for
/// development only), until SIGTERM or SIGINT, after which requests in flight finish.
public struct SyncServer: Sendable {
    /// How the server speaks to clients.
    public enum Transport: Sendable {
        /// HTTPS with this configuration.
        case tls(TLSConfiguration)
        /// Plain HTTP: allowed only on a loopback address.
        case insecureHTTP
    }

    /// The address to listen on.
    public var host: String
    /// The port; 0 picks a free one (the running callback tells which).
    public var port: Int
    /// HTTPS or, for development, HTTP.
    public var transport: Transport
    /// What the routes do.
    public var service: SyncService
    /// Where the server logs.
    public var logger: Logger
    /// How long a connection may stay silent (no request, or a handshake or a request
    /// that does not progress) before the server closes it: idle connections must not
    /// pile up until laptops can no longer connect.
    public var idleTimeout: Duration
    /// Where the console keeps the stores its reports read (kept across restarts), or
    /// `nil` for a temporary directory.
    public var consoleDirectory: URL?
    /// Where snapshots are kept for new laptops to finish after a dropped link
    /// (``SnapshotFiles``), or `nil` for a temporary directory.
    public var snapshotDirectory: URL?

    /// The idle timeout when none is given: long enough for a laptop on a slow link
    /// between two requests of a sync, short enough that abandoned connections go.
    public static let defaultIdleTimeout: Duration = .seconds(30)

    public init(host: String, port: Int, transport: Transport, service: SyncService, logger: Logger,
                idleTimeout: Duration = SyncServer.defaultIdleTimeout, consoleDirectory: URL? = nil, snapshotDirectory: URL? = nil) throws {
        if case .insecureHTTP = transport, !NetworkHost.isLoopback(host) {
            throw ServerStartError.insecureHTTPNotOnLoopback(host: host)
        }
        self.host = host
        self.port = port
        self.transport = transport
        self.service = service
        self.logger = logger
        self.idleTimeout = idleTimeout
        self.consoleDirectory = consoleDirectory
        self.snapshotDirectory = snapshotDirectory
    }

    /// Serves until a shutdown signal; `onRunning` receives the base URL once listening.
    public func run(onRunning: @escaping @Sendable (String) async -> Void = { _ in }) async throws {
        let builder: HTTPServerBuilder
        let scheme: String
        let http1 = HTTP1Channel.Configuration(additionalChannelHandlers: [UnreadableRequestHandler()], idleTimeout: TimeAmount(idleTimeout))
        switch transport {
        case .tls(let configuration):
            builder = try .tls(.http1(configuration: http1), tlsConfiguration: configuration)
            scheme = "https"
        case .insecureHTTP:
            builder = .http1(configuration: http1)
            scheme = "http"
        }
        let host = host
        let app = Application(
            router: SyncRoutes.router(service, consoleDirectory: consoleDirectory, snapshotDirectory: snapshotDirectory),
            server: builder,
            configuration: ApplicationConfiguration(address: .hostname(host, port: port), serverName: "fieldvisit-server/\(ServerInfo.version)"),
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? 0
                let shown = host.contains(":") ? "[\(host)]" : host
                await onRunning("\(scheme)://\(shown):\(port)")
            },
            logger: logger
        )
        // Every connection is served in a child task of this one, so Hummingbird's
        // request metrics are made with this server's factory and land in its registry.
        try await withMetricsFactory(service.metrics.factory) {
            try await app.runService()
        }
    }
}

/// Why the server would not start.
public enum ServerStartError: Error, Sendable, CustomStringConvertible {
    /// `--insecure-http` with an address other machines can reach.
    case insecureHTTPNotOnLoopback(host: String)
    /// Only one of `--tls-cert` and `--tls-key`.
    case incompleteTLSOptions

    public var description: String {
        switch self {
        case .insecureHTTPNotOnLoopback(let host): ServeMessage.insecureHTTPNotOnLoopback.text(["host": host])
        case .incompleteTLSOptions: ServeMessage.incompleteTLSOptions.text()
        }
    }
}
