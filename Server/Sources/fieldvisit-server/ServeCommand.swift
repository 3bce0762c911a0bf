import ArgumentParser
import FieldVisitCore
import FieldVisitServer
import Foundation
import Logging

/// `fieldvisit-server serve`: runs the sync server until SIGTERM or SIGINT.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: ServerCommandHelp.serveAbstract.text(),
        discussion: ServerCommandHelp.serveDiscussion.text()
    )

    @OptionGroup var data: DataDirectoryOptions
    @Option(help: ArgumentHelp(ServerCommandHelp.serveHost.text())) var host = "127.0.0.1"
    @Option(help: ArgumentHelp(ServerCommandHelp.servePort.text())) var port = 8443
    @Option(name: .customLong("tls-cert"), help: ArgumentHelp(ServerCommandHelp.serveTLSCert.text())) var tlsCertificate: String?
    @Option(name: .customLong("tls-key"), help: ArgumentHelp(ServerCommandHelp.serveTLSKey.text())) var tlsKey: String?
    @Option(name: .customLong("name"), parsing: .upToNextOption, help: ArgumentHelp(ServerCommandHelp.serveName.text()))
    var extraHostNames: [String] = []
    @Option(name: .customLong("idle-timeout"), help: ArgumentHelp(ServerCommandHelp.serveIdleTimeout.text()))
    var idleTimeout: Int = Int(SyncServer.defaultIdleTimeout.components.seconds)
    @Option(name: .customLong("token-lifetime-days"), help: ArgumentHelp(ServerCommandHelp.serveTokenLifetime.text()))
    var tokenLifetimeDays: Int = Int(SyncService.defaultTokenLifetime / 86_400)
    @Flag(name: .customLong("insecure-http"), help: ArgumentHelp(ServerCommandHelp.serveInsecureHTTP.text())) var insecureHTTP = false

    func run() async throws {
        var logger = Logger(label: "fieldvisit-server")
        logger.logLevel = ProcessInfo.processInfo.environment["LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? .info
        let directory = data.url
        let storage = try await data.storage()
        let transport: SyncServer.Transport
        var trust: String?
        switch (insecureHTTP, tlsCertificate, tlsKey) {
        case (true, nil, nil):
            transport = .insecureHTTP
        case (true, _, _):
            throw ServerStartError.incompleteTLSOptions
        case (false, let certificate?, let key?):
            transport = .tls(try ServerTLS.configuration(certificateChain: URL(fileURLWithPath: certificate), privateKey: URL(fileURLWithPath: key)))
        case (false, nil, nil):
            let files = try LocalCertificateAuthority.prepare(directory: directory.appendingPathComponent("tls"), hostNames: [host] + extraHostNames)
            transport = .tls(try ServerTLS.configuration(certificateChain: files.certificate, privateKey: files.privateKey))
            trust = "clients trust: \(files.caCertificate.path)\nCA SHA-256 fingerprint: \(files.caFingerprint)"
        default:
            throw ServerStartError.incompleteTLSOptions
        }
        let banner = trust
        guard (1...3600).contains(idleTimeout) else { throw ValidationError(AdminMessage.idleTimeoutRange.text()) }
        guard (1...3650).contains(tokenLifetimeDays) else { throw ValidationError(AdminMessage.tokenLifetimeRange.text()) }
        let server = try SyncServer(host: host, port: port, transport: transport, service: SyncService(storage: storage, tokenLifetime: TimeInterval(tokenLifetimeDays) * 86_400), logger: logger,
                                    idleTimeout: .seconds(idleTimeout), consoleDirectory: directory.appendingPathComponent("console"),
                                    snapshotDirectory: directory.appendingPathComponent("snapshots"))
        try await server.run { url in
            var lines = ["fieldvisit-server \(ServerInfo.version)", "data: \(directory.path)"]
            if let banner { lines.append(banner) }
            lines.append("listening: \(url)")
            // Written at once and unbuffered: scripts and tests wait for the last line.
            FileHandle.standardOutput.write(Data((lines.joined(separator: "\n") + "\n").utf8))
        }
    }
}
